import type { Lang } from '../../../functions/shared/constants';

const timeZone = 'Asia/Shanghai';

/** 2026年11月27日 in Chinese, 27 Nov 2026 in English, always in Shanghai time. */
export function formatDate(iso: string, lang: Lang): string {
  const date = new Date(iso);
  return lang === 'zh-CN'
    ? new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(date)
    : new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

/** The date as above, with the time of day (24-hour clock). */
export function formatDateTime(iso: string, lang: Lang): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
  return `${formatDate(iso, lang)} ${time}`;
}

/** The date with hours and minutes (a meeting's start): 2026年11月30日 17:15, 30 Nov 2026 17:15. */
export function formatDayTime(iso: string, lang: Lang): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `${formatDate(iso, lang)} ${time}`;
}

/** A share 0–1 as a whole percentage ("—" when there is nothing to share). */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
