/**
 * One sample request (or a few) for every API operation, with the outcome the rules promise for each kind of person.
 * test/integration/permissions.test.ts makes every call as every actor and checks the outcome; it also checks that
 * every operation in the OpenAPI document has a sample here, and that these expectations agree with permissions.ts.
 *
 * The expectations are written from the rules (functions/domain/authz/README.md, "Permissions: operations × roles"),
 * not from running the code:
 * - public operations: everyone, signed in or not;
 * - `self`: one's own records; `scope`: people and units in the subtree of the unit an organizer's or leader's grant
 *   names (people count by the unit they sit in or the branch they belong to); `all`: everything;
 * - a record out of reach answers 404, as if it did not exist; a role that may not answers 403; nobody signed in 401;
 * - a person who must change their initial password may only read themselves, change the password and sign out.
 *
 * Calls that change state leave the seeded organisation as later calls expect it: throwaway targets, fresh sessions
 * for calls that end sessions, versions re-read before every versioned edit, and `restore` where a call must be undone.
 */
import { apiMessage } from '../../functions/platform/i18n.js';
import { newId } from '../../functions/platform/ids.js';
import type { RoleName } from '../../functions/domain/authz/schema.js';
import { demoPassword, seedUnits } from '../../dev/seed-data.js';
import { requestAs, sessionCookieFrom, signIn, type ApiResult, type RequestableApp } from './sign-in.js';
import { accessMessages } from '../../functions/domain/access/messages.js';
import { DEFAULT_CADENCE_RULES } from '../../functions/domain/sessions/schema.js';
import { raiseFlag } from '../../functions/domain/flags/raise-service.js';
import { flagIdOf } from '../../functions/domain/flags/detect.js';
import type { FlagFact } from '../../functions/domain/flags/schema.js';

// ─── Who acts ──────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The actors of the matrix: anonymous, staff, organizers, the leader and the three administrators (三员: `admin` the
 * system administrator, `security`, `auditor`), and one more: a seeded person who has not yet changed their initial
 * password.
 */
export const actors = ['anonymous', 'staff1', 'organizer1', 'organizer2', 'leader', 'admin', 'security', 'auditor'] as const;
export type ActorName = (typeof actors)[number];
export type Subject = ActorName | 'pending';
export const subjects: readonly Subject[] = [...actors, 'pending'];
export type SignedInSubject = Exclude<Subject, 'anonymous'>;

/** The login each signed-in subject uses (password demo1234). */
export const loginOf: Record<SignedInSubject, string> = {
  staff1: 'staff1',
  organizer1: 'organizer1',
  organizer2: 'organizer2',
  leader: 'leader',
  admin: 'admin',
  security: 'security',
  auditor: 'auditor',
  // 周明, 第一支部综合党小组, a member of branch 1; seeded with mustChangePassword = true.
  pending: 'zw0003',
};

/** Seed keys of the units (dev/seed-data.ts). */
export type UnitKey = 'bureau' | 'general' | 'branch1' | 'branch2' | 'branch3' | (string & {});

/** The roles each subject holds in the seeded organisation (everybody also holds `staff`), by seed unit key. */
export const rolesOf: Record<SignedInSubject, Array<{ role: RoleName; unit?: UnitKey }>> = {
  staff1: [{ role: 'staff' }],
  organizer1: [{ role: 'staff' }, { role: 'organizer', unit: 'branch1' }],
  organizer2: [{ role: 'staff' }, { role: 'organizer', unit: 'branch2' }],
  leader: [{ role: 'staff' }, { role: 'leader', unit: 'bureau' }],
  admin: [{ role: 'staff' }, { role: 'sysadmin' }],
  security: [{ role: 'staff' }, { role: 'secadmin' }],
  auditor: [{ role: 'staff' }, { role: 'auditor' }],
  pending: [{ role: 'staff' }],
};

// ─── Fixtures ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface Fixtures {
  /** Seed key (`bureau`, `branch1`, …) → unitId. */
  unit: Record<string, string>;
  /** Login → personId, for everybody seeded. */
  person: Record<string, string>;
  /** A department made for this test: updateUnit renames it, createUnit adds units under it. */
  scratchUnitId: string;
}

/** Throwaway targets among the seeded people (nobody signs in as them here). */
export const updatePersonTarget = 'zw0004'; // 吴婷, 综合科, not a member
export const resetPasswordTarget = 'zw0005'; // 徐海涛, branch 1

/**
 * The context samples are built in, reading the app, the fixtures and the admin's session as they are when a sample
 * is built (tests set them in beforeAll and renew sessions as calls end them).
 */
export function sampleContext(state: () => { app: RequestableApp; fixtures: Fixtures; adminCookie: string | null | undefined }, prefix = ''): SampleContext {
  let counter = 0;
  return {
    get app() {
      return state().app;
    },
    get fixtures() {
      return state().fixtures;
    },
    asAdmin: (method, path, body) => requestAs(state().app, state().adminCookie ?? null, method, path, body),
    asSecurity: async (method, path, body) => {
      const app = state().app;
      let cookie = securityCookies.get(app);
      if (!cookie) securityCookies.set(app, (cookie = signIn(app, loginOf.security)));
      return requestAs(app, await cookie, method, path, body);
    },
    unique: () => `${prefix}${Date.now().toString(36)}${(++counter).toString(36)}`,
  };
}

/** The security administrator's session for each app (signed in on first use: display links are theirs to make). */
const securityCookies = new WeakMap<RequestableApp, Promise<string>>();

/** Reads the seeded organisation's ids through the API (as admin) and makes the scratch unit. */
export async function loadFixtures(app: RequestableApp, adminCookie: string): Promise<Fixtures> {
  const units = await requestAs(app, adminCookie, 'GET', '/api/units');
  if (units.status !== 200) throw new Error(`listing units failed: ${units.status} ${JSON.stringify(units.body)}`);
  const idByName = new Map((units.body.items as Array<{ name: string; unitId: string }>).map((u) => [u.name, u.unitId]));
  const unit: Record<string, string> = {};
  for (const seed of seedUnits) {
    const id = idByName.get(seed.name);
    if (!id) throw new Error(`seeded unit ${seed.name} not found`);
    unit[seed.key] = id;
  }
  const people = await requestAs(app, adminCookie, 'GET', '/api/people?limit=200&includeDisabled=true');
  if (people.status !== 200) throw new Error(`listing people failed: ${people.status} ${JSON.stringify(people.body)}`);
  const person = Object.fromEntries((people.body.items as Array<{ login: string; personId: string }>).map((p) => [p.login, p.personId]));
  const scratch = await requestAs(app, adminCookie, 'POST', '/api/units', { name: '权限测试科', kind: 'department', parentId: unit.bureau });
  if (scratch.status !== 201) throw new Error(`creating the scratch unit failed: ${scratch.status} ${JSON.stringify(scratch.body)}`);
  return { unit, person, scratchUnitId: scratch.body.unitId as string };
}

// ─── Samples ───────────────────────────────────────────────────────────────────────────────────────────────────────

export type Outcome = 'allow' | 'deny';

export interface SampleRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** JSON, or FormData for multipart/form-data. */
  body?: unknown;
}

export interface SampleContext {
  app: RequestableApp;
  fixtures: Fixtures;
  /** Calls the API as admin (reading versions, undoing changes). */
  asAdmin(method: SampleRequest['method'], path: string, body?: unknown): Promise<ApiResult>;
  /** Calls the API as the security administrator (display links). */
  asSecurity(method: SampleRequest['method'], path: string, body?: unknown): Promise<ApiResult>;
  /** A string no other call in this run uses (names, logins). */
  unique(): string;
}

/**
 * What decides, beyond the role, whether a call reaches its target (checked against permissions.ts by the test):
 * - `person`: the person with this login, by reachesPerson with the operation's grant;
 * - `unit`: this unit, by reachesUnit with the operation's grant (creating or assigning in a unit);
 * - `courseEditors`: whoever may edit courses owned by this unit (reachesUnit with the updateCourse grant): drafts
 *   are shown, and courses edited, only to them.
 */
export type Reach = { person: string } | { unit: UnitKey } | { courseEditors: UnitKey };

export interface OperationSample {
  operationId: string;
  /** What the call does, e.g. `getPerson(staff3)`: names the test. */
  label: string;
  /** The rules' answer for each subject. */
  expect: Record<Subject, Outcome>;
  /** What decides reach for this call, if anything beyond the role does. */
  reach?: Reach;
  /** Subjects whose role allows the operation but whom `reach` keeps from the target. */
  outOfReach?: SignedInSubject[];
  /** How an out-of-reach call is refused: 404 (as if the record did not exist; the default) or 403. */
  outOfReachStatus?: 403 | 404;
  /** The call names one existing record, so a 404 means "not within reach" (a denial). */
  addressesRecord?: boolean;
  /** The call ends or replaces the caller's session: make it with a session of its own. */
  freshSession?: boolean;
  /** An allowed call ends every session of the caller: the test signs them in again afterwards. */
  endsSessions?: boolean;
  /** Builds the request; called just before each call (so versions are current). */
  build(ctx: SampleContext): Promise<SampleRequest> | SampleRequest;
  /** The operation's own refusal that is no permission denial (it ran, and said no), e.g. a wrong password. */
  ranAnyway?(res: ApiResult): boolean;
  /** The statuses an allowed call answers with, when not a 2xx (so a sample that rots into a 400 is noticed). */
  allowedWith?: number[];
  /** Undoes what an allowed call changed. */
  restore?(ctx: SampleContext, subject: SignedInSubject, res: ApiResult): Promise<void>;
}

