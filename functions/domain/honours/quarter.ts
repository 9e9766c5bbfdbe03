/** Quarters in Shanghai (`2027-Q1`): the one an instant falls in, the one before, and their order. */
import { periodOf } from '../sessions/cadence.js';

/** The quarter an instant falls in, keyed as the cadence keys its periods. */
export const quarterOf = (at: Date): string => periodOf('quarter', at).key;

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
