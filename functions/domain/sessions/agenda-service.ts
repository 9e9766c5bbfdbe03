/**
 * For a person's home (no actor: the home service decided who is asking): the sessions ahead that expect them and,
 * for the organizer of a branch, what waits for them — leave to decide, make-up study to confirm — and the branch's
 * cadence this year. A handful of reads: one query for the sessions ahead, and for an organizer one for pending
 * leave, one for the year's records and one GetItem for the cadence rollup.
 */
import { shanghaiYear } from '../study/progress.js';
import type { OrgTree } from '../org/tree.js';
import { expects } from './access.js';
import { cadenceOf, summarize } from './cadence.js';
import { currentRules } from './figures-service.js';
import { branchRecords, branchSessions, pendingLeaveOf, readRollup } from './store.js';

const DAY_MS = 86_400_000;
/** How far ahead a home looks for sessions. */
export const AGENDA_DAYS = 14;

export interface AgendaPerson {
  personId: string;
  unitId: string;
  branchId: string | null;
  partyStatus: string;
}

/** The sessions in the next two weeks that expect the person (one query of their branch's sessions by time). */
export async function sessionsAhead(person: AgendaPerson, now: Date, tree: OrgTree) {
  if (!person.branchId) return [];
  const sessions = await branchSessions(person.branchId, now.toISOString(), new Date(now.getTime() + AGENDA_DAYS * DAY_MS).toISOString());
  return sessions
    .filter((session) => session.state === 'scheduled' && expects(session, person, tree))
    .map((session) => ({ sessionId: session.sessionId, type: session.type, topic: session.topic, startsAt: session.startsAt, place: session.place, online: session.online }));
}

/** What waits for a branch's organizer, and how the branch stands against its cadence this year. */
export async function branchWaiting(branchId: string, now: Date) {
  const year = shanghaiYear(now.toISOString());
  const [leave, records, rollup, rules] = await Promise.all([pendingLeaveOf(branchId), branchRecords(branchId, year), readRollup(year, branchId), currentRules()]);
  const makeUps = records.filter((record) => record.makeUp?.state === 'submitted');
  return {
    leaveToDecide: leave.map((l) => ({ sessionId: l.sessionId, personId: l.personId, requestedAt: l.requestedAt })),
    makeUpsToConfirm: makeUps.map((r) => ({ sessionId: r.sessionId, personId: r.personId, submittedAt: r.makeUp!.submittedAt })),
    cadence: rollup ? { summary: summarize(cadenceOf(rules, rollup.sessions, now)), computedAt: rollup.computedAt } : null,
  };
}
