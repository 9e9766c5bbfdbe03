/**
 * Who may do what: the one place that decides. Every API operation (by its operationId) has a row; a route without
 * one cannot be authorised (and the permission test fails). README.md beside this file shows the same table.
 *
 * Access levels, from least to most:
 * - `self`: only the actor's own records;
 * - `scope`: records of people and units within the subtree of each unit the actor's organizer or leader grant names;
 * - `all`: everything.
 * An actor with several roles gets the widest level any of their roles gives.
 *
 * Besides the table: which records a grant reaches (`reachesPerson`, `reachesUnit`), and the rule that keeps an
 * administrator from locking themselves out (`locksSelfOut`). Rules about one area's records sit in a module of their own here.
 */
import { AppError } from '../../platform/errors.js';
import type { Lang } from '../../platform/i18n.js';
import type { PublicPerson } from '../people/schema.js';
import type { OrgTree } from '../org/tree.js';
import { adminRolesOf, type RoleGrant, type RoleName } from './schema.js';
import { authzMessages } from './messages.js';

/** The signed-in person acting on a request, as the session established them. */
export interface Actor {
  personId: string;
  name: string;
  login: string;
  unitId: string;
  branchId: string | null;
  roles: RoleGrant[];
  lang: Lang;
  mustChangePassword: boolean;
  /** The hashed id of the session this request came with. */
  sessionId: string;
  /** The person as the session check just read them (so "who am I" needs no second read). */
  profile?: PublicPerson;
}

export type Access = 'self' | 'scope' | 'all';
type RoleRow = Partial<Record<RoleName, Access>>;
type Rule = 'public' | RoleRow;

// Everybody holds `staff` besides any other role: the security and audit administrators use the platform as staff
// through it, and their own roles give them their administration and nothing more.
const signedIn: RoleRow = { staff: 'self', organizer: 'self', leader: 'self', sysadmin: 'self' };
const everyoneSignedIn: RoleRow = { staff: 'all', organizer: 'all', leader: 'all', sysadmin: 'all' };
/** 三员分立 (docs/decisions/047): the system administrator keeps the platform and its content running. */
const adminOnly: RoleRow = { sysadmin: 'all' };
/** The security administrator: role grants, and the hall display's secret links. */
const securityOnly: RoleRow = { secadmin: 'all' };
/** The audit administrator: the audit log, read and exported, and nothing else. */
const auditorOnly: RoleRow = { auditor: 'all' };
const scopedReaders: RoleRow = { organizer: 'scope', leader: 'scope', sysadmin: 'all' };
const courseEditors: RoleRow = { organizer: 'scope', sysadmin: 'all' };
/** A bank holds the keys: its editors read it, and nobody else (leaders read quiz figures, not questions). */
const bankEditors: RoleRow = { organizer: 'scope', sysadmin: 'all' };
const quizEditors: RoleRow = { organizer: 'scope', sysadmin: 'all' };
/** A session is read by the people it expects (staff: their own), and by organizers and leaders of its branch. */
const sessionReaders: RoleRow = { staff: 'self', organizer: 'scope', leader: 'scope', sysadmin: 'all' };
const sessionOrganizers: RoleRow = { organizer: 'scope', sysadmin: 'all' };
/** Pledges are each member's own to write; organizers write their branch's and review within reach. */
const pledgeWriters: RoleRow = { staff: 'self', organizer: 'scope', sysadmin: 'all' };
const pledgeReviewers: RoleRow = { organizer: 'scope', leader: 'scope', sysadmin: 'all' };

