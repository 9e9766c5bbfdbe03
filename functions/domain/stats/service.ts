/**
 * Completion figures for organizers and leaders (DESIGN rule 4): rollup items computed by an idempotent job from the
 * source items (assignments, people, progress), one per (subject, unit), each with the time it was computed. A view
 * reads exactly one item per unit it shows, plus the course, whatever the size of the organisation.
 */
import { AppError } from '../../platform/errors.js';
import { clock } from '../../platform/clock.js';
import { authorize, reachesUnit, type Actor } from '../people/permissions.js';
import { loadTree } from '../people/service.js';
import { listAllPeople } from '../people/store.js';
import type { PublicPerson } from '../people/schema.js';
import type { OrgTree } from '../people/tree.js';
import { allAssignments, assignmentById, assignmentsOfCourse, courseById, inAudience, mayReadFigures, progressOfCourse } from '../courses/service.js';
import type { Assignment } from '../courses/schema.js';
import { rollupEntity } from './entities.js';
import { UnitFigures, UnitPeople, type CompletionState, type Counts, type PersonState, type Subject } from './schema.js';

const subjectKey = (subject: Subject) => `${subject.kind}#${subject.id}`;
const zero = (): Counts => ({ total: 0, done: 0, inProgress: 0, notStarted: 0, overdue: 0 });

/** A person's state for a set of assignments of one course: done, else overdue once the earliest due date passed. */
export function stateOf(completedAt: string | null | undefined, started: boolean, dueAt: string, nowIso: string): CompletionState {
  if (completedAt) return 'done';
  if (dueAt < nowIso) return 'overdue';
  return started ? 'inProgress' : 'notStarted';
}

/**
 * Recomputes one subject's rollup from the sources and writes one item per unit (all units, so a unit whose people
 * left reads zero rather than stale figures). Running it twice gives the same items.
 */
export async function computeCompletion(subject: Subject, sources?: { tree?: OrgTree; people?: PublicPerson[] }): Promise<{ units: number; people: number }> {
  let courseId: string;
  let assignments: Assignment[];
  if (subject.kind === 'assignment') {
    const assignment = await assignmentById(subject.id);
    if (!assignment) return { units: 0, people: 0 };
    courseId = assignment.courseId;
    assignments = [assignment];
  } else {
    courseId = subject.id;
    assignments = await assignmentsOfCourse(courseId);
  }
  const [tree, people, progress] = await Promise.all([
    sources?.tree ?? loadTree(),
    sources?.people ?? listAllPeople(),
    progressOfCourse(courseId),
  ]);
  const now = clock.now().toISOString();
  const computedAt = now;
  const byUnit = new Map<string, PersonState[]>();
  for (const person of people) {
    if (!person.active) continue;
    const mine = assignments.filter((assignment) => inAudience(assignment.audience, person, tree));
    if (mine.length === 0) continue;
    const dueAt = mine.map((a) => a.dueAt).sort()[0]!;
    const completedAt = progress.get(person.personId);
    const state = stateOf(completedAt, progress.has(person.personId), dueAt, now);
    const list = byUnit.get(person.unitId) ?? [];
    list.push({ personId: person.personId, name: person.name, login: person.login, state, completedAt: completedAt ?? null });
    byUnit.set(person.unitId, list);
  }
  const items: (UnitFigures | UnitPeople)[] = [];
  const subtreeCounts = new Map<string, Counts>();
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
      for (const key of Object.keys(subtree) as (keyof Counts)[]) subtree[key] += childCounts[key];
    }
    subtreeCounts.set(unitId, subtree);
    const list = (byUnit.get(unitId) ?? []).sort((a, b) => a.login.localeCompare(b.login));
    items.push(UnitFigures.parse({ subject: subjectKey(subject), unitId, part: 'UNIT', direct, subtree, computedAt }));
    items.push(UnitPeople.parse({ subject: subjectKey(subject), unitId, part: 'PEOPLE', people: list, computedAt }));
    return subtree;
  };
  for (const root of tree.roots()) visit(root.unitId);
  const entity = rollupEntity();
  for (let i = 0; i < items.length; i += 25) await entity.put(items.slice(i, i + 25)).go();
  return { units: items.length, people: [...byUnit.values()].reduce((n, list) => n + list.length, 0) };
}

