/**
 * What the quizzes area asks the assignments area, with no actor (callers are trusted system code that checked the
 * actor themselves): which quizzes are assigned to a person, and when each is due.
 *
 * Apart from service.ts because service.ts asks the quizzes area where a person stands in their quiz tasks, and the
 * quizzes area asks this file who a quiz is assigned to: one file each way keeps the imports free of cycles.
 */
import { clock } from '../../platform/clock.js';
import type { OrgTree } from '../org/tree.js';
import { inAudience, type Member } from './audience.js';
import { queryAssignmentsOfQuiz, queryQuizAssignmentsByDue } from './store.js';
import type { QuizAssignment } from './schema.js';

/** How far back assigned quizzes are looked for: assignments due within the last year, and all still to come. */
export const assignedLookBackMs = 366 * 24 * 3600 * 1000;

/** The quiz assignments whose audience includes the person, due from a year ago on (one partition, one range). */
export async function quizAssignmentsOf(person: Member, tree: OrgTree): Promise<QuizAssignment[]> {
  const since = new Date(clock.now().getTime() - assignedLookBackMs).toISOString();
  return (await queryQuizAssignmentsByDue(since)).filter((assignment) => inAudience(assignment.audience, person, tree));
}

/**
 * The due date a quiz shows a person among several assignments of it: the earliest still to come, else the latest
 * passed (undefined when none concerns them).
 */
export function dueDateOf(assignments: readonly Pick<QuizAssignment, 'dueAt'>[], nowIso: string): string | undefined {
  const dates = assignments.map((assignment) => assignment.dueAt).sort();
  return dates.find((dueAt) => dueAt >= nowIso) ?? dates[dates.length - 1];
}

/** quizId → the due date each assigned quiz shows the person. */
export async function assignedQuizzesOf(person: Member, tree: OrgTree): Promise<Map<string, string>> {
  const byQuiz = new Map<string, QuizAssignment[]>();
  for (const assignment of await quizAssignmentsOf(person, tree)) byQuiz.set(assignment.quizId, [...(byQuiz.get(assignment.quizId) ?? []), assignment]);
  const now = clock.now().toISOString();
  return new Map([...byQuiz].map(([quizId, list]) => [quizId, dueDateOf(list, now)!]));
}

/** Whether an assignment of this quiz (any, however old) has the person in its audience; its due date if so. */
export async function quizAssignedTo(quizId: string, person: Member, tree: OrgTree): Promise<{ assigned: boolean; dueAt?: string }> {
  const concerning = (await queryAssignmentsOfQuiz(quizId)).filter((assignment) => inAudience(assignment.audience, person, tree));
  if (concerning.length === 0) return { assigned: false };
  return { assigned: true, dueAt: dueDateOf(concerning, clock.now().toISOString())! };
}

/** Every assignment of a quiz (its completion figures). */
export async function assignmentsOfQuiz(quizId: string): Promise<QuizAssignment[]> {
  return queryAssignmentsOfQuiz(quizId);
}