export const permissions = {
  // platform
  getHealth: 'public',
  setLanguage: 'public',
  // signing in and one's own account
  login: 'public',
  logout: signedIn,
  getMe: signedIn,
  changePassword: signedIn,
  // the organisation tree: everyone signed in may see it; only admins change it
  listUnits: everyoneSignedIn,
  createUnit: adminOnly,
  updateUnit: adminOnly,
  // people: organizers and leaders see their subtree, staff themselves; the system administrator manages accounts, the
  // security administrator reads them to grant roles (the only way an administrator role is given or taken)
  listPeople: { organizer: 'scope', leader: 'scope', sysadmin: 'all', secadmin: 'all' },
  getPerson: { staff: 'self', organizer: 'scope', leader: 'scope', sysadmin: 'all', secadmin: 'all' },
  createPerson: adminOnly,
  updatePerson: adminOnly,
  resetPassword: adminOnly,
  setPersonRoles: securityOnly,
  // roster import
  previewImport: adminOnly,
  confirmImport: adminOnly,
  // audit log: the audit administrator alone reads and exports it
  listAudit: auditorOnly,
  exportAudit: auditorOnly,
  // courses: everyone signed in studies; organizers edit and assign within their subtree, admins everywhere
  listCourses: everyoneSignedIn,
  getCourse: everyoneSignedIn,
  createCourse: courseEditors,
  updateCourse: courseEditors,
  publishCourse: courseEditors,
  createLesson: courseEditors,
  updateLesson: courseEditors,
  assignCourse: courseEditors,
  // course editors upload material of every kind; everyone else photos and PDFs for their own records (a pledge's
  // evidence, a card's photo): `uploadPurposesFor` below. An upload is checked by the person who made it, and nobody else
  createUpload: { staff: 'self', organizer: 'scope', leader: 'self', sysadmin: 'all' },
  checkUpload: signedIn,
  getCourseCompletion: scopedReaders,
  exportCourseCompletion: scopedReaders,
  listCourseAssignments: scopedReaders,
  refreshCourseCompletion: scopedReaders,
  listMyTasks: signedIn,
  recordStudy: signedIn,
  getMyRecord: signedIn,
  // the question bank: organizers read and edit the banks within their subtree, admins every bank
  listQuestions: bankEditors,
  getQuestion: bankEditors,
  createQuestion: bankEditors,
  updateQuestion: bankEditors,
  retireQuestion: bankEditors,
  // quizzes: everyone signed in lists and reads those open to them (the service decides which); organizers write the
  // quizzes of their subtree, admins all; an attempt is its taker's own
  listQuizzes: everyoneSignedIn,
  getQuiz: everyoneSignedIn,
  createQuiz: quizEditors,
  updateQuiz: quizEditors,
  publishQuiz: quizEditors,
  assignQuiz: quizEditors,
  startAttempt: signedIn,
  getAttempt: signedIn,
  saveAnswers: signedIn,
  submitAttempt: signedIn,
  getAttemptReview: signedIn,
  // daily practice: each person their own; the setting is read by everyone and changed by admins
  getDailyPractice: signedIn,
  answerPractice: signedIn,
  getPracticeSettings: everyoneSignedIn,
  setPracticeSettings: adminOnly,
  previewQuestionImport: bankEditors,
  confirmQuestionImport: bankEditors,
  getQuestionTemplate: bankEditors,
  // a quiz's results: organizers and leaders for the takers within their subtree, admins all
  getQuizStats: scopedReaders,
  exportQuizStats: scopedReaders,
  // study sessions: members read the sessions that expect them (the service decides which), organizers schedule,
  // host and keep the rosters and minutes of their subtree's branches, leaders read; check-in, leave and make-up are
  // each person's own
  listSessions: sessionReaders,
  getSession: sessionReaders,
  getSessionCalendar: sessionReaders,
  createSession: sessionOrganizers,
  updateSession: sessionOrganizers,
  cancelSession: sessionOrganizers,
  closeSession: sessionOrganizers,
  reopenSession: adminOnly,
  saveMinutes: sessionOrganizers,
  getCheckInCode: sessionOrganizers,
  checkIn: signedIn,
  getPersonalCode: signedIn,
  checkInPerson: sessionOrganizers,
  getRoster: scopedReaders,
  markAttendance: sessionOrganizers,
  requestLeave: signedIn,
  decideLeave: sessionOrganizers,
  submitMakeUp: signedIn,
  confirmMakeUp: sessionOrganizers,
  getCadence: scopedReaders,
  setCadenceRules: adminOnly,
  getAttendanceFigures: scopedReaders,
  exportSessionArchive: scopedReaders,
  // pledges (承诺践诺评诺): each member writes, keeps and assesses their own; organizers write their branch's, review,
  // comment and rate within reach; the board is everyone's to read (the service shows only what is public)
  listPledges: { staff: 'self', organizer: 'scope', leader: 'scope', sysadmin: 'all' },
  getPledge: everyoneSignedIn,
  createPledge: pledgeWriters,
  updatePledge: pledgeWriters,
  submitPledges: pledgeWriters,
  reviewPledge: pledgeReviewers,
  addPledgeProgress: pledgeWriters,
  commentPledge: { staff: 'self', organizer: 'scope', leader: 'scope', sysadmin: 'all' },
  assessPledge: signedIn,
  ratePledges: { organizer: 'scope', sysadmin: 'all' },
  setReviewWindow: adminOnly,
  updatePledgeProfile: signedIn,
  getPledgeBoard: everyoneSignedIn,
  // the hall's display: the security administrator makes and revokes its links (a secret that opens figures to anyone
  // holding it); the display itself is reached by its token alone
  createDisplayLink: securityOnly,
  revokeDisplayLink: securityOnly,
  listDisplayLinks: securityOnly,
  getDisplay: 'public',
  // quarterly honours: organizers nominate within reach, leaders decide; the decided ones are everyone's to see
  nominateHonour: { organizer: 'scope', sysadmin: 'all' },
  decideHonour: { leader: 'scope', sysadmin: 'all' },
  listHonours: everyoneSignedIn,
  // the year's review sheet (民主评议) of a branch's members
  getReviewSheet: scopedReaders,
  exportReviewSheet: scopedReaders,
  // each person's home; the overview across requirements for organizers and leaders (units and people within reach),
  // a person's record for those who reach them (staff: their own)
  getHome: signedIn,
  getOverview: scopedReaders,
  getUnitOverview: scopedReaders,
  exportOverview: scopedReaders,
  getPersonRecord: { staff: 'self', organizer: 'scope', leader: 'scope', sysadmin: 'all' },
  // data that deserves a second look: never shown to peers, only to organizers and leaders of the units it concerns
  listFlags: scopedReaders,
  dismissFlag: scopedReaders,
  // one's inbox and what reminds one; organizers remind the overdue of their branches; admins read the local outbox
  listNotifications: signedIn,
  markNotificationsRead: signedIn,
  updateNotificationSettings: signedIn,
  remindOverdue: { organizer: 'scope', sysadmin: 'all' },
  listOutbox: adminOnly,
} as const satisfies Record<string, Rule>;

