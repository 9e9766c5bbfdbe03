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

/** The states of the people of one unit in a subject's audience, by login, and their counts. */
export function unitStates<P extends Counted>(people: readonly P[], dueOf: (person: P) => string | undefined, progress: Map<string, string | null>, computedAt: string) {
  const list: PersonState[] = [];
  const counts = zero();
  for (const person of people) {
    if (!person.active) continue;
    const dueAt = dueOf(person);
    if (dueAt === undefined) continue;
    const completedAt = progress.get(person.personId);
    const state = stateOf(completedAt, progress.has(person.personId), dueAt, computedAt);
    list.push({ personId: person.personId, name: person.name, login: person.login, state, completedAt: completedAt ?? null });
    counts.total++;
    counts[state]++;
  }
  return { list: list.sort((a, b) => a.login.localeCompare(b.login)), counts };
}

const plus = (a: Counts, b: Counts): Counts => ({ total: a.total + b.total, done: a.done + b.done, inProgress: a.inProgress + b.inProgress, notStarted: a.notStarted + b.notStarted, overdue: a.overdue + b.overdue });
const sameCounts = (a: Counts | undefined, b: Counts) => a !== undefined && (Object.keys(b) as (keyof Counts)[]).every((k) => a[k] === b[k]);

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
  const byUnit = new Map<string, P[]>();
  for (const person of people) byUnit.set(person.unitId, [...(byUnit.get(person.unitId) ?? []), person]);
  const key = subjectKey(subject);
  const items: (UnitFigures | UnitPeople)[] = [];
  let counted = 0;
  // Post-order over the tree: a unit's subtree figures are its own plus its children's.
  const visit = (unitId: string): Counts => {
    const { list, counts: direct } = unitStates(byUnit.get(unitId) ?? [], dueOf, progress, computedAt);
    counted += list.length;
    const subtree = tree.children(unitId).reduce((sum, child) => plus(sum, visit(child.unitId)), direct);
    items.push(UnitFigures.parse({ subject: key, unitId, part: 'UNIT', direct, subtree, computedAt }));
    items.push(UnitPeople.parse({ subject: key, unitId, part: 'PEOPLE', people: list, computedAt }));
    return subtree;
  };
  for (const root of tree.roots()) visit(root.unitId);
  return { items, people: counted };
}

/**
 * A unit's people list after some of its people's progress changed: the others keep their stored states; each marked
 * person is recomputed (and dropped when no longer in the audience or active). By login, as stored.
 */
export function patchUnitPeople<P extends Counted>(stored: readonly PersonState[], marked: readonly P[], dueOf: (person: P) => string | undefined, progress: Map<string, string | null>, computedAt: string): PersonState[] {
  const ids = new Set(marked.map((p) => p.personId));
  return [...stored.filter((p) => !ids.has(p.personId)), ...unitStates(marked, dueOf, progress, computedAt).list].sort((a, b) => a.login.localeCompare(b.login));
}

/** Counts of a unit's people list. */
export function countStates(list: readonly PersonState[]): Counts {
  const counts = zero();
  for (const entry of list) {
    counts.total++;
    counts[entry.state]++;
  }
  return counts;
}

/**
 * The same subject's items after the people lists of some units changed (`changed`: each such unit's new list and the
 * time it is as of): those units' people and own figures are rewritten; every other unit keeps its stored own
 * figures, and the subtree sums are redone over the tree. Only items that differ are returned; a unit's figures keep
 * the time they are as of, so "as of" never claims more than was computed. Null when the subject was never computed
 * (`stored` empty); `computedAt` dates a unit that had no figures yet.
 */
export function rollupChangedUnits(
  subject: Subject,
  changed: Map<string, { people: PersonState[]; computedAt: string }>,
  tree: OrgTree,
  stored: Map<string, UnitFigures>,
  computedAt: string,
): (UnitFigures | UnitPeople)[] | null {
  if (stored.size === 0) return null;
  const key = subjectKey(subject);
  const items: (UnitFigures | UnitPeople)[] = [];
  const visit = (unitId: string): Counts => {
    const before = stored.get(unitId);
    const now = changed.get(unitId);
    const direct = now ? countStates(now.people) : (before?.direct ?? zero());
    const subtree = tree.children(unitId).reduce((sum, child) => plus(sum, visit(child.unitId)), direct);
    if (now) {
      items.push(UnitPeople.parse({ subject: key, unitId, part: 'PEOPLE', people: now.people, computedAt: now.computedAt }));
      items.push(UnitFigures.parse({ subject: key, unitId, part: 'UNIT', direct, subtree, computedAt: now.computedAt }));
    } else if (!sameCounts(before?.subtree, subtree)) {
      items.push(UnitFigures.parse({ subject: key, unitId, part: 'UNIT', direct, subtree, computedAt: before?.computedAt ?? computedAt }));
    }
    return subtree;
  };
  for (const root of tree.roots()) visit(root.unitId);
  return items;
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
