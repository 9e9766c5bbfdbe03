import { describe, expect, it } from 'vitest';
import { OrgTree } from '../org/tree.js';
import type { RoleGrant } from './schema.js';
import type { Unit } from '../org/schema.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { assignmentConcerns, assignmentOwner, figuresReach, maySeeCourse } from './courses.js';

const unit = (unitId: string, parentId: string | null): Unit => ({
  unitId, name: unitId, kind: parentId ? 'branch' : 'bureau', parentId, sortOrder: 0, retired: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1,
});
const tree = new OrgTree([unit('bureau', null), unit('b1', 'bureau'), unit('b2', 'bureau')]);
const actor = (roles: RoleGrant[], unitId = 'b1'): Actor => ({ personId: `p-${roles.map((r) => r.role).join('-')}`, name: 'x', login: 'x', unitId, branchId: null, roles, lang: 'zh-CN', mustChangePassword: false, sessionId: 's' });
const admin = actor([{ role: 'staff' }, { role: 'sysadmin' }]);
const organizer1 = actor([{ role: 'staff' }, { role: 'organizer', unitId: 'b1' }]);
const leader = actor([{ role: 'staff' }, { role: 'leader', unitId: 'bureau' }]);
const staff = actor([{ role: 'staff' }]);

describe('who sees a course', () => {
  it('shows published courses to everyone, drafts and archived ones to their editors only', () => {
    expect(maySeeCourse(staff, { status: 'published', ownerUnitId: 'b1' }, tree)).toBe(true);
    expect(maySeeCourse(staff, { status: 'draft', ownerUnitId: 'b1' }, tree)).toBe(false);
    expect(maySeeCourse(organizer1, { status: 'archived', ownerUnitId: 'b1' }, tree)).toBe(true);
    expect(maySeeCourse(organizer1, { status: 'draft', ownerUnitId: 'b2' }, tree)).toBe(false);
    expect(maySeeCourse(admin, { status: 'draft', ownerUnitId: 'b2' }, tree)).toBe(true);
  });
});

describe('figuresReach: the one rule for reading completion figures', () => {
  it('gives each reader the units of their subtree, with depths', () => {
    const of = (who: Actor) => [...figuresReach(authorize(who, 'getCourseCompletion'), who, { status: 'published', ownerUnitId: 'b1' }, tree).units];
    expect(of(organizer1)).toEqual([['b1', 1]]);
    expect(of(leader).map(([id]) => id)).toEqual(['bureau', 'b1', 'b2']);
  });

  it('hides missing courses and other units’ drafts as not found; staff read no figures at all', () => {
    const grant = authorize(organizer1, 'getCourseCompletion');
    expect(() => figuresReach(grant, organizer1, undefined, tree)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => figuresReach(grant, organizer1, { status: 'draft', ownerUnitId: 'b2' }, tree)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => figuresReach(authorize(leader, 'getCourseCompletion'), leader, { status: 'draft', ownerUnitId: 'b1' }, tree)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => authorize(staff, 'getCourseCompletion')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});

describe('assigning', () => {
  const grant = authorize(organizer1, 'assignCourse');
  it('lets an organizer assign within their subtree only, and everyone only to those who reach everything', () => {
    expect(assignmentOwner(grant, organizer1, { kind: 'units', unitIds: ['b1'] }, tree)).toBe('b1');
    expect(() => assignmentOwner(grant, organizer1, { kind: 'units', unitIds: ['b2'] }, tree)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assignmentOwner(grant, organizer1, { kind: 'everyone' }, tree)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(assignmentOwner(authorize(admin, 'assignCourse'), admin, { kind: 'everyone' }, tree)).toBe('bureau');
  });

  it('answers an organizer the same for a missing person as for one out of reach; an admin learns it is bad input', () => {
    const people = { kind: 'people' as const, personIds: ['x'] };
    expect(() => assignmentOwner(grant, organizer1, people, tree, [undefined])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assignmentOwner(grant, organizer1, people, tree, [{ personId: 'x', unitId: 'b2', branchId: null }])).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assignmentOwner(authorize(admin, 'assignCourse'), admin, people, tree, [undefined])).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('offers an organizer the assignments of their units, of units above them, and of people within reach', () => {
    const readGrant = authorize(organizer1, 'listCourseAssignments');
    const concerns = (assignment: Parameters<typeof assignmentConcerns>[2]) => assignmentConcerns(readGrant, organizer1, assignment, tree, new Map([['in', { personId: 'in', unitId: 'b1', branchId: null }]]));
    expect(concerns({ ownerUnitId: 'bureau', audience: { kind: 'units', unitIds: ['bureau'] } })).toBe(true);
    expect(concerns({ ownerUnitId: 'bureau', audience: { kind: 'units', unitIds: ['b2'] } })).toBe(false);
    expect(concerns({ ownerUnitId: 'bureau', audience: { kind: 'people', personIds: ['in'] } })).toBe(true);
    expect(concerns({ ownerUnitId: 'bureau', audience: { kind: 'people', personIds: ['out'] } })).toBe(false);
  });
});
