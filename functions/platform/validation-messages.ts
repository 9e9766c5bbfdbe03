import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { Lang } from './i18n.js';
import { currentLang } from './request-scope.js';

const locales: Record<Lang, ReturnType<typeof en>> = { en: en(), 'zh-CN': zhCN() };

/**
 * Validation messages in the language of the request being served. Zod builds each message when it finds the
 * problem (with the offending input at hand), so the choice is made there, from the request scope.
 */
export function useRequestLanguageForValidation(): void {
  z.config({ localeError: (issue) => locales[currentLang()].localeError(issue) });
}