/** The job: every assignment, and every course that has assignments. Idempotent. */
export async function computeAllCompletion(): Promise<Record<string, number>> {
  const [tree, people, assignments] = await Promise.all([loadTree(), listAllPeople(), allAssignments()]);
  const courses = new Set(assignments.map((a) => a.courseId));
  for (const assignment of assignments) await computeCompletion({ kind: 'assignment', id: assignment.assignmentId }, { tree, people });
  for (const courseId of courses) await computeCompletion({ kind: 'course', id: courseId }, { tree, people });
  return { assignments: assignments.length, courses: courses.size, people: people.length };
}

/**
 * Completion of a course (or one of its assignments) for the units the actor reaches: each unit's own and subtree
 * figures with the time they were computed; with `unitId`, that unit's people and their states.
 */
export async function getCourseCompletion(actor: Actor | null, courseId: string, query: { assignmentId?: string; unitId?: string } = {}) {
  const grant = authorize(actor, 'getCourseCompletion');
  const [course, tree] = await Promise.all([courseById(courseId), loadTree()]);
  if (!course || !mayReadFigures(actor!, course, tree)) throw new AppError('NOT_FOUND', { messageKey: 'courseNotFound' });
  if (query.assignmentId && (await assignmentById(query.assignmentId))?.courseId !== courseId) {
    throw new AppError('NOT_FOUND', { messageKey: 'courseNotFound' });
  }
  const subject: Subject = query.assignmentId ? { kind: 'assignment', id: query.assignmentId } : { kind: 'course', id: courseId };
  const tops = grant.access === 'scope' ? grant.unitIds : tree.roots().map((u) => u.unitId);
  const shown = new Map<string, number>();
  for (const top of tops) for (const unit of tree.subtree(top)) if (!shown.has(unit.unitId)) shown.set(unit.unitId, tree.path(unit.unitId).length - 1);
  if (query.unitId && !(shown.has(query.unitId) && reachesUnit(grant, actor!, query.unitId, tree))) {
    throw new AppError('NOT_FOUND', { messageKey: 'unitNotFound' });
  }
  const wanted = query.unitId ? [query.unitId] : [...shown.keys()];
  const keys: { subject: string; unitId: string; part: 'UNIT' | 'PEOPLE' }[] = wanted.map((unitId) => ({ subject: subjectKey(subject), unitId, part: 'UNIT' }));
  if (query.unitId) keys.push({ subject: subjectKey(subject), unitId: query.unitId, part: 'PEOPLE' });
  const { data } = keys.length ? await rollupEntity().get(keys).go() : { data: [] };
  const byUnit = new Map(data.filter((r) => r.part === 'UNIT').map((record) => [record.unitId, UnitFigures.parse(record)]));
  const drill = data.find((r) => r.part === 'PEOPLE');
  const minDepth = Math.min(...wanted.map((id) => shown.get(id) ?? 0));
  const units = wanted.map((unitId) => {
    const rollup = byUnit.get(unitId);
    return {
      unitId,
      name: tree.get(unitId)?.name ?? '',
      depth: (shown.get(unitId) ?? 0) - minDepth,
      direct: rollup?.direct ?? zero(),
      subtree: rollup?.subtree ?? zero(),
      computedAt: rollup?.computedAt ?? null,
    };
  });
  const computed = units.map((u) => u.computedAt).filter((t): t is string => t !== null).sort();
  return {
    courseId,
    courseTitle: course.title,
    assignmentId: query.assignmentId ?? null,
    asOf: computed[0] ?? null,
    units,
    people: query.unitId ? (drill ? UnitPeople.parse(drill).people : []) : null,
  };
}

/** Recomputes one course's figures on demand (its assignments and the course as a whole). */
export async function refreshCourseCompletion(actor: Actor | null, courseId: string) {
  authorize(actor, 'refreshCourseCompletion');
  const course = await courseById(courseId);
  if (!course) throw new AppError('NOT_FOUND', { messageKey: 'courseNotFound' });
  const [tree, people, assignments] = await Promise.all([loadTree(), listAllPeople(), assignmentsOfCourse(courseId)]);
  let units = 0;
  for (const assignment of assignments) units = (await computeCompletion({ kind: 'assignment', id: assignment.assignmentId }, { tree, people })).units;
  await computeCompletion({ kind: 'course', id: courseId }, { tree, people });
  return { assignments: assignments.length, units };
}
