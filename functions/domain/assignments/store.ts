/**
 * Reads and writes of assignments. No permission checks here (service.ts decides who may).
 */
import { assignmentEntities } from './entities.js';
import { Assignment, Id, QuizAssignment } from './schema.js';
import { markStale } from '../../platform/stale.js';

/** Writes a new assignment (its id is new: created once). */
export async function insertAssignment(assignment: Assignment): Promise<void> {
  await assignmentEntities().assignment.create(assignment).go();
  // Its figures exist at once when read (stats), and the overview follows within seconds (decision 042).
  await markStale(`course#${assignment.courseId}`, 'overview');
}

export async function readAssignment(assignmentId: string): Promise<Assignment | undefined> {
  if (!Id.safeParse(assignmentId).success) return undefined;
  const { data } = await assignmentEntities().assignment.get({ assignmentId }).go();
  return data ? Assignment.parse(data) : undefined;
}

/** The assignments of one course. */
export async function queryAssignmentsOfCourse(courseId: string): Promise<Assignment[]> {
  const { data } = await assignmentEntities().assignment.query.byCourse({ courseId }).go({ pages: 'all' });
  return data.map((record) => Assignment.parse(record));
}

/** Every assignment due from `since` on (all of them without it), by due date: a few hundred a year, one partition. */
export async function queryAssignmentsByDue(since?: string): Promise<Assignment[]> {
  const query = assignmentEntities().assignment.query.byDue({});
  const { data } = await (since ? query.gte({ dueAt: since }) : query).go({ pages: 'all' });
  return data.map((record) => Assignment.parse(record));
}

// ─── Quiz assignments ──────────────────────────────────────────────────────────────────────────────────────────────

/** Writes a new quiz assignment (its id is new: created once). */
export async function insertQuizAssignment(assignment: QuizAssignment): Promise<void> {
  await assignmentEntities().quizAssignment.create(assignment).go();
  // Its figures exist at once when read (stats), and the overview follows within seconds (decision 042).
  await markStale(`quiz#${assignment.quizId}`, 'overview');
}

/** The assignments of one quiz. */
export async function queryAssignmentsOfQuiz(quizId: string): Promise<QuizAssignment[]> {
  if (!Id.safeParse(quizId).success) return [];
  const { data } = await assignmentEntities().quizAssignment.query.byQuiz({ quizId }).go({ pages: 'all' });
  return data.map((record) => QuizAssignment.parse(record));
}

/** Every quiz assignment due from `since` on (all of them without it), by due date: the same partition as courses'. */
export async function queryQuizAssignmentsByDue(since?: string): Promise<QuizAssignment[]> {
  const query = assignmentEntities().quizAssignment.query.byDue({});
  const { data } = await (since ? query.gte({ dueAt: since }) : query).go({ pages: 'all' });
  return data.map((record) => QuizAssignment.parse(record));
}
