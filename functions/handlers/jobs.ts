import { runJobs } from '../jobs/registry.js';
import { refreshStale } from '../jobs/refresh.js';

/**
 * Invoked by the EventBridge schedules and, asynchronously, by a write that made figures stale (`{ refresh: true }`:
 * only the refresher runs). Throws after all jobs ran if any failed, so the failure shows as a Lambda error.
 */
export async function handler(event?: { refresh?: boolean }) {
  if (event?.refresh) {
    const figures = await refreshStale();
    console.log(JSON.stringify({ level: 'info', refresh: figures }));
    return { refresh: figures };
  }
  const results = await runJobs();
  console.log(JSON.stringify({ level: 'info', jobs: results }));
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`jobs failed: ${failed.map((r) => r.name).join(', ')}`);
  return { results };
}
