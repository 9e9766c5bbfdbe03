/**
 * A session's roster as pure functions. The roster kept by the session's host is the record; a QR check-in only
 * pre-fills it.
 *
 *   check-in (scan | reverse) ──► present / late ──┐
 *   leave approved ───────────► leave ──────────────┼──organizer marks (overrides)──► any mark
 *   session closed, unmarked ─► absent ─────────────┘
 *   leave / absent ──► make-up pending ──submit──► submitted ──confirm──► confirmed (the row reads "madeUp")
 *
 * - Check-in is accepted from 30 minutes before the start to the end, both bounds inclusive, while the session is
 *   scheduled (not cancelled, not yet closed). Location is never asked.
 * - The mark a check-in pre-fills: `present` up to start + grace (default 5 minutes, inclusive), `late` after.
 * - One record per (session, person), created once: the store puts it on the condition that no record exists, so a
 *   check-in is one write. A second check-in (a second scan, a retried request, a scan after the organizer marked
 *   the person) answers the existing record unchanged, even after the window has closed.
 * - The organizer's mark overrides whatever is there and keeps the first check-in's time as evidence.
 * - An approved leave marks `leave`, unless the person has already checked in (then the organizer decides).
 * - Make-up (补学): a `leave` or an `absent` mark carries a make-up task due 14 days after the session's end, at the
 *   end of that day in Shanghai (23:59:59.999 +08:00). Marking the person present or late instead drops a task not
 *   yet confirmed; a confirmed one stays as history. The row reads `madeUp` when its mark calls for make-up and the
 *   make-up is confirmed. The organizer may confirm a make-up done on paper (pending) as well as a submitted one.
 * - Six months: a member whose last attended (present or late: the session's start) or made-up (the confirmation's
 *   time) session, or else their joining, is more than six calendar months before `now` (in Shanghai) is flagged to
 *   their organizer. The records passed must be those of held sessions only.
 */
import { addDays, shanghaiDay } from '../practice/days.js';
import type { AttendanceMark, AttendanceRecord, AttendanceStatus, MakeUp, SessionState } from './schema.js';

export const CHECK_IN_OPENS_BEFORE_MS = 30 * 60_000;
export const DEFAULT_LATE_GRACE_MS = 5 * 60_000;
export const MAKE_UP_DAYS = 14;
export const INACTIVE_MONTHS = 6;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const ms = (iso: string) => Date.parse(iso);

/** What the roster needs to know of a session. */
export interface RosterSession {
  sessionId: string;
  startsAt: string;
  endsAt: string;
  state: SessionState;
}

// ─── Check-in ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The instants between which check-in is accepted, both inclusive. */
export function checkInWindow(session: Pick<RosterSession, 'startsAt' | 'endsAt'>): { opensAt: string; closesAt: string } {
  return { opensAt: new Date(ms(session.startsAt) - CHECK_IN_OPENS_BEFORE_MS).toISOString(), closesAt: new Date(ms(session.endsAt)).toISOString() };
}

export type CheckInRefusal = 'cancelled' | 'closed' | 'notYet' | 'over';

/** Whether a check-in at `now` is accepted, or why not. */
export function checkInOpen(session: RosterSession, now: Date): { open: true } | { open: false; reason: CheckInRefusal } {
  if (session.state === 'cancelled') return { open: false, reason: 'cancelled' };
  if (session.state === 'held') return { open: false, reason: 'closed' };
  const { opensAt, closesAt } = checkInWindow(session);
  if (now.getTime() < ms(opensAt)) return { open: false, reason: 'notYet' };
  if (now.getTime() > ms(closesAt)) return { open: false, reason: 'over' };
  return { open: true };
}

/** The mark a check-in at `at` pre-fills: present up to the start plus the grace (inclusive), late after. */
export function prefillMark(session: Pick<RosterSession, 'startsAt'>, at: Date, graceMs = DEFAULT_LATE_GRACE_MS): 'present' | 'late' {
  return at.getTime() <= ms(session.startsAt) + graceMs ? 'present' : 'late';
}

