/**
 * Completion figures for organizers and leaders (DESIGN rule 4): rollup items computed by an idempotent job from the
 * source items (assignments, their audiences, progress), one per (subject, unit), each with the time it was computed.
 * A view reads exactly one item per unit it shows, plus the course, whatever the size of the organisation. Who may
 * read which figures is decided by authz (figuresReach).
 */
import { AppError } from '../../platform/errors.js';
import { clock } from '../../platform/clock.js';
import { currentLang } from '../../platform/request-scope.js';
import { authorize, type Actor, type Grant, type Operation } from '../authz/permissions.js';
import { recordAudit } from '../audit/service.js';
import { loadTree } from '../org/service.js';
import { everyone as listAllPeople, peopleByIds, peopleOfUnit } from '../people/directory.js';
import type { PublicPerson } from '../people/schema.js';
import type { OrgTree } from '../org/tree.js';
import { figuresReach } from '../authz/courses.js';
import { courseById } from '../courses/service.js';
import { allAssignments, allQuizAssignments, assignmentById, assignmentsOfCourse, audienceOf } from '../assignments/service.js';
import { inAudience, type Member } from '../assignments/audience.js';
import type { Assignment, QuizAssignment } from '../assignments/schema.js';
import { quizProgress } from '../quizzes/quiz-service.js';
import { completionOfCourse, completionOfPeople } from '../study/service.js';
import { subjectOfKey, type MarkedSubject } from './keys.js';
import { oldest, patchUnitPeople, rollupChangedUnits, rollupItems, subjectKey, unitRows, unitStates, type Counted } from './rollup.js';
import { completionSpreadsheet, localTime } from './spreadsheet.js';
import { putRollups, readRollups, type RollupKey } from './store.js';
import type { Subject, UnitFigures, UnitPeople } from './schema.js';
import { coursesMessages } from '../courses/messages.js';
import { orgMessages } from '../org/messages.js';

// ─── Computing ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Recomputes every subject of one course (each of its assignments, and the course across them all) from one read of
 * its progress, and writes one item per (subject, unit). `people` must hold at least the assignments' audiences.
 * Running it twice gives the same items.
 */
async function computeCourseSubjects(courseId: string, assignments: Assignment[], sources: { tree: OrgTree; people: (Counted & Member)[]; progress?: Map<string, string | null> }) {
  const progress = sources.progress ?? (await completionOfCourse(courseId));
  return computeSubjects({ kind: 'course', id: courseId }, assignments, progress, sources);
}

/**
 * The same for a quiz assigned on its own: each of its assignments, and the quiz across them; a person is done when
 * they passed it (quizProgress), in progress once they made an attempt.
 */
async function computeQuizSubjects(quizId: string, assignments: QuizAssignment[], sources: { tree: OrgTree; people: (Counted & Member)[] }) {
  return computeSubjects({ kind: 'quiz', id: quizId }, assignments, await quizProgress(quizId), sources);
}

type Assigned = Pick<Assignment, 'assignmentId' | 'audience' | 'dueAt'>;

/** The earliest due date of these assignments for a person in their audience (undefined: in none of them). */
const earliestDueIn = (of: Assigned[], tree: OrgTree) => (person: Member) =>
  of.filter((assignment) => inAudience(assignment.audience, person, tree)).map((a) => a.dueAt).sort()[0];

/** One rollup per assignment and one for the whole (`whole`), from one read of the progress. */
async function computeSubjects(whole: Subject, assignments: Assigned[], progress: Map<string, string | null>, sources: { tree: OrgTree; people: (Counted & Member)[] }) {
  const computedAt = clock.now().toISOString();
  const subjects: [Subject, Assigned[]][] = [
    ...assignments.map((assignment): [Subject, Assigned[]] => [{ kind: 'assignment', id: assignment.assignmentId }, [assignment]]),
    [whole, assignments],
  ];
  let units = 0;
  let people = 0;
  for (const [subject, of] of subjects) {
    const rollup = rollupItems(subject, sources.people, earliestDueIn(of, sources.tree), progress, sources.tree, computedAt);
    await putRollups(rollup.items);
    units = rollup.items.length;
    people = rollup.people;
  }
  return { units, people };
}

