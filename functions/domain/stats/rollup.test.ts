import { describe, expect, it } from 'vitest';
import { OrgTree } from '../org/tree.js';
import type { Unit } from '../org/schema.js';
import { oldest, patchUnitPeople, rollupChangedUnits, rollupItems, stateOf, unitRows } from './rollup.js';
import type { UnitFigures, UnitPeople } from './schema.js';

const unit = (unitId: string, parentId: string | null): Unit => ({
  unitId, name: unitId, kind: parentId ? 'branch' : 'bureau', parentId, sortOrder: 0, retired: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1,
});
const tree = new OrgTree([unit('bureau', null), unit('b1', 'bureau'), unit('b2', 'bureau')]);
const now = '2026-03-01T00:00:00.000Z';
const person = (personId: string, unitId: string, active = true) => ({ personId, name: personId, login: personId, unitId, active });

describe('stateOf', () => {
  it('is done, else overdue past the due date, else in progress once started, else not started', () => {
    expect(stateOf('2026-02-01T00:00:00Z', true, '2026-01-01T00:00:00Z', now)).toBe('done');
    expect(stateOf(null, true, '2026-02-01T00:00:00Z', now)).toBe('overdue');
    expect(stateOf(null, true, '2026-04-01T00:00:00Z', now)).toBe('inProgress');
    expect(stateOf(undefined, false, '2026-04-01T00:00:00Z', now)).toBe('notStarted');
  });
});

describe('rollupItems', () => {
  const people = [person('a', 'b1'), person('b', 'b1'), person('c', 'b2'), person('d', 'b2', false), person('e', 'bureau')];
  const progress = new Map<string, string | null>([['a', '2026-02-01T00:00:00Z'], ['c', null]]);
  const due = '2026-04-01T00:00:00.000Z';
  // Everyone but `e` is in the audience.
  const { items, people: counted } = rollupItems({ kind: 'course', id: 'c1' }, people, (p) => (p.personId === 'e' ? undefined : due), progress, tree, now);
  const figures = (unitId: string) => items.find((i): i is UnitFigures => i.part === 'UNIT' && i.unitId === unitId)!;

  it('writes two items for every unit of the tree, a unit without people included', () => {
    expect(items).toHaveLength(6);
    expect(figures('bureau').direct.total).toBe(0);
    expect(items.every((i) => i.subject === 'course#c1' && i.computedAt === now)).toBe(true);
  });

  it('counts active people of the audience in their unit, and the subtree adds the children', () => {
    expect(counted).toBe(3);
    expect(figures('b1').direct).toEqual({ total: 2, done: 1, inProgress: 0, notStarted: 1, overdue: 0 });
    expect(figures('b2').direct).toEqual({ total: 1, done: 0, inProgress: 1, notStarted: 0, overdue: 0 });
    expect(figures('bureau').subtree).toEqual({ total: 3, done: 1, inProgress: 1, notStarted: 1, overdue: 0 });
  });

  it('reads zero for units without a rollup, and the oldest computation as the figures’ age', () => {
    const rows = unitRows(['bureau', 'b1'], new Map([['bureau', 0], ['b1', 1]]), tree, new Map([['b1', figures('b1')]]));
    expect(rows.map((r) => [r.unitId, r.depth, r.subtree.total, r.computedAt])).toEqual([['bureau', 0, 0, null], ['b1', 1, 2, now]]);
    expect(oldest([null, '2026-02-02T00:00:00Z', '2026-02-01T00:00:00Z'])).toBe('2026-02-01T00:00:00Z');
    expect(oldest([null])).toBeNull();
  });
});

describe('rollupChangedUnits', () => {
  const people = [person('a', 'b1'), person('b', 'b1'), person('c', 'b2'), person('e', 'bureau')];
  const due = '2026-04-01T00:00:00.000Z';
  const subject = { kind: 'course' as const, id: 'c1' };
  const before = rollupItems(subject, people, () => due, new Map([['c', null]]), tree, now).items;
  const stored = new Map(before.filter((i): i is UnitFigures => i.part === 'UNIT').map((i) => [i.unitId, i]));
  const storedB1 = before.find((i): i is UnitPeople => i.part === 'PEOPLE' && i.unitId === 'b1')!;
  const later = '2026-03-01T00:05:00.000Z';
  // b completes; only b1's people change.
  const progress = new Map<string, string | null>([['c', null], ['b', '2026-03-01T00:04:00.000Z']]);
  const strip = (i: UnitFigures | UnitPeople) => ({ ...i, computedAt: undefined });

  it('agrees with a full recomputation, rewriting only the changed unit and the sums above it', () => {
    const patched = patchUnitPeople(storedB1.people, [person('b', 'b1')], () => due, progress, later);
    const items = rollupChangedUnits(subject, new Map([['b1', { people: patched, computedAt: storedB1.computedAt }]]), tree, stored, later)!;
    const full = rollupItems(subject, people, () => due, progress, tree, later).items;
    for (const item of items) expect(strip(item)).toEqual(strip(full.find((f) => f.unitId === item.unitId && f.part === item.part)!));
    expect(items.map((i) => `${i.part}#${i.unitId}`).sort()).toEqual(['PEOPLE#b1', 'UNIT#b1', 'UNIT#bureau']);
    // Only b was looked at again: b1's figures stay as of the computation that saw the others.
    expect(items.every((i) => i.computedAt === now)).toBe(true);
    expect(patched.map((p) => [p.personId, p.state])).toEqual([['a', 'notStarted'], ['b', 'done']]);
  });

  it('drops a patched person who left the audience, and adds one who was not listed', () => {
    expect(patchUnitPeople(storedB1.people, [person('b', 'b1')], () => undefined, progress, later).map((p) => p.personId)).toEqual(['a']);
    expect(patchUnitPeople([], [person('z', 'b1')], () => due, new Map([['z', null]]), later).map((p) => [p.personId, p.state])).toEqual([['z', 'inProgress']]);
  });

  it('answers null for a subject never computed, so the caller computes it whole', () => {
    expect(rollupChangedUnits(subject, new Map(), tree, new Map(), later)).toBeNull();
  });
});
