/**
 * Languages the platform speaks, and the messages the API itself says (errors, statuses).
 * The web has its own, larger catalogs under web/app/i18n; both share these language codes.
 */
export const languages = ['zh-CN', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'zh-CN';
export const langCookie = 'lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language a request asks for: the remembered choice first, then Accept-Language, then Chinese. */
export function langFromHeaders(cookieHeader: string | null | undefined, acceptLanguage?: string | null): Lang {
  const fromCookie = readCookie(cookieHeader, langCookie);
  if (isLang(fromCookie)) return fromCookie;
  if (acceptLanguage) {
    const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
    if (first.startsWith('en')) return 'en';
  }
  return defaultLang;
}

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const apiMessages = {
  'zh-CN': {
    notFound: '没有找到这个接口：{path}',
    malformedJson: '请求体不是有效的 JSON，请检查格式后重试。',
    validation: '提交的内容有误，请按提示修改后重试。',
    payloadTooLarge: '请求体太大（上限 {limit}），请减小后重试。',
    unauthenticated: '请先登录。',
    forbidden: '您没有权限执行这个操作。',
    conflict: '数据已被其他人修改，请刷新后重试。',
    rateLimited: '操作太频繁，请稍后再试。',
    internal: '服务器出了点问题，我们已记录，请稍后再试。',
    crossOrigin: '拒绝来自其他网站的请求。',
    unsupportedMediaType: '请以 JSON 格式（Content-Type: application/json）提交。',
  },
  en: {
    notFound: 'There is no API route at {path}.',
    malformedJson: 'The request body is not valid JSON. Check its format and try again.',
    validation: 'Some of the submitted values are not valid. Correct them as described and try again.',
    payloadTooLarge: 'The request body is too large (limit {limit}). Make it smaller and try again.',
    unauthenticated: 'Please sign in first.',
    forbidden: 'You do not have permission to do this.',
    conflict: 'Someone else changed this in the meantime. Reload and try again.',
    rateLimited: 'Too many requests. Please wait a moment and try again.',
    internal: 'Something went wrong on the server. It has been logged; please try again later.',
    crossOrigin: 'Requests from other sites are refused.',
    unsupportedMediaType: 'Send the body as JSON (Content-Type: application/json).',
  },
} satisfies Record<Lang, Record<string, string>>;

export type ApiMessageKey = keyof (typeof apiMessages)['en'];

export function apiMessage(lang: Lang, key: ApiMessageKey, params: Record<string, string | number> = {}): string {
  const template: string = apiMessages[lang][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