/** The job: every assignment, and every course and quiz that has assignments. Idempotent. */
export async function computeAllCompletion(): Promise<Record<string, number>> {
  const [tree, people, assignments, quizAssignments] = await Promise.all([loadTree(), listAllPeople(), allAssignments(), allQuizAssignments()]);
  const byCourse = new Map<string, Assignment[]>();
  for (const assignment of assignments) byCourse.set(assignment.courseId, [...(byCourse.get(assignment.courseId) ?? []), assignment]);
  for (const [courseId, ofCourse] of byCourse) await computeCourseSubjects(courseId, ofCourse, { tree, people });
  const byQuiz = new Map<string, QuizAssignment[]>();
  for (const assignment of quizAssignments) byQuiz.set(assignment.quizId, [...(byQuiz.get(assignment.quizId) ?? []), assignment]);
  for (const [quizId, ofQuiz] of byQuiz) await computeQuizSubjects(quizId, ofQuiz, { tree, people });
  return { assignments: assignments.length + quizAssignments.length, courses: byCourse.size, quizzes: byQuiz.size, people: people.length };
}

/**
 * A quiz's completion for units a reader reaches, from its rollup items (trusted system code: the quizzes area
 * decided the reach with authz's quizFiguresReach, on the `tree` it passes). `depths` are the units shown with their
 * depth; with `unitId`, that unit's people too.
 */
export async function quizCompletion(quizId: string, tree: OrgTree, depths: Map<string, number>, unitId?: string) {
  const subject = subjectKey({ kind: 'quiz', id: quizId });
  const wanted = [...depths.keys()];
  const keys: RollupKey[] = wanted.map((id) => ({ subject, unitId: id, part: 'UNIT' }));
  if (unitId) keys.push({ subject, unitId, part: 'PEOPLE' });
  const { figures, people } = await readOrCompute(keys, `quiz#${quizId}`);
  const units = unitRows(wanted, depths, tree, figures);
  return { asOf: oldest(units.map((u) => u.computedAt)), units, people: unitId ? (people.get(unitId)?.people ?? []) : null };
}

/**
 * Reads rollup items; when none exists yet (a subject assigned a moment ago, before any refresh), computes the
 * subject's figures first, so a new assignment's figures exist at once rather than reading "never computed".
 */
async function readOrCompute(keys: RollupKey[], subjectKey: string) {
  const read = await readRollups(keys);
  if (read.figures.size > 0 || keys.length === 0) return read;
  await refreshSubjectFigures(subjectKey);
  return readRollups(keys);
}

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * What a reader may see of a course's completion: the course (read once), the subject (the course or one of its
 * assignments) and the units of their reach with each one's depth; with `unitId`, that unit must be one of them.
 * The permission is authz's figuresReach; absent → 404.
 */
async function completionScope(actor: Actor | null, operation: Operation, courseId: string, query: { assignmentId?: string; unitId?: string }) {
  const grant: Grant = authorize(actor, operation);
  const [course, tree, assignment] = await Promise.all([courseById(courseId), loadTree(), query.assignmentId ? assignmentById(query.assignmentId) : undefined]);
  const { units } = figuresReach(grant, actor!, course, tree);
  if (query.assignmentId && assignment?.courseId !== courseId) throw new AppError('NOT_FOUND', { messageKey: coursesMessages.courseNotFound });
  if (query.unitId && !units.has(query.unitId)) throw new AppError('NOT_FOUND', { messageKey: orgMessages.unitNotFound });
  const subject: Subject = query.assignmentId ? { kind: 'assignment', id: query.assignmentId } : { kind: 'course', id: courseId };
  return { course: course!, tree, subject: subjectKey(subject), depths: units };
}

/**
 * Completion of a course (or one of its assignments) for the units the actor reaches: each unit's own and subtree
 * figures with the time they were computed; with `unitId`, that unit's people and their states.
 */
export async function getCourseCompletion(actor: Actor | null, courseId: string, query: { assignmentId?: string; unitId?: string } = {}) {
  const { course, tree, subject, depths } = await completionScope(actor, 'getCourseCompletion', courseId, query);
  const wanted = query.unitId ? [query.unitId] : [...depths.keys()];
  const keys: RollupKey[] = wanted.map((unitId) => ({ subject, unitId, part: 'UNIT' }));
  if (query.unitId) keys.push({ subject, unitId: query.unitId, part: 'PEOPLE' });
  const { figures, people } = await readOrCompute(keys, `course#${courseId}`);
  const units = unitRows(wanted, depths, tree, figures);
  return {
    courseId,
    courseTitle: course.title,
    assignmentId: query.assignmentId ?? null,
    asOf: oldest(units.map((u) => u.computedAt)),
    units,
    people: query.unitId ? (people.get(query.unitId)?.people ?? []) : null,
  };
}