export type Operation = keyof typeof permissions;

/** Operations a person who must change their password may still use. */
const allowedBeforePasswordChange = new Set<Operation>(['getMe', 'changePassword', 'logout']);

const rank: Record<Access, number> = { self: 1, scope: 2, all: 3 };

/** What an authorised actor may reach for one operation. */
export type Grant = { access: 'all' } | { access: 'scope'; unitIds: string[] } | { access: 'self' };

export function isOperation(name: string): name is Operation {
  return Object.hasOwn(permissions, name);
}

export function isPublic(operation: Operation): boolean {
  return permissions[operation] === 'public';
}

/**
 * Decides whether the actor may perform the operation at all, and how far it reaches. Throws 401 for nobody
 * signed in, 403 for a role that may not, 403 (asking for a new password) for a person who must change theirs.
 */
export function authorize(actor: Actor | null, operation: Operation): Grant {
  const rule: Rule = permissions[operation];
  if (rule === 'public') return { access: 'all' };
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (actor.mustChangePassword && !allowedBeforePasswordChange.has(operation)) {
    throw new AppError('FORBIDDEN', { messageKey: authzMessages.passwordChangeRequired });
  }
  let best: Access | undefined;
  const unitIds: string[] = [];
  for (const grant of actor.roles) {
    const access = rule[grant.role];
    if (!access) continue;
    if (access === 'scope' && grant.unitId) unitIds.push(grant.unitId);
    if (!best || rank[access] > rank[best]) best = access;
  }
  if (!best) throw new AppError('FORBIDDEN');
  if (best === 'scope') return { access: 'scope', unitIds };
  return { access: best };
}

/** What a createUpload grant may upload: everything for course editors, photos and PDFs for one's own records. */
export function uploadPurposesFor(grant: Grant): ReadonlyArray<'cover' | 'pdf' | 'video'> {
  return grant.access === 'self' ? ['cover', 'pdf'] : ['cover', 'pdf', 'video'];
}

/** Whether a grant reaches a person (by where they sit in the tree, their branch, or being the actor). */
export function reachesPerson(grant: Grant, actor: Actor, person: { personId: string; unitId: string; branchId: string | null }, tree: OrgTree): boolean {
  switch (grant.access) {
    case 'all':
      return true;
    case 'self':
      return person.personId === actor.personId;
    case 'scope':
      return (
        person.personId === actor.personId ||
        grant.unitIds.some((scope) => tree.isWithin(person.unitId, scope) || (person.branchId !== null && tree.isWithin(person.branchId, scope)))
      );
  }
}

/** Whether a grant reaches a unit (its subtree counts). */
export function reachesUnit(grant: Grant, actor: Actor, unitId: string, tree: OrgTree): boolean {
  switch (grant.access) {
    case 'all':
      return true;
    case 'self':
      return unitId === actor.unitId;
    case 'scope':
      return grant.unitIds.some((scope) => tree.isWithin(unitId, scope));
  }
}

/**
 * Whether a change to a person would take away the acting administrator's own administration: disabling themselves,
 * or changing their own administrator role. Nobody may do that to themselves (another administrator may).
 */
export function locksSelfOut(actor: { personId: string }, person: { personId: string; roles: readonly RoleGrant[] }, next: { roles: readonly RoleGrant[]; active: boolean }): boolean {
  return person.personId === actor.personId && (!next.active || !sameAdminRoles(person.roles, next.roles));
}

/** Whether two lists of grants hold the same administrator roles. */
export function sameAdminRoles(a: readonly RoleGrant[], b: readonly RoleGrant[]): boolean {
  const left = adminRolesOf(a).sort();
  const right = adminRolesOf(b).sort();
  return left.length === right.length && left.every((role, i) => role === right[i]);
}
