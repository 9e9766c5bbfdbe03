/**
 * The rules of a pledge's life, pure: which years take new pledges, which states may be edited and handed in, what a
 * review does, which review window covers a branch and whether it is open on a day, and how a branch's ratings read.
 */
import type { OrgTree } from '../org/tree.js';
import { EXCELLENT_SHARE_WARNING, type Pledge, type PledgeRating, type PledgeRatingRecord, type PledgeState, type ReviewWindow } from './schema.js';

/** At most this many items a year for one owner (typically 2–5). */
export const MAX_PLEDGES_A_YEAR = 8;

/** Pledges are written for the current year, and from December on for the next one as well. */
export function yearTakesPledges(year: number, today: string): boolean {
  const current = Number(today.slice(0, 4));
  return year === current || (year === current + 1 && today.slice(5, 7) === '12');
}

/** A deadline lies within the pledge's year. */
export const dueWithinYear = (dueDate: string, year: number) => dueDate.startsWith(`${year}-`);

/** The owner edits an item until it is handed in, and again once it is returned. */
export const editable = (state: PledgeState) => state === 'draft' || state === 'returned';

/** The items a "hand in" moves: every draft and every returned item. */
export const toSubmit = (pledges: readonly Pledge[]) => pledges.filter((p) => editable(p.state));

export const isPublic = (state: PledgeState) => state === 'approved' || state === 'done';

/** The window that covers a unit for a year: its own, or the nearest one above it in the tree. */
export function windowFor(unitId: string, windows: readonly ReviewWindow[], tree: OrgTree): ReviewWindow | undefined {
  const byUnit = new Map(windows.map((w) => [w.unitId, w]));
  const path = tree.path(unitId);
  for (let i = path.length - 1; i >= 0; i--) {
    const found = byUnit.get(path[i]!);
    if (found) return found;
  }
  return undefined;
}

/** Open from its first day to its last, both inclusive (days in Shanghai). */
export const windowOpen = (window: ReviewWindow | undefined, today: string) => window !== undefined && window.opensOn <= today && today <= window.closesOn;

/** A rating as it reads now: the branch's decision once recorded, else the organizer's proposal. */
export const currentRating = (record: PledgeRatingRecord): PledgeRating | null => record.decision?.rating ?? record.proposal?.rating ?? null;

/**
 * How a branch's ratings stand: how many of its members are proposed and decided, how many read 优秀, and whether
 * that is more than a third of the members (the screen warns; the branch decides).
 */
export function ratingSummary(ratings: readonly PledgeRatingRecord[], members: number) {
  const proposed = ratings.filter((r) => r.proposal !== null).length;
  const decided = ratings.filter((r) => r.decision !== null).length;
  const excellent = ratings.filter((r) => currentRating(r) === 'excellent').length;
  const share = members > 0 ? excellent / members : 0;
  return { members, proposed, decided, excellent, excellentShare: Math.round(share * 1000) / 1000, warnExcellent: share > EXCELLENT_SHARE_WARNING };
}
