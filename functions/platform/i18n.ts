/**
 * Languages the platform speaks, and the mechanism by which the API speaks them: an area declares its texts in its
 * own messages.ts with `defineMessages` (and the names of its request fields with `defineFieldLabels`), and the
 * error and validation layers render them in the requester's language. See docs/architecture.md and decision 023.
 * The platform's own texts, kept here by key, are only those that belong to no area: the generic HTTP errors, the
 * validation templates that name any field, a refused paging cursor; and the labels of fields every area shares
 * (a page's cursor and size, a record's version, a language, a kind, the unnamed "value").
 * The web has its own, larger catalogs under web/app/i18n; both share these language codes.
 */
import { defaultLang, isLang, langCookie, languages, type Lang } from '../shared/constants.js';

export { defaultLang, isLang, langCookie, languages, type Lang } from '../shared/constants.js';

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
    headersTooLarge: '请求头太大（多半是 Cookie 太多），请清除本站的 Cookie 后重试。',
    unauthenticated: '请先登录。',
    forbidden: '您没有权限执行这个操作。',
    conflict: '数据已被其他人修改，请刷新后重试。',
    rateLimited: '操作太频繁，请稍后再试。',
    internal: '服务器出了点问题，我们已记录，请稍后再试。',
    crossOrigin: '拒绝来自其他网站的请求。',
    unsupportedMediaType: '请以 JSON 格式（Content-Type: application/json）提交。',
    versionConflict: '这条记录已被他人修改（您看到的是第 {expected} 版，现在是第 {actual} 版）。请刷新后重新修改。',
    cursorUnknown: '翻页标记无效：请从第一页重新查看。',
    fieldRequired: '请填写{field}',
    fieldChoose: '请选择{field}',
    fieldNotText: '{field}应当是文字',
    fieldTooShort: '{field}至少 {min} 个字',
    fieldTooLong: '{field}不能超过 {max} 个字',
    fieldControlCharacters: '{field}里有无法显示的控制字符，请删去后再提交',
    fieldBrokenCharacters: '{field}里有损坏的字符（可能是复制时断开的表情或符号），请删去后再提交',
    fieldBidiControls: '{field}里有改变文字方向的隐藏字符，请删去后再提交',
    fieldDate: '{field}不是有效的日期，请按“年-月-日”填写，如 2027-02-28',
    fieldDateTime: '{field}不是有效的日期或时间，请按“年-月-日”填写，如 2027-02-28',
    fieldNumber: '{field}应当是数字',
    fieldInteger: '{field}应当是整数',
    fieldMin: '{field}不能小于 {min}',
    fieldMax: '{field}不能大于 {max}',
    fieldStep: '{field}须是 {step} 的整数倍',
    fieldBoolean: '{field}只能是“是”或“否”',
    fieldChoice: '请从列出的选项中选择{field}',
    fieldReference: '{field}无效：请从列表中选择，或检查链接是否完整',
    fieldUrl: '{field}须以 http:// 或 https:// 开头',
    fieldFormat: '{field}的格式不对',
    fieldTooFew: '{field}至少要有 {min} 项',
    fieldTooMany: '{field}最多 {max} 项',
    fieldInvalid: '{field}填写得不对，请检查',
    fieldsUnknown: '不认识这些字段：{keys}',
    formUnreadable: '无法读取提交的内容：请在页面上填写表单后再提交。',
  },
  en: {
    notFound: 'There is no API route at {path}.',
    malformedJson: 'The request body is not valid JSON. Check its format and try again.',
    validation: 'Some of the submitted values are not valid. Correct them as described and try again.',
    payloadTooLarge: 'The request body is too large (limit {limit}). Make it smaller and try again.',
    headersTooLarge: 'The request headers are too large (usually too many cookies). Clear this site\'s cookies and try again.',
    unauthenticated: 'Please sign in first.',
    forbidden: 'You do not have permission to do this.',
    conflict: 'Someone else changed this in the meantime. Reload and try again.',
    rateLimited: 'Too many requests. Please wait a moment and try again.',
    internal: 'Something went wrong on the server. It has been logged; please try again later.',
    crossOrigin: 'Requests from other sites are refused.',
    unsupportedMediaType: 'Send the body as JSON (Content-Type: application/json).',
    versionConflict: 'Someone else changed this record (you saw version {expected}; it is now version {actual}). Reload and make your change again.',
    cursorUnknown: 'The page marker is not one this listing gave out: start again from the first page.',
    fieldRequired: 'Enter the {field}',
    fieldChoose: 'Choose the {field}',
    fieldNotText: 'The {field} must be text',
    fieldTooShort: 'The {field} needs at least {min} characters',
    fieldTooLong: 'The {field} can be at most {max} characters long',
    fieldControlCharacters: 'The {field} contains control characters that cannot be shown: remove them and submit again',
    fieldBrokenCharacters: 'The {field} contains a broken character (perhaps an emoji or symbol cut in two when copied): remove it and submit again',
    fieldBidiControls: 'The {field} contains hidden characters that change the direction of the text: remove them and submit again',
    fieldDate: 'The {field} is not a real date: write it as year-month-day, e.g. 2027-02-28',
    fieldDateTime: 'The {field} is not a real date or time: write it as year-month-day, e.g. 2027-02-28',
    fieldNumber: 'The {field} must be a number',
    fieldInteger: 'The {field} must be a whole number',
    fieldMin: 'The {field} cannot be less than {min}',
    fieldMax: 'The {field} cannot be more than {max}',
    fieldStep: 'The {field} must be a multiple of {step}',
    fieldBoolean: 'The {field} must be yes or no',
    fieldChoice: 'Choose the {field} from the options offered',
    fieldReference: 'The {field} is not valid: choose it from the list, or check that the link is complete',
    fieldUrl: 'The {field} must start with http:// or https://',
    fieldFormat: 'The {field} is not in the expected form',
    fieldTooFew: 'Give at least {min} in the {field} list',
    fieldTooMany: 'Give at most {max} in the {field} list',
    fieldInvalid: 'The {field} is not valid: check it',
    fieldsUnknown: 'These fields are not known: {keys}',
    formUnreadable: 'The submission could not be read: fill in the form on the page and submit it again.',
  },
} satisfies Record<Lang, Record<string, string>>;

