import { describe, expect, it } from 'vitest';
import { OrgTree } from '../org/tree.js';
import { dueWithinYear, editable, ratingSummary, toSubmit, windowFor, windowOpen, yearTakesPledges } from './cycle.js';
import type { Pledge, PledgeRatingRecord, ReviewWindow } from './schema.js';

const unit = (unitId: string, parentId: string | null, kind = 'branch') => ({ unitId, parentId, name: unitId, kind, sortOrder: 0, retired: false, createdAt: '', updatedAt: '', version: 1 }) as never;
const tree = new OrgTree([unit('bureau', null, 'bureau'), unit('b1', 'bureau'), unit('g1', 'b1', 'group'), unit('b2', 'bureau')]);
const window = (unitId: string, opensOn: string, closesOn: string): ReviewWindow => ({ unitId, year: 2027, opensOn, closesOn, openedBy: 'x', openedAt: '' });

describe('which years take pledges', () => {
  it('takes the current year, and the next one only in December', () => {
    expect(yearTakesPledges(2027, '2027-03-10')).toBe(true);
    expect(yearTakesPledges(2028, '2027-11-30')).toBe(false);
    expect(yearTakesPledges(2028, '2027-12-01')).toBe(true);
    expect(yearTakesPledges(2026, '2027-01-02')).toBe(false);
    expect(dueWithinYear('2027-12-31', 2027)).toBe(true);
    expect(dueWithinYear('2028-01-01', 2027)).toBe(false);
  });
});

describe('editing and handing in', () => {
  it('lets drafts and returned items be edited and handed in, nothing else', () => {
    expect(['draft', 'submitted', 'returned', 'approved', 'done'].map((s) => editable(s as never))).toEqual([true, false, true, false, false]);
    const items = ['draft', 'approved', 'returned', 'submitted'].map((state, i) => ({ pledgeId: String(i), state }) as unknown as Pledge);
    expect(toSubmit(items).map((p) => p.pledgeId)).toEqual(['0', '2']);
  });
});

describe('the review window', () => {
  it('is the unit’s own, else the nearest above it, open on both its days', () => {
    const windows = [window('bureau', '2027-12-01', '2027-12-31'), window('b2', '2028-01-05', '2028-01-20')];
    expect(windowFor('g1', windows, tree)?.unitId).toBe('bureau');
    expect(windowFor('b2', windows, tree)?.unitId).toBe('b2');
    expect(windowFor('g1', [], tree)).toBeUndefined();
    const w = windows[0]!;
    expect([windowOpen(w, '2027-11-30'), windowOpen(w, '2027-12-01'), windowOpen(w, '2027-12-31'), windowOpen(w, '2028-01-01')]).toEqual([false, true, true, false]);
    expect(windowOpen(undefined, '2027-12-10')).toBe(false);
  });
});

describe('how a branch’s ratings stand', () => {
  const step = (rating: string) => ({ rating, reason: '', by: 'o', byName: 'o', at: '' }) as never;
  const rating = (proposal: string | null, decision: string | null): PledgeRatingRecord =>
    ({ personId: Math.random().toString(), branchId: 'b1', year: 2027, proposal: proposal ? step(proposal) : null, decision: decision ? step(decision) : null, updatedAt: '' }) as PledgeRatingRecord;

  it('reads the decision where there is one, else the proposal, and warns past a third 优秀', () => {
    const three = [rating('excellent', 'qualified'), rating('excellent', null), rating('qualified', 'excellent')];
    expect(ratingSummary(three, 6)).toMatchObject({ proposed: 3, decided: 2, excellent: 2, warnExcellent: false });
    expect(ratingSummary(three, 5)).toMatchObject({ excellent: 2, excellentShare: 0.4, warnExcellent: true });
    expect(ratingSummary([], 0)).toMatchObject({ excellentShare: 0, warnExcellent: false });
  });
});