const Y = 'allow' as const;
const N = 'deny' as const;

type Administrators = Partial<Record<'security' | 'auditor', Outcome>>;

/**
 * One row of the table, in the order anonymous, staff1, organizer1, organizer2, leader, admin (系统管理员), pending;
 * the security and audit administrators as `others` says, or else as a staff member who is not the target
 * (`withAdministrators` below: both hold staff besides their administrator role).
 */
function outcomes(
  anonymous: Outcome,
  staff1: Outcome,
  organizer1: Outcome,
  organizer2: Outcome,
  leader: Outcome,
  admin: Outcome,
  pending: Outcome,
  others: Administrators = {},
): Record<Subject, Outcome> {
  return { anonymous, staff1, organizer1, organizer2, leader, admin, pending, ...others } as Record<Subject, Outcome>;
}

/** The security and audit administrators' outcomes a row leaves out: staff1's, unless the call is about staff1. */
function withAdministrators(sample: OperationSample): OperationSample {
  const asStaff: Outcome = sample.reach && 'person' in sample.reach && sample.reach.person === 'staff1' ? N : sample.expect.staff1;
  const expect: Record<Subject, Outcome> = Object.assign({ security: asStaff, auditor: asStaff }, sample.expect);
  // Refused where staff1's role passes (their own records, or out of reach): as staff, out of reach too (404).
  const staffPasses = sample.expect.staff1 === Y || Boolean(sample.outOfReach?.includes('staff1'));
  const outOfReach = (['security', 'auditor'] as const).filter((who) => staffPasses && expect[who] === N);
  return { ...sample, expect, ...(outOfReach.length > 0 ? { outOfReach: [...(sample.outOfReach ?? []), ...outOfReach] } : {}) };
}

//                                anon staff1 org1 org2 leader admin pending
const everyone /*           */ = outcomes(Y, Y, Y, Y, Y, Y, Y);
const ownAccount /*         */ = outcomes(N, Y, Y, Y, Y, Y, Y);
const signedInOnly /*       */ = outcomes(N, Y, Y, Y, Y, Y, N);
const scopedReaders /*      */ = outcomes(N, N, Y, Y, Y, Y, N);
const adminOnly /*          */ = outcomes(N, N, N, N, N, Y, N);
const courseEditors /*      */ = outcomes(N, N, Y, Y, N, Y, N);
const branchOneEditors /*   */ = outcomes(N, N, Y, N, N, Y, N);
const branchTwoEditors /*   */ = outcomes(N, N, N, Y, N, Y, N);
const adminsOwn /*          */ = outcomes(N, N, N, N, N, Y, N);
const securityOnly /*       */ = outcomes(N, N, N, N, N, N, N, { security: Y, auditor: N });
const auditorOnly /*        */ = outcomes(N, N, N, N, N, N, N, { security: N, auditor: Y });

/** Today in Shanghai (YYYY-MM-DD), the practice day the API expects. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const badCredentials = new Set([apiMessage('zh-CN', accessMessages.badCredentials), apiMessage('en', accessMessages.badCredentials)]);
const temporaryPassword = 'perm-test-2468';

async function currentVersion(ctx: SampleContext, path: string, find?: (body: any) => { version: number } | undefined): Promise<number> {
  const res = await ctx.asAdmin('GET', path);
  if (res.status !== 200) throw new Error(`reading ${path} as admin failed: ${res.status} ${JSON.stringify(res.body)}`);
  const record = find ? find(res.body) : (res.body as { version: number });
  if (!record) throw new Error(`reading ${path}: record not found`);
  return record.version;
}

function getPersonSample(target: string, expect: Record<Subject, Outcome>, outOfReach: SignedInSubject[], note = ''): OperationSample {
  return {
    operationId: 'getPerson',
    label: `getPerson(${target})${note}`,
    // The security administrator reads every account (to grant roles); the audit administrator none.
    expect: { ...expect, security: Y, auditor: N },
    reach: { person: target },
    outOfReach,
    addressesRecord: true,
    build: ({ fixtures }) => ({ method: 'GET', path: `/api/people/${fixtures.person[target]}` }),
  };
}

// ─── Courses made for the test (on first use, so nothing is made when the API has no courses) ───────────────────────

export interface CourseFixtures {
  /** A draft owned by branch 1, with one lesson: the target of course and lesson edits. */
  draftId: string;
  draftLessonId: string;
  /** A draft owned by branch 1, with one lesson: publishCourse publishes (and republishes) it. */
  publishTargetId: string;
  /** A published course owned by branch 1, with one lesson: read, studied and assigned. */
  publishedId: string;
  publishedLessonId: string;
}

const courseFixtureCache = new WeakMap<Fixtures, Promise<CourseFixtures>>();

