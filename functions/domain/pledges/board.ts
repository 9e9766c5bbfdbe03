/**
 * An owner's public card (亮身份、亮岗位、亮承诺), pure: what of their pledges, profile and rating the board may show.
 * Only approved and done items, the post, the photo the owner chose, the Party status and the decided rating; never
 * a login, a phone, a comment or a return reason (the type has no room for them).
 */
import type { BoardEntry, Pledge, PledgeProfile, PledgeRatingRecord } from './schema.js';
import { isPublic } from './cycle.js';

export interface OwnerFacts {
  ownerKind: BoardEntry['ownerKind'];
  ownerId: string;
  name: string;
  branchId: string;
  unitId: string;
  partyStatus: BoardEntry['partyStatus'];
}

/** The card for a year, or null when nothing of it is public (no approved item: no card). */
export function boardEntryOf(owner: OwnerFacts, year: number, pledges: readonly Pledge[], profile: PledgeProfile | undefined, rating: PledgeRatingRecord | undefined, now: string): BoardEntry | null {
  const shown = pledges.filter((p) => p.year === year && isPublic(p.state)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (shown.length === 0) return null;
  return {
    ...owner,
    year,
    post: profile?.post ?? '',
    photo: profile?.photo ?? null,
    dutyDays: profile?.dutyDays ?? [1, 2, 3, 4, 5],
    pledges: shown.map((p) => ({
      pledgeId: p.pledgeId,
      pledgeCategory: p.pledgeCategory,
      content: p.content,
      measures: p.measures,
      dueDate: p.dueDate,
      state: p.state as 'approved' | 'done',
      progressCount: p.progressCount,
      lastProgressAt: p.lastProgressAt,
    })),
    rating: rating?.decision?.rating ?? null,
    updatedAt: now,
  };
}

/** ISO weekday (1 Monday … 7 Sunday) of a day in Shanghai given as YYYY-MM-DD. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Whether the card's owner is on duty on that day (a branch's own card always is). */
export const onDuty = (entry: BoardEntry, day: string) => entry.ownerKind === 'branch' || entry.dutyDays.includes(isoWeekday(day));