export type CheckInDecision =
  /** Create this record (the store's put is conditional on no record for the pair). */
  | { outcome: 'recorded'; record: AttendanceRecord }
  /** The pair already has a record: answer it as it is. */
  | { outcome: 'already'; record: AttendanceRecord }
  | { outcome: 'refused'; reason: CheckInRefusal };

/**
 * What a check-in by `personId` (their own scan, or the host scanning their personal code) does. `existing` is the
 * pair's record if any; a store whose conditional put failed reads the record and asks again, getting `already`.
 */
export function checkIn(
  session: RosterSession,
  personId: string,
  existing: AttendanceRecord | null,
  method: 'scan' | 'reverse',
  now: Date,
  graceMs = DEFAULT_LATE_GRACE_MS,
): CheckInDecision {
  if (existing) return { outcome: 'already', record: existing };
  const open = checkInOpen(session, now);
  if (!open.open) return { outcome: 'refused', reason: open.reason };
  const at = now.toISOString();
  return {
    outcome: 'recorded',
    record: {
      sessionId: session.sessionId,
      personId,
      sessionStartsAt: session.startsAt,
      checkedInAt: at,
      mark: prefillMark(session, now, graceMs),
      markSource: method,
      markedAt: at,
      markedBy: null,
      makeUp: null,
    },
  };
}

// ─── Marks ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** Whether a mark creates a make-up task: an approved leave or an absence. */
export const needsMakeUp = (mark: AttendanceMark) => mark === 'leave' || mark === 'absent';

/** When the make-up for a session ending at `endsAt` is due: the end of the 14th day after, in Shanghai. */
export function makeUpDueAt(endsAt: string): string {
  const day = addDays(shanghaiDay(new Date(endsAt)), MAKE_UP_DAYS);
  return new Date(ms(`${addDays(day, 1)}T00:00:00.000+08:00`) - 1).toISOString();
}

function withMakeUp(record: AttendanceRecord, session: Pick<RosterSession, 'endsAt'>): AttendanceRecord {
  if (needsMakeUp(record.mark)) {
    if (record.makeUp) return record;
    const makeUp: MakeUp = { dueAt: makeUpDueAt(session.endsAt), state: 'pending', submittedAt: null, confirmedAt: null, confirmedBy: null };
    return { ...record, makeUp };
  }
  if (record.makeUp && record.makeUp.state !== 'confirmed') return { ...record, makeUp: null };
  return record;
}

function blank(session: RosterSession, personId: string, mark: AttendanceMark, source: AttendanceRecord['markSource'], by: string | null, now: Date): AttendanceRecord {
  return {
    sessionId: session.sessionId,
    personId,
    sessionStartsAt: session.startsAt,
    checkedInAt: null,
    mark,
    markSource: source,
    markedAt: now.toISOString(),
    markedBy: by,
    makeUp: null,
  };
}

/** The organizer's mark: it overrides any mark, keeps the check-in time, and creates or drops the make-up task. */
export function markAttendance(session: RosterSession, personId: string, existing: AttendanceRecord | null, mark: AttendanceMark, organizerId: string, now: Date): AttendanceRecord {
  const base = existing ?? blank(session, personId, mark, 'organizer', organizerId, now);
  return withMakeUp({ ...base, mark, markSource: 'organizer', markedAt: now.toISOString(), markedBy: organizerId }, session);
}

export type LeaveDecision = { ok: true; record: AttendanceRecord } | { ok: false; reason: 'checkedIn' };

/** An approved leave marks the person `leave` (with its make-up), unless they have checked in already. */
export function approveLeave(session: RosterSession, personId: string, existing: AttendanceRecord | null, organizerId: string, now: Date): LeaveDecision {
  if (existing?.checkedInAt) return { ok: false, reason: 'checkedIn' };
  const base = existing ?? blank(session, personId, 'leave', 'leave', organizerId, now);
  return { ok: true, record: withMakeUp({ ...base, mark: 'leave', markSource: 'leave', markedAt: now.toISOString(), markedBy: organizerId }, session) };
}

