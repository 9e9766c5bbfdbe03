import { describe, expect, it } from 'vitest';
import { OrgTree } from '../org/tree.js';
import type { Unit } from '../org/schema.js';
import { activeIn, expectedByNow, fraction, monthOf, overviewItems, personRow, type Assigned, type Person, type Sources } from './compute.js';

const at = '2026-01-01T00:00:00.000Z';
const unit = (unitId: string, parentId: string | null, kind: Unit['kind'], sortOrder = 0): Unit => ({ unitId, name: unitId, kind, parentId, sortOrder, retired: false, createdAt: at, updatedAt: at, version: 1 });
const tree = new OrgTree([unit('bureau', null, 'bureau'), unit('dept', 'bureau', 'department', 1), unit('branch', 'bureau', 'branch', 2), unit('group', 'branch', 'group')]);

const person = (personId: string, unitId: string, branchId: string | null, partyStatus = 'full'): Person => ({ personId, name: personId, unitId, branchId, partyStatus, active: true });

const course = (subjectId: string, dueAt: string, required = true, audience: Assigned['audience'] = { kind: 'everyone' }): Assigned => ({
  kind: 'course', assignmentId: `a-${subjectId}-${dueAt}`, subjectId, title: `课程${subjectId}`, required, dueAt, audience,
});

function sources(over: Partial<Sources> = {}): Sources {
  return {
    year: 2026, now: '2026-07-02T12:00:00.000Z', tree, people: [], assignments: [], progress: new Map(), credit: new Map(), target: 50,
    attendance: new Map(), pledges: new Map(), ratingDue: new Set(), ...over,
  };
}

describe('the 学时 expected by a date', () => {
  it('is nothing at the start of the Shanghai year, all at its end, and pro rata between', () => {
    expect(expectedByNow(50, 2026, '2025-12-31T16:00:00.000Z')).toBe(0);
    expect(expectedByNow(50, 2026, '2026-12-31T16:00:00.000Z')).toBe(50);
    expect(expectedByNow(50, 2026, '2030-01-01T00:00:00.000Z')).toBe(50);
    const mid = expectedByNow(50, 2026, '2026-07-02T12:00:00.000Z');
    expect(mid).toBeGreaterThan(24.5);
    expect(mid).toBeLessThan(25.5);
  });
});

describe('which assignments a year counts', () => {
  it('counts those due in the Shanghai year and those due after it, not those due before', () => {
    expect(activeIn('2026-12-31T15:59:59.999Z', 2026)).toBe(true);
    // 2027-01-01 00:30 in Shanghai is already next year.
    expect(activeIn('2026-12-31T16:30:00.000Z', 2027)).toBe(true);
    expect(activeIn('2025-12-31T15:59:59.999Z', 2026)).toBe(false);
    expect(activeIn('2027-03-01T00:00:00.000Z', 2026)).toBe(true);
  });
});