/** The figures as a spreadsheet (spreadsheet.ts): the same rollup items as the page, so the file agrees with it. */
export async function exportCourseCompletion(
  actor: Actor | null,
  courseId: string,
  query: { assignmentId?: string; format: 'xlsx' | 'csv'; part: 'units' | 'people' },
): Promise<{ fileName: string; contentType: string; body: Uint8Array | string }> {
  const { course, tree, subject, depths } = await completionScope(actor, 'exportCourseCompletion', courseId, query);
  const parts: ('UNIT' | 'PEOPLE')[] = query.format === 'xlsx' ? ['UNIT', 'PEOPLE'] : [query.part === 'people' ? 'PEOPLE' : 'UNIT'];
  const { figures, people } = await readRollups(parts.flatMap((part) => [...depths.keys()].map((unitId) => ({ subject, unitId, part }))));
  const day = localTime(clock.now().toISOString()).slice(0, 10);
  // Who exported which figures (the audit log: docs/decisions/047).
  await recordAudit({
    action: 'exportCourseCompletion',
    actor: actor!,
    target: { type: 'course', id: course.courseId, label: course.title },
    details: { format: query.format, ...(query.format === 'csv' ? { part: query.part } : {}), ...(query.assignmentId ? { assignmentId: query.assignmentId } : {}) },
  });
  return completionSpreadsheet({ lang: currentLang(), courseTitle: course.title, tree, depths, figures, people, day }, query);
}

/**
 * Recomputes one course's figures on demand (its assignments and the course as a whole). Reads only what the course
 * needs: its assignments, its progress, and the people of its audiences (never the whole population, unless an
 * audience is everyone).
 */
export async function refreshCourseCompletion(actor: Actor | null, courseId: string) {
  // The same reach as reading the figures: a course whose figures the actor may not see does not exist for them.
  const { tree } = await completionScope(actor, 'refreshCourseCompletion', courseId, {});
  const [assignments, progress] = await Promise.all([assignmentsOfCourse(courseId), completionOfCourse(courseId)]);
  const people = await audienceOf(assignments, tree);
  const { units } = await computeCourseSubjects(courseId, assignments, { tree, people, progress });
  return { assignments: assignments.length, units: assignments.length ? units : 0 };
}

/**
 * Recomputes courses' and quizzes' figures that writes marked stale (the refresher calls it, no actor), subject by
 * subject in the order of their first key, until `deadline` (ms since the epoch) has passed. A subject marked whole is
 * recomputed from the people of its audiences, read once for all such subjects; a subject marked only for some people
 * recomputes only their units (rollupChangedUnits) — a completion costs its unit, not the whole audience. Returns the
 * keys answered (a key of another area is not answered; one left for lack of time is not either).
 */
