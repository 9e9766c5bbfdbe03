/**
 * What the member's and the leader's session pages share (safe in the browser): the API's shapes, the words of each
 * type, state and status, and times in Shanghai.
 */
import type { Lang } from '../../../functions/shared/constants';
import type { MessageKey } from '../i18n';
import type { components } from './api-types';
import { formatDate } from './format';

export type SessionSummary = components['schemas']['SessionSummary'];
export type SessionView = components['schemas']['SessionView'];
export type CheckInResult = components['schemas']['CheckInResult'];
export type PersonalCode = components['schemas']['PersonalCode'];
export type CadenceView = components['schemas']['CadenceView'];
export type AttendanceFigures = components['schemas']['AttendanceFigures'];
export type AttendanceTotals = components['schemas']['AttendanceTotals'];
export type SessionType = SessionSummary['type'];
export type AttendanceStatus = NonNullable<SessionSummary['myStatus']>;

/** The least a make-up reflection holds, in characters (the API says the same: MAKE_UP_MIN_CHARACTERS). */
export const REFLECTION_MIN = 100;

export const typeKey = (type: SessionType): MessageKey => `sessions.type.${type}` as MessageKey;
export const stateKey = (state: SessionSummary['state']): MessageKey => `sessions.state.${state}` as MessageKey;
export const statusKey = (status: AttendanceStatus): MessageKey => `sessions.status.${status}` as MessageKey;
export const leaveKey = (state: NonNullable<SessionSummary['myLeave']>): MessageKey => `sessions.leave.${state}` as MessageKey;
export const periodKey = (period: CadenceView['rules'][number]['period']): MessageKey => `sessions.period.${period}` as MessageKey;
/** "a month" / 每月: how often a rule asks. */
export const everyKey = (period: CadenceView['rules'][number]['period']): MessageKey => `sessions.every.${period}` as MessageKey;

const timeZone = 'Asia/Shanghai';

/** 14:30 in Shanghai. */
export function clock(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** The day of the week in the page's language (周一 / Mon). */
function weekday(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { timeZone, weekday: 'short' }).format(new Date(iso));
}

/** "2026年11月30日 周一 14:30–16:00" (the end's date too when it falls on another day), in Shanghai. */
export function timeRange(startsAt: string, endsAt: string, lang: Lang): string {
  const startDay = formatDate(startsAt, lang);
  const endDay = formatDate(endsAt, lang);
  const end = endDay === startDay ? clock(endsAt) : `${endDay} ${clock(endsAt)}`;
  return `${startDay} ${weekday(startsAt, lang)} ${clock(startsAt)}–${end}`;
}

/** The month a session falls in, as a key (2026-11) and as words (2026年11月 / November 2026), in Shanghai. */
export function monthOf(iso: string, lang: Lang): { key: string; label: string } {
  const date = new Date(iso);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(date);
  const year = parts.find((p) => p.type === 'year')!.value;
  const month = parts.find((p) => p.type === 'month')!.value;
  const label = new Intl.DateTimeFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { timeZone, year: 'numeric', month: 'long' }).format(date);
  return { key: `${year}-${month}`, label };
}

/** The year in Shanghai now. */
export function shanghaiYear(now: number): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(new Date(now)));
}

/** The six digits as two groups of three, easier to read off a screen and to type. */
export function groupDigits(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/** Upcoming (not yet ended; soonest first) and past (latest first) sessions, as of `now`. */
export function splitByTime<T extends Pick<SessionSummary, 'startsAt' | 'endsAt'>>(sessions: T[], now: number): { upcoming: T[]; past: T[] } {
  const upcoming = sessions.filter((s) => Date.parse(s.endsAt) >= now).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const past = sessions.filter((s) => Date.parse(s.endsAt) < now).sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return { upcoming, past };
}

/** Sessions grouped by month of their start, months in order, as listed. */
export function byMonth<T extends Pick<SessionSummary, 'startsAt'>>(sessions: T[], lang: Lang): { key: string; label: string; sessions: T[] }[] {
  const groups = new Map<string, { key: string; label: string; sessions: T[] }>();
  for (const session of sessions) {
    const month = monthOf(session.startsAt, lang);
    const group = groups.get(month.key) ?? { ...month, sessions: [] };
    group.sessions.push(session);
    groups.set(month.key, group);
  }
  return [...groups.values()];
}

/** Reasons the API gives for a refused check-in (409 `details.reason`), each said in the page's own words. */
export const checkInReasons = ['stale', 'invalid', 'malformed', 'notYet', 'over', 'closed', 'cancelled'] as const;
export type CheckInReason = (typeof checkInReasons)[number];

/** The reason of a refused check-in, when the API gave one of the known ones. */
export function checkInReasonOf(body: unknown): CheckInReason | null {
  const reason = (body as { error?: { details?: { reason?: unknown } } } | null | undefined)?.error?.details?.reason;
  return typeof reason === 'string' && (checkInReasons as readonly string[]).includes(reason) ? (reason as CheckInReason) : null;
}

/** Sessions whose make-up (补学) the reader still owes or awaits confirmation of, the earliest due first. */
export function openMakeUps<T extends Pick<SessionSummary, 'myMakeUp'>>(sessions: T[]): T[] {
  return sessions
    .filter((s) => s.myMakeUp !== null && s.myMakeUp.state !== 'confirmed')
    .sort((a, b) => Date.parse(a.myMakeUp!.dueAt) - Date.parse(b.myMakeUp!.dueAt));
}
