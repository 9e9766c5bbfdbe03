/**
 * Who may do what with one pledge, decided once for every service of the area (the table in authz says which
 * operations a role has; this says which pledge a grant reaches):
 * - its owner (the member; for a branch's own pledge, the organizers whose grant reaches the branch) writes it until
 *   it is handed in, keeps its ledger once approved, and assesses it in the review window;
 * - reviewers (organizers and leaders whose grant reaches its branch) read it in every state, approve or return it —
 *   never their own — and comment on it;
 * - the branch's other members comment on public pledges while the review window is open;
 * - anyone signed in reads a public (approved or done) pledge.
 */
import { AppError } from '../../platform/errors.js';
import { reachesUnitFor } from '../authz/capabilities.js';
import type { Actor } from '../authz/permissions.js';
import type { OrgTree } from '../org/tree.js';
import { editable, isPublic } from './cycle.js';
import { pledgesMessages } from './messages.js';
import type { Pledge } from './schema.js';

export interface PledgeAccess {
  /** The owner (or, for a branch's pledge, one of its organizers). */
  owner: boolean;
  /** Reads it in every state and its comments; comments as guidance. */
  reviewer: boolean;
  /** May approve or return it now (a reviewer, not its owner nor who wrote it, while it waits). */
  review: boolean;
  edit: boolean;
  addProgress: boolean;
  /** Reads the non-public parts: the return reason, the assessment, the comments. */
  readPrivate: boolean;
  read: boolean;
}

export function ownsPledge(actor: Actor, pledge: Pick<Pledge, 'ownerKind' | 'ownerId' | 'branchId'>, tree: OrgTree): boolean {
  return pledge.ownerKind === 'person' ? pledge.ownerId === actor.personId : reachesUnitFor(actor, 'createPledge', pledge.branchId, tree);
}

export function accessTo(actor: Actor, pledge: Pledge, tree: OrgTree): PledgeAccess {
  const owner = ownsPledge(actor, pledge, tree);
  const reviewer = reachesUnitFor(actor, 'reviewPledge', pledge.branchId, tree);
  const wroteIt = pledge.ownerKind === 'person' ? pledge.ownerId === actor.personId : pledge.createdBy === actor.personId;
  return {
    owner,
    reviewer,
    review: reviewer && !wroteIt && pledge.state === 'submitted',
    edit: owner && editable(pledge.state),
    addProgress: owner && isPublic(pledge.state),
    readPrivate: owner || reviewer,
    read: owner || reviewer || isPublic(pledge.state),
  };
}

/**
 * What the reader may add at year end, given whether the review window covering the pledge's branch is open: its
 * owner their self-assessment of a public pledge; reviewers a comment at any time; the branch's other members a
 * comment on a public pledge while the window is open.
 */
export function yearEndRights(actor: Actor, pledge: Pledge, access: PledgeAccess, windowOpen: boolean): { mayAssess: boolean; mayComment: boolean } {
  const shown = isPublic(pledge.state);
  return {
    mayAssess: windowOpen && shown && access.owner && pledge.ownerKind === 'person',
    mayComment: access.reviewer || (windowOpen && shown && !access.owner && actor.branchId === pledge.branchId),
  };
}

/** Whether what the reader may add depends on the window (else it need not be read). */
export const windowMatters = (actor: Actor, pledge: Pledge, access: PledgeAccess) =>
  isPublic(pledge.state) && ((access.owner && pledge.ownerKind === 'person') || (!access.reviewer && !access.owner && actor.branchId === pledge.branchId));

export const notFound = () => new AppError('NOT_FOUND', { messageKey: pledgesMessages.pledgeNotFound });
