/** Quarters in Shanghai (`2027-Q1`): the one an instant falls in, the one before, and their order. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export function quarterOf(at: Date): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The quarters a nomination may name at this instant: the current one and the one before. */
export function openQuarters(at: Date): [string, string] {
  const current = quarterOf(at);
  return [current, previousQuarter(current)];
}

/** The quarters of a year, first to last. */
export function quartersOfYear(year: number): string[] {
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}
