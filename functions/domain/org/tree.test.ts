import { describe, expect, it } from 'vitest';
import type { Unit } from './schema.js';
import { OrgTree, sortAsTree } from './tree.js';

const t0 = '2026-01-01T00:00:00.000Z';
let counter = 0;
function unit(name: string, kind: Unit['kind'], parent: Unit | string | null, sortOrder = 0): Unit {
  const parentId = typeof parent === 'string' ? parent : (parent?.unitId ?? null);
  return { unitId: `01J${String(++counter).padStart(23, '0')}`, name, kind, parentId, sortOrder, retired: false, createdAt: t0, updatedAt: t0, version: 1 };
}

const bureau = unit('县政务服务管理局', 'bureau', null);
const branch2 = unit('机关第二党支部', 'branch', bureau, 20);
const branch1 = unit('机关第一党支部', 'branch', bureau, 10);
const group = unit('第一支部党小组', 'group', branch1);
const office = unit('办公室', 'department', bureau, 5);
const units = [group, branch2, office, bureau, branch1];

describe('OrgTree', () => {
  const tree = new OrgTree(units);

  it('derives paths, subtrees and display order from parent links', () => {
    expect(tree.path(group.unitId)).toEqual([bureau.unitId, branch1.unitId, group.unitId]);
    expect(tree.pathName(group.unitId)).toBe('县政务服务管理局/机关第一党支部/第一支部党小组');
    expect(tree.ordered().map((u) => u.name)).toEqual(['县政务服务管理局', '办公室', '机关第一党支部', '第一支部党小组', '机关第二党支部']);
    expect(tree.subtree(branch1.unitId).map((u) => u.unitId)).toEqual([branch1.unitId, group.unitId]);
    expect(tree.path('unknown')).toEqual([]);
  });

  it('answers reach questions: within a subtree, the branch above a group, a unit by its path of names', () => {
    expect(tree.isWithin(group.unitId, branch1.unitId)).toBe(true);
    expect(tree.isWithin(group.unitId, group.unitId)).toBe(true);
    expect(tree.isWithin(group.unitId, branch2.unitId)).toBe(false);
    expect(tree.branchOf(group.unitId)?.unitId).toBe(branch1.unitId);
    expect(tree.branchOf(office.unitId)).toBeUndefined();
    expect(tree.findByPathName(' 县政务服务管理局 / 机关第一党支部 ')?.unitId).toBe(branch1.unitId);
    expect(tree.findByPathName('县政务服务管理局/无此单位')).toBeUndefined();
  });

  it('stops at a cycle instead of looping', () => {
    const a = unit('甲', 'department', null);
    const b = unit('乙', 'department', a);
    a.parentId = b.unitId;
    const cyclic = new OrgTree([a, b]);
    expect(cyclic.path(a.unitId)).toEqual([b.unitId, a.unitId]);
    expect(cyclic.isWithin(a.unitId, 'elsewhere')).toBe(false);
  });
});

describe('sortAsTree', () => {
  it('orders units depth first and puts those whose parent is missing last', () => {
    const orphan = unit('孤立科', 'department', '01JZZZZZZZZZZZZZZZZZZZZZZZ');
    const sorted = sortAsTree([orphan, ...units]);
    expect(sorted.map((u) => u.name)).toEqual(['县政务服务管理局', '办公室', '机关第一党支部', '第一支部党小组', '机关第二党支部', '孤立科']);
  });
});
