/**
 * Audiences and due dates, as pure functions: who an audience includes, which units' people it is drawn from, how it
 * reads in a list, what a due date means, and where an assignment stands for one person.
 */
import { AppError } from '../../platform/errors.js';
import type { OrgTree } from '../org/tree.js';
import type { Assignment, Audience } from './schema.js';

/** What an audience needs to know of a person. */
export interface Member {
  personId: string;
  unitId: string;
  branchId: string | null;
  partyStatus: string;
}

/** Whether an assignment's audience includes a person. */
export function inAudience(audience: Audience, person: Member, tree: OrgTree): boolean {
  switch (audience.kind) {
    case 'everyone':
      return true;
    case 'people':
      return audience.personIds.includes(person.personId);
    case 'units':
      return audience.unitIds.some((unitId) => tree.isWithin(person.unitId, unitId));
    case 'members':
      return (
        person.partyStatus !== 'none' &&
        audience.unitIds.some((unitId) => tree.isWithin(person.unitId, unitId) || (person.branchId !== null && tree.isWithin(person.branchId, unitId)))
      );
  }
}

/**
 * Where the people of some audiences are to be found: the units whose own people to read (every unit in the subtree
 * of a unit audience; every unit for everyone), the Party branches whose members to read (a member may sit in a unit
 * outside the branch's subtree), and the people named one by one. Whoever is read is then checked with inAudience.
 */
export function audienceSources(audiences: Audience[], tree: OrgTree): { unitIds: string[]; branchIds: string[]; personIds: string[] } {
  const unitIds = new Set<string>();
  const branchIds = new Set<string>();
  const personIds = new Set<string>();
  for (const audience of audiences) {
    if (audience.kind === 'people') for (const id of audience.personIds) personIds.add(id);
    const tops = audience.kind === 'everyone' ? tree.roots().map((unit) => unit.unitId) : audience.kind === 'people' ? [] : audience.unitIds;
    for (const top of tops) {
      for (const unit of tree.subtree(top)) {
        unitIds.add(unit.unitId);
        if (audience.kind === 'members' && unit.kind === 'branch') branchIds.add(unit.unitId);
      }
    }
  }
  return { unitIds: [...unitIds], branchIds: [...branchIds], personIds: [...personIds] };
}

/** How an audience reads in a list: its kind and the names of its units, or how many people it names. */
export function describeAudience(audience: Audience, tree: OrgTree): { kind: Audience['kind']; units: { unitId: string; name: string }[]; people: number } {
  switch (audience.kind) {
    case 'everyone':
      return { kind: audience.kind, units: [], people: 0 };
    case 'people':
      return { kind: audience.kind, units: [], people: audience.personIds.length };
    default:
      return { kind: audience.kind, units: audience.unitIds.map((unitId) => ({ unitId, name: tree.get(unitId)?.name ?? '—' })), people: 0 };
  }
}

/** The instant a due date means: a day is due at its end in Shanghai. */
export function dueInstant(value: string): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999+08:00`) : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new AppError('VALIDATION', { details: [{ path: 'dueAt', message: value }] });
  return instant.toISOString();
}

export const dueSoonMs = 7 * 24 * 3600 * 1000;

export type TaskState = 'done' | 'overdue' | 'dueSoon' | 'assigned';

/** Where an assignment stands for one person at `nowMs`: done, overdue, due soon (within a week) or assigned. */
export function taskState(assignment: Pick<Assignment, 'dueAt'>, completedAt: string | null, nowMs: number): TaskState {
  const due = Date.parse(assignment.dueAt);
  return completedAt ? 'done' : due < nowMs ? 'overdue' : due - nowMs <= dueSoonMs ? 'dueSoon' : 'assigned';
}

const taskOrder: Record<TaskState, number> = { overdue: 0, dueSoon: 1, assigned: 2, done: 3 };

/** Most urgent first: overdue, due soon, assigned, done; then by due date. */
export function byUrgency(a: { state: TaskState; dueAt: string }, b: { state: TaskState; dueAt: string }): number {
  return taskOrder[a.state] - taskOrder[b.state] || a.dueAt.localeCompare(b.dueAt);
}
