/**
 * The permission matrix, end to end: every API operation × every kind of person, through the whole app.
 *
 * (a) every operation in /api/openapi.json has a row in permissions.ts and a sample in operation-samples.ts, and
 *     neither lists an operation the API does not have;
 * (b) every sample, called as anonymous, staff1, organizer1, organizer2, leader and admin, is allowed or denied as
 *     the rules say (denied: 401 nobody signed in, 403 role, 404 record out of reach; a 5xx always fails);
 * (c) the samples' expectations agree with authorize() and reachesPerson(), so the table and the samples cannot
 *     drift apart silently;
 * (d) a person who must change their initial password is refused (403) everything but getMe, changePassword,
 *     logout and the public operations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs, signIn, type ApiResult } from '../helpers/sign-in.js';
import {
  actors,
  courseFixtures,
  denialStatus,
  judge,
  loadFixtures,
  loginOf,
  rolesOf,
  samples,
  subjects,
  type Fixtures,
  type OperationSample,
  type Outcome,
  type SignedInSubject,
  type Subject,
  sampleContext,
} from '../helpers/operation-samples.js';
import { authorize, isOperation, permissions, reachesPerson, reachesUnit, type Actor, type Grant } from '../../functions/domain/authz/permissions.js';
import type { Person } from '../../functions/domain/people/schema.js';
import { loadTree } from '../../functions/domain/org/service.js';
import { readPerson } from '../../functions/domain/people/store.js';
import { AppError } from '../../functions/platform/errors.js';
import { apiMessage } from '../../functions/platform/i18n.js';
import { authzMessages } from '../../functions/domain/authz/messages.js';

const { app } = useLocalPlatform();
let fixtures: Fixtures;
/** Operation ids the OpenAPI document lists, and `METHOD path` of any operation that has none. */
let apiOperations: Set<string>;
let unnamedOperations: string[];
const signedInSubjects = subjects.filter((s): s is SignedInSubject => s !== 'anonymous');
/** Each signed-in subject's own session, opened in beforeAll and renewed when a call ends it. */
const sessions = {} as Record<SignedInSubject, string>;
/** Where each signed-in subject sits, as the API says (for the synthetic actors of (c)). */
const placement = {} as Record<SignedInSubject, { personId: string; unitId: string; branchId: string | null; roles: Actor['roles'] }>;

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

const ctx = sampleContext(() => ({ app, fixtures, adminCookie: sessions.admin }));

beforeAll(async () => {
  await Promise.all(
    signedInSubjects.map(async (subject) => {
      sessions[subject] = await signIn(app, loginOf[subject]);
    }),
  );
  fixtures = await loadFixtures(app, sessions.admin);

  const doc = await requestAs(app, null, 'GET', '/api/openapi.json');
  expect(doc.status).toBe(200);
  apiOperations = new Set();
  unnamedOperations = [];
  for (const [path, item] of Object.entries(doc.body.paths as Record<string, Record<string, { operationId?: string }>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!httpMethods.has(method)) continue;
      if (operation.operationId) apiOperations.add(operation.operationId);
      else unnamedOperations.push(`${method.toUpperCase()} ${path}`);
    }
  }
});

// ─── (a) the API, the table and the samples list the same operations ─────────────────────────────────────────────

describe('operations', () => {
  it('every API operation has a row in permissions.ts and a sample, and neither has stale entries', () => {
    const inTable = new Set(Object.keys(permissions));
    const sampled = new Set(samples.map((s) => s.operationId));
    const problems = unnamedOperations.map((op) => `${op} has no operationId`);
    for (const op of apiOperations) {
      if (!inTable.has(op)) problems.push(`${op} is in the API but has no row in functions/domain/authz/permissions.ts`);
      if (!sampled.has(op)) problems.push(`${op} is in the API but has no sample in test/helpers/operation-samples.ts`);
    }
    for (const op of inTable) if (!apiOperations.has(op)) problems.push(`${op} has a row in permissions.ts but is not in the API`);
    for (const op of sampled) if (!apiOperations.has(op)) problems.push(`${op} has a sample in operation-samples.ts but is not in the API`);
    expect(problems).toEqual([]);
  });
});

// ─── (c) the samples agree with permissions.ts ───────────────────────────────────────────────────────────────────

function syntheticActor(subject: SignedInSubject): Actor {
  const where = placement[subject];
  return {
    personId: where.personId,
    name: subject,
    login: loginOf[subject],
    unitId: where.unitId,
    branchId: where.branchId,
    roles: rolesOf[subject].map((grant) => (grant.unit ? { role: grant.role, unitId: fixtures.unit[grant.unit]! } : { role: grant.role })),
    lang: 'zh-CN',
    mustChangePassword: subject === 'pending',
    sessionId: 'synthetic',
  };
}

