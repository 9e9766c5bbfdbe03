/**
 * Use cases of assignments (学习任务): assigning a published course or quiz, the assignments of a course for its
 * figures, and each person's tasks (courses and quizzes). Each takes the acting person and checks the permission through authz; the internal functions
 * at the end (no actor) serve the stats area.
 */
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { clock, nowIso } from '../../platform/clock.js';
import { recordAudit } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { actingPerson } from '../people/service.js';
import { loadTree } from '../org/service.js';
import { membersOfBranch, peopleByIds, peopleOfUnit, personById } from '../people/directory.js';
import type { PublicPerson } from '../people/schema.js';
import type { OrgTree } from '../org/tree.js';
import { assignmentConcerns, assignmentOwner, figuresReach, namedToCheck } from '../authz/courses.js';
import { courseById, courseVisibleTo } from '../courses/service.js';
import { coursesStartedBy } from '../study/service.js';
import { mayEditQuiz } from '../authz/quizzes.js';
import { quizById, quizStandings, takeableBy } from '../quizzes/quiz-service.js';
import { quizMessages } from '../quizzes/messages.js';
import { audienceSources, byUrgency, describeAudience, dueInstant, inAudience, taskState } from './audience.js';
import { insertAssignment, insertQuizAssignment, queryAssignmentsByDue, queryAssignmentsOfCourse, queryQuizAssignmentsByDue, readAssignment } from './store.js';
import { AssignCourseInput, AssignQuizInput, Assignment, QuizAssignment } from './schema.js';
import { assignmentsMessages } from './messages.js';
import { assignedLookBackMs } from './quiz-assigned.js';

export async function assignCourse(actor: Actor | null, courseId: string, input: unknown): Promise<Assignment> {
  const grant = authorize(actor, 'assignCourse');
  const data = AssignCourseInput.parse(input);
  const dueAt = dueInstant(data.dueAt);
  if (dueAt <= clock.now().toISOString()) throw new AppError('VALIDATION', { messageKey: assignmentsMessages.dueInPast, details: [{ path: 'dueAt' }] });
  const tree = await loadTree();
  const course = await courseVisibleTo(actor!, courseId, tree);
  if (course.status !== 'published') throw new AppError('VALIDATION', { messageKey: assignmentsMessages.courseNotPublished });
  const named = data.audience.kind === 'people' ? await Promise.all(data.audience.personIds.map((id) => personById(id))) : [];
  const ownerUnitId = assignmentOwner(grant, actor!, data.audience, tree, named);
  const assignment = Assignment.parse({
    assignmentId: newId(),
    courseId,
    courseTitle: course.title,
    audience: data.audience,
    required: data.required,
    dueAt,
    ownerUnitId,
    createdBy: actor!.personId,
    createdAt: nowIso(),
  });
  await insertAssignment(assignment);
  await recordAudit({
    action: 'assignCourse',
    actor,
    target: { type: 'course', id: course.courseId, label: course.title },
    details: { assignmentId: assignment.assignmentId, dueAt, required: data.required },
  });
  return assignment;
}

/**
 * Assigns a published quiz to an audience with a due date: the audience rules are a course's (authz/courses.ts
 * `assignmentOwner`). A quiz the actor may neither take nor edit is not found; a draft they edit is refused (409) in
 * words. Its audience may then take it (quizzes ask `quiz-assigned.ts`), and it is in their tasks.
 */
export async function assignQuiz(actor: Actor | null, quizId: string, input: unknown): Promise<QuizAssignment> {
  const grant = authorize(actor, 'assignQuiz');
  const data = AssignQuizInput.parse(input);
  const dueAt = dueInstant(data.dueAt);
  if (dueAt <= clock.now().toISOString()) throw new AppError('VALIDATION', { messageKey: assignmentsMessages.dueInPast, details: [{ path: 'dueAt' }] });
  const [tree, quiz] = await Promise.all([loadTree(), quizById(quizId)]);
  const notFound = () => new AppError('NOT_FOUND', { messageKey: quizMessages.quizNotFound });
  if (!quiz) throw notFound();
  const editable = mayEditQuiz(actor!, quiz, tree);
  if (quiz.status !== 'published') {
    if (!editable) throw notFound();
    throw new AppError('CONFLICT', { messageKey: assignmentsMessages.quizNotPublished, params: { title: quiz.title } });
  }
  if (!editable && !(await takeableBy(actor!, quiz, tree))) throw notFound();
  const named = data.audience.kind === 'people' ? await Promise.all(data.audience.personIds.map((id) => personById(id))) : [];
  const ownerUnitId = assignmentOwner(grant, actor!, data.audience, tree, named);
  const assignment = QuizAssignment.parse({
    assignmentId: newId(),
    quizId: quiz.quizId,
    quizTitle: quiz.title,
    audience: data.audience,
    required: data.required,
    dueAt,
    ownerUnitId,
    createdBy: actor!.personId,
    createdAt: nowIso(),
  });
  await insertQuizAssignment(assignment);
  await recordAudit({
    action: 'assignQuiz',
    actor,
    target: { type: 'quiz', id: quiz.quizId, label: quiz.title },
    details: { assignmentId: assignment.assignmentId, dueAt, required: data.required },
  });
  return assignment;
}

