import { clock } from '../platform/clock.js';
import { computeAllCompletion } from '../domain/stats/service.js';
import { closeOverdueAttempts } from '../domain/quizzes/attempt-service.js';
import { recomputeCadenceRollups } from '../domain/sessions/figures-service.js';
import { recomputeOverview } from '../domain/overview/service.js';
import { refreshStale } from './refresh.js';
import { sessionsStartingBetween } from '../domain/sessions/service.js';
import { sendReminders } from '../domain/notifications/reminders.js';
import { raiseFlagsSince } from '../domain/flags/service.js';

/**
 * Scheduled work (statistics rollups, reminders, overdue marking). On AWS an EventBridge schedule invokes the jobs
 * function; locally `npm start` runs the same registry on an interval. Each job must be idempotent: it may run
 * twice, or late, and must leave the same result.
 */
export interface Job {
  name: string;
  description: string;
  run(context: { now: Date }): Promise<Record<string, number> | void>;
}

export interface JobResult {
  name: string;
  ok: boolean;
  ms: number;
  figures?: Record<string, number>;
  error?: string;
}

/** Areas register their jobs here, one line each. */
export const jobs: Job[] = [
  { name: 'completion-rollups', description: 'Recompute course and assignment completion per unit', run: () => computeAllCompletion() },
  { name: 'cadence-rollups', description: 'Recompute each branch’s sessions rollup of this year (the cadence and attendance figures)', run: ({ now }) => recomputeCadenceRollups(now) },
  { name: 'overview', description: 'Recompute the year’s overview of every unit (the share of people meeting each requirement)', run: ({ now }) => recomputeOverview(now) },
  { name: 'refresh-stale', description: 'Refresh the figures writes marked stale (normally done within seconds of the write)', run: () => refreshStale() },
  { name: 'flags', description: 'Raise flags for quiz attempts finished implausibly fast and many accounts signing in from one device, since the last run', run: ({ now }) => raiseFlagsSince(now) },
  { name: 'close-overdue-attempts', description: 'Close quiz attempts past their deadline and grace, graded on what was saved', run: ({ now }) => closeOverdueAttempts(now) },
  // last: it reads the figures the jobs above refresh
  { name: 'reminders', description: 'Each person’s one digest of the day (due soon, overdue, sessions tomorrow, make-up), sent once', run: ({ now }) => sendReminders(now, { sessionsBetween: sessionsStartingBetween }) },
];

/** Runs every job (one failing does not stop the others) and reports each. */
export async function runJobs(list: readonly Job[] = jobs): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of list) {
    const started = performance.now();
    try {
      const figures = await job.run({ now: clock.now() });
      results.push({ name: job.name, ok: true, ms: Math.round(performance.now() - started), ...(figures ? { figures } : {}) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(JSON.stringify({ level: 'error', job: job.name, error: message }));
      results.push({ name: job.name, ok: false, ms: Math.round(performance.now() - started), error: message });
    }
  }
  return results;
}
