import { runJobs } from '../jobs/registry.js';

/** Invoked by the EventBridge schedule. Throws after all jobs ran if any failed, so the failure shows as a Lambda error. */
export async function handler() {
  const results = await runJobs();
  console.log(JSON.stringify({ level: 'info', jobs: results }));
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`jobs failed: ${failed.map((r) => r.name).join(', ')}`);
  return { results };
}
