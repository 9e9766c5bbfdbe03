/**
 * Completion figures as pure functions: a person's state, and one subject's rollup items (per unit: its own people's
 * counts, its subtree's, and its people with their states) computed from the sources.
 */
import type { OrgTree } from '../org/tree.js';
import { UnitFigures, UnitPeople, type CompletionState, type Counts, type PersonState, type Subject } from './schema.js';

export const subjectKey = (subject: Subject) => `${subject.kind}#${subject.id}`;
export const zero = (): Counts => ({ total: 0, done: 0, inProgress: 0, notStarted: 0, overdue: 0 });

/** A person's state for a set of assignments of one course: done, else overdue once the earliest due date passed. */
export function stateOf(completedAt: string | null | undefined, started: boolean, dueAt: string, nowIso: string): CompletionState {
  if (completedAt) return 'done';
  if (dueAt < nowIso) return 'overdue';
  return started ? 'inProgress' : 'notStarted';
}

/** What a rollup needs to know of a person. */
export interface Counted {
  personId: string;
  name: string;
  login: string;
  unitId: string;
  active: boolean;
}

/**
 * One subject's rollup items: two per unit of the tree (all units, so a unit whose people left reads zero rather
 * than stale figures). `dueOf` gives the earliest due date of the person's assignments in the subject (undefined: not
 * in its audience); `progress` maps each person who started the course to when they completed it (null: not yet).
 */
export function rollupItems<P extends Counted>(
  subject: Subject,
  people: P[],
  dueOf: (person: P) => string | undefined,
  progress: Map<string, string | null>,
  tree: OrgTree,
  computedAt: string,
): { items: (UnitFigures | UnitPeople)[]; people: number } {
  const byUnit = new Map<string, PersonState[]>();
  let counted = 0;
  for (const person of people) {
    if (!person.active) continue;
    const dueAt = dueOf(person);
    if (dueAt === undefined) continue;
    const completedAt = progress.get(person.personId);
    const state = stateOf(completedAt, progress.has(person.personId), dueAt, computedAt);
    const list = byUnit.get(person.unitId) ?? [];
    list.push({ personId: person.personId, name: person.name, login: person.login, state, completedAt: completedAt ?? null });
    byUnit.set(person.unitId, list);
    counted++;
  }
  const key = subjectKey(subject);
  const items: (UnitFigures | UnitPeople)[] = [];
  const count = (list: PersonState[]): Counts => {
    const counts = zero();
    for (const entry of list) {
      counts.total++;
      counts[entry.state]++;
    }
    return counts;
  };
  // Post-order over the tree: a unit's subtree figures are its own plus its children's.
  const visit = (unitId: string): Counts => {
    const direct = count(byUnit.get(unitId) ?? []);
    const subtree = { ...direct };
    for (const child of tree.children(unitId)) {
      const childCounts = visit(child.unitId);
      for (const name of Object.keys(subtree) as (keyof Counts)[]) subtree[name] += childCounts[name];
    }
    const list = (byUnit.get(unitId) ?? []).sort((a, b) => a.login.localeCompare(b.login));
    items.push(UnitFigures.parse({ subject: key, unitId, part: 'UNIT', direct, subtree, computedAt }));
    items.push(UnitPeople.parse({ subject: key, unitId, part: 'PEOPLE', people: list, computedAt }));
    return subtree;
  };
  for (const root of tree.roots()) visit(root.unitId);
  return { items, people: counted };
}

/** Each unit's figures as read from its rollup item (zero, never computed, when there is none yet). */
export function unitRows(wanted: string[], depths: Map<string, number>, tree: OrgTree, byUnit: Map<string, UnitFigures>) {
  const minDepth = Math.min(...wanted.map((id) => depths.get(id) ?? 0));
  return wanted.map((unitId) => {
    const rollup = byUnit.get(unitId);
    return {
      unitId,
      name: tree.get(unitId)?.name ?? '',
      depth: (depths.get(unitId) ?? 0) - minDepth,
      direct: rollup?.direct ?? zero(),
      subtree: rollup?.subtree ?? zero(),
      computedAt: rollup?.computedAt ?? null,
    };
  });
}

/** The oldest of some computation times (null when none was ever computed). */
export const oldest = (times: (string | null)[]) => times.filter((t): t is string => t !== null).sort()[0] ?? null;
