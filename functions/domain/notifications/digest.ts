/**
 * What one person's digest of a day holds (pure). Reminders nudge without nagging:
 * - a task due in 3 days, and again the day before it is due;
 * - an overdue task on the first day after its due day, then on Mondays only;
 * - make-up study still to do, on Mondays;
 * - each session that expects the person tomorrow.
 * Muted kinds are left out. Days are Shanghai calendar days (YYYY-MM-DD).
 */
import { addDays, shanghaiDay } from '../practice/days.js';
import type { Entry, NotificationKind } from './schema.js';

/** What the digest needs of a person's standing (the overview's person row has it). */
export interface StandingForDigest {
  open: ReadonlyArray<{ kind: 'course' | 'quiz'; subjectId: string; title: string; dueAt: string }>;
  sessions: { makeUpDue: number };
}

export interface SessionForDigest {
  sessionId: string;
  topic: string;
  startsAt: string;
  place: string | null;
}

/** Monday in Shanghai (the day the weekly reminders come). */
export const isMonday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() === 1;

/** The page of an open task (a course or a quiz). */
export const taskLink = (task: Pick<StandingForDigest['open'][number], 'kind' | 'subjectId'>) => (task.kind === 'course' ? `/learn/courses/${task.subjectId}` : `/quizzes/${task.subjectId}`);

const order: Record<string, number> = { overdue: 0, dueIn1Day: 1, dueIn3Days: 2, sessionTomorrow: 3, makeUpDue: 4 };

export function digestEntries(standing: StandingForDigest | undefined, sessionsTomorrow: readonly SessionForDigest[], today: string, muted: ReadonlySet<NotificationKind> = new Set()): Entry[] {
  const entries: Entry[] = [];
  const monday = isMonday(today);
  for (const task of standing?.open ?? []) {
    const dueDay = shanghaiDay(new Date(task.dueAt));
    const params = { title: task.title, dueAt: task.dueAt };
    if (dueDay === addDays(today, 3)) entries.push({ kind: 'dueIn3Days', params, link: taskLink(task) });
    else if (dueDay === addDays(today, 1)) entries.push({ kind: 'dueIn1Day', params, link: taskLink(task) });
    else if (dueDay < today && (dueDay === addDays(today, -1) || monday)) entries.push({ kind: 'overdue', params, link: taskLink(task) });
  }
  for (const session of sessionsTomorrow) {
    entries.push({ kind: 'sessionTomorrow', params: { topic: session.topic, startsAt: session.startsAt, place: session.place ?? '—' }, link: `/sessions/${session.sessionId}` });
  }
  if (monday && (standing?.sessions.makeUpDue ?? 0) > 0) entries.push({ kind: 'makeUpDue', params: { count: standing!.sessions.makeUpDue }, link: '/sessions' });
  return entries.filter((entry) => !muted.has(entry.kind)).sort((a, b) => order[a.kind]! - order[b.kind]!);
}
