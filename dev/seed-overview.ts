/**
 * The demo's overview: computed from the seeded records as of the end of each earlier month of this year (so the
 * trend has a line to draw: courses and credit as they stood then; attendance and pledges as they stand now), then
 * as of now. Each run is the same computation the refresher makes.
 */
import { clock } from '../functions/platform/clock.js';
import { recomputeOverview } from '../functions/domain/overview/service.js';
import { refreshStale } from '../functions/jobs/refresh.js';

export async function seedDemoOverview(): Promise<{ months: number }> {
  const now = clock.now();
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  const year = shanghai.getUTCFullYear();
  let months = 0;
  for (let month = 0; month < shanghai.getUTCMonth(); month++) {
    // The last moment of the month in Shanghai.
    await recomputeOverview(new Date(Date.UTC(year, month + 1, 1) - 8 * 3600_000 - 1000));
    months += 1;
  }
  await recomputeOverview(now);
  // The seed's own writes marked figures stale: refresh them (and clear the marks) as the refresher would.
  await refreshStale();
  return { months: months + 1 };
}