describe('the samples and permissions.ts', () => {
  it('give each subject the roles they hold in the seeded organisation', async () => {
    for (const subject of signedInSubjects) {
      const me = await requestAs(app, sessions[subject], 'GET', '/api/me');
      expect(me.status, `getMe as ${subject}`).toBe(200);
      placement[subject] = { personId: me.body.personId, unitId: me.body.unitId, branchId: me.body.branchId, roles: me.body.roles };
      expect(me.body.mustChangePassword, subject).toBe(subject === 'pending');
      const held = (me.body.roles as Array<{ role: string; unitId?: string }>).map((g) => `${g.role}@${g.unitId ?? ''}`).sort();
      const assumed = syntheticActor(subject).roles.map((g) => `${g.role}@${g.unitId ?? ''}`).sort();
      expect(held, `roles of ${subject}`).toEqual(assumed);
    }
  });

  it('agree on every role-level decision (authorize) and every reach (reachesPerson, reachesUnit)', async () => {
    expect(Object.keys(placement)).toHaveLength(signedInSubjects.length);
    const tree = await loadTree();
    const people = new Map<string, Person>();
    for (const sample of samples) {
      const login = sample.reach && 'person' in sample.reach ? sample.reach.person : undefined;
      if (login && !people.has(login)) {
        const person = await readPerson(fixtures.person[login] ?? '');
        if (!person) throw new Error(`${sample.label}: no seeded person ${login}`);
        people.set(login, person);
      }
    }
    /** Whether the actor, granted `grant` by the role check, reaches the sample's target. */
    const reaches = (sample: OperationSample, actor: Actor, grant: Grant): boolean => {
      const reach = sample.reach;
      if (!reach) return true;
      if ('person' in reach) return reachesPerson(grant, actor, people.get(reach.person)!, tree);
      if ('unit' in reach) return reachesUnit(grant, actor, fixtures.unit[reach.unit]!, tree);
      let editing: Grant;
      try {
        editing = authorize(actor, 'updateCourse');
      } catch {
        return false;
      }
      return reachesUnit(editing, actor, fixtures.unit[reach.courseEditors]!, tree);
    };

    const problems: string[] = [];
    for (const sample of samples) {
      const operation = sample.operationId;
      if (!isOperation(operation)) {
        problems.push(`${sample.label}: ${operation} has no row in permissions.ts`);
        continue;
      }
      for (const subject of subjects) {
        const actor = subject === 'anonymous' ? null : syntheticActor(subject);
        let decided: Outcome = 'allow';
        let status: number | undefined;
        try {
          const grant = authorize(actor, operation);
          if (actor && !reaches(sample, actor, grant)) {
            decided = 'deny';
            status = sample.outOfReachStatus ?? 404;
          }
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          decided = 'deny';
          status = error.status;
        }
        const expected = sample.expect[subject];
        const wanted = denialStatus(sample, subject);
        if (decided !== expected) {
          problems.push(`${sample.label} as ${subject}: the sample says ${expected}, permissions.ts says ${decided}${status ? ` (${status})` : ''}`);
        } else if (decided === 'deny' && status !== wanted) {
          problems.push(`${sample.label} as ${subject}: the sample expects a ${wanted}, permissions.ts gives ${status}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

// ─── (b) and (d): the calls ──────────────────────────────────────────────────────────────────────────────────────

interface Recorded {
  label: string;
  subject: Subject;
  expected: Outcome;
  outcome: Outcome | 'error';
  status: number;
}
const recorded: Recorded[] = [];

const describeAnswer = (res: ApiResult) => `${res.status}${res.body?.error?.code ? ` ${res.body.error.code}` : ''}`;

/** Makes one sample's call as one subject and checks the outcome; returns the answer. */
async function check(sample: OperationSample, subject: Subject): Promise<ApiResult> {
  const cookie = subject === 'anonymous' ? null : sample.freshSession ? await signIn(app, loginOf[subject]) : sessions[subject];
  const request = await sample.build(ctx);
  const res = await requestAs(app, cookie, request.method, request.path, request.body);
  const outcome = judge(sample, res);
  const expected = sample.expect[subject];
  recorded.push({ label: sample.label, subject, expected, outcome, status: res.status });

  const what = `${sample.label} (${request.method} ${request.path}) as ${subject}`;
  if (outcome === 'error') {
    expect.soft(outcome, `${what}: server error ${describeAnswer(res)}: ${JSON.stringify(res.body)}`).not.toBe('error');
  } else {
    const wanted = expected === 'deny' ? `deny (${denialStatus(sample, subject)})` : 'allow';
    expect.soft(outcome, `${what}: expected ${wanted}, got ${outcome} (${describeAnswer(res)})`).toBe(expected);
    if (outcome === 'deny' && expected === 'deny') {
      expect.soft(res.status, `${what}: denied with ${res.status}, expected ${denialStatus(sample, subject)}`).toBe(denialStatus(sample, subject));
    }
    if (outcome === 'allow' && expected === 'allow') {
      // The permission passed; the sample's request should also be one the operation accepts.
      const fine = sample.allowedWith?.includes(res.status) || (res.status >= 200 && res.status < 300);
      expect.soft(fine, `${what}: allowed, but answered ${describeAnswer(res)}: ${JSON.stringify(res.body)}`).toBe(true);
    }
  }
  if (subject !== 'anonymous' && outcome === 'allow') {
    await sample.restore?.(ctx, subject, res);
    if (sample.endsSessions) sessions[subject] = await signIn(app, loginOf[subject]);
  }
  return res;
}

describe('each operation as each actor', () => {
  for (const sample of samples) {
    it(sample.label, async () => {
      for (const subject of actors) await check(sample, subject);
    });
  }
});

const allowedBeforePasswordChange = new Set(['getMe', 'changePassword', 'logout']);
const passwordChangeRequired = new Set([apiMessage('zh-CN', authzMessages.passwordChangeRequired), apiMessage('en', authzMessages.passwordChangeRequired)]);

describe(`a person who must change their password (${loginOf.pending})`, () => {
  it('is expected to be refused everything but getMe, changePassword, logout and the public operations', () => {
    for (const sample of samples) {
      const open = sample.expect.anonymous === 'allow' || allowedBeforePasswordChange.has(sample.operationId);
      expect(sample.expect.pending, sample.label).toBe(open ? 'allow' : 'deny');
    }
  });

  for (const sample of samples) {
    it(sample.label, async () => {
      const res = await check(sample, 'pending');
      if (sample.expect.pending === 'deny' && res.status === 403) {
        expect.soft(passwordChangeRequired.has(res.body?.error?.message), `${sample.label} as pending: 403 should ask for a new password`).toBe(true);
      }
    });
  }
});

// ─── Reach inside lists ──────────────────────────────────────────────────────────────────────────────────────────

async function visibleLogins(subject: SignedInSubject, query = ''): Promise<Set<string>> {
  const res = await requestAs(app, sessions[subject], 'GET', `/api/people?limit=200${query}`);
  expect(res.status, `listPeople as ${subject}`).toBe(200);
  expect(res.body.cursor, `listPeople as ${subject} fits one page`).toBeNull();
  return new Set((res.body.items as Array<{ login: string }>).map((p) => p.login));
}

describe('lists show only what the actor reaches', () => {
  it('listPeople: each organizer sees their own branch only; the leader sees what the admin sees', async () => {
    const organizer1 = await visibleLogins('organizer1');
    const organizer2 = await visibleLogins('organizer2');
    const leader = await visibleLogins('leader');
    const admin = await visibleLogins('admin');
    for (const login of ['organizer1', 'staff1', 'staff2', 'leader', 'zw0008']) expect(organizer1, `organizer1 sees ${login}`).toContain(login);
    for (const login of ['organizer2', 'staff3', 'admin', 'zw0004']) expect(organizer1, `organizer1 must not see ${login}`).not.toContain(login);
    for (const login of ['organizer2', 'staff3', 'zw0010']) expect(organizer2, `organizer2 sees ${login}`).toContain(login);
    for (const login of ['organizer1', 'staff1', 'staff2', 'leader', 'admin']) expect(organizer2, `organizer2 must not see ${login}`).not.toContain(login);
    expect([...leader].sort()).toEqual([...admin].sort());
    expect(admin).toContain('staff3');
  });

  it('listPeople narrowed to another branch gives an organizer nobody', async () => {
    expect(await visibleLogins('organizer1', `&unitId=${fixtures.unit.branch2}`)).toEqual(new Set());
    expect(await visibleLogins('organizer2', `&unitId=${fixtures.unit.branch2}`)).toContain('staff3');
  });

  it("listCourses: drafts show only to their editors", async () => {
    const { draftId } = await courseFixtures(ctx);
    const drafts = async (subject: SignedInSubject) => {
      const res = await requestAs(app, sessions[subject], 'GET', '/api/courses?status=draft');
      expect(res.status, `listCourses(draft) as ${subject}`).toBe(200);
      return (res.body.items as Array<{ courseId: string }>).map((c) => c.courseId);
    };
    expect(await drafts('organizer1')).toContain(draftId);
    expect(await drafts('admin')).toContain(draftId);
    expect(await drafts('organizer2')).not.toContain(draftId);
    expect(await drafts('leader')).toEqual([]);
    expect(await drafts('staff1')).toEqual([]);
  });
});

// ─── The matrix as tested ────────────────────────────────────────────────────────────────────────────────────────

afterAll(() => {
  if (recorded.length === 0) return;
  const labels = [...new Set(recorded.map((r) => r.label))];
  const cell = (label: string, subject: Subject) => {
    const r = recorded.find((x) => x.label === label && x.subject === subject);
    if (!r) return '';
    const mark = r.outcome === r.expected ? '' : ' ✗';
    return `${r.outcome} ${r.status}${mark}`;
  };
  const width = Math.max(...labels.map((l) => l.length));
  const lines = [
    ['operation'.padEnd(width), ...subjects.map((s) => s.padEnd(12))].join(' | '),
    ...labels.map((label) => [label.padEnd(width), ...subjects.map((s) => cell(label, s).padEnd(12))].join(' | ')),
  ];
  console.log(`permission matrix as tested (outcome, status):\n${lines.join('\n')}`);
});
