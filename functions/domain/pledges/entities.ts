/**
 * How pledges sit in the single table (README.md beside this file has the chart). Keys and item shapes are written
 * here once; the store uses the document client directly (decision 041): a progress entry bumps its
 * pledge's counter with one UpdateItem, which needs no read.
 *
 * One pledge is one partition: the pledge item, its progress entries and its comments, read together by one query.
 * Everything of an owner that is not a pledge (the public card's profile, the year's rating, the board entry) sits
 * in the owner's partition.
 */
import { BoardEntry, Pledge, PledgeComment, PledgeProfile, PledgeRatingRecord, ProgressEntry, ReviewWindow } from './schema.js';

export const keys = {
  pledgePartition: (pledgeId: string) => `PLEDGE#${pledgeId}`,
  pledge: (pledgeId: string) => ({ pk: `PLEDGE#${pledgeId}`, sk: 'PLEDGE' }),
  progress: (pledgeId: string, createdAt: string, entryId: string) => ({ pk: `PLEDGE#${pledgeId}`, sk: `PROGRESS#${createdAt}#${entryId}` }),
  comment: (pledgeId: string, createdAt: string, commentId: string) => ({ pk: `PLEDGE#${pledgeId}`, sk: `COMMENT#${createdAt}#${commentId}` }),
  profile: (personId: string) => ({ pk: `PLEDGER#${personId}`, sk: 'PROFILE' }),
  rating: (personId: string, year: number) => ({ pk: `PLEDGER#${personId}`, sk: `RATING#${year}` }),
  board: (ownerId: string, year: number) => ({ pk: `PLEDGER#${ownerId}`, sk: `BOARD#${year}` }),
  windowPartition: (year: number) => `PLEDGEWINDOW#${year}`,
  window: (year: number, unitId: string) => ({ pk: `PLEDGEWINDOW#${year}`, sk: `UNIT#${unitId}` }),
  /** gsi1: an owner's pledges of a year, in the order written. */
  ownerPledges: (ownerId: string, year: number) => `PLEDGES#${ownerId}#${year}`,
  /** gsi2: a branch's pledges of a year, by owner. */
  branchPledges: (branchId: string, year: number) => `BRANCH#${branchId}#PLEDGES#${year}`,
  /** gsi2: a branch's ratings of a year, by person. */
  branchRatings: (branchId: string, year: number) => `BRANCH#${branchId}#RATINGS#${year}`,
  /** gsi1: the public cards of a unit's people (and of a branch's own) for a year. */
  unitBoard: (unitId: string, year: number) => `BOARD#${unitId}#${year}`,
};

type Item = Record<string, unknown>;

export function pledgeItem(pledge: Pledge): Item {
  return {
    ...keys.pledge(pledge.pledgeId),
    entity: 'pledge',
    gsi1pk: keys.ownerPledges(pledge.ownerId, pledge.year),
    gsi1sk: `${pledge.createdAt}#${pledge.pledgeId}`,
    gsi2pk: keys.branchPledges(pledge.branchId, pledge.year),
    gsi2sk: `${pledge.ownerId}#${pledge.createdAt}#${pledge.pledgeId}`,
    ...pledge,
  };
}
export const pledgeFrom = (item: Item): Pledge => Pledge.parse(item);

export const progressItem = (entry: ProgressEntry): Item => ({ ...keys.progress(entry.pledgeId, entry.createdAt, entry.entryId), entity: 'pledgeProgress', ...entry });
export const progressFrom = (item: Item): ProgressEntry => ProgressEntry.parse(item);

export const commentItem = (comment: PledgeComment): Item => ({ ...keys.comment(comment.pledgeId, comment.createdAt, comment.commentId), entity: 'pledgeComment', ...comment });
export const commentFrom = (item: Item): PledgeComment => PledgeComment.parse(item);

export const profileItem = (profile: PledgeProfile): Item => ({ ...keys.profile(profile.personId), entity: 'pledgeProfile', ...profile });
export const profileFrom = (item: Item): PledgeProfile => PledgeProfile.parse(item);

export function ratingItem(rating: PledgeRatingRecord): Item {
  return {
    ...keys.rating(rating.personId, rating.year),
    entity: 'pledgeRating',
    gsi2pk: keys.branchRatings(rating.branchId, rating.year),
    gsi2sk: rating.personId,
    ...rating,
  };
}
export const ratingFrom = (item: Item): PledgeRatingRecord => PledgeRatingRecord.parse(item);

export const windowItem = (window: ReviewWindow): Item => ({ ...keys.window(window.year, window.unitId), entity: 'pledgeWindow', ...window });
export const windowFrom = (item: Item): ReviewWindow => ReviewWindow.parse(item);

export function boardItem(entry: BoardEntry): Item {
  return {
    ...keys.board(entry.ownerId, entry.year),
    entity: 'pledgeBoard',
    gsi1pk: keys.unitBoard(entry.unitId, entry.year),
    gsi1sk: boardSortKey(entry),
    ...entry,
  };
}
export const boardFrom = (item: Item): BoardEntry => BoardEntry.parse(item);

/** How a unit's cards sort: the branch's own first, then people by name (a card is rewritten when its owner's name changes). */
export const boardSortKey = (entry: Pick<BoardEntry, 'ownerKind' | 'name' | 'ownerId'>) => `${entry.ownerKind === 'branch' ? '0' : '1'}#${entry.name}#${entry.ownerId}`;
