import { useRouteLoaderData } from '@remix-run/react';
import { defaultLang, isLang, type Lang } from '../../../functions/platform/i18n';
import { en } from './en';
import { zhCN } from './zh-CN';

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;

const catalogs: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[lang][key] ?? catalogs[defaultLang][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The language of the page (from the root loader), falling back to the document's own, then Chinese. */
export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang: Lang }>('root');
  if (data && isLang(data.lang)) return data.lang;
  if (typeof document !== 'undefined' && isLang(document.documentElement.lang)) return document.documentElement.lang;
  return defaultLang;
}

export function useT(): Translate {
  const lang = useLang();
  return (key, params) => translate(lang, key, params);
}
