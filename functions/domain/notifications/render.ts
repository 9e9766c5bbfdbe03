/**
 * A notification in the reader's language, made when it is read (so it reads in the language they use then): its
 * kind and variant name the texts in messages.ts, its parameters fill them in. Instants (`…At`) are shown in
 * Shanghai time; words given in every language are taken in the reader's.
 */
import { apiMessage, isMessageRef, type Lang, type MessageRef } from '../../platform/i18n.js';
import { notificationsMessages } from './messages.js';
import type { Entry, Notification, Params } from './schema.js';

const catalog = notificationsMessages as unknown as Record<string, MessageRef | undefined>;

const formats: Record<Lang, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false }),
};

/** An instant as a person reads it (11月30日 14:00 / 30 Nov, 14:00). */
export function instantIn(lang: Lang, iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formats[lang].format(at);
}

/** The parameters as strings in a language. */
export function paramsIn(lang: Lang, params: Params): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'object') out[name] = value[lang] ?? value['zh-CN'] ?? '';
    else if (typeof value === 'string' && name.endsWith('At')) out[name] = instantIn(lang, value);
    else out[name] = value;
  }
  return out;
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The text `<kind><Variant><part>`, falling back to the kind's own when the variant has none. */
export function textOf(entry: Pick<Entry, 'kind' | 'variant'>, part: 'Title' | 'Body' | 'Line'): MessageRef | undefined {
  const withVariant = catalog[`${entry.kind}${entry.variant ? capitalised(entry.variant) : ''}${part}`];
  return withVariant ?? catalog[`${entry.kind}${part}`];
}

/** Whether an entry has the texts it needs (an event without a title is a caller's mistake, refused by `notify`). */
export function renderable(entry: Pick<Entry, 'kind' | 'variant'>, asLine: boolean): boolean {
  return asLine ? isMessageRef(textOf(entry, 'Line')) : isMessageRef(textOf(entry, 'Title'));
}

export interface Rendered {
  title: string;
  body: string;
  lines: Array<{ kind: Entry['kind']; text: string; link: string | null }>;
}

export function render(notification: Pick<Notification, 'kind' | 'variant' | 'params' | 'lines'>, lang: Lang): Rendered {
  const params = paramsIn(lang, notification.params);
  const title = textOf(notification, 'Title');
  const body = textOf(notification, 'Body');
  return {
    title: title ? apiMessage(lang, title, params) : notification.kind,
    body: body ? apiMessage(lang, body, params) : '',
    lines: (notification.lines ?? []).map((line) => {
      const text = textOf(line, 'Line');
      return { kind: line.kind, text: text ? apiMessage(lang, text, paramsIn(lang, line.params)) : line.kind, link: line.link };
    }),
  };
}
