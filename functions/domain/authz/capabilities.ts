/**
 * What the interface offers a person, read off the permission table: each capability names the operations behind
 * it, and a person has it when authorize() lets them perform every one of those operations. getMe answers the list;
 * the web shows a navigation entry, a page or a link only for a capability it was given and never reasons about
 * roles itself. A change to the permission table thus changes what people are offered, with nothing to keep in step.
 */
import { AppError } from '../../platform/errors.js';
import type { OrgTree } from '../org/tree.js';
import { authorize, reachesUnit, type Actor, type Operation } from './permissions.js';

export const capabilityOperations = {
  /** Courses, one's tasks and record of study (学习). */
  study: ['listMyTasks', 'getMyRecord'],
  /** One's own account: profile and password (我的). */
  ownAccount: ['getMe', 'changePassword'],
  /** The people list and a person's page (人员). */
  readPeople: ['listPeople', 'getPerson'],
  /** Creating and changing accounts from the people pages (new person, edit, password reset). */
  managePeople: ['createPerson', 'updatePerson', 'resetPassword'],
  /** Writing courses and lessons and assigning them (课程管理), within the units it reaches. */
  editCourses: ['createCourse', 'updateCourse', 'publishCourse', 'createLesson', 'updateLesson', 'assignCourse', 'createUpload'],
  /** Writing and publishing quizzes (测验管理), within the units it reaches. */
  editQuizzes: ['createQuiz', 'updateQuiz', 'publishQuiz'],
  /** A quiz's results and statistics (测验统计), for the takers within the units it reaches. */
  readQuizStats: ['getQuizStats', 'exportQuizStats'],
  /** Completion figures of courses and their assignments, within the units it reaches. */
  readCompletion: ['getCourseCompletion', 'listCourseAssignments', 'exportCourseCompletion'],
  /** The question bank (题库): reading, writing, retiring and importing questions, within the units it reaches. */
  editQuestions: ['listQuestions', 'getQuestion', 'createQuestion', 'updateQuestion', 'retireQuestion', 'previewQuestionImport', 'confirmQuestionImport'],
  /**
   * Administering the platform (系统管理员): the organisation tree, accounts and roster imports. The technical pages
   * that serve it, the system status and the API reference, come with it: they concern those who run the platform,
   * not those who use it.
   */
  administer: ['createUnit', 'updateUnit', 'createPerson', 'updatePerson', 'resetPassword', 'previewImport', 'confirmImport'],
  /** Granting and withdrawing roles (安全管理员), from the people pages. */
  grantRoles: ['listPeople', 'getPerson', 'setPersonRoles'],
  /** The hall display's secret links (安全管理员). */
  manageDisplayLinks: ['listDisplayLinks', 'createDisplayLink', 'revokeDisplayLink'],
  /** The audit log, read and exported (审计管理员). */
  readAudit: ['listAudit', 'exportAudit'],
  /** Study sessions (组织生活): the sessions that expect one, checking in, leave and make-up study — everyone's. */
  attendSessions: ['listSessions', 'getSession', 'checkIn', 'getPersonalCode', 'requestLeave', 'submitMakeUp'],
  /** Scheduling sessions and keeping their rosters, leave and make-up (organizers), within the units it reaches. */
  organizeSessions: ['createSession', 'updateSession', 'cancelSession', 'closeSession', 'decideLeave', 'confirmMakeUp'],
  /** The branches' cadence and attendance figures and the year's archive, within the units it reaches. */
  readCadence: ['getCadence', 'getAttendanceFigures', 'exportSessionArchive'],
  /** One's own pledges (承诺): writing, handing in, keeping them, the public board. */
  keepPledges: ['listPledges', 'createPledge', 'submitPledges', 'addPledgeProgress', 'getPledgeBoard'],
  /** Reviewing the pledges of the branches one reaches, and their year (organizers, leaders). */
  reviewPledges: ['reviewPledge'],
  /** Rating a branch's members at year end (评诺), within the units it reaches. */
  ratePledges: ['ratePledges'],
  /** The overview across requirements (统计): units within reach, drilled down to a person's record. */
  readOverview: ['getOverview', 'getUnitOverview', 'exportOverview', 'getPersonRecord'],
  /** Data that deserves a second look, for the units within reach. */
  readFlags: ['listFlags', 'dismissFlag'],
  /** One's inbox of notifications and what one is reminded of. */
  inbox: ['listNotifications', 'markNotificationsRead', 'updateNotificationSettings'],
  /** Reminding the overdue people of the branches within reach (once a day at most). */
  remindOverdue: ['remindOverdue'],
  /** The outbox of messages sent by e-mail (locally: what would have been sent). */
  readOutbox: ['listOutbox'],
} as const satisfies Record<string, readonly Operation[]>;

export type Capability = keyof typeof capabilityOperations;
export const capabilityNames = Object.keys(capabilityOperations) as [Capability, ...Capability[]];

/**
 * Whether the actor's grant for an operation reaches a unit beyond their own records (an organizer's or leader's
 * scope, or all): false when the operation is not theirs at all, or only for themselves.
 */
export function reachesUnitFor(actor: Actor, operation: Operation, unitId: string, tree: OrgTree): boolean {
  try {
    const grant = authorize(actor, operation);
    return grant.access !== 'self' && reachesUnit(grant, actor, unitId, tree);
  } catch (error) {
    if (error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')) return false;
    throw error;
  }
}

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

/**
 * How far a capability reaches in the organisation tree: `'all'`, or the units whose subtrees it reaches (the
 * units an organizer's or leader's grants name; none when it reaches only the person's own records). A client uses
 * it to offer only the units that will work (the unit picker of a course editor); the API decides again.
 */
export type Reach = 'all' | string[];

/** The reach of each capability the person has, the narrowest of its operations' grants. */
export function reachOf(actor: Actor): Partial<Record<Capability, Reach>> {
  const reach: Partial<Record<Capability, Reach>> = {};
  for (const name of capabilitiesOf(actor)) {
    let narrowest: Reach = 'all';
    for (const operation of capabilityOperations[name]) {
      const grant = authorize(actor, operation);
      const units: Reach = grant.access === 'all' ? 'all' : grant.access === 'scope' ? [...new Set(grant.unitIds)] : [];
      if (narrowest === 'all') narrowest = units;
      else if (units !== 'all') narrowest = narrowest.filter((unitId) => units.includes(unitId));
    }
    reach[name] = narrowest;
  }
  return reach;
}
