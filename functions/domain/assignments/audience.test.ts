import { describe, expect, it } from 'vitest';
import { OrgTree } from '../org/tree.js';
import type { Unit } from '../org/schema.js';
import type { Audience } from './schema.js';
import { audienceSources, byUrgency, dueInstant, inAudience, taskState } from './audience.js';

const unit = (unitId: string, kind: Unit['kind'], parentId: string | null): Unit => ({
  unitId, name: unitId, kind, parentId, sortOrder: 0, retired: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1,
});
// bureau ─┬─ branch1 ─ group1
//         ├─ branch2
//         └─ dept
const tree = new OrgTree([unit('bureau', 'bureau', null), unit('branch1', 'branch', 'bureau'), unit('group1', 'group', 'branch1'), unit('branch2', 'branch', 'bureau'), unit('dept', 'department', 'bureau')]);
const person = (personId: string, unitId: string, branchId: string | null = null, partyStatus = 'none') => ({ personId, unitId, branchId, partyStatus });

describe('inAudience', () => {
  it('takes units with their subtrees, members by unit or branch, named people, and everyone', () => {
    expect(inAudience({ kind: 'units', unitIds: ['branch1'] }, person('a', 'group1'), tree)).toBe(true);
    expect(inAudience({ kind: 'units', unitIds: ['branch1'] }, person('b', 'dept'), tree)).toBe(false);
    // A member who works in a department but belongs to branch 2.
    expect(inAudience({ kind: 'members', unitIds: ['branch2'] }, person('c', 'dept', 'branch2', 'full'), tree)).toBe(true);
    expect(inAudience({ kind: 'members', unitIds: ['branch1'] }, person('d', 'group1'), tree)).toBe(false);
    expect(inAudience({ kind: 'people', personIds: ['e'] }, person('e', 'dept'), tree)).toBe(true);
    expect(inAudience({ kind: 'everyone' }, person('f', 'dept'), tree)).toBe(true);
  });
});

describe('audienceSources', () => {
  it('reads the units of each audience subtree, the branches whose members may sit elsewhere, and the named people', () => {
    const sources = audienceSources([{ kind: 'units', unitIds: ['branch1'] }, { kind: 'members', unitIds: ['branch2'] }, { kind: 'people', personIds: ['p1', 'p2'] }], tree);
    expect(sources.unitIds.sort()).toEqual(['branch1', 'branch2', 'group1']);
    expect(sources.branchIds).toEqual(['branch2']);
    expect(sources.personIds).toEqual(['p1', 'p2']);
  });

  it('reads every unit only for an everyone audience, and nothing of the tree for named people', () => {
    expect(audienceSources([{ kind: 'everyone' }], tree).unitIds).toHaveLength(5);
    expect(audienceSources([{ kind: 'people', personIds: ['p1'] }], tree).unitIds).toEqual([]);
  });

  it('finds everyone inAudience accepts among the people of the units and branches it reads', () => {
    const people = [person('a', 'group1'), person('b', 'dept', 'branch2', 'full'), person('c', 'dept'), person('d', 'branch2', 'branch2', 'none')];
    const audiences: Audience[] = [{ kind: 'units', unitIds: ['branch1'] }, { kind: 'members', unitIds: ['branch2'] }];
    for (const audience of audiences) {
      const sources = audienceSources([audience], tree);
      const read = people.filter((p) => sources.unitIds.includes(p.unitId) || (p.branchId !== null && sources.branchIds.includes(p.branchId)));
      for (const p of people) if (inAudience(audience, p, tree)) expect(read).toContain(p);
    }
  });
});

describe('due dates and task states', () => {
  it('takes a day as due at its end in Shanghai', () => {
    expect(dueInstant('2026-03-01')).toBe('2026-03-01T15:59:59.999Z');
    expect(() => dueInstant('not a date')).toThrow();
  });

  it('orders tasks overdue, due soon, assigned, done', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    const at = (days: number) => new Date(now + days * 86400_000).toISOString();
    const tasks = [
      { dueAt: at(30), state: taskState({ dueAt: at(30) }, null, now) },
      { dueAt: at(-1), state: taskState({ dueAt: at(-1) }, '2026-02-01T00:00:00Z', now) },
      { dueAt: at(3), state: taskState({ dueAt: at(3) }, null, now) },
      { dueAt: at(-2), state: taskState({ dueAt: at(-2) }, null, now) },
    ].sort(byUrgency);
    expect(tasks.map((t) => t.state)).toEqual(['overdue', 'dueSoon', 'assigned', 'done']);
  });
});