describe('a person’s row', () => {
  it('keeps one task per course, the earliest due date, required when any assignment of it is', () => {
    const s = sources({ assignments: [course('c1', '2026-09-01T00:00:00.000Z', false), course('c1', '2026-08-01T00:00:00.000Z', false), course('c1', '2026-10-01T00:00:00.000Z', true)] });
    const row = personRow(person('p', 'dept', null), s);
    expect(row.open).toHaveLength(1);
    expect(row.open[0]).toMatchObject({ dueAt: '2026-08-01T00:00:00.000Z', required: true, state: 'notStarted' });
    expect(row.courses).toEqual({ required: 1, onTime: 1, overdue: 0 });
  });

  it('counts a completion after the due date as late, and one after the computation’s instant as not done', () => {
    const progress = new Map<string, Map<string, string | null>>([
      ['late', new Map([['p', '2026-06-05T00:00:00.000Z']])],
      ['future', new Map([['p', '2026-08-01T00:00:00.000Z']])],
      ['started', new Map([['p', null]])],
    ]);
    const s = sources({
      progress,
      assignments: [course('late', '2026-06-01T00:00:00.000Z'), course('future', '2026-12-01T00:00:00.000Z'), course('started', '2026-12-01T00:00:00.000Z'), course('other', '2026-01-15T00:00:00.000Z', true, { kind: 'units', unitIds: ['branch'] })],
    });
    const row = personRow(person('p', 'dept', null), s);
    expect(row.courses).toEqual({ required: 3, onTime: 2, overdue: 0 });
    expect(row.meets.courses).toBe(false);
    expect(row.open.map((t) => [t.subjectId, t.state])).toEqual([['future', 'inProgress'], ['started', 'inProgress']]);
  });

  it('meets the pledges requirement only as a Party member with items approved, none returned, rated once the window closed', () => {
    const pledges = new Map([['m', { states: ['approved', 'done'], rating: null }], ['n', { states: ['approved'], rating: null }]]);
    const base = sources({ pledges });
    expect(personRow(person('m', 'group', 'branch'), base).meets.pledges).toBe(true);
    expect(personRow(person('m', 'group', 'branch'), { ...base, ratingDue: new Set(['branch']) }).meets.pledges).toBe(false);
    expect(personRow(person('x', 'dept', null, 'none'), base).meets.pledges).toBeNull();
    expect(personRow(person('n', 'group', 'branch'), { ...base, pledges: new Map([['n', { states: ['approved', 'returned'], rating: null }]]) }).meets.pledges).toBe(false);
  });

  it('meets the sessions requirement when nothing is owed, and does not apply with nothing expected', () => {
    const attendance = new Map([['a', { expected: 4, attended: 3, leave: 1, absent: 0, madeUp: 0 }], ['b', { expected: 4, attended: 4, leave: 0, absent: 0, madeUp: 0 }]]);
    const s = sources({ attendance });
    expect(personRow(person('a', 'group', 'branch'), s).sessions.makeUpDue).toBe(1);
    expect(personRow(person('a', 'group', 'branch'), s).meets.sessions).toBe(false);
    expect(personRow(person('b', 'group', 'branch'), s).meets.sessions).toBe(true);
    expect(personRow(person('c', 'dept', null), s).meets.sessions).toBeNull();
  });
});

describe('the units’ items', () => {
  it('adds a unit’s own shares to its subtree’s, counts only active people, and keeps earlier months of the trend', () => {
    const credit = new Map([['p1', 40], ['p2', 0], ['p3', 45]]);
    const people = [person('p1', 'dept', null), person('p2', 'group', 'branch'), person('p3', 'branch', 'branch'), { ...person('gone', 'group', 'branch'), active: false }];
    const previous = new Map([['bureau', { unitId: 'bureau', year: 2026, people: 3, direct: overviewItems(sources(), new Map()).units[0]!.direct, subtree: overviewItems(sources(), new Map()).units[0]!.subtree, trend: { '2026-06': { courses: { met: 0, of: 0 }, credit: { met: 1, of: 3 }, sessions: { met: 0, of: 0 }, pledges: { met: 0, of: 0 } } }, computedAt: at }]]);
    const { units, people: peopleItems, counted } = overviewItems(sources({ people, credit }), previous);
    expect(counted).toBe(3);
    const byId = new Map(units.map((u) => [u.unitId, u]));
    expect(byId.get('bureau')!.people).toBe(3);
    expect(byId.get('bureau')!.subtree.credit).toEqual({ met: 2, of: 3 });
    expect(byId.get('bureau')!.direct.credit).toEqual({ met: 0, of: 0 });
    expect(byId.get('branch')!.subtree.credit).toEqual({ met: 1, of: 2 });
    expect(byId.get('group')!.people).toBe(1);
    expect(Object.keys(byId.get('bureau')!.trend).sort()).toEqual(['2026-06', '2026-07']);
    expect(peopleItems.find((p) => p.unitId === 'group')!.rows.map((r) => r.personId)).toEqual(['p2']);
    expect(fraction(byId.get('bureau')!.subtree.credit)).toBeCloseTo(2 / 3);
    expect(fraction({ met: 0, of: 0 })).toBeNull();
  });

  it('dates the trend by the Shanghai month', () => {
    expect(monthOf('2026-06-30T16:30:00.000Z')).toBe('2026-07');
    expect(monthOf('2026-06-30T15:30:00.000Z')).toBe('2026-06');
  });
});
