/**
 * The question bank's rules of who reaches which questions (quizzes' bank service calls these; it keeps no rule of
 * its own). Organizers read and edit the banks of the units within their subtree, admins every bank; nobody else
 * reads a bank, since a bank holds the keys. Pure: the caller reads the tree and the question.
 */
import { AppError } from '../../platform/errors.js';
import { reachesUnit, type Actor, type Grant } from './permissions.js';
import type { OrgTree } from '../org/tree.js';
import { orgMessages } from '../org/messages.js';

/**
 * The units whose banks a grant reads, in the tree's order: the subtree of `asked` if given (which must exist and
 * be within reach, else NOT_FOUND as for a unit one cannot see), else every unit the grant reaches.
 */
export function bankUnits(grant: Grant, actor: Actor, tree: OrgTree, asked?: string): string[] {
  if (asked !== undefined && (!tree.get(asked) || !reachesUnit(grant, actor, asked, tree))) {
    throw new AppError('NOT_FOUND', { messageKey: orgMessages.unitNotFound, details: [{ path: 'unitId' }] });
  }
  const candidates = asked !== undefined ? tree.subtree(asked) : tree.ordered();
  return candidates.map((unit) => unit.unitId).filter((unitId) => reachesUnit(grant, actor, unitId, tree));
}

/** Whether a grant edits the questions owned by this unit. */
export function reachesBank(grant: Grant, actor: Actor, ownerUnitId: string, tree: OrgTree): boolean {
  return reachesUnit(grant, actor, ownerUnitId, tree);
}

/** The unit a new question belongs to: the one asked for, else the creator's organizing unit (the root for admins). */
export function questionOwner(grant: Grant, actor: Actor, asked: string | undefined, tree: OrgTree): string {
  const ownerUnitId = asked ?? (grant.access === 'scope' ? grant.unitIds[0] : tree.roots()[0]?.unitId);
  if (!ownerUnitId || !tree.get(ownerUnitId)) throw new AppError('VALIDATION', { messageKey: orgMessages.unitNotFound, details: [{ path: 'ownerUnitId' }] });
  if (!reachesUnit(grant, actor, ownerUnitId, tree)) throw new AppError('FORBIDDEN');
  return ownerUnitId;
}