/**
 * The assignments of one course that concern the actor's part of the organisation, latest due first: what the
 * completion page offers to narrow its figures to one assignment.
 */
export async function listCourseAssignments(actor: Actor | null, courseId: string) {
  const grant = authorize(actor, 'listCourseAssignments');
  const [tree, course, assignments] = await Promise.all([loadTree(), courseById(courseId), queryAssignmentsOfCourse(courseId)]);
  figuresReach(grant, actor!, course, tree);
  const named = new Map((await peopleByIds(namedToCheck(grant, actor!, assignments, tree))).map((person) => [person.personId, person]));
  return assignments
    .filter((assignment) => assignmentConcerns(grant, actor!, assignment, tree, named))
    .sort((a, b) => b.dueAt.localeCompare(a.dueAt))
    .map((assignment) => ({
      assignmentId: assignment.assignmentId,
      required: assignment.required,
      dueAt: assignment.dueAt,
      createdAt: assignment.createdAt,
      audience: describeAudience(assignment.audience, tree),
    }));
}

/**
 * What is assigned to the actor, courses and quizzes, each with its state: done, overdue, due soon (within a week) or
 * assigned. A course is done when its progress item is completed (its lessons, and its final test if it has one); a
 * quiz when an attempt is shown passed, and each quiz task also says where the person stands in it. Reads the
 * assignments due from a year ago on (one partition, a range of its sort key: a few hundred; course and quiz
 * assignments are two entities of it), the person's progress (one query) and, when quizzes are assigned to them,
 * their attempts and those quizzes; the person comes with the session check.
 */
export async function listMyTasks(actor: Actor | null) {
  authorize(actor, 'listMyTasks');
  const now = clock.now().getTime();
  const since = new Date(now - assignedLookBackMs).toISOString();
  const [person, tree, assignments, quizAssignments, started] = await Promise.all([
    actingPerson(actor!),
    loadTree(),
    queryAssignmentsByDue(since),
    queryQuizAssignmentsByDue(since),
    coursesStartedBy(actor!.personId),
  ]);
  if (!person) throw new AppError('UNAUTHENTICATED');
  const courseTasks = assignments
    .filter((assignment) => inAudience(assignment.audience, person, tree))
    .map((assignment) => {
      const completedAt = started.get(assignment.courseId) ?? null;
      return {
        kind: 'course' as const,
        assignmentId: assignment.assignmentId,
        courseId: assignment.courseId,
        courseTitle: assignment.courseTitle,
        required: assignment.required,
        dueAt: assignment.dueAt,
        state: taskState(assignment, completedAt, now),
        started: started.has(assignment.courseId),
        completedAt,
      };
    });
  const mine = quizAssignments.filter((assignment) => inAudience(assignment.audience, person, tree));
  const standings = await quizStandings(actor!.personId, [...new Set(mine.map((assignment) => assignment.quizId))]);
  const quizTasks = mine.map((assignment) => {
    const found = standings.get(assignment.quizId);
    const passedAt = found?.passedAt ?? null;
    return {
      kind: 'quiz' as const,
      assignmentId: assignment.assignmentId,
      quizId: assignment.quizId,
      quizTitle: found?.quiz.title ?? assignment.quizTitle,
      required: assignment.required,
      dueAt: assignment.dueAt,
      state: taskState(assignment, passedAt, now),
      standing: found?.standing ?? 'notStarted',
      passedAt,
    };
  });
  return [...courseTasks, ...quizTasks].sort(byUrgency);
}

// ─── For the stats area (no actor: callers are trusted system code, or check the actor themselves) ────────────────

export async function assignmentById(assignmentId: string): Promise<Assignment | undefined> {
  return readAssignment(assignmentId);
}

export async function assignmentsOfCourse(courseId: string): Promise<Assignment[]> {
  return queryAssignmentsOfCourse(courseId);
}

export async function allAssignments(): Promise<Assignment[]> {
  return queryAssignmentsByDue();
}

/** Every quiz assignment (the completion job). */
export async function allQuizAssignments(): Promise<QuizAssignment[]> {
  return queryQuizAssignmentsByDue();
}

/**
 * The people these assignments are for (active or not), read from where their audiences draw them: the people of
 * each unit concerned, the members of each branch concerned, the people named; never the whole population unless an
 * audience is everyone. Each person once.
 */
export async function audienceOf(assignments: readonly Pick<Assignment, 'audience'>[], tree: OrgTree): Promise<PublicPerson[]> {
  const sources = audienceSources(
    assignments.map((assignment) => assignment.audience),
    tree,
  );
  const lists = await Promise.all([
    ...sources.unitIds.map((unitId) => peopleOfUnit(unitId)),
    ...sources.branchIds.map((branchId) => membersOfBranch(branchId)),
    peopleByIds(sources.personIds),
  ]);
  const people = new Map<string, PublicPerson>();
  for (const list of lists) for (const person of list) people.set(person.personId, person);
  return [...people.values()].filter((person) => assignments.some((assignment) => inAudience(assignment.audience, person, tree)));
}