export async function refreshSubjectsFigures(keys: readonly string[], deadline = Number.POSITIVE_INFINITY): Promise<string[]> {
  const bySubject = new Map<string, { subject: MarkedSubject; keys: string[]; whole: boolean; personIds: Set<string> }>();
  for (const key of keys) {
    const marked = subjectOfKey(key);
    if (!marked) continue;
    const id = `${marked.kind}#${marked.id}`;
    const entry = bySubject.get(id) ?? { subject: { kind: marked.kind, id: marked.id }, keys: [], whole: false, personIds: new Set<string>() };
    entry.keys.push(key);
    if (marked.personId) entry.personIds.add(marked.personId);
    else entry.whole = true;
    bySubject.set(id, entry);
  }
  if (bySubject.size === 0) return [];
  const wanted = [...bySubject.values()];
  const courseIds = wanted.filter((w) => w.subject.kind === 'course').map((w) => w.subject.id);
  const [tree, courseAssignments, quizAssignments] = await Promise.all([
    loadTree(),
    // One course: its own assignments (one query); several: all of them at once.
    courseIds.length === 1 ? assignmentsOfCourse(courseIds[0]!) : courseIds.length ? allAssignments() : Promise.resolve([]),
    wanted.some((w) => w.subject.kind === 'quiz') ? allQuizAssignments() : Promise.resolve([]),
  ]);
  const assignmentsOf = (subject: MarkedSubject): Assigned[] =>
    subject.kind === 'course' ? courseAssignments.filter((a) => a.courseId === subject.id) : quizAssignments.filter((a) => a.quizId === subject.id);
  // The people of every audience of the subjects marked whole, read once for them all.
  const wholeAssigned = wanted.filter((w) => w.whole).flatMap((w) => assignmentsOf(w.subject));
  const everyoneAssigned = wholeAssigned.length ? await audienceOf(wholeAssigned, tree) : [];
  const answered: string[] = [];
  for (const { subject, keys: subjectKeys, whole, personIds } of wanted) {
    if (answered.length > 0 && Date.now() > deadline) break;
    const assignments = assignmentsOf(subject);
    if (assignments.length) {
      if (whole || !(await recomputeUnits(subject, assignments, tree, [...personIds]))) {
        const progress = subject.kind === 'course' ? await completionOfCourse(subject.id) : await quizProgress(subject.id);
        await computeSubjects({ kind: subject.kind, id: subject.id }, assignments, progress, { tree, people: whole ? everyoneAssigned : await audienceOf(assignments, tree) });
      }
    }
    answered.push(...subjectKeys);
  }
  return answered;
}

/**
 * Recomputes a subject's figures (each assignment and the whole) for the units of the people whose progress changed
 * only; false when the subject was never computed (then the caller computes it whole). A course patches each such
 * unit's stored people list with the changed people's progress (one BatchGetItem of theirs: the cost of a round is
 * its changes); a quiz recomputes those units' people from the quiz's attempts.
 */
async function recomputeUnits(subject: MarkedSubject, assignments: Assigned[], tree: OrgTree, personIds: string[]): Promise<boolean> {
  const computedAt = clock.now().toISOString();
  const marked = (await peopleByIds(personIds)).filter((p) => tree.get(p.unitId));
  const unitIds = [...new Set(marked.map((p) => p.unitId))];
  const whole: Subject = { kind: subject.kind, id: subject.id };
  const subjects: [Subject, Assigned[]][] = [...assignments.map((a): [Subject, Assigned[]] => [{ kind: 'assignment', id: a.assignmentId }, [a]]), [whole, assignments]];
  const allUnits = tree.ordered().map((u) => u.unitId);
  const [progress, unitPeople] =
    subject.kind === 'course'
      ? [await completionOfPeople(subject.id, marked.map((p) => p.personId)), null]
      : await Promise.all([quizProgress(subject.id), Promise.all(unitIds.map((unitId) => peopleOfUnit(unitId)))]);
  const writes: (UnitFigures | UnitPeople)[] = [];
  for (const [of, assigned] of subjects) {
    const key = subjectKey(of);
    const dueOf = earliestDueIn(assigned, tree);
    const { figures, people: storedPeople } = await readRollups([
      ...allUnits.map((unitId) => ({ subject: key, unitId, part: 'UNIT' as const })),
      ...(unitPeople ? [] : unitIds.map((unitId) => ({ subject: key, unitId, part: 'PEOPLE' as const }))),
    ]);
    const changed = new Map(
      unitIds.map((unitId, i) => {
        if (unitPeople) return [unitId, { people: unitStates(unitPeople[i]!, dueOf, progress, computedAt).list, computedAt }];
        const stored = storedPeople.get(unitId);
        const people = patchUnitPeople(stored?.people ?? [], marked.filter((p) => p.unitId === unitId), dueOf, progress, computedAt);
        return [unitId, { people, computedAt: stored?.computedAt ?? computedAt }];
      }),
    );
    const items = rollupChangedUnits(of, changed, tree, figures, computedAt);
    if (!items) return false;
    writes.push(...items);
  }
  await putRollups(writes);
  return true;
}

/** Recomputes one course's or quiz's figures (see refreshSubjectsFigures). False for a key of another area. */
export async function refreshSubjectFigures(key: string): Promise<boolean> {
  return (await refreshSubjectsFigures([key])).length > 0;
}
