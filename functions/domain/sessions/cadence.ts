/**
 * A branch's cadence (三会一课 and the rest) as pure functions: for each rule, the current period and whether it is met.
 *
 * - Periods are calendar months, quarters and years in Shanghai (UTC+8 all year, no daylight saving): a period starts
 *   at 00:00 +08:00 on its first day and ends (exclusive) at 00:00 +08:00 on the first day of the next one. A session
 *   belongs to the period its start falls in (a session at 23:59 on 31 March in Shanghai is in the first quarter, even
 *   though it is already 15:59 UTC on the same day and ends in April).
 * - Per rule and period: `held` counts the sessions of the rule's type marked held; `scheduled` those still planned
 *   and not yet over (a session whose end has passed without being closed counts for nothing and is reported in
 *   `unclosed`, so the organizer is asked to close or cancel it); cancelled sessions never count.
 * - The status is `held` when the held ones reach the rule's count, else `scheduled` when held plus scheduled reach
 *   it, else `missing`.
 * - `atRisk`: the status is not `held` and the period ends within `atRiskDays` (default 7) of `now`, inclusive (the
 *   end is exactly `atRiskDays` days away: at risk).
 */
import type { CadenceRule, CadenceRules, CadenceSession, Period } from './schema.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
export const DEFAULT_AT_RISK_DAYS = 7;

/** One period in Shanghai: its key (`2027-03`, `2027-Q1`, `2027`) and its bounds as instants, end exclusive. */
export interface PeriodSpan {
  period: Period;
  key: string;
  startsAt: Date;
  endsAt: Date;
}

/** The instant of 00:00 in Shanghai on the given calendar day (month 0-based, may overflow as in Date.UTC). */
const shanghaiMidnight = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day) - SHANGHAI_OFFSET_MS);

/** The period of kind `period` that the instant `at` falls in, in Shanghai. */
export function periodOf(period: Period, at: Date): PeriodSpan {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  switch (period) {
    case 'month':
      return { period, key: `${year}-${String(month + 1).padStart(2, '0')}`, startsAt: shanghaiMidnight(year, month, 1), endsAt: shanghaiMidnight(year, month + 1, 1) };
    case 'quarter': {
      const first = month - (month % 3);
      return { period, key: `${year}-Q${first / 3 + 1}`, startsAt: shanghaiMidnight(year, first, 1), endsAt: shanghaiMidnight(year, first + 3, 1) };
    }
    case 'year':
      return { period, key: `${year}`, startsAt: shanghaiMidnight(year, 0, 1), endsAt: shanghaiMidnight(year + 1, 0, 1) };
  }
}

/** The Shanghai year's bounds as instants (the year period, for reads that span a year). */
export function yearSpan(year: number): { fromIso: string; toIso: string } {
  const span = periodOf('year', new Date(Date.UTC(year, 6, 1)));
  return { fromIso: span.startsAt.toISOString(), toIso: span.endsAt.toISOString() };
}

/** Whether the instant `at` is inside the span (start inclusive, end exclusive). */
export const within = (span: Pick<PeriodSpan, 'startsAt' | 'endsAt'>, at: Date) => at >= span.startsAt && at < span.endsAt;

export type CadenceStatus = 'held' | 'scheduled' | 'missing';

/** One rule's standing in one period. */
export interface RuleCompliance {
  type: CadenceRule['type'];
  period: Period;
  key: string;
  startsAt: string;
  endsAt: string;
  required: number;
  held: number;
  scheduled: number;
  /** Still marked scheduled though their end has passed: neither held nor planned until the organizer closes them. */
  unclosed: number;
  status: CadenceStatus;
  atRisk: boolean;
  note?: string;
}

export interface CadenceOptions {
  atRiskDays?: number;
}

/** One rule's standing in a given period (the current one, or a past one for a report), as of `now`. */
export function complianceIn(rule: CadenceRule, span: PeriodSpan, sessions: readonly CadenceSession[], now: Date, options: CadenceOptions = {}): RuleCompliance {
  const atRiskDays = options.atRiskDays ?? DEFAULT_AT_RISK_DAYS;
  let held = 0;
  let scheduled = 0;
  let unclosed = 0;
  for (const session of sessions) {
    if (session.type !== rule.type || !within(span, new Date(session.startsAt))) continue;
    if (session.state === 'held') held += 1;
    else if (session.state === 'scheduled') {
      if (new Date(session.endsAt) > now) scheduled += 1;
      else unclosed += 1;
    }
  }
  const status: CadenceStatus = held >= rule.count ? 'held' : held + scheduled >= rule.count ? 'scheduled' : 'missing';
  const atRisk = status !== 'held' && span.endsAt.getTime() - now.getTime() <= atRiskDays * DAY_MS;
  return {
    type: rule.type,
    period: rule.period,
    key: span.key,
    startsAt: span.startsAt.toISOString(),
    endsAt: span.endsAt.toISOString(),
    required: rule.count,
    held,
    scheduled,
    unclosed,
    status,
    atRisk,
    ...(rule.note === undefined ? {} : { note: rule.note }),
  };
}

/** Every rule's standing in its current period (the month, quarter or year `now` falls in), in the rules' order. */
export function cadenceOf(rules: CadenceRules, sessions: readonly CadenceSession[], now: Date, options: CadenceOptions = {}): RuleCompliance[] {
  return rules.map((rule) => complianceIn(rule, periodOf(rule.period, now), sessions, now, options));
}

/** A branch's summary for a leader's overview: how many rules are met, planned, missing, and at risk. */
export function summarize(compliance: readonly RuleCompliance[]): Record<CadenceStatus | 'atRisk', number> {
  const out = { held: 0, scheduled: 0, missing: 0, atRisk: 0 };
  for (const c of compliance) {
    out[c.status] += 1;
    if (c.atRisk) out.atRisk += 1;
  }
  return out;
}
