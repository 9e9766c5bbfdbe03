import { describe, expect, it } from 'vitest';
import { shanghaiDay } from '../practice/days.js';
import { boardEntryOf, isoWeekday, onDuty } from './board.js';
import type { Pledge } from './schema.js';

const owner = { ownerKind: 'person' as const, ownerId: 'p', name: '刘洋', branchId: 'b1', unitId: 'g1', partyStatus: 'full' as const };
const pledge = (state: string, createdAt: string, extra: Partial<Pledge> = {}) =>
  ({ pledgeId: createdAt, year: 2027, state, createdAt, pledgeCategory: 'service', content: '承诺', measures: '措施', dueDate: '2027-12-31', progressCount: 0, lastProgressAt: null, returnReason: 'private', assessment: 'private', ...extra }) as unknown as Pledge;

describe('a card', () => {
  it('shows only approved and done items of its year, oldest first, and nothing private', () => {
    const card = boardEntryOf(owner, 2027, [pledge('done', '2027-02'), pledge('draft', '2027-01'), pledge('approved', '2027-01-15'), pledge('returned', '2027-01-20'), pledge('approved', '2026-05', { year: 2026 })], undefined, undefined, 'now');
    expect(card?.pledges.map((p) => [p.pledgeId, p.state])).toEqual([['2027-01-15', 'approved'], ['2027-02', 'done']]);
    expect(JSON.stringify(card)).not.toContain('private');
    expect(card).toMatchObject({ post: '', photo: null, dutyDays: [1, 2, 3, 4, 5], rating: null });
  });

  it('is null when nothing is public, and carries the decided rating but never a proposal', () => {
    expect(boardEntryOf(owner, 2027, [pledge('submitted', '2027-01')], undefined, undefined, 'now')).toBeNull();
    const step = { rating: 'excellent' as const, reason: 'r', by: 'o', byName: 'o', at: '' };
    const proposed = boardEntryOf(owner, 2027, [pledge('approved', '2027-01')], undefined, { personId: 'p', branchId: 'b1', year: 2027, proposal: step, decision: null, updatedAt: '' }, 'now');
    expect(proposed?.rating).toBeNull();
    const decided = boardEntryOf(owner, 2027, [pledge('approved', '2027-01')], undefined, { personId: 'p', branchId: 'b1', year: 2027, proposal: step, decision: { ...step, rating: 'qualified' }, updatedAt: '' }, 'now');
    expect(decided?.rating).toBe('qualified');
  });

  it('knows who is on duty on a day (ISO weekdays; a branch’s card always)', () => {
    expect([isoWeekday('2027-03-08'), isoWeekday('2027-03-13'), isoWeekday('2027-03-14')]).toEqual([1, 6, 7]);
    const card = boardEntryOf(owner, 2027, [pledge('approved', '2027-01')], { personId: 'p', post: '3 号窗口', photo: null, dutyDays: [1, 2, 3], updatedAt: '', version: 1 }, undefined, 'now')!;
    expect([onDuty(card, '2027-03-08'), onDuty(card, '2027-03-11')]).toEqual([true, false]);
    expect(onDuty({ ...card, ownerKind: 'branch', dutyDays: [] }, '2027-03-14')).toBe(true);
  });

  it('reads the day in Shanghai: the hall turns to Monday at midnight there, and to the new year', () => {
    // Sunday 2027-01-03 15:59 UTC is Sunday 23:59 in Shanghai; a minute later it is Monday.
    const sunday = shanghaiDay(new Date('2027-01-03T15:59:00Z'));
    const monday = shanghaiDay(new Date('2027-01-03T16:00:00Z'));
    expect([sunday, isoWeekday(sunday)]).toEqual(['2027-01-03', 7]);
    expect([monday, isoWeekday(monday)]).toEqual(['2027-01-04', 1]);
    expect(shanghaiDay(new Date('2026-12-31T16:30:00Z')).slice(0, 4)).toBe('2027');
  });

  it('keeps the people whose duty days hold the day', () => {
    const base = boardEntryOf(owner, 2027, [pledge('approved', '2027-01')], undefined, undefined, 'now')!;
    const cards = [
      { ...base, name: 'a', dutyDays: [1, 2, 3, 4, 5] },
      { ...base, name: 'b', dutyDays: [6, 7] },
      { ...base, name: 'c', dutyDays: [] },
    ];
    expect(cards.filter((c) => onDuty(c, '2027-01-04')).map((c) => c.name)).toEqual(['a']);
    expect(cards.filter((c) => onDuty(c, '2027-01-03')).map((c) => c.name)).toEqual(['b']);
  });
});
