/**
 * The refresher: recomputes the derived figures that writes marked stale (functions/platform/stale.ts, decision 042)
 * — the overview, and beside it each course's or quiz's completion — and clears each mark it answered. One refresher at a
 * time (a lease); it loops until nothing is marked, so a write made while it computes is picked up by the same run.
 */
import { newId } from '../platform/ids.js';
import { clock } from '../platform/clock.js';
import { clearStale, onRefreshRequested, releaseRefreshLease, staleMarks, takeRefreshLease, type StaleMark } from '../platform/stale.js';
import { refreshSubjectsFigures } from '../domain/stats/service.js';
import { subjectOfKey } from '../domain/stats/keys.js';
import { recomputeOverview } from '../domain/overview/service.js';

/** The mark every source write sets besides its subject's. */
export const OVERVIEW_KEY = 'overview';
/** How long a run may hold the lease before another may take it (a crashed run's lease expires). */
const LEASE_SECONDS = 300;
/** How long a run waits for another's lease before leaving the marks to it. */
const WAIT_MS = 30_000;
const MAX_ROUNDS = 20;

/**
 * How long a round may spend on courses' and quizzes' figures before it goes round again (the overview is recomputed
 * beside them): the subjects left over are answered next round, oldest mark first.
 */
const SUBJECTS_PER_ROUND_MS = 15_000;

/**
 * Recomputes what is marked stale. Figures: rounds, keys refreshed, and the largest lag (ms from a key's first mark
 * to its refresh finishing).
 */
export async function refreshStale(): Promise<Record<string, number>> {
  const holder = newId();
  const waitUntil = Date.now() + WAIT_MS;
  while (!(await takeRefreshLease(holder, LEASE_SECONDS))) {
    if (Date.now() > waitUntil) return { busy: 1 };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  let rounds = 0;
  let refreshed = 0;
  let maxLagMs = 0;
  const answered = async (mark: StaleMark) => {
    await clearStale(mark);
    refreshed += 1;
    maxLagMs = Math.max(maxLagMs, clock.now().getTime() - new Date(mark.firstMarkedAt).getTime());
  };
  try {
    for (; rounds < MAX_ROUNDS; rounds++) {
      const marks = await staleMarks();
      if (marks.length === 0) break;
      // A long run keeps its lease (it is this holder's, so taking it again renews it).
      if (rounds > 0) await takeRefreshLease(holder, LEASE_SECONDS);
      // The overview (it reads the sources themselves, not the subjects' rollups) and the courses' and quizzes'
      // completion figures (oldest mark first, for a bounded time) side by side: both mostly wait on the table, and
      // neither should wait a whole round for the other.
      const overview = marks.find((m) => m.key === OVERVIEW_KEY);
      const subjects = marks.filter((m) => m.key !== OVERVIEW_KEY).sort((a, b) => a.firstMarkedAt.localeCompare(b.firstMarkedAt));
      await Promise.all([
        (async () => {
          if (!overview) return;
          await recomputeOverview(clock.now());
          await answered(overview);
        })(),
        (async () => {
          const done = new Set(await refreshSubjectsFigures(subjects.map((m) => m.key), Date.now() + SUBJECTS_PER_ROUND_MS));
          for (const mark of subjects) {
            // A key no area answers to is cleared too, so it cannot keep the refresher going round.
            if (done.has(mark.key) || !subjectOfKey(mark.key)) await answered(mark);
          }
        })(),
      ]);
    }
  } finally {
    await releaseRefreshLease(holder);
  }
  return { rounds, refreshed, maxLagMs };
}

/**
 * In-process refreshing (local runs and tests): a mark asks for a run `delayMs` later, so a burst of writes is one
 * run (debounced); a run that finds another's lease, or leaves marks behind, asks again.
 */
export function refreshInProcess(delayMs = 2000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const request = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (running) return request();
      running = true;
      refreshStale()
        .then(async (result) => {
          if (result.busy || (await staleMarks()).length > 0) request();
        })
        .catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'refresh failed', error: error instanceof Error ? error.message : String(error) })))
        .finally(() => {
          running = false;
        });
    }, delayMs);
    timer.unref();
  };
  return request;
}

/** Starts in-process refreshing (`npm start`, tests that need figures to follow writes); returns how to stop it. */
export function startRefreshingInProcess(delayMs = 2000): () => void {
  onRefreshRequested(refreshInProcess(delayMs));
  return () => onRefreshRequested(undefined);
}

/**
 * On AWS: a mark asks the jobs function to refresh (an asynchronous invocation, `{ refresh: true }`): the request
 * that wrote does not wait, and concurrent asks share one run through the lease.
 */
export function refreshByInvoking(functionName: string): () => void {
  // One client for the life of the instance, made on the first request (most invocations never mark anything).
  let invoke: Promise<(payload: Uint8Array) => Promise<unknown>> | undefined;
  const invoker = async () => {
    const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
    const client = new LambdaClient({});
    return (payload: Uint8Array) => client.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: payload }));
  };
  return () => {
    void (async () => {
      invoke ??= invoker().catch((error: unknown) => {
        invoke = undefined;
        throw error;
      });
      await (await invoke)(new TextEncoder().encode(JSON.stringify({ refresh: true })));
    })().catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'refresh request failed', error: error instanceof Error ? error.message : String(error) })));
  };
}