async function asAdminExpecting(ctx: SampleContext, status: number, method: SampleRequest['method'], path: string, body?: unknown) {
  const res = await ctx.asAdmin(method, path, body);
  if (res.status !== status) throw new Error(`${method} ${path} as admin: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function asSecurityExpecting(ctx: SampleContext, status: number, method: SampleRequest['method'], path: string, body?: unknown) {
  const res = await ctx.asSecurity(method, path, body);
  if (res.status !== status) throw new Error(`${method} ${path} as security: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function branchOneCourse(ctx: SampleContext, title: string, publish: boolean): Promise<{ courseId: string; lessonId: string }> {
  const course = await asAdminExpecting(ctx, 201, 'POST', '/api/courses', {
    title,
    category: 'party',
    credit: 0.5,
    ownerUnitId: ctx.fixtures.unit.branch1,
  });
  const withLesson = await asAdminExpecting(ctx, 201, 'POST', `/api/courses/${course.courseId}/lessons`, {
    version: course.version,
    title: '第一课',
    kind: 'text',
    body: '学习党章，遵守党章。',
    minSeconds: 60,
  });
  if (publish) await asAdminExpecting(ctx, 200, 'POST', `/api/courses/${course.courseId}/publish`, { version: withLesson.version });
  return { courseId: course.courseId, lessonId: withLesson.lessons[0].lessonId };
}

export function courseFixtures(ctx: SampleContext): Promise<CourseFixtures> {
  let made = courseFixtureCache.get(ctx.fixtures);
  if (!made) {
    made = (async () => {
      const draft = await branchOneCourse(ctx, '权限测试草稿课程', false);
      const publishTarget = await branchOneCourse(ctx, '权限测试待发布课程', false);
      const published = await branchOneCourse(ctx, '权限测试已发布课程', true);
      return {
        draftId: draft.courseId,
        draftLessonId: draft.lessonId,
        publishTargetId: publishTarget.courseId,
        publishedId: published.courseId,
        publishedLessonId: published.lessonId,
      };
    })();
    courseFixtureCache.set(ctx.fixtures, made);
  }
  return made;
}

const courseVersion = (ctx: SampleContext, courseId: string) =>
  currentVersion(ctx, `/api/courses/${courseId}`, (body) => body.course as { version: number } | undefined);

// ─── Questions made for the test (on first use) ─────────────────────────────────────────────────────────────────────

/** A single choice question of branch 1's bank, made by the admin (a fresh one for each call that needs one). */
async function branchOneQuestion(ctx: SampleContext, stem: string): Promise<string> {
  const question = await asAdminExpecting(ctx, 201, 'POST', '/api/questions', {
    kind: 'single',
    stem,
    options: [{ text: '热心、耐心、细心、诚心、暖心' }, { text: '快办、好办、易办' }],
    answer: [0],
    tags: ['服务礼仪'],
    ownerUnitId: ctx.fixtures.unit.branch1,
  });
  return question.questionId as string;
}

const questionFixtureCache = new WeakMap<Fixtures, Promise<string>>();

/** The question of branch 1's bank that updateQuestion edits, again and again. */
function editedQuestion(ctx: SampleContext): Promise<string> {
  let made = questionFixtureCache.get(ctx.fixtures);
  if (!made) {
    made = branchOneQuestion(ctx, '权限测试：“五心”服务指的是什么？');
    questionFixtureCache.set(ctx.fixtures, made);
  }
  return made;
}

/** A question's current version, as the admin reads it in its unit's bank. */
const questionVersion = (ctx: SampleContext, questionId: string) =>
  currentVersion(ctx, `/api/questions?unitId=${ctx.fixtures.unit.branch1}&status=all&limit=200`, (body) =>
    (body.items as Array<{ questionId: string; version: number }>).find((q) => q.questionId === questionId),
  );

// ─── Quizzes made for the test (on first use) ───────────────────────────────────────────────────────────────────────

/** A draft quiz of branch 1 with one fixed question of its bank (a fresh one for each call that needs one). */
async function branchOneQuiz(ctx: SampleContext, title: string): Promise<string> {
  const questionId = await branchOneQuestion(ctx, `权限测试测验题${ctx.unique()}`);
  const quiz = await asAdminExpecting(ctx, 201, 'POST', '/api/quizzes', { title, ownerUnitId: ctx.fixtures.unit.branch1, items: [{ kind: 'fixed', questionId }] });
  return quiz.quizId as string;
}

interface QuizFixtures {
  /** A draft of branch 1 that updateQuiz edits again and again. */
  editedId: string;
  /** A published quiz of the bureau, open to everyone, any number of attempts. */
  publishedId: string;
  /** The admin's open attempt at it. */
  attemptId: string;
}

const quizFixtureCache = new WeakMap<Fixtures, Promise<QuizFixtures>>();

function quizFixtures(ctx: SampleContext): Promise<QuizFixtures> {
  let made = quizFixtureCache.get(ctx.fixtures);
  if (!made) {
    made = (async () => {
      const editedId = await branchOneQuiz(ctx, '权限测试草稿测验');
      const question = await asAdminExpecting(ctx, 201, 'POST', '/api/questions', {
        kind: 'truefalse',
        stem: `权限测试：首问负责制要求首位接待的工作人员负责到底。${ctx.unique()}`,
        answer: [0],
        ownerUnitId: ctx.fixtures.unit.bureau,
      });
      const quiz = await asAdminExpecting(ctx, 201, 'POST', '/api/quizzes', {
        title: '权限测试已发布测验',
        ownerUnitId: ctx.fixtures.unit.bureau,
        items: [{ kind: 'fixed', questionId: question.questionId }],
        review: { when: 'afterSubmit', show: 'full' },
      });
      await asAdminExpecting(ctx, 200, 'POST', `/api/quizzes/${quiz.quizId}/publish`, { version: quiz.version });
      const attempt = await ctx.asAdmin('POST', `/api/quizzes/${quiz.quizId}/attempts`);
      if (attempt.status !== 201 && attempt.status !== 200) throw new Error(`starting an attempt as admin: ${attempt.status} ${JSON.stringify(attempt.body)}`);
      return { editedId, publishedId: quiz.quizId as string, attemptId: attempt.body.attemptId as string };
    })();
    quizFixtureCache.set(ctx.fixtures, made);
  }
  return made;
}

const quizVersion = (ctx: SampleContext, quizId: string) => currentVersion(ctx, `/api/quizzes/${quizId}`);

/** The admin's attempt's seq now (a save must carry it). */
async function attemptSeq(ctx: SampleContext, attemptId: string): Promise<number> {
  const res = await ctx.asAdmin('GET', `/api/attempts/${attemptId}`);
  if (res.status !== 200) throw new Error(`reading attempt ${attemptId} as admin: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.seq as number;
}

/** A question file (CSV) of one true/false question with a stem no other call uses. */
function questionFile(unique: string, ownerUnitId?: string): FormData {
  const csv = ['题型,题干,答案', `判断,权限测试导入题${unique}：首问负责制适用于每个窗口。,对`].join('\r\n') + '\r\n';
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'questions.csv');
  if (ownerUnitId) form.append('ownerUnitId', ownerUnitId);
  return form;
}

/** A small roster file (CSV), as an admin would upload it: one new person in 综合科. */
function roster(unique: string): FormData {
  const csv = ['姓名,登录名,所在单位,政治面貌', `权限测试导入,imp-${unique},县政务服务管理局/综合科,群众`].join('\r\n') + '\r\n';
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
  return form;
}

/** An import previewed by the admin, ready to confirm. */
async function previewedImport(ctx: SampleContext): Promise<string> {
  const preview = await ctx.asAdmin('POST', '/api/imports/preview', roster(ctx.unique()));
  if (preview.status !== 200 || preview.body.counts?.problems !== 0) {
    throw new Error(`previewing a roster as admin: ${preview.status} ${JSON.stringify(preview.body)}`);
  }
  return preview.body.importId as string;
}


// ─── Study sessions ────────────────────────────────────────────────────────────────────────────────────────────────

const hourMs = 3600_000;
const inHours = (h: number) => new Date(Date.now() + h * hourMs).toISOString();

/** A branch-1 session made by the admin: upcoming (tomorrow) by default, or begun an hour ago; `people` names its list. */
async function branchOneSession(ctx: SampleContext, options: { begun?: boolean; people?: string[] } = {}): Promise<{ sessionId: string; version: number }> {
  const start = options.begun ? -1 : 24;
  return asAdminExpecting(ctx, 201, 'POST', '/api/sessions', {
    branchId: ctx.fixtures.unit.branch1,
    type: 'topicStudy',
    topic: `权限测试组织生活${ctx.unique()}`,
    startsAt: inHours(start),
    endsAt: inHours(start + 2),
    hostId: ctx.fixtures.person.admin,
    ...(options.people ? { audience: { kind: 'people', personIds: options.people.map((login) => ctx.fixtures.person[login]) } } : {}),
  });
}


// ─── Pledges ─────────────────────────────────────────────────────────────────────────────────────────────────────

const pledgeYear = () => Number(shanghaiToday().slice(0, 4));

/** A pledge of the demo year, found through a branch's listing as the admin (the demo seeds every state). */
async function demoPledge(ctx: SampleContext, branch: UnitKey, find: (owner: any, item: any) => boolean): Promise<{ pledgeId: string; version: number }> {
  const year = await asAdminExpecting(ctx, 200, 'GET', `/api/pledges?branchId=${ctx.fixtures.unit[branch]}&year=${pledgeYear()}`);
  for (const owner of year.owners) for (const item of owner.items) if (find(owner, item)) return { pledgeId: item.pledgeId, version: item.version };
  throw new Error(`no demo pledge in ${branch} matches`);
}

const draftCache = new WeakMap<Fixtures, Promise<string>>();
/** One draft of branch 1's own pledges (as an organisation), written by the admin, for the calls that change it. */
function branchOneDraft(ctx: SampleContext): Promise<string> {
  let made = draftCache.get(ctx.fixtures);
  if (!made) {
    made = asAdminExpecting(ctx, 201, 'POST', '/api/pledges', {
      year: pledgeYear(),
      branchId: ctx.fixtures.unit.branch1,
      pledgeCategory: 'work',
      content: `权限测试支部承诺${ctx.unique()}`,
      measures: '按月通报。',
      dueDate: `${pledgeYear()}-12-31`,
    }).then((pledge) => pledge.pledgeId as string);
    draftCache.set(ctx.fixtures, made);
  }
  return made;
}

const sessionCache = new WeakMap<Fixtures, Promise<{ sessionId: string; version: number }>>();
/** One upcoming branch-1 session for the calls that only read it. */
function sharedSession(ctx: SampleContext) {
  let made = sessionCache.get(ctx.fixtures);
  if (!made) {
    made = branchOneSession(ctx);
    sessionCache.set(ctx.fixtures, made);
  }
  return made;
}

/** A session of branch 1 expecting only the admin, begun and closed: the admin has a make-up to hand in. */
async function adminsAbsence(ctx: SampleContext): Promise<string> {
  const session = await branchOneSession(ctx, { begun: true, people: ['admin'] });
  await asAdminExpecting(ctx, 200, 'POST', `/api/sessions/${session.sessionId}/close`, { version: session.version });
  return session.sessionId;
}

async function sessionVersion(ctx: SampleContext, sessionId: string): Promise<number> {
  return (await asAdminExpecting(ctx, 200, 'GET', `/api/sessions/${sessionId}`)).version as number;
}

/** This quarter in Shanghai (`2027-Q1`): what a nomination names. */
const currentQuarter = () => {
  const local = new Date(Date.now() + 8 * hourMs);
  return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
};

/** A fresh nomination of staff1 by the admin (a decision is made once: each decideHonour call gets its own). */
async function staffOneNomination(ctx: SampleContext): Promise<string> {
  const made = await asAdminExpecting(ctx, 201, 'POST', '/api/honours', {
    quarter: currentQuarter(),
    honourType: 'serviceStar',
    personId: ctx.fixtures.person.staff1,
    reason: `权限测试提名${ctx.unique()}`,
  });
  return made.honourId as string;
}

/**
 * A fresh open flag about staff1 (a dismissal is made once: each dismissFlag call gets its own), raised as the flags
 * job raises one: a fast attempt of a made-up id (the flag holds the evidence; the listing never reads the attempt).
 */
async function staffOneFlag(ctx: SampleContext): Promise<string> {
  const person = await asAdminExpecting(ctx, 200, 'GET', `/api/people/${ctx.fixtures.person.staff1}`);
  const at = new Date().toISOString();
  const attemptId = newId();
  const fact: FlagFact = {
    kind: 'fastQuiz',
    factKey: `fastQuiz:${attemptId}:${ctx.unique()}`,
    personIds: [person.personId as string],
    at,
    evidence: { kind: 'fastQuiz', attemptId, quizId: newId(), quizTitle: '权限测试测验', questions: 10, seconds: 12, startedAt: at, finishedAt: at, percent: 100 },
  };
  await raiseFlag(fact, [{ personId: person.personId as string, name: person.name as string, login: person.login as string, unitId: person.unitId as string, branchId: (person.branchId as string | null) ?? null }]);
  return flagIdOf(fact);
}

/** A display link of the bureau made by the admin; its token opens the display. */
async function bureauDisplayLink(ctx: SampleContext): Promise<{ linkId: string; token: string }> {
  const made = await asSecurityExpecting(ctx, 201, 'POST', '/api/display-links', { label: `权限测试展示${ctx.unique()}`, unitIds: [ctx.fixtures.unit.bureau], days: 1 });
  return { linkId: made.link.linkId as string, token: made.token as string };
}
const displayLinkCache = new WeakMap<Fixtures, Promise<{ linkId: string; token: string }>>();

export const samples: OperationSample[] = ([
  // ── platform ──
  { operationId: 'getHealth', label: 'getHealth', expect: everyone, build: () => ({ method: 'GET', path: '/api/health' }) },
  {
    operationId: 'setLanguage',
    label: 'setLanguage',
    expect: everyone,
    // Everybody here already speaks zh-CN, so no profile changes.
    build: () => ({ method: 'PUT', path: '/api/preferences/language', body: { lang: 'zh-CN' } }),
  },

  // ── signing in and one's own account ──
  {
    operationId: 'login',
    label: 'login(staff2, right password)',
    expect: everyone,
    // Signing in ends the session the browser came with: let that be a throwaway one.
    freshSession: true,
    build: () => ({ method: 'POST', path: '/api/auth/login', body: { login: 'staff2', password: demoPassword } }),
  },
  {
    operationId: 'login',
    label: 'login(unknown login)',
    expect: everyone,
    // A login nobody has (a new one each time, so no account lock): the answer is the credential check's 401.
    build: (ctx) => ({ method: 'POST', path: '/api/auth/login', body: { login: `nobody-${ctx.unique()}`, password: 'wrong-password-1' } }),
    ranAnyway: (res) => res.status === 401 && badCredentials.has(res.body?.error?.message),
    allowedWith: [401],
  },
  {
    operationId: 'logout',
    label: 'logout',
    expect: ownAccount,
    freshSession: true,
    build: () => ({ method: 'POST', path: '/api/auth/logout' }),
  },
  { operationId: 'getMe', label: 'getMe', expect: ownAccount, build: () => ({ method: 'GET', path: '/api/me' }) },
  {
    operationId: 'changePassword',
    label: 'changePassword',
    expect: ownAccount,
    freshSession: true,
    endsSessions: true,
    build: () => ({ method: 'POST', path: '/api/me/password', body: { currentPassword: demoPassword, newPassword: temporaryPassword } }),
    async restore(ctx, subject, res) {
      if (res.status !== 200) return;
      if (subject === 'pending') {
        // Back to the seeded state: the demo password, to be changed at next sign-in.
        const reset = await ctx.asAdmin('POST', `/api/people/${ctx.fixtures.person[loginOf.pending]}/password-reset`, { newPassword: demoPassword });
        if (reset.status !== 200) throw new Error(`restoring ${subject}'s password failed: ${reset.status} ${JSON.stringify(reset.body)}`);
        return;
      }
      const cookie = sessionCookieFrom(res.headers);
      const back = await requestAs(ctx.app, cookie, 'POST', '/api/me/password', { currentPassword: temporaryPassword, newPassword: demoPassword });
      if (back.status !== 200) throw new Error(`restoring ${subject}'s password failed: ${back.status} ${JSON.stringify(back.body)}`);
    },
  },

  // ── the organisation tree ──
  { operationId: 'listUnits', label: 'listUnits', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/units' }) },
  {
    operationId: 'createUnit',
    label: 'createUnit',
    expect: adminOnly,
    build: (ctx) => ({
      method: 'POST',
      path: '/api/units',
      body: { name: `权限测试组${ctx.unique()}`, kind: 'group', parentId: ctx.fixtures.scratchUnitId },
    }),
  },
  {
    operationId: 'updateUnit',
    label: 'updateUnit(scratch unit)',
    expect: adminOnly,
    addressesRecord: true,
    async build(ctx) {
      const id = ctx.fixtures.scratchUnitId;
      const version = await currentVersion(ctx, '/api/units', (body) => body.items.find((u: { unitId: string }) => u.unitId === id));
      return { method: 'PATCH', path: `/api/units/${id}`, body: { version, name: `权限测试科${ctx.unique()}` } };
    },
  },

  // ── people ──
  { operationId: 'listPeople', label: 'listPeople', expect: { ...scopedReaders, security: Y }, build: () => ({ method: 'GET', path: '/api/people' }) },
  //                                                anon staff1 org1 org2 leader admin pending
  getPersonSample('staff1', /*       self */ outcomes(N, Y, Y, N, Y, Y, N), ['organizer2']),
  getPersonSample('staff2', /* branch 1 */ outcomes(N, N, Y, N, Y, Y, N), ['staff1', 'organizer2']),
  getPersonSample('staff3', /* branch 2 */ outcomes(N, N, N, Y, Y, Y, N), ['staff1', 'organizer1']),
  getPersonSample('organizer2', /*   self */ outcomes(N, N, N, Y, Y, Y, N), ['staff1', 'organizer1']),
  // 朱红梅 works in 政务公开科 (outside both branches' subtrees) but is a member of branch 1.
  getPersonSample('zw0008', /* member */ outcomes(N, N, Y, N, Y, Y, N), ['staff1', 'organizer2'], ' (branch 1 member elsewhere)'),
  // The admin sits in 综合科 and belongs to no branch: only the leader (whole bureau) and the admin reach them.
  getPersonSample('admin', /*  non-member */ outcomes(N, N, N, N, Y, Y, N), ['staff1', 'organizer1', 'organizer2']),
  {
    operationId: 'createPerson',
    label: 'createPerson',
    expect: adminOnly,
    build: (ctx) => ({
      method: 'POST',
      path: '/api/people',
      body: { name: '权限测试人员', login: `perm-${ctx.unique()}`, unitId: ctx.fixtures.unit.general, partyStatus: 'none' },
    }),
  },
  {
    operationId: 'updatePerson',
    label: `updatePerson(${updatePersonTarget})`,
    expect: adminOnly,
    addressesRecord: true,
    async build(ctx) {
      const path = `/api/people/${ctx.fixtures.person[updatePersonTarget]}`;
      const version = await currentVersion(ctx, path);
      return { method: 'PATCH', path, body: { version, name: `吴婷${ctx.unique()}` } };
    },
  },
  {
    operationId: 'updatePerson',
    label: 'updatePerson(staff3)',
    // Reach does not make an editor: organizer2 reaches staff3 but edits no accounts.
    expect: adminOnly,
    addressesRecord: true,
    async build(ctx) {
      const path = `/api/people/${ctx.fixtures.person.staff3}`;
      const version = await currentVersion(ctx, path);
      return { method: 'PATCH', path, body: { version, lang: 'zh-CN' } };
    },
  },
  {
    operationId: 'setPersonRoles',
    label: `setPersonRoles(${updatePersonTarget})`,
    expect: securityOnly,
    addressesRecord: true,
    async build(ctx) {
      const path = `/api/people/${ctx.fixtures.person[updatePersonTarget]}`;
      const version = await currentVersion(ctx, path);
      return { method: 'PUT', path: `${path}/roles`, body: { version, roles: [] } };
    },
  },
  {
    operationId: 'resetPassword',
    label: `resetPassword(${resetPasswordTarget})`,
    expect: adminOnly,
    addressesRecord: true,
    build: (ctx) => ({ method: 'POST', path: `/api/people/${ctx.fixtures.person[resetPasswordTarget]}/password-reset`, body: {} }),
  },

  // ── roster import ──
  {
    operationId: 'previewImport',
    label: 'previewImport',
    expect: adminOnly,
    build: (ctx) => ({ method: 'POST', path: '/api/imports/preview', body: roster(ctx.unique()) }),
  },
  {
    operationId: 'confirmImport',
    label: 'confirmImport(unknown import)',
    // An admin passes the permission check and then learns there is no such import (404): allowed. Everybody else
    // must be refused before any lookup, so the 404 of a missing import never answers them.
    expect: adminOnly,
    allowedWith: [404],
    build: () => ({ method: 'POST', path: `/api/imports/${newId()}/confirm` }),
  },
  {
    operationId: 'confirmImport',
    label: 'confirmImport(a previewed roster)',
    expect: adminOnly,
    build: async (ctx) => ({ method: 'POST', path: `/api/imports/${await previewedImport(ctx)}/confirm` }),
  },

  // ── audit log ──
  { operationId: 'listAudit', label: 'listAudit', expect: auditorOnly, build: () => ({ method: 'GET', path: '/api/audit' }) },
  { operationId: 'exportAudit', label: 'exportAudit(today)', expect: auditorOnly, build: () => ({ method: 'GET', path: `/api/audit/export?from=${shanghaiToday()}` }) },
  // ── courses ──
  { operationId: 'listCourses', label: 'listCourses', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/courses' }) },
  {
    operationId: 'getCourse',
    label: 'getCourse(published, branch 1)',
    expect: signedInOnly,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/courses/${(await courseFixtures(ctx)).publishedId}` }),
  },
  {
    operationId: 'getCourse',
    label: 'getCourse(draft, branch 1)',
    // A draft is shown only to those who may edit it: branch 1's organizers and admins.
    expect: branchOneEditors,
    reach: { courseEditors: 'branch1' },
    outOfReach: ['staff1', 'organizer2', 'leader'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/courses/${(await courseFixtures(ctx)).draftId}` }),
  },
  {
    operationId: 'createCourse',
    label: 'createCourse(own unit)',
    expect: courseEditors,
    build: (ctx) => ({ method: 'POST', path: '/api/courses', body: { title: `权限测试课程${ctx.unique()}`, category: 'elective', credit: 1 } }),
  },
  {
    operationId: 'createCourse',
    label: 'createCourse(for branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    outOfReachStatus: 403,
    build: (ctx) => ({
      method: 'POST',
      path: '/api/courses',
      body: { title: `权限测试课程${ctx.unique()}`, category: 'elective', credit: 1, ownerUnitId: ctx.fixtures.unit.branch1 },
    }),
  },
  {
    operationId: 'updateCourse',
    label: 'updateCourse(draft, branch 1)',
    expect: branchOneEditors,
    reach: { courseEditors: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const { draftId } = await courseFixtures(ctx);
      return { method: 'PATCH', path: `/api/courses/${draftId}`, body: { version: await courseVersion(ctx, draftId), title: `权限测试草稿课程${ctx.unique()}` } };
    },
  },
  {
    operationId: 'publishCourse',
    label: 'publishCourse(branch 1)',
    expect: branchOneEditors,
    reach: { courseEditors: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const { publishTargetId } = await courseFixtures(ctx);
      return { method: 'POST', path: `/api/courses/${publishTargetId}/publish`, body: { version: await courseVersion(ctx, publishTargetId) } };
    },
  },
  {
    operationId: 'createLesson',
    label: 'createLesson(draft, branch 1)',
    expect: branchOneEditors,
    reach: { courseEditors: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const { draftId } = await courseFixtures(ctx);
      return {
        method: 'POST',
        path: `/api/courses/${draftId}/lessons`,
        body: { version: await courseVersion(ctx, draftId), title: `补充课时${ctx.unique()}`, kind: 'text', body: '补充学习材料。', minSeconds: 60 },
      };
    },
  },
  {
    operationId: 'updateLesson',
    label: 'updateLesson(draft, branch 1)',
    expect: branchOneEditors,
    reach: { courseEditors: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const { draftId, draftLessonId } = await courseFixtures(ctx);
      return {
        method: 'PATCH',
        path: `/api/courses/${draftId}/lessons/${draftLessonId}`,
        body: { version: await courseVersion(ctx, draftId), title: `第一课${ctx.unique()}` },
      };
    },
  },
  {
    operationId: 'assignCourse',
    label: 'assignCourse(to branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    outOfReachStatus: 403,
    addressesRecord: true,
    build: async (ctx) => ({
      method: 'POST',
      path: `/api/courses/${(await courseFixtures(ctx)).publishedId}/assignments`,
      body: { audience: { kind: 'units', unitIds: [ctx.fixtures.unit.branch1] }, required: true, dueAt: '2099-12-31' },
    }),
  },
  {
    operationId: 'assignCourse',
    label: "assignCourse(to branch 2's members)",
    // A published course is in everyone's catalogue: organizer2 may assign branch 1's course to branch 2.
    expect: branchTwoEditors,
    reach: { unit: 'branch2' },
    outOfReach: ['organizer1'],
    outOfReachStatus: 403,
    addressesRecord: true,
    build: async (ctx) => ({
      method: 'POST',
      path: `/api/courses/${(await courseFixtures(ctx)).publishedId}/assignments`,
      body: { audience: { kind: 'members', unitIds: [ctx.fixtures.unit.branch2] }, required: false, dueAt: '2099-12-31' },
    }),
  },
  {
    operationId: 'assignCourse',
    label: 'assignCourse(to zw0008, a branch 1 member elsewhere)',
    // 朱红梅 works in 政务公开科 but belongs to branch 1, so branch 1's organizer reaches her (as getPerson does).
    expect: branchOneEditors,
    reach: { person: 'zw0008' },
    outOfReach: ['organizer2'],
    outOfReachStatus: 403,
    addressesRecord: true,
    build: async (ctx) => ({
      method: 'POST',
      path: `/api/courses/${(await courseFixtures(ctx)).publishedId}/assignments`,
      body: { audience: { kind: 'people', personIds: [ctx.fixtures.person.zw0008] }, required: true, dueAt: '2099-12-31' },
    }),
  },
  {
    operationId: 'recordStudy',
    label: 'recordStudy(published, branch 1)',
    expect: signedInOnly,
    addressesRecord: true,
    async build(ctx) {
      const { publishedId, publishedLessonId } = await courseFixtures(ctx);
      return { method: 'POST', path: `/api/courses/${publishedId}/study`, body: { lessonId: publishedLessonId, state: 'visible' } };
    },
  },
  {
    operationId: 'createUpload',
    label: 'createUpload(a PDF)',
    // Everyone signed in uploads photos and PDFs (evidence for their own records); the scope is checked where the
    // upload is used (a lesson of their course, their own pledge).
    expect: signedInOnly,
    build: () => ({ method: 'POST', path: '/api/uploads', body: { purpose: 'pdf', contentType: 'application/pdf', size: 1024, fileName: '学习讲义.pdf' } }),
  },
  {
    operationId: 'checkUpload',
    label: "checkUpload(admin's own PDF)",
    // Only the person who uploaded a file checks it: for everyone else it does not exist.
    //                anon staff1 org1 org2 leader admin pending
    expect: outcomes(N, N, N, N, N, Y, N),
    reach: { person: 'admin' },
    outOfReach: ['staff1', 'organizer1', 'organizer2', 'leader'],
    addressesRecord: true,
    async build(ctx) {
      const bytes = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
      const slot = await asAdminExpecting(ctx, 201, 'POST', '/api/uploads', { purpose: 'pdf', contentType: 'application/pdf', size: bytes.byteLength, fileName: '讲义.pdf' });
      const put = await fetch(slot.url, { method: 'PUT', headers: slot.headers, body: bytes });
      if (!put.ok) throw new Error(`uploading the sample PDF answered ${put.status}`);
      return { method: 'POST', path: `/api/uploads/${slot.uploadId}/check` };
    },
  },
  // ── course completion (statistics) ──
  {
    operationId: 'getCourseCompletion',
    label: 'getCourseCompletion(published, branch 1)',
    expect: scopedReaders,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/courses/${(await courseFixtures(ctx)).publishedId}/completion` }),
  },
  {
    operationId: 'getCourseCompletion',
    label: "getCourseCompletion(drilled into branch 2's people)",
    //                anon staff1 org1 org2 leader admin pending
    expect: outcomes(N, N, N, Y, Y, Y, N),
    reach: { unit: 'branch2' },
    outOfReach: ['organizer1'],
    addressesRecord: true,
    build: async (ctx) => ({
      method: 'GET',
      path: `/api/courses/${(await courseFixtures(ctx)).publishedId}/completion?unitId=${ctx.fixtures.unit.branch2}`,
    }),
  },
  {
    operationId: 'exportCourseCompletion',
    label: 'exportCourseCompletion(published, people)',
    expect: scopedReaders,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/courses/${(await courseFixtures(ctx)).publishedId}/completion/export?part=people` }),
  },
  {
    operationId: 'listCourseAssignments',
    label: 'listCourseAssignments(published)',
    expect: scopedReaders,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/courses/${(await courseFixtures(ctx)).publishedId}/assignments` }),
  },
  {
    operationId: 'refreshCourseCompletion',
    label: 'refreshCourseCompletion(published, branch 1)',
    expect: scopedReaders,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'POST', path: `/api/courses/${(await courseFixtures(ctx)).publishedId}/completion/refresh` }),
  },
  // ── the question bank ──
  { operationId: 'listQuestions', label: 'listQuestions', expect: courseEditors, build: () => ({ method: 'GET', path: '/api/questions' }) },
  {
    operationId: 'listQuestions',
    label: "listQuestions(branch 1's bank)",
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/questions?unitId=${ctx.fixtures.unit.branch1}` }),
  },
  {
    operationId: 'getQuestion',
    label: 'getQuestion(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/questions/${await editedQuestion(ctx)}` }),
  },
  {
    operationId: 'createQuestion',
    label: 'createQuestion(own unit)',
    expect: courseEditors,
    build: (ctx) => ({
      method: 'POST',
      path: '/api/questions',
      body: {
        kind: 'single',
        stem: `权限测试题${ctx.unique()}`,
        options: [{ text: '首问负责制' }, { text: '一次性告知制' }],
        answer: [1],
        explanation: '一次性告知：申请材料不全的，一次告知需补正的全部内容。',
        difficulty: 'easy',
        points: 2,
        tags: ['服务规范'],
      },
    }),
  },
  {
    operationId: 'createQuestion',
    label: 'createQuestion(for branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    outOfReachStatus: 403,
    build: (ctx) => ({
      method: 'POST',
      path: '/api/questions',
      body: { kind: 'truefalse', stem: `权限测试判断题${ctx.unique()}`, answer: [0], ownerUnitId: ctx.fixtures.unit.branch1 },
    }),
  },
  {
    operationId: 'updateQuestion',
    label: 'updateQuestion(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const questionId = await editedQuestion(ctx);
      return { method: 'PATCH', path: `/api/questions/${questionId}`, body: { version: await questionVersion(ctx, questionId), stem: `权限测试题${ctx.unique()}` } };
    },
  },
  {
    operationId: 'retireQuestion',
    label: 'retireQuestion(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const questionId = await branchOneQuestion(ctx, `权限测试待停用题${ctx.unique()}`);
      return { method: 'POST', path: `/api/questions/${questionId}/retire`, body: { version: 1 } };
    },
  },
  // ── quizzes and attempts ──
  { operationId: 'listQuizzes', label: 'listQuizzes', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/quizzes' }) },
  {
    operationId: 'getQuiz',
    label: "getQuiz(the bureau's published quiz)",
    expect: signedInOnly,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/quizzes/${(await quizFixtures(ctx)).publishedId}` }),
  },
  {
    operationId: 'createQuiz',
    label: 'createQuiz(own unit)',
    expect: courseEditors,
    build: (ctx) => ({ method: 'POST', path: '/api/quizzes', body: { title: `权限测试测验${ctx.unique()}`, items: [{ kind: 'draw', count: 1 }] } }),
  },
  {
    operationId: 'updateQuiz',
    label: 'updateQuiz(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const { editedId } = await quizFixtures(ctx);
      return { method: 'PATCH', path: `/api/quizzes/${editedId}`, body: { version: await quizVersion(ctx, editedId), title: `权限测试测验${ctx.unique()}` } };
    },
  },
  {
    operationId: 'publishQuiz',
    label: 'publishQuiz(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const quizId = await branchOneQuiz(ctx, `权限测试待发布测验${ctx.unique()}`);
      return { method: 'POST', path: `/api/quizzes/${quizId}/publish`, body: { version: 1 } };
    },
  },
  {
    operationId: 'assignQuiz',
    label: "assignQuiz(the bureau's published quiz to branch 1)",
    // A published quiz of the bureau is open to everyone: as with a course, the audience decides who may assign it.
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    outOfReachStatus: 403,
    addressesRecord: true,
    build: async (ctx) => ({
      method: 'POST',
      path: `/api/quizzes/${(await quizFixtures(ctx)).publishedId}/assignments`,
      body: { audience: { kind: 'units', unitIds: [ctx.fixtures.unit.branch1] }, required: true, dueAt: '2099-12-31' },
    }),
  },
  {
    operationId: 'getQuizStats',
    label: "getQuizStats(the bureau's published quiz)",
    expect: scopedReaders,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/quizzes/${(await quizFixtures(ctx)).publishedId}/stats` }),
  },
  {
    operationId: 'getQuizStats',
    label: "getQuizStats(drilled into branch 2)",
    //                anon staff1 org1 org2 leader admin pending
    expect: outcomes(N, N, N, Y, Y, Y, N),
    reach: { unit: 'branch2' },
    outOfReach: ['organizer1'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/quizzes/${(await quizFixtures(ctx)).publishedId}/stats?unitId=${ctx.fixtures.unit.branch2}` }),
  },
  {
    operationId: 'exportQuizStats',
    label: "exportQuizStats(the bureau's published quiz)",
    expect: scopedReaders,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/quizzes/${(await quizFixtures(ctx)).publishedId}/stats.xlsx` }),
  },
  {
    operationId: 'startAttempt',
    label: "startAttempt(the bureau's published quiz)",
    expect: signedInOnly,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'POST', path: `/api/quizzes/${(await quizFixtures(ctx)).publishedId}/attempts` }),
  },
  {
    operationId: 'getAttempt',
    label: "getAttempt(the admin's)",
    expect: adminsOwn,
    reach: { person: 'admin' },
    outOfReach: ['staff1', 'organizer1', 'organizer2', 'leader'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/attempts/${(await quizFixtures(ctx)).attemptId}` }),
  },
  {
    operationId: 'saveAnswers',
    label: "saveAnswers(the admin's)",
    expect: adminsOwn,
    reach: { person: 'admin' },
    outOfReach: ['staff1', 'organizer1', 'organizer2', 'leader'],
    addressesRecord: true,
    allowedWith: [409],
    async build(ctx) {
      const { attemptId } = await quizFixtures(ctx);
      return { method: 'PUT', path: `/api/attempts/${attemptId}/answers`, body: { seq: await attemptSeq(ctx, attemptId), answers: {} } };
    },
  },
  {
    operationId: 'submitAttempt',
    label: "submitAttempt(the admin's)",
    expect: adminsOwn,
    reach: { person: 'admin' },
    outOfReach: ['staff1', 'organizer1', 'organizer2', 'leader'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'POST', path: `/api/attempts/${(await quizFixtures(ctx)).attemptId}/submit` }),
  },
  {
    operationId: 'getAttemptReview',
    label: "getAttemptReview(the admin's)",
    expect: adminsOwn,
    reach: { person: 'admin' },
    outOfReach: ['staff1', 'organizer1', 'organizer2', 'leader'],
    addressesRecord: true,
    allowedWith: [409],
    build: async (ctx) => ({ method: 'GET', path: `/api/attempts/${(await quizFixtures(ctx)).attemptId}/review` }),
  },
  // ── daily practice: one's own; the setting read by everyone, changed by admins ──
  { operationId: 'getDailyPractice', label: 'getDailyPractice', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/practice' }) },
  {
    operationId: 'answerPractice',
    label: 'answerPractice(a question not of today)',
    expect: signedInOnly,
    // A question not among the caller's questions of today: the operation runs and says so (409), no permission denial.
    build: (ctx) => ({ method: 'POST', path: '/api/practice/answers', body: { day: shanghaiToday(), questionId: ctx.fixtures.scratchUnitId, answer: [0] } }),
    allowedWith: [409],
  },
  { operationId: 'getPracticeSettings', label: 'getPracticeSettings', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/practice/settings' }) },
  {
    operationId: 'setPracticeSettings',
    label: 'setPracticeSettings',
    expect: adminOnly,
    async build(ctx) {
      const current = await ctx.asAdmin('GET', '/api/practice/settings');
      return { method: 'PUT', path: '/api/practice/settings', body: { questionsPerDay: current.body.questionsPerDay } };
    },
  },
  {
    operationId: 'previewQuestionImport',
    label: 'previewQuestionImport(own bank)',
    expect: courseEditors,
    build: (ctx) => ({ method: 'POST', path: '/api/questions/import/preview', body: questionFile(ctx.unique()) }),
  },
  {
    operationId: 'previewQuestionImport',
    label: "previewQuestionImport(into branch 1's bank)",
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    outOfReachStatus: 403,
    build: (ctx) => ({ method: 'POST', path: '/api/questions/import/preview', body: questionFile(ctx.unique(), ctx.fixtures.unit.branch1) }),
  },
  {
    operationId: 'confirmQuestionImport',
    label: 'confirmQuestionImport(unknown import)',
    // An editor passes the permission check and then learns there is no such import (404): allowed. Everybody else
    // is refused before any lookup.
    expect: courseEditors,
    allowedWith: [404],
    build: () => ({ method: 'POST', path: `/api/questions/import/${newId()}/confirm` }),
  },
  {
    operationId: 'getQuestionTemplate',
    label: 'getQuestionTemplate',
    expect: courseEditors,
    build: () => ({ method: 'GET', path: '/api/questions/import/template.xlsx' }),
  },
  { operationId: 'listMyTasks', label: 'listMyTasks', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/me/tasks' }) },
  { operationId: 'getMyRecord', label: 'getMyRecord', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/me/record' }) },
  // ── study sessions ──
  { operationId: 'listSessions', label: 'listSessions(mine)', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/sessions?mine=true' }) },
  {
    operationId: 'getSession',
    label: 'getSession(branch 1, expecting its members)',
    // Whoever the session expects (staff1) reads it, as do those who read branch 1's rosters.
    expect: outcomes(N, Y, Y, N, Y, Y, N),
    reach: { person: 'staff1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/sessions/${(await sharedSession(ctx)).sessionId}` }),
  },
  {
    operationId: 'getSessionCalendar',
    label: 'getSessionCalendar(branch 1)',
    expect: outcomes(N, Y, Y, N, Y, Y, N),
    reach: { person: 'staff1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/sessions/${(await sharedSession(ctx)).sessionId}/calendar.ics` }),
  },
  {
    operationId: 'createSession',
    label: 'createSession(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    outOfReachStatus: 403,
    build: (ctx) => ({
      method: 'POST',
      path: '/api/sessions',
      body: { branchId: ctx.fixtures.unit.branch1, type: 'committee', topic: `权限测试支委会${ctx.unique()}`, startsAt: inHours(48), endsAt: inHours(49), hostId: ctx.fixtures.person.organizer1 },
    }),
  },
  {
    operationId: 'updateSession',
    label: 'updateSession(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const { sessionId } = await sharedSession(ctx);
      return {
        method: 'PUT',
        path: `/api/sessions/${sessionId}`,
        body: { version: await sessionVersion(ctx, sessionId), type: 'topicStudy', topic: `权限测试组织生活${ctx.unique()}`, startsAt: inHours(24), endsAt: inHours(26), hostId: ctx.fixtures.person.admin },
      };
    },
  },
  {
    operationId: 'cancelSession',
    label: 'cancelSession(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const session = await branchOneSession(ctx);
      return { method: 'POST', path: `/api/sessions/${session.sessionId}/cancel`, body: { version: session.version, reason: '权限测试取消' } };
    },
  },
  {
    operationId: 'closeSession',
    label: 'closeSession(branch 1, begun)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const session = await branchOneSession(ctx, { begun: true, people: ['admin'] });
      return { method: 'POST', path: `/api/sessions/${session.sessionId}/close`, body: { version: session.version } };
    },
  },
  {
    operationId: 'reopenSession',
    label: 'reopenSession(branch 1, closed)',
    expect: adminOnly,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'POST', path: `/api/sessions/${await adminsAbsence(ctx)}/reopen`, body: { reason: '权限测试：补录签到' } }),
  },
  {
    operationId: 'saveMinutes',
    label: 'saveMinutes(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const session = await branchOneSession(ctx);
      return { method: 'PUT', path: `/api/sessions/${session.sessionId}/minutes`, body: { version: 0, text: '# 会议记录\n学习了《政务服务条例》。' } };
    },
  },
  {
    operationId: 'getCheckInCode',
    label: 'getCheckInCode(branch 1)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/sessions/${(await sharedSession(ctx)).sessionId}/check-in-code` }),
  },
  {
    operationId: 'checkIn',
    label: 'checkIn(a token no server made)',
    // Everyone signed in may try a code; a forged one is refused for what it is (409), whoever sends it.
    expect: signedInOnly,
    allowedWith: [409],
    build: () => ({ method: 'POST', path: '/api/check-ins', body: { token: `${newId()}.abc.AAAAAAAAAAAAAAAA` } }),
  },
  { operationId: 'getPersonalCode', label: 'getPersonalCode', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/me/check-in-code' }) },
  {
    operationId: 'checkInPerson',
    label: 'checkInPerson(branch 1, digits of nobody on its list)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    allowedWith: [409],
    build: async (ctx) => ({ method: 'POST', path: `/api/sessions/${(await sharedSession(ctx)).sessionId}/check-ins`, body: { code: 'abc' } }),
  },
  {
    operationId: 'getRoster',
    label: 'getRoster(branch 1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/sessions/${(await sharedSession(ctx)).sessionId}/roster` }),
  },
  {
    operationId: 'markAttendance',
    label: 'markAttendance(branch 1, staff1 present)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: async (ctx) => ({
      method: 'PUT',
      path: `/api/sessions/${(await sharedSession(ctx)).sessionId}/roster`,
      body: { marks: [{ personId: ctx.fixtures.person.staff1, mark: 'present' }] },
    }),
  },
  {
    operationId: 'requestLeave',
    label: 'requestLeave(a session expecting the admin)',
    // Only someone on the list asks for leave; to anyone else there is no attendance of theirs to excuse.
    expect: adminsOwn,
    reach: { person: 'admin' },
    outOfReach: ['staff1', 'organizer1', 'organizer2', 'leader'],
    addressesRecord: true,
    async build(ctx) {
      const session = await branchOneSession(ctx, { people: ['admin'] });
      return { method: 'POST', path: `/api/sessions/${session.sessionId}/leave`, body: { reason: '权限测试请假' } };
    },
  },
  {
    operationId: 'decideLeave',
    label: "decideLeave(the admin's request, branch 1)",
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    async build(ctx) {
      const session = await branchOneSession(ctx, { people: ['admin'] });
      await asAdminExpecting(ctx, 200, 'POST', `/api/sessions/${session.sessionId}/leave`, { reason: '权限测试请假' });
      return { method: 'PUT', path: `/api/sessions/${session.sessionId}/leave/${ctx.fixtures.person.admin}`, body: { decision: 'approve' } };
    },
  },
  {
    operationId: 'submitMakeUp',
    label: "submitMakeUp(the admin's absence)",
    expect: adminsOwn,
    reach: { person: 'admin' },
    outOfReach: ['staff1', 'organizer1', 'organizer2', 'leader'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'PUT', path: `/api/sessions/${await adminsAbsence(ctx)}/make-up`, body: { reflection: '权限测试补学心得：认真学习了会议记录和学习材料，对政务服务条例有了更深的理解。'.repeat(3) } }),
  },
  {
    operationId: 'confirmMakeUp',
    label: "confirmMakeUp(the admin's absence, branch 1)",
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'POST', path: `/api/sessions/${await adminsAbsence(ctx)}/make-up/${ctx.fixtures.person.admin}/confirm` }),
  },
  { operationId: 'getCadence', label: 'getCadence', expect: scopedReaders, build: () => ({ method: 'GET', path: '/api/sessions/cadence' }) },
  {
    operationId: 'setCadenceRules',
    label: 'setCadenceRules(the national rules)',
    expect: adminOnly,
    build: () => ({ method: 'PUT', path: '/api/sessions/cadence/rules', body: { rules: DEFAULT_CADENCE_RULES } }),
  },
  {
    operationId: 'getAttendanceFigures',
    label: 'getAttendanceFigures(branch 1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/sessions/figures?unitId=${ctx.fixtures.unit.branch1}` }),
  },
  {
    operationId: 'exportSessionArchive',
    label: 'exportSessionArchive(branch 1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/sessions/archive.xlsx?branchId=${ctx.fixtures.unit.branch1}&year=${new Date().getFullYear()}` }),
  },
  // ── quarterly honours ──
  { operationId: 'listHonours', label: 'listHonours', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/honours' }) },
  {
    operationId: 'nominateHonour',
    label: 'nominateHonour(staff1 of branch 1)',
    expect: branchOneEditors,
    reach: { person: 'staff1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({
      method: 'POST',
      path: '/api/honours',
      body: { quarter: currentQuarter(), honourType: 'pioneerPost', personId: ctx.fixtures.person.staff1, reason: `权限测试${ctx.unique()}` },
    }),
  },
  {
    operationId: 'decideHonour',
    label: 'decideHonour(a nomination of staff1)',
    expect: outcomes(N, N, N, N, Y, Y, N),
    reach: { person: 'staff1' },
    addressesRecord: true,
    build: async (ctx) => ({ method: 'POST', path: `/api/honours/${await staffOneNomination(ctx)}/decision`, body: { outcome: 'decline', note: '权限测试' } }),
  },
  // ── data that deserves a second look ──
  { operationId: 'listFlags', label: 'listFlags', expect: scopedReaders, build: () => ({ method: 'GET', path: '/api/flags' }) },
  {
    operationId: 'listFlags',
    label: 'listFlags(branch 1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/flags?unitId=${ctx.fixtures.unit.branch1}&state=dismissed` }),
  },
  {
    operationId: 'dismissFlag',
    label: 'dismissFlag(a flag about staff1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { person: 'staff1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: async (ctx) => ({ method: 'POST', path: `/api/flags/${await staffOneFlag(ctx)}/dismissal`, body: { reason: '权限测试：已核实' } }),
  },
  // ── the hall's display ──
  { operationId: 'listDisplayLinks', label: 'listDisplayLinks', expect: securityOnly, build: () => ({ method: 'GET', path: '/api/display-links' }) },
  {
    operationId: 'createDisplayLink',
    label: 'createDisplayLink(bureau)',
    expect: securityOnly,
    build: (ctx) => ({ method: 'POST', path: '/api/display-links', body: { label: `权限测试展示${ctx.unique()}`, unitIds: [ctx.fixtures.unit.bureau], days: 1 } }),
  },
  {
    operationId: 'revokeDisplayLink',
    label: 'revokeDisplayLink(a fresh link)',
    expect: securityOnly,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'POST', path: `/api/display-links/${(await bureauDisplayLink(ctx)).linkId}/revoke` }),
  },
  {
    operationId: 'getDisplay',
    label: 'getDisplay(by token)',
    expect: everyone,
    build: async (ctx) => {
      let link = displayLinkCache.get(ctx.fixtures);
      if (!link) {
        link = bureauDisplayLink(ctx);
        displayLinkCache.set(ctx.fixtures, link);
      }
      return { method: 'GET', path: `/api/display/${(await link).token}` };
    },
  },
  {
    operationId: 'getReviewSheet',
    label: 'getReviewSheet(branch 1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/review-sheets?branchId=${ctx.fixtures.unit.branch1}&year=${new Date().getFullYear()}` }),
  },
  {
    operationId: 'exportReviewSheet',
    label: 'exportReviewSheet(branch 1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/review-sheets/export?branchId=${ctx.fixtures.unit.branch1}&year=${new Date().getFullYear()}` }),
  },
  { operationId: 'getHome', label: 'getHome', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/me/home' }) },
  { operationId: 'getOverview', label: 'getOverview', expect: outcomes(N, N, Y, Y, Y, Y, N), build: () => ({ method: 'GET', path: '/api/overview' }) },
  {
    operationId: 'getUnitOverview',
    label: 'getUnitOverview(branch 1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/overview/units/${ctx.fixtures.unit.branch1}` }),
  },
  { operationId: 'exportOverview', label: 'exportOverview(all in reach)', expect: outcomes(N, N, Y, Y, Y, Y, N), build: () => ({ method: 'GET', path: '/api/overview/export' }) },
  {
    operationId: 'exportOverview',
    label: 'exportOverview(branch 1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/overview/export?unitId=${ctx.fixtures.unit.branch1}` }),
  },
  {
    operationId: 'getPersonRecord',
    label: 'getPersonRecord(staff1)',
    expect: outcomes(N, Y, Y, N, Y, Y, N),
    reach: { person: 'staff1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/overview/people/${ctx.fixtures.person.staff1}` }),
  },
  { operationId: 'listPledges', label: 'listPledges(own)', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/pledges' }) },
  {
    operationId: 'listPledges',
    label: 'listPledges(branch 1)',
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['staff1', 'organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'GET', path: `/api/pledges?branchId=${ctx.fixtures.unit.branch1}` }),
  },
  {
    operationId: 'getPledge',
    label: 'getPledge(an approved pledge of branch 1)',
    // An approved pledge is public: everyone signed in reads it.
    expect: signedInOnly,
    addressesRecord: true,
    build: async (ctx) => ({ method: 'GET', path: `/api/pledges/${(await demoPledge(ctx, 'branch1', (o, i) => o.ownerKind === 'person' && i.state === 'approved')).pledgeId}` }),
  },
  {
    operationId: 'createPledge',
    label: "createPledge(branch 1's own)",
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['staff1', 'organizer2', 'leader'],
    outOfReachStatus: 403,
    build: (ctx) => ({
      method: 'POST',
      path: '/api/pledges',
      body: { year: pledgeYear(), branchId: ctx.fixtures.unit.branch1, pledgeCategory: 'service', content: `权限测试承诺${ctx.unique()}`, measures: '每月检查。', dueDate: `${pledgeYear()}-12-31` },
    }),
  },
  {
    operationId: 'updatePledge',
    label: "updatePledge(branch 1's own draft)",
    // Only a pledge's owner writes it (a branch's: its organizers); for anyone else there is no such pledge to write.
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['staff1', 'organizer2', 'leader'],
    addressesRecord: true,
    async build(ctx) {
      const pledgeId = await branchOneDraft(ctx);
      const current = await asAdminExpecting(ctx, 200, 'GET', `/api/pledges/${pledgeId}`);
      return {
        method: 'PUT',
        path: `/api/pledges/${pledgeId}`,
        body: { version: current.version, pledgeCategory: 'work', content: `权限测试支部承诺${ctx.unique()}`, measures: '按月通报，季度小结。', dueDate: `${pledgeYear()}-12-31` },
      };
    },
  },
  {
    operationId: 'submitPledges',
    label: "submitPledges(branch 1's own)",
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['staff1', 'organizer2', 'leader'],
    outOfReachStatus: 403,
    // The first call hands the draft in; after it there is nothing left to hand in (409), which is no denial.
    allowedWith: [409],
    async build(ctx) {
      await branchOneDraft(ctx);
      return { method: 'POST', path: '/api/pledge-submissions', body: { year: pledgeYear(), branchId: ctx.fixtures.unit.branch1 } };
    },
  },
  {
    operationId: 'reviewPledge',
    label: "reviewPledge(徐海涛's, waiting)",
    expect: outcomes(N, N, Y, N, Y, Y, N),
    reach: { person: 'zw0005' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    // The first reviewer returns it; after that it no longer waits (409), which is no denial.
    allowedWith: [409],
    async build(ctx) {
      const waiting = await demoPledge(ctx, 'branch1', (o, i) => o.ownerId === ctx.fixtures.person.zw0005 && i.state !== 'draft' && i.pledgeCategory === 'work');
      return { method: 'POST', path: `/api/pledges/${waiting.pledgeId}/review`, body: { outcome: 'return', version: waiting.version, reason: '请写明可检验的目标。' } };
    },
  },
  {
    operationId: 'addPledgeProgress',
    label: "addPledgeProgress(branch 1's own, approved)",
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['staff1', 'organizer2', 'leader'],
    addressesRecord: true,
    async build(ctx) {
      const approved = await demoPledge(ctx, 'branch1', (o, i) => o.ownerKind === 'branch' && i.state === 'approved');
      return { method: 'POST', path: `/api/pledges/${approved.pledgeId}/progress`, body: { text: '本月支委会通报了践诺情况。', doneOn: shanghaiToday() } };
    },
  },
  {
    operationId: 'commentPledge',
    label: "commentPledge(organizer2's, approved)",
    // Organizers and leaders reaching its branch comment at any time; the branch's own members during the review.
    expect: outcomes(N, N, N, Y, Y, Y, N),
    reach: { person: 'organizer2' },
    outOfReach: ['staff1', 'organizer1'],
    outOfReachStatus: 403,
    async build(ctx) {
      const theirs = await demoPledge(ctx, 'branch2', (o, i) => o.ownerId === ctx.fixtures.person.organizer2 && i.state === 'approved');
      return { method: 'POST', path: `/api/pledges/${theirs.pledgeId}/comments`, body: { text: '坚持得很好。' } };
    },
  },
  {
    operationId: 'assessPledge',
    label: "assessPledge(staff1's, approved, review open)",
    expect: outcomes(N, Y, N, N, N, N, N),
    reach: { person: 'staff1' },
    outOfReach: ['organizer1', 'organizer2', 'leader', 'admin'],
    outOfReachStatus: 403,
    async build(ctx) {
      const own = await demoPledge(ctx, 'branch1', (o, i) => o.ownerId === ctx.fixtures.person.staff1 && i.state === 'approved');
      return { method: 'PUT', path: `/api/pledges/${own.pledgeId}/assessment`, body: { text: '已按承诺兑现，存在不足是宣传不够。' } };
    },
  },
  {
    operationId: 'assessPledge',
    label: 'assessPledge(a pledge that does not exist)',
    // The input is read before the pledge is looked for: anyone signed in gets the same answer (404), and bad input a 400.
    expect: signedInOnly,
    allowedWith: [404],
    build: () => ({ method: 'PUT', path: `/api/pledges/${newId()}/assessment`, body: { text: '已按承诺兑现。' } }),
  },
  {
    operationId: 'ratePledges',
    label: 'ratePledges(branch 1, a proposal for staff1)',
    expect: outcomes(N, N, Y, N, N, Y, N),
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({
      method: 'PUT',
      path: '/api/pledge-ratings',
      body: { year: pledgeYear(), branchId: ctx.fixtures.unit.branch1, ratings: [{ personId: ctx.fixtures.person.staff1, stage: 'proposal', rating: 'qualified', reason: '承诺基本兑现。' }] },
    }),
  },
  {
    operationId: 'setReviewWindow',
    label: 'setReviewWindow(branch 3)',
    expect: adminOnly,
    build: (ctx) => ({ method: 'PUT', path: '/api/pledge-windows', body: { unitId: ctx.fixtures.unit.branch3, year: pledgeYear(), opensOn: `${pledgeYear()}-12-01`, closesOn: `${pledgeYear()}-12-31` } }),
  },
  {
    operationId: 'updatePledgeProfile',
    label: 'updatePledgeProfile(own card)',
    expect: signedInOnly,
    // Each subject's card is at its own version; a call sent with another's is refused as stale (409), no denial.
    allowedWith: [409],
    build: () => ({ method: 'PUT', path: '/api/me/pledge-profile', body: { version: 0, post: '综合受理窗口', photo: null, dutyDays: [1, 2, 3, 4, 5] } }),
  },
  { operationId: 'getPledgeBoard', label: 'getPledgeBoard(bureau)', expect: signedInOnly, build: (ctx) => ({ method: 'GET', path: `/api/pledge-board?unitId=${ctx.fixtures.unit.bureau}` }) },
  // ── notifications ──
  { operationId: 'listNotifications', label: 'listNotifications(own inbox)', expect: signedInOnly, build: () => ({ method: 'GET', path: '/api/me/notifications' }) },
  { operationId: 'markNotificationsRead', label: 'markNotificationsRead(all, own)', expect: signedInOnly, build: () => ({ method: 'POST', path: '/api/me/notifications/read', body: { all: true } }) },
  {
    operationId: 'updateNotificationSettings',
    label: 'updateNotificationSettings(own)',
    expect: signedInOnly,
    build: () => ({ method: 'PUT', path: '/api/me/notification-settings', body: { muted: [], email: false } }),
  },
  {
    operationId: 'remindOverdue',
    label: 'remindOverdue(branch 1, dry run)',
    expect: branchOneEditors,
    reach: { unit: 'branch1' },
    outOfReach: ['organizer2'],
    addressesRecord: true,
    build: (ctx) => ({ method: 'POST', path: `/api/units/${ctx.fixtures.unit.branch1}/overdue-reminders`, body: { dryRun: true } }),
  },
  { operationId: 'listOutbox', label: 'listOutbox', expect: adminOnly, build: () => ({ method: 'GET', path: '/api/admin/outbox' }) },
] as OperationSample[]).map(withAdministrators);

// ─── Judging an answer ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * What an answer means: a denial is 401 or 403, or 404 when the call names a record (out of reach looks like absent);
 * anything else below 500 means the permission check passed. A 5xx is an error, whatever was expected.
 */
export function judge(sample: OperationSample, res: ApiResult): Outcome | 'error' {
  if (res.status >= 500) return 'error';
  if (sample.ranAnyway?.(res)) return 'allow';
  if (res.status === 401 || res.status === 403) return 'deny';
  if (res.status === 404 && sample.addressesRecord) return 'deny';
  return 'allow';
}

/** The status a denial must have: 401 for nobody signed in, 404 for a record out of reach, 403 otherwise. */
export function denialStatus(sample: OperationSample, subject: Subject): 401 | 403 | 404 {
  if (subject === 'anonymous') return 401;
  if (sample.outOfReach?.includes(subject)) return sample.outOfReachStatus ?? 404;
  return 403;
}