/** Closing a session: every expected person without a record is marked absent (with a make-up task). */
export function closeRoster(session: RosterSession, expected: readonly string[], records: readonly AttendanceRecord[], now: Date): AttendanceRecord[] {
  const marked = new Set(records.map((r) => r.personId));
  return [...new Set(expected)].filter((p) => !marked.has(p)).map((p) => withMakeUp(blank(session, p, 'absent', 'close', null, now), session));
}

/** What a roster row reads. */
export function statusOf(record: Pick<AttendanceRecord, 'mark' | 'makeUp'>): AttendanceStatus {
  return needsMakeUp(record.mark) && record.makeUp?.state === 'confirmed' ? 'madeUp' : record.mark;
}

// ─── Make-up ───────────────────────────────────────────────────────────────────────────────────────────────────────

export type MakeUpDecision = { ok: true; record: AttendanceRecord } | { ok: false; reason: 'noMakeUp' | 'confirmed' };

/** The member hands in their make-up (a reflection on the minutes and materials); again while not confirmed. */
export function submitMakeUp(record: AttendanceRecord, now: Date): MakeUpDecision {
  if (!record.makeUp) return { ok: false, reason: 'noMakeUp' };
  if (record.makeUp.state === 'confirmed') return { ok: false, reason: 'confirmed' };
  return { ok: true, record: { ...record, makeUp: { ...record.makeUp, state: 'submitted', submittedAt: now.toISOString() } } };
}

/** The organizer confirms a make-up (submitted, or done on paper); confirming again answers the record unchanged. */
export function confirmMakeUp(record: AttendanceRecord, organizerId: string, now: Date): MakeUpDecision {
  if (!record.makeUp) return { ok: false, reason: 'noMakeUp' };
  if (record.makeUp.state === 'confirmed') return { ok: true, record };
  return { ok: true, record: { ...record, makeUp: { ...record.makeUp, state: 'confirmed', confirmedAt: now.toISOString(), confirmedBy: organizerId } } };
}

/** Whether a make-up task is past its due time and not confirmed. */
export const makeUpOverdue = (record: Pick<AttendanceRecord, 'makeUp'>, now: Date) =>
  record.makeUp !== null && record.makeUp.state !== 'confirmed' && now.getTime() > ms(record.makeUp.dueAt);

// ─── Six months ────────────────────────────────────────────────────────────────────────────────────────────────────

/** The latest time a person took part: a session attended (its start) or made up (the confirmation), else null. */
export function lastAttendedOrMadeUp(records: readonly AttendanceRecord[]): string | null {
  let last: number | null = null;
  for (const r of records) {
    const status = statusOf(r);
    const at = status === 'present' || status === 'late' ? ms(r.sessionStartsAt) : status === 'madeUp' ? ms(r.makeUp!.confirmedAt!) : null;
    if (at !== null && (last === null || at > last)) last = at;
  }
  return last === null ? null : new Date(last).toISOString();
}

/** The instant `months` calendar months before `now` in Shanghai (the day clamped to the month's length). */
export function monthsBefore(now: Date, months: number): Date {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const shifted = Date.UTC(y, m, Math.min(local.getUTCDate(), lastDay), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return new Date(shifted - SHANGHAI_OFFSET_MS);
}

export interface Member {
  personId: string;
  /** When the person joined the branch: nobody is flagged for the months before they were there. */
  since: string;
}

export interface InactiveMember {
  personId: string;
  lastAt: string | null;
  since: string;
}

/** The members with no attended or made-up session (nor joining) within the last six months, for their organizer. */
export function flagInactive(members: readonly Member[], records: readonly AttendanceRecord[], now: Date, months = INACTIVE_MONTHS): InactiveMember[] {
  const threshold = monthsBefore(now, months).getTime();
  const byPerson = new Map<string, AttendanceRecord[]>();
  for (const r of records) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  const out: InactiveMember[] = [];
  for (const member of members) {
    const lastAt = lastAttendedOrMadeUp(byPerson.get(member.personId) ?? []);
    const latest = Math.max(ms(member.since), lastAt === null ? -Infinity : ms(lastAt));
    if (latest < threshold) out.push({ personId: member.personId, lastAt, since: member.since });
  }
  return out;
}