/** One of the platform's own messages, by key. */
export type ApiMessageKey = keyof (typeof apiMessages)['en'];

/**
 * A text an area owns, in every language, with a stable id ("audit.rangeReversed") for logs and tests. Made by
 * `defineMessages`; `AppError`, `apiMessage` and the validation layer take it wherever they take a platform key.
 */
export interface MessageRef {
  readonly id: string;
  /** Its key within the area ("rangeReversed"), for codes the API gives alongside the text. */
  readonly key: string;
  readonly texts: Readonly<Record<Lang, string>>;
}

/** Anything the API can say: one of the platform's own messages (by key), or an area's message. */
export type Message = ApiMessageKey | MessageRef;

/** An area's catalog: the same keys in every language (a key missing from one language does not compile). */
export type Catalog<K extends string> = { readonly [L in Lang]: { readonly [key in K]: string } };

/**
 * Declares an area's texts, as `export const auditMessages = defineMessages('audit', { 'zh-CN': {...}, en: {...} })`
 * in functions/domain/audit/messages.ts, and hands back one reference per key.
 */
export function defineMessages<K extends string>(area: string, catalog: Catalog<K>): { readonly [key in K]: MessageRef } {
  const refs = {} as Record<K, MessageRef>;
  for (const key of Object.keys(catalog[defaultLang]) as K[]) {
    const texts = {} as Record<Lang, string>;
    for (const lang of languages) texts[lang] = catalog[lang][key];
    refs[key] = Object.freeze({ id: `${area}.${key}`, key, texts: Object.freeze(texts) });
  }
  return Object.freeze(refs);
}

export function isMessageRef(value: unknown): value is MessageRef {
  return typeof value === 'object' && value !== null && typeof (value as MessageRef).id === 'string' && typeof (value as MessageRef).texts === 'object';
}

/** A message's id: the platform's key, or the area's "area.key". */
export function messageId(message: Message): string {
  return typeof message === 'string' ? message : message.id;
}

/** A message in a language, with its {parameters} filled in. */
export function apiMessage(lang: Lang, message: Message, params: Record<string, string | number> = {}): string {
  const template: string = typeof message === 'string' ? apiMessages[lang][message] : message.texts[lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/**
 * What each field is called, for validation messages that name it ("请填写课程名称" / "Enter the course title").
 * Free-text fields name their label where their schema is made (platform/fields.ts); every other field is named
 * by its key in the request (the last name in the issue's path), through this table (the fields every area has)
 * and the labels areas declare with `defineFieldLabels`.
 */
const fieldLabels = {
  'zh-CN': {
    kind: '类型',
    lang: '语言',
    version: '版本号',
    cursor: '翻页标记',
    limit: '每页条数',
    value: '这一项',
  },
  en: {
    kind: 'kind',
    lang: 'language',
    version: 'version',
    cursor: 'page marker',
    limit: 'page size',
    value: 'value',
  },
} satisfies Record<Lang, Record<string, string>>;

/** One of the platform's own field labels, by key. */
export type FieldLabelKey = keyof (typeof fieldLabels)['en'];

/** What a field is called: one of the platform's labels (by key), or a label an area declared. */
export type FieldLabel = FieldLabelKey | MessageRef;

/** Labels areas declared, by the name of the request field they name. */
const areaLabels = new Map<string, MessageRef>();

/**
 * Declares what an area's request fields are called, as `defineMessages` declares texts, and makes the validation
 * layer name a field of that key with them wherever it appears in a request. One key has one name across the API:
 * declaring a key that the platform or another area already names differently throws when the module loads.
 */
export function defineFieldLabels<K extends string>(area: string, catalog: Catalog<K>): { readonly [key in K]: MessageRef } {
  const refs = defineMessages(`${area}.field`, catalog);
  for (const key of Object.keys(refs) as K[]) {
    const ref = refs[key];
    const known = labelOfKey(key);
    if (known && languages.some((lang) => fieldLabel(lang, known) !== ref.texts[lang])) {
      throw new Error(`The field "${key}" of ${area} is already named "${fieldLabel(defaultLang, known)}" (${typeof known === 'string' ? `platform.field.${known}` : known.id}): one field name has one label across the API.`);
    }
    areaLabels.set(key, ref);
  }
  return refs;
}

/** The label a request field of this name has, if the platform or an area names it. */
export function labelOfKey(key: PropertyKey): FieldLabel | undefined {
  if (typeof key !== 'string') return undefined;
  if (Object.hasOwn(fieldLabels.en, key)) return key as FieldLabelKey;
  return areaLabels.get(key);
}

export function isFieldLabelKey(key: unknown): key is FieldLabelKey {
  return typeof key === 'string' && Object.hasOwn(fieldLabels.en, key);
}

/** A field's name in a language. */
export function fieldLabel(lang: Lang, label: FieldLabel): string {
  return typeof label === 'string' ? fieldLabels[lang][label] : label.texts[lang];
}

/** A validation message about one field, naming it. */
export function fieldMessage(lang: Lang, message: Message, field: FieldLabel, params: Record<string, string | number> = {}): string {
  return apiMessage(lang, message, { ...params, field: fieldLabel(lang, field) });
}
