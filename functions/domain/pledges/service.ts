/**
 * Pledges (承诺践诺评诺): writing, handing in, reviewing, keeping and judging a year's pledges.
 */
import type { BoardEntry, Pledge, PledgeRatingRecord } from './schema.js';

// ─── For other areas (no actor: callers are trusted system code) ──────────────────────────────────────────────────

/**
 * The public cards of a year for the units given (each unit's subtree: its people's cards and the cards of the
 * branches in it): one item per card, read by one query per unit, never a scan. Only public content.
 */
export async function boardEntriesOf(unitIds: readonly string[], year: number): Promise<BoardEntry[]> {
  void unitIds;
  void year;
  return [];
}

/** A branch's year of pledges (every state) and ratings: what the review sheet gathers. */
export async function pledgeYearOfBranch(branchId: string, year: number): Promise<{ pledges: Pledge[]; ratings: PledgeRatingRecord[] }> {
  void branchId;
  void year;
  return { pledges: [], ratings: [] };
}
