/**
 * What the pledge pages share (safe in the browser): the API's shapes and the words of each category, state, rating
 * and Party status.
 */
import type { MessageKey } from '../i18n';
import type { components } from './api-types';

export type PledgeView = components['schemas']['PledgeView'];
export type PledgeDetail = components['schemas']['PledgeDetail'];
export type PledgeYear = components['schemas']['PledgeYear'];
export type PledgeOwner = PledgeYear['owners'][number];
export type PledgeBoard = components['schemas']['PledgeBoard'];
export type BoardCard = components['schemas']['PledgeBoardCard'];
export type ProfileView = components['schemas']['PledgeProfileView'];
export type PledgeCategory = PledgeView['pledgeCategory'];
export type PledgeRating = NonNullable<BoardCard['rating']>;

export const CATEGORIES: PledgeCategory[] = ['study', 'work', 'service', 'discipline'];
export const RATINGS: PledgeRating[] = ['excellent', 'qualified', 'basicallyQualified', 'unqualified'];
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const categoryKey = (c: PledgeCategory): MessageKey => `pledges.category.${c}` as MessageKey;
export const stateKey = (s: PledgeView['state']): MessageKey => `pledges.state.${s}` as MessageKey;
export const ratingKey = (r: PledgeRating): MessageKey => `pledges.rating.${r}` as MessageKey;
export const weekdayKey = (d: number): MessageKey => `pledges.weekday.${d}` as MessageKey;
export const partyKey = (s: NonNullable<BoardCard['partyStatus']>): MessageKey => `pledges.party.${s}` as MessageKey;

/** The badge class a state reads with. */
export function stateBadge(state: PledgeView['state']): string {
  switch (state) {
    case 'approved':
    case 'done':
      return 'badge-ok';
    case 'returned':
      return 'badge-down';
    case 'submitted':
      return 'badge-category';
    default:
      return 'badge-muted';
  }
}

/** The years a member chooses between: this one, the last, and the next from December. */
export function pledgeYears(now: number): number[] {
  const shanghai = new Date(now + 8 * 3600_000);
  const year = shanghai.getUTCFullYear();
  return shanghai.getUTCMonth() === 11 ? [year + 1, year, year - 1] : [year, year - 1];
}

/** Today in Shanghai (YYYY-MM-DD). */
export const shanghaiToday = (now: number) => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
