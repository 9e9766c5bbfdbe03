import { describe, expect, it } from 'vitest';
import { peopleFrom, peopleItem, personFrom, unitFrom, unitItem, type PeopleItem, type UnitItem } from './entities.js';
import type { PersonRow } from './schema.js';

const tasks = Array.from({ length: 50 }, (_, i) => ({
  kind: 'course' as const,
  assignmentId: `01J0000000000000000000A${String(i).padStart(3, '0')}`,
  subjectId: `01J0000000000000000000C${String(i).padStart(3, '0')}`,
  title: `必修课程 ${i + 1}：深化“放管服”改革专题`,
  required: true,
  dueAt: '2026-12-20T15:59:59.999Z',
}));

function row(i: number): PersonRow {
  return {
    personId: `01J00000000000000000P${String(i).padStart(5, '0')}`,
    name: `职工${i}`,
    unitId: 'u',
    branchId: null,
    courses: { required: 50, onTime: 50 - (i % 3), overdue: i % 3 },
    open: tasks.slice(i % 5).map((task, k) => ({ ...task, state: (['overdue', 'inProgress', 'notStarted'] as const)[k % 3]! })),
    credit: { earned: 3.5, target: 50, expectedByNow: 45.7 },
    sessions: { expected: 4, attended: 3, leave: 1, absent: 0, madeUp: 0, makeUpDue: 1 },
    pledges: { items: 3, approved: 2, returned: 1, draft: 0, rating: null },
    meets: { courses: false, credit: false, sessions: false, pledges: null },
  };
}

describe('a unit’s people item', () => {
  const people: PeopleItem = { unitId: 'u', year: 2026, computedAt: '2026-11-30T09:00:00.000Z', rows: Array.from({ length: 150 }, (_, i) => row(i)) };

  it('reads back exactly the rows written', () => {
    expect(peopleFrom(peopleItem(people))).toEqual(people);
  });

  it('keeps 150 people with 50 open courses each well inside DynamoDB’s 400 KB item', () => {
    const bytes = Buffer.byteLength(JSON.stringify(peopleItem(people)));
    const full = Buffer.byteLength(JSON.stringify(people));
    expect(full).toBeGreaterThan(400 * 1024);
    expect(bytes).toBeLessThan(200 * 1024);
  });
});

describe('one person’s row', () => {
  it('is read alone from the item, and absent for someone not in it', () => {
    const people: PeopleItem = { unitId: 'u', year: 2026, computedAt: '2026-11-30T09:00:00.000Z', rows: [row(0), row(1), row(2)] };
    const item = peopleItem(people);
    expect(personFrom(item, row(1).personId)).toEqual(row(1));
    expect(personFrom(item, 'nobody')).toBeNull();
  });
});

describe('a unit’s figures item', () => {
  const shares = { courses: { met: 3, of: 4 }, credit: { met: 1, of: 4 }, sessions: { met: 0, of: 0 }, pledges: { met: 2, of: 2 } };
  const unit: UnitItem = { unitId: 'u', year: 2026, people: 4, direct: shares, subtree: shares, trend: { '2026-10': shares, '2026-11': shares }, computedAt: '2026-11-30T09:00:00.000Z' };

  it('reads back exactly what was written, with its figures in one string beside the keys', () => {
    const item = unitItem(unit);
    expect(typeof item.figures).toBe('string');
    expect(Object.keys(item).sort()).toEqual(['computedAt', 'entity', 'figures', 'pk', 'sk', 'unitId', 'year']);
    expect(unitFrom(item)).toEqual(unit);
  });

  it('reads an item written with its figures as attributes', () => {
    expect(unitFrom({ pk: 'OVERVIEW#2026', sk: 'UNIT#u', entity: 'overviewUnit', ...unit })).toEqual(unit);
  });
});
