import { useEffect, useSyncExternalStore } from 'react';
import { useNavigation, useRouteLoaderData } from '@remix-run/react';
import { defaultLang, isLang, type Lang } from '../../../functions/shared/constants';
import type { MessageKey, Messages } from './types';

export type { MessageKey, Messages } from './types';

/**
 * The messages of each language, as far as they are here. The server has them all from the start (all.server.ts); a
 * browser loads only the page's own language before it hydrates (entry.client.tsx), and another one when the person
 * switches (useMessagesFor) — half the catalogue's weight stays off every phone.
 */
const loaded: Partial<Record<Lang, Messages>> = {};
const loaders: Record<Lang, () => Promise<Messages>> = {
  'zh-CN': () => import('./zh-CN').then((module) => module.zhCN),
  en: () => import('./en').then((module) => module.en),
};

export function provideMessages(lang: Lang, messages: Messages): void {
  loaded[lang] = messages;
}

export function hasMessages(lang: Lang): boolean {
  return loaded[lang] !== undefined;
}

/** Bumped whenever a language arrives, so that everything showing text renders again with it. */
let arrivals = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const arrived = () => arrivals;

export async function loadMessages(lang: Lang): Promise<void> {
  if (loaded[lang]) return;
  loaded[lang] = await loaders[lang]();
  arrivals++;
  for (const listener of listeners) listener();
}

/** Whether a string is one of our message keys (every language has the same keys; a test checks it). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.values(loaded).some((messages) => Object.hasOwn(messages, key));
}

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = loaded[lang]?.[key] ?? loaded[defaultLang]?.[key] ?? Object.values(loaded)[0]?.[key] ?? key;
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
  // A language that arrives after the page switched to it renders every text again.
  useSyncExternalStore(subscribe, arrived, arrived);
  return (key, params) => translate(lang, key, params);
}

/**
 * Keeps the page's language loaded in the browser: starts loading a language as soon as a switch to it is submitted
 * (so it is usually here before the answer), and loads it if the page's language arrives without it (every text
 * then renders again: useT listens). The document (title, lang) renders again too.
 */
export function useMessagesFor(lang: Lang): void {
  const navigation = useNavigation();
  const choosing = navigation.formAction === '/language' ? navigation.formData?.get('lang') : null;
  useSyncExternalStore(subscribe, arrived, arrived);
  useEffect(() => {
    if (isLang(choosing) && !hasMessages(choosing)) void loadMessages(choosing);
  }, [choosing]);
  useEffect(() => {
    if (!hasMessages(lang)) void loadMessages(lang);
  }, [lang]);
}
