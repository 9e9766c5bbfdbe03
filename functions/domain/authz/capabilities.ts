/**
 * What the interface offers a person, read off the permission table: each capability names the operations behind
 * it, and a person has it when authorize() lets them perform every one of those operations. getMe answers the list;
 * the web shows a navigation entry, a page or a link only for a capability it was given and never reasons about
 * roles itself. A change to the permission table thus changes what people are offered, with nothing to keep in step.
 */
import { AppError } from '../../platform/errors.js';
import { authorize, type Actor, type Operation } from './permissions.js';

export const capabilityOperations = {
  /** Courses, one's tasks and record of study (学习). */
  study: ['listMyTasks', 'getMyRecord'],
  /** One's own account: profile and password (我的). */
  ownAccount: ['getMe', 'changePassword'],
  /** The people list and a person's page (人员). */
  readPeople: ['listPeople', 'getPerson'],
  /**
   * Administering the platform (管理): the organisation tree, accounts, roster imports and the audit log. The
   * technical pages that serve it, the system status and the API reference, come with it: they concern those who
   * run the platform, not those who use it.
   */
  administer: ['createUnit', 'updateUnit', 'createPerson', 'updatePerson', 'resetPassword', 'previewImport', 'confirmImport', 'listAudit'],
} as const satisfies Record<string, readonly Operation[]>;

export type Capability = keyof typeof capabilityOperations;
export const capabilityNames = Object.keys(capabilityOperations) as [Capability, ...Capability[]];

/** Whether the actor may perform the operation at all (whatever its reach). */
export function mayPerform(actor: Actor, operation: Operation): boolean {
  try {
    authorize(actor, operation);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** The capabilities of the signed-in person, in the table's order. */
export function capabilitiesOf(actor: Actor): Capability[] {
  return capabilityNames.filter((name) => capabilityOperations[name].every((operation) => mayPerform(actor, operation)));
}
