/**
 * The quizzes' rules of who may do what to which quiz and attempt (quizzes' services call these; they keep no rule
 * of their own). Pure: the caller reads the tree, the quiz and the attempt.
 *
 * - Editors (organizers within their subtree, admins everywhere) write the quizzes their units own.
 * - A published quiz is open to take for the people of its owner unit's subtree, by the unit they sit in or the
 *   branch they belong to (a quiz of the bureau is everyone's; a branch's quiz its members'), to those it is assigned to, and, when it is a course's final test, to everyone
 *   who may see the course. Its editors may also read it. Anyone else finds no such quiz (404).
 * - A quiz draws its questions from the banks of its owner unit and the units above it (the bureau's bank serves
 *   every branch's quiz without its keys reaching the branch's organizers); a fixed question must be in those banks.
 * - An attempt is its taker's alone: anyone else's answers as if it did not exist.
 * - A quiz's results (getQuizStats, exportQuizStats) follow the one rule for figures (courses.ts `figureUnits`):
 *   the attempts of takers who sit in the units the reader's grant reaches; a published quiz has figures for every
 *   reader (none of their people may have taken it), a draft only for its editors; anything else is 404.
 */
import { authorize, reachesUnit, type Actor, type Grant } from './permissions.js';
import type { OrgTree } from '../org/tree.js';
import { courseOwner, figureUnits } from './courses.js';
import { AppError } from '../../platform/errors.js';
import { quizMessages } from '../quizzes/messages.js';

interface QuizFacts {
  ownerUnitId: string;
  status: 'draft' | 'published';
  courseId?: string | undefined;
}

/** The actor's grant for writing quizzes, or null when they write none. */
export function quizEditGrant(actor: Actor | null): Grant | null {
  try {
    return authorize(actor, 'updateQuiz');
  } catch {
    return null;
  }
}

/** Whether the actor may edit this quiz. */
export function mayEditQuiz(actor: Actor, quiz: Pick<QuizFacts, 'ownerUnitId'>, tree: OrgTree): boolean {
  const grant = quizEditGrant(actor);
  return grant !== null && reachesUnit(grant, actor, quiz.ownerUnitId, tree);
}

/**
 * Whether the actor may take this quiz. `assigned`: an assignment names them; `courseVisible`: it is the final test
 * of a course they may see.
 */
export function mayTakeQuiz(actor: Actor, quiz: QuizFacts, tree: OrgTree, { assigned = false, courseVisible = false } = {}): boolean {
  if (quiz.status !== 'published') return false;
  return assigned || courseVisible || quizUnitsOpenTo(actor, tree).includes(quiz.ownerUnitId);
}

/** Whether the actor may read this quiz at all (take it, or edit it). */
export function maySeeQuiz(actor: Actor, quiz: QuizFacts, tree: OrgTree, facts: { assigned?: boolean; courseVisible?: boolean } = {}): boolean {
  return mayTakeQuiz(actor, quiz, tree, facts) || mayEditQuiz(actor, quiz, tree);
}

/** The unit a new quiz belongs to: as for a course (the one asked for within reach, else the editor's own). */
export const quizOwner = courseOwner;

/** The units whose banks a quiz owned by this unit draws from: the unit and those above it, root first. */
export function quizBankUnits(ownerUnitId: string, tree: OrgTree): string[] {
  return tree.path(ownerUnitId);
}

/**
 * The units whose quizzes a taker is offered without an assignment: their own unit and those above it, and their
 * Party branch and those above it (a member may sit in a department and belong to a branch).
 */
export function quizUnitsOpenTo(actor: Actor, tree: OrgTree): string[] {
  return [...new Set([...tree.path(actor.unitId), ...(actor.branchId ? tree.path(actor.branchId) : [])])];
}

/** The units whose quizzes an editor manages, in the tree's order. */
export function quizUnitsEditedBy(actor: Actor, grant: Grant, tree: OrgTree): string[] {
  return tree
    .ordered()
    .map((unit) => unit.unitId)
    .filter((unitId) => reachesUnit(grant, actor, unitId, tree));
}

/** Whether an attempt is the actor's own. */
export function ownsAttempt(actor: Actor, attempt: { personId: string }): boolean {
  return attempt.personId === actor.personId;
}

/**
 * The one rule for reading a quiz's results: the units whose takers' attempts the reader's grant reaches, each with
 * its depth in the tree. A quiz missing, or a draft the reader does not edit, is NOT_FOUND (it does not exist for
 * them).
 */
export function quizFiguresReach(grant: Grant, actor: Actor, quiz: QuizFacts | undefined, tree: OrgTree): { units: Map<string, number> } {
  if (!quiz || (quiz.status !== 'published' && !mayEditQuiz(actor, quiz, tree))) throw new AppError('NOT_FOUND', { messageKey: quizMessages.quizNotFound });
  return { units: figureUnits(grant, actor, tree) };
}
