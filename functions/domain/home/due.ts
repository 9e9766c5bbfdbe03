/**
 * What is due for a person, as one list: their open courses and quizzes, the sessions ahead that expect them,
 * make-up study owed, and pledges waiting for them (returned, or not yet handed in). Overdue first, then by due date;
 * things that wait for the person with no date (a returned pledge) right after the overdue.
 */
import type { PersonRow } from '../overview/schema.js';

export type DueKind = 'course' | 'quiz' | 'session' | 'makeUp' | 'pledges';
export type DueState = 'overdue' | 'dueSoon' | 'upcoming' | 'waiting';

export interface DueItem {
  kind: DueKind;
  /** The course, quiz or session (null for a count of make-ups or pledges). */
  id: string | null;
  title: string | null;
  required: boolean;
  dueAt: string | null;
  state: DueState;
  /** How many (make-ups owed, pledge items returned or in draft). */
  count: number;
  started: boolean;
}

/** Within this many days a due date is "soon". */
export const DUE_SOON_DAYS = 3;

const rank: Record<DueState, number> = { overdue: 0, waiting: 1, dueSoon: 2, upcoming: 3 };

export function dueItems(row: PersonRow | null, sessions: readonly { sessionId: string; topic: string; startsAt: string }[], now: Date): DueItem[] {
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000).toISOString();
  const nowIso = now.toISOString();
  const stateOf = (dueAt: string): DueState => (dueAt < nowIso ? 'overdue' : dueAt <= soon ? 'dueSoon' : 'upcoming');
  const items: DueItem[] = [];
  for (const task of row?.open ?? []) {
    items.push({ kind: task.kind, id: task.subjectId, title: task.title, required: task.required, dueAt: task.dueAt, state: stateOf(task.dueAt), count: 1, started: task.state === 'inProgress' });
  }
  for (const session of sessions) {
    items.push({ kind: 'session', id: session.sessionId, title: session.topic, required: true, dueAt: session.startsAt, state: stateOf(session.startsAt), count: 1, started: false });
  }
  if (row && row.sessions.makeUpDue > 0) items.push({ kind: 'makeUp', id: null, title: null, required: true, dueAt: null, state: 'waiting', count: row.sessions.makeUpDue, started: false });
  if (row && row.pledges.returned + row.pledges.draft > 0) items.push({ kind: 'pledges', id: null, title: null, required: true, dueAt: null, state: 'waiting', count: row.pledges.returned + row.pledges.draft, started: false });
  return items.sort((a, b) => rank[a.state] - rank[b.state] || (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
}
