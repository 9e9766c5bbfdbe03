/**
 * What the server and the web share: the one module of `functions/` the web may import besides the generated API
 * types (docs/architecture.md). Plain constants and type guards only; it imports nothing, so it adds nothing of the
 * server to a page's bundle.
 */

/** Languages the platform speaks; the first is the default. */
export const languages = ['zh-CN', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'zh-CN';

/** The cookie that remembers a browser's choice of language. */
export const langCookie = 'lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
