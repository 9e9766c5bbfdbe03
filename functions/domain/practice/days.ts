/**
 * Practice days: calendar days in Shanghai (UTC+8 all year, no daylight saving), written YYYY-MM-DD. A person's
 * practice day turns at midnight in Shanghai, wherever the server runs.
 */

const shanghaiOffsetMs = 8 * 3600_000;

/** The day in Shanghai an instant falls on. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (before, for a negative `n`). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
