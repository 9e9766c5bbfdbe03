/**
 * The figures kept beside the sessions: a closed session's tally, and each branch's rollup item per year (every
 * session's type, times, state and tally), rewritten by each write that changes one of them. A leader's cadence is
 * then one item per branch, whatever the number of sessions (README: item chart).
 */
import { nowIso } from '../../platform/clock.js';
import type { RollupSession } from './entities.js';
import { shanghaiYear } from '../study/progress.js';
import { yearSpan } from './cadence.js';
import { statusOf } from './attendance.js';
import type { AttendanceRecord, Session, SessionTally } from './schema.js';
import { branchSessions, putRollup, readSessionPartition, writeTally } from './store.js';


/** Counts of a roster: everyone expected, and everyone with a record though no longer expected. */
export function tallyOf(expectedIds: readonly string[], records: readonly AttendanceRecord[]): SessionTally {
  const tally: SessionTally = { expected: 0, present: 0, late: 0, leave: 0, absent: 0, madeUp: 0 };
  const people = new Set([...expectedIds, ...records.map((record) => record.personId)]);
  tally.expected = people.size;
  for (const record of records) tally[statusOf(record)] += 1;
  return tally;
}

/** Rewrites a branch's rollup of the year from its sessions (tallies included). */
export async function refreshRollup(branchId: string, year: number): Promise<void> {
  const { fromIso, toIso } = yearSpan(year);
  const sessions = await branchSessions(branchId, fromIso, toIso);
  const compact: RollupSession[] = sessions.map((s) => ({ sessionId: s.sessionId, type: s.type, startsAt: s.startsAt, endsAt: s.endsAt, state: s.state, tally: s.tally }));
  await putRollup({ branchId, year, sessions: compact, computedAt: nowIso() });
}

/** After a write to a session: its branch's rollup of the session's year (and of the year it was moved from). */
export async function sessionChanged(after: Pick<Session, 'branchId' | 'startsAt'>, before?: Pick<Session, 'startsAt'>): Promise<void> {
  const years = new Set([shanghaiYear(after.startsAt), ...(before ? [shanghaiYear(before.startsAt)] : [])]);
  for (const year of years) await refreshRollup(after.branchId, year);
}

/**
 * A closed session's tally counted again from its records (after a mark or a make-up changed). Closing gave everyone
 * expected a record, so the records alone are the roster.
 */
export async function refreshTally(session: Session): Promise<void> {
  if (session.state !== 'held') return;
  const { records } = await readSessionPartition(session.sessionId);
  await writeTally(session.sessionId, tallyOf([], records));
  await sessionChanged(session);
}

/**
 * The job: every branch's rollup of the current year rewritten from its sessions. Each session write keeps its own
 * branch's item; this repairs any that a write left behind (a process stopped between the two), and is idempotent.
 */
export async function refreshAllRollups(branchIds: readonly string[], now: Date): Promise<Record<string, number>> {
  const year = shanghaiYear(now.toISOString());
  for (const branchId of branchIds) await refreshRollup(branchId, year);
  return { branches: branchIds.length };
}
