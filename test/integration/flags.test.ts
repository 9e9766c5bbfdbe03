/**
 * Flags through the real app on the local engines, raised from real records: three accounts signing in with one
 * device cookie, a quiz submitted in seconds, three hours of heartbeats without a break. The job raises each fact
 * once (a second run adds nothing); staff never see flags; an organizer sees those of their branch's people, without
 * the names of others; dismissing is audited, once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs } from '../helpers/sign-in.js';
import { seedUnits } from '../../dev/seed-data.js';
import { clock } from '../../functions/platform/clock.js';
import { raiseFlagsSince } from '../../functions/domain/flags/service.js';

const { app, call, signIn } = useLocalPlatform({ restoreClock: 'file' });

let frozen = Date.now();
clock.now = () => new Date(frozen);
const advance = (ms: number) => {
  frozen += ms;
};

let admin = '', organizer1 = '', organizer2 = '', staff1 = '', leader = '';
let units: Record<string, string>;
let people: Record<string, string>;

type FlagRow = { flagId: string; kind: string; summary: string; people: { personId: string | null; name: string }[]; evidence: Record<string, unknown>; may: { dismiss: boolean }; state: string };
const flagsOf = async (cookie: string, query = '') => {
  const res = await call('GET', `/flags${query}`, cookie);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.items as FlagRow[];
};

beforeAll(async () => {
  [admin, organizer1, organizer2, staff1, leader] = (await Promise.all(['admin', 'organizer1', 'organizer2', 'staff1', 'leader'].map((login) => signIn(login)))) as [string, string, string, string, string];
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const everyone = await call('GET', '/people?limit=200', admin);
  people = Object.fromEntries((everyone.json.items as { login: string; personId: string }[]).map((p) => [p.login, p.personId]));
  // Whatever the seeded sign-ins hold, the job starts from here.
  await raiseFlagsSince(clock.now());
});

describe('quiz attempts finished implausibly fast', () => {
  it('flags five questions submitted in four seconds, and not an attempt taken at a reading pace', async () => {
    const tag = `快答${frozen}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const made = await call('POST', '/questions', admin, { kind: 'truefalse', stem: `窗口首问负责制第${i + 1}条${tag}`, answer: [0], tags: [tag], ownerUnitId: units.bureau });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      ids.push(made.json.questionId);
    }
    const created = await call('POST', '/quizzes', admin, { title: `首问负责制测验${tag}`, ownerUnitId: units.bureau, items: ids.map((questionId) => ({ kind: 'fixed', questionId })) });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect((await call('POST', `/quizzes/${created.json.quizId}/publish`, admin, { version: created.json.version })).status).toBe(200);

    const take = async (cookie: string, seconds: number) => {
      const started = await call('POST', `/quizzes/${created.json.quizId}/attempts`, cookie);
      expect(started.status, JSON.stringify(started.json)).toBe(201);
      advance(seconds * 1000);
      const submitted = await call('POST', `/attempts/${started.json.attemptId}/submit`, cookie);
      expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
      return started.json.attemptId as string;
    };
    const fast = await take(staff1, 4);
    await take(organizer2, 60);
    advance(60_000);
    expect((await raiseFlagsSince(clock.now())).raised).toBeGreaterThanOrEqual(1);
    expect(await raiseFlagsSince(clock.now())).toMatchObject({ raised: 0 });

    // (Attempt ids are ULIDs of their start: the frozen clock here stays within minutes of the real one, as on AWS.)
    // (The demo's own flags are there too: only this test's quiz is looked at.)
    const quizFlags = (await flagsOf(organizer1)).filter((f) => f.kind === 'fastQuiz' && String(f.evidence.quizTitle).includes(tag));
    expect(quizFlags).toHaveLength(1);
    expect(quizFlags[0]!.evidence).toMatchObject({ attemptId: fast, questions: 5, seconds: 4 });
    expect(quizFlags[0]!.summary).toContain('5 题，4 秒交卷');
    // Another branch's organizer does not see staff1's flag.
    expect((await flagsOf(organizer2)).some((f) => f.kind === 'fastQuiz' && f.evidence.attemptId === fast)).toBe(false);
    expect(await flagsOf(organizer1, `?unitId=${units.branch1}`)).toEqual(expect.arrayContaining([expect.objectContaining({ flagId: quizFlags[0]!.flagId })]));
  });
});

describe('many accounts from one device', () => {
  it('gives a browser a device cookie at sign-in, and keeps the one it has', async () => {
    const first = await requestAs(app, null, 'POST', '/api/auth/login', { login: 'staff2', password: 'demo1234' });
    expect(first.headers.get('set-cookie') ?? '').toMatch(/did=[A-Za-z0-9_-]{43};.*HttpOnly/i);
    const again = await requestAs(app, null, 'POST', '/api/auth/login', { login: 'staff2', password: 'demo1234' }, { cookie: `did=${'k'.repeat(43)}` });
    expect(again.headers.get('set-cookie') ?? '').not.toContain('did=');
  });

  it('flags three accounts signed in from one device within minutes, once however often the job runs; staff never see it', async () => {
    advance(60 * 60_000);
    const device = { cookie: `did=${'D'.repeat(43)}` };
    for (const login of ['staff1', 'staff2', 'staff3']) {
      await signIn(login, 'demo1234', device);
      advance(2 * 60_000);
    }
    // Two accounts on another device within the window: not enough.
    await signIn('staff1', 'demo1234', { cookie: `did=${'E'.repeat(43)}` });
    await signIn('staff2', 'demo1234', { cookie: `did=${'E'.repeat(43)}` });
    const run = await raiseFlagsSince(clock.now());
    expect(run).toMatchObject({ raised: 1 });
    expect(await raiseFlagsSince(clock.now())).toMatchObject({ raised: 0 });
    advance(60_000);
    expect(await raiseFlagsSince(clock.now())).toMatchObject({ raised: 0 });

    const forLeader = (await flagsOf(leader)).filter((f) => f.kind === 'sharedDevice' && f.people.some((p) => p.personId === people.staff1));
    expect(forLeader).toHaveLength(1);
    expect(forLeader[0]!.people.map((p) => p.personId).sort()).toEqual([people.staff1, people.staff2, people.staff3].sort());
    expect(forLeader[0]!.summary).toContain('3 个不同账号');
    expect(forLeader[0]!.may.dismiss).toBe(true);

    // Peers: 403. An organizer of one branch sees the flag, names only their own people, and may not dismiss it.
    expect((await call('GET', '/flags', await signIn('staff3'))).status).toBe(403);
    expect((await call('GET', '/flags', staff1)).status).toBe(403);
    const forOrganizer = (await flagsOf(organizer1)).find((f) => f.flagId === forLeader[0]!.flagId)!;
    expect(forOrganizer.people.some((p) => p.personId === null && p.name === '其他单位人员')).toBe(true);
    expect(forOrganizer.people.some((p) => p.personId === people.staff1)).toBe(true);
    expect(forOrganizer.may.dismiss).toBe(false);
    const refused = await call('POST', `/flags/${forLeader[0]!.flagId}/dismissal`, organizer1, { reason: '窗口共用电脑' });
    expect(refused.status).toBe(403);

    // The leader dismisses it with a reason: audited, once; it moves to the dismissed tab.
    const dismissed = await call('POST', `/flags/${forLeader[0]!.flagId}/dismissal`, leader, { reason: '大厅自助终端，三人先后登录办事。' });
    expect(dismissed.status, JSON.stringify(dismissed.json)).toBe(200);
    expect(dismissed.json).toMatchObject({ state: 'dismissed', dismissReason: '大厅自助终端，三人先后登录办事。', may: { dismiss: false } });
    const twice = await call('POST', `/flags/${forLeader[0]!.flagId}/dismissal`, admin, { reason: '再次排除' });
    expect(twice.status).toBe(409);
    expect(twice.json.error.message).toContain('已由');
    expect((await flagsOf(leader)).some((f) => f.flagId === forLeader[0]!.flagId)).toBe(false);
    expect((await flagsOf(leader, '?state=dismissed')).some((f) => f.flagId === forLeader[0]!.flagId)).toBe(true);
    const audit = await call('GET', '/audit?action=dismissFlag', await signIn('auditor'));
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.json)).toContain(forLeader[0]!.flagId);
    // And a run after the dismissal does not raise the fact again.
    expect(await raiseFlagsSince(clock.now())).toMatchObject({ raised: 0 });
  });

  it('refuses a reason that is missing, and a flag or unit that does not exist, in words', async () => {
    const missing = await call('POST', `/flags/01JD8X3Q5M2V7K9R4T6W8Y0Z1A/dismissal`, leader, {});
    expect(missing.status).toBe(400);
    expect((await call('POST', `/flags/01JD8X3Q5M2V7K9R4T6W8Y0Z1A/dismissal`, leader, { reason: '无此提示' })).status).toBe(404);
    expect((await call('GET', `/flags?unitId=${units.branch1}`, organizer2)).status).toBe(404);
    expect((await call('GET', '/flags?state=maybe', leader)).status).toBe(400);
  });
});

describe('study credited without a break for hours', () => {
  it('flags a three-hour stretch of heartbeats once, at a flush, and not a stretch broken by a pause', async () => {
    let course = (await call('POST', '/courses', admin, { title: `长时间学习${frozen}`, category: 'service', credit: 1 })).json;
    course = (await call('POST', `/courses/${course.courseId}/lessons`, admin, { version: course.version, title: '政务服务规范', kind: 'text', body: '热心、耐心、细心。', minSeconds: 4 * 3600 })).json;
    const published = await call('POST', `/courses/${course.courseId}/publish`, admin, { version: course.version });
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    const lessonId = published.json.lessons[0].lessonId as string;
    const beat = async (cookie: string) => {
      const res = await call('POST', `/courses/${course.courseId}/study`, cookie, { lessonId, state: 'visible' });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    };
    const organizer = await signIn('organizer1');
    const learner = await signIn('staff3');
    // staff3: three hours and ten minutes, a heartbeat every 30 s. organizer1: the same, but a 2-minute pause midway.
    for (let t = 0; t <= 190 * 60; t += 30) {
      await beat(learner);
      if (t !== 95 * 60) await beat(organizer);
      advance(30_000);
    }
    const long = (await flagsOf(await signIn('leader'))).filter((f) => f.kind === 'longStretch' && f.evidence.lessonId === lessonId);
    expect(long).toHaveLength(1);
    expect(long[0]!.people[0]!.personId).toBe(people.staff3);
    expect(long[0]!.evidence).toMatchObject({ lessonId });
    expect(Number(long[0]!.evidence.creditedSeconds)).toBeGreaterThanOrEqual(3 * 3600);
  });
});
