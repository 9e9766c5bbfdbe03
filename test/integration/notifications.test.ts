/**
 * Notifications through the real app on the local engines: events reach the inbox at once (a leave decided, a
 * session cancelled), the bell's count on getMe follows, texts read in the reader's language, settings refuse what
 * cannot be muted, the reminders job writes one digest per person and day however often it runs (and e-mails it once,
 * to the outbox, when asked), and an organizer's overdue reminder goes once a day per unit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { seedUnits } from '../../dev/seed-data.js';
import { clock } from '../../functions/platform/clock.js';
import { langCookie } from '../../functions/platform/i18n.js';
import { jobs, runJobs } from '../../functions/jobs/registry.js';
import { writeOverviewItems } from '../../functions/domain/overview/store.js';

const { call, signIn } = useLocalPlatform({ restoreClock: 'file' });

let admin = '';
let organizer1 = '';
let organizer2 = '';
let staff1 = '';
let staff2 = '';
let units: Record<string, string>;
let people: Record<string, string>;

async function at(iso: string) {
  const when = new Date(iso);
  clock.now = () => when;
  [admin, organizer1, organizer2, staff1, staff2] = await Promise.all([signIn('admin'), signIn('organizer1'), signIn('organizer2'), signIn('staff1'), signIn('staff2')]);
}

beforeAll(async () => {
  await at('2027-03-10T01:00:00Z');
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const everyone = await call('GET', '/people?limit=200', admin);
  people = Object.fromEntries((everyone.json.items as { login: string; personId: string }[]).map((p) => [p.login, p.personId]));
});

const unread = async (cookie: string) => (await call('GET', '/me', cookie)).json.unreadNotifications as number;
const inbox = async (cookie: string) => (await call('GET', '/me/notifications', cookie)).json;

async function schedule(startsAt: string, endsAt: string, topic = '主题党日') {
  const res = await call('POST', '/sessions', organizer1, { branchId: units.branch1, type: 'themeDay', topic, startsAt, endsAt, place: '三楼会议室', hostId: people.organizer1 });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { sessionId: string; version: number };
}

describe('events reach the inbox at once', () => {
  it('a leave decided: the bell counts it, the inbox says it in the reader’s language, reading it clears the count', async () => {
    await call('POST', '/me/notifications/read', staff2, { all: true });
    expect(await unread(staff2)).toBe(0);
    const session = await schedule('2027-03-12T10:00:00+08:00', '2027-03-12T11:00:00+08:00', '支部党员大会：学习条例');
    expect((await call('POST', `/sessions/${session.sessionId}/leave`, staff2, { reason: '外出办事' })).status).toBe(200);
    const decided = await call('PUT', `/sessions/${session.sessionId}/leave/${people.staff2}`, organizer1, { decision: 'approve' });
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);

    expect(await unread(staff2)).toBe(1);
    const mine = await inbox(staff2);
    expect(mine.unreadCount).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'leaveDecided', title: '请假已批准', link: `/sessions/${session.sessionId}`, readAt: null });
    expect(mine.items[0].body).toContain('支部党员大会：学习条例');
    expect(mine.items[0].body).toContain('3月12日 10:00');
    const english = await call('GET', '/me/notifications', `${staff2}; ${langCookie}=en`);
    expect(english.json.items[0].title).toBe('Leave approved');
    expect(english.json.items[0].body).toContain('12 Mar');
    // nobody else was told
    expect((await inbox(staff1)).items.some((n: { link: string }) => n.link === `/sessions/${session.sessionId}`)).toBe(false);

    const read = await call('POST', '/me/notifications/read', staff2, { ids: [mine.items[0].notificationId] });
    expect(read.json.unreadCount).toBe(0);
    // marking it again changes nothing (the count never goes below what is unread)
    expect((await call('POST', '/me/notifications/read', staff2, { ids: [mine.items[0].notificationId] })).json.unreadCount).toBe(0);
    expect((await inbox(staff2)).items[0].readAt).not.toBeNull();
  });

  it('a session cancelled tells everyone it expected', async () => {
    const before = await Promise.all([unread(staff1), unread(staff2)]);
    const session = await schedule('2027-03-20T10:00:00+08:00', '2027-03-20T11:00:00+08:00', '党课');
    const cancelled = await call('POST', `/sessions/${session.sessionId}/cancel`, organizer1, { version: session.version, reason: '与全局会议冲突' });
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
    expect(await Promise.all([unread(staff1), unread(staff2)])).toEqual(before.map((n) => n + 1));
    const latest = (await inbox(staff1)).items[0];
    expect(latest).toMatchObject({ kind: 'sessionCancelled', title: '组织生活已取消：党课' });
    expect(latest.body).toContain('与全局会议冲突');
  });

  it('pages newest first with a cursor, and refuses a cursor it never gave out', async () => {
    const first = await call('GET', '/me/notifications?limit=1', staff2);
    expect(first.json.items).toHaveLength(1);
    expect(first.json.cursor).toBeTruthy();
    const second = await call('GET', `/me/notifications?limit=1&cursor=${first.json.cursor}`, staff2);
    expect(second.json.items[0].createdAt <= first.json.items[0].createdAt).toBe(true);
    const bad = await call('GET', '/me/notifications?cursor=not-a-cursor', staff2);
    expect(bad.status).toBe(400);
  });
});

describe('settings', () => {
  it('mutes reminder kinds but never what needs an answer; e-mail needs an address, in words', async () => {
    const refused = await call('PUT', '/me/notification-settings', staff1, { muted: ['pledgeReturned'], email: false });
    expect(refused.status).toBe(400);
    const noAddress = await call('PUT', '/me/notification-settings', staff1, { muted: [], email: true });
    expect(noAddress.status).toBe(400);
    expect(noAddress.json.error.details.map((d: { message: string }) => d.message).join()).toContain('邮箱地址');
    const badAddress = await call('PUT', '/me/notification-settings', staff1, { muted: [], email: true, emailAddress: 'not an address' });
    expect(badAddress.status).toBe(400);
    const saved = await call('PUT', '/me/notification-settings', staff1, { muted: ['dueIn3Days'], email: true, emailAddress: 'staff1@example.com' });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect((await inbox(staff1)).settings).toMatchObject({ muted: ['dueIn3Days'], email: true, emailAddress: 'staff1@example.com' });
    expect((await inbox(staff1)).settings.kinds.find((k: { kind: string }) => k.kind === 'leaveDecided').mutable).toBe(false);
  });
});

describe('the reminders job', () => {
  it('writes one digest per person and day however often it runs, and e-mails it once (to the outbox here)', async () => {
    // A session tomorrow (2027-03-11 Shanghai) for branch 1.
    const session = await schedule('2027-03-11T14:30:00+08:00', '2027-03-11T16:00:00+08:00', '支部委员会');
    const reminders = jobs.filter((job) => job.name === 'reminders');
    const outboxBefore = (await call('GET', '/admin/outbox?limit=100', admin)).json.items.length;
    const countBefore = await unread(staff1);

    const [first] = await runJobs(reminders);
    expect(first!.ok, first!.error).toBe(true);
    expect(first!.figures!.digests).toBeGreaterThan(0);
    const [second] = await runJobs(reminders);
    expect(second!.figures!.digests).toBe(0);
    expect(second!.figures!.alreadySent).toBe(first!.figures!.digests);

    expect(await unread(staff1)).toBe(countBefore + 1);
    const digest = (await inbox(staff1)).items.find((n: { kind: string }) => n.kind === 'digest');
    expect(digest.title).toMatch(/^今日提醒：\d+ 项$/);
    expect(digest.lines).toContainEqual({ kind: 'sessionTomorrow', text: '明天 3月11日 14:30：支部委员会（三楼会议室）', link: `/sessions/${session.sessionId}` });

    const outbox = (await call('GET', '/admin/outbox?limit=100', admin)).json.items as Array<{ to: string; subject: string; status: string; text: string }>;
    expect(outbox.length).toBe(outboxBefore + 1);
    expect(outbox[0]).toMatchObject({ to: 'staff1@example.com', status: 'kept' });
    expect(outbox[0]!.subject).toContain('今日提醒');
    expect(outbox[0]!.text).toContain('支部委员会');
  });

  it('leaves out a person’s muted kinds (nothing left: no digest that day)', async () => {
    await at('2027-03-10T23:00:00Z'); // 2027-03-11 07:00 in Shanghai
    await schedule('2027-03-12T09:00:00+08:00', '2027-03-12T10:00:00+08:00', '党小组会');
    expect((await call('PUT', '/me/notification-settings', staff2, { muted: ['sessionTomorrow'], email: false })).status).toBe(200);
    await call('POST', '/me/notifications/read', staff2, { all: true });
    const [run] = await runJobs(jobs.filter((job) => job.name === 'reminders'));
    expect(run!.figures!.allMuted).toBeGreaterThan(0);
    expect(await unread(staff2)).toBe(0);
    expect(await unread(staff1)).toBeGreaterThan(0);
  });
});

describe('overdue reminders from an organizer', () => {
  it('is for organizers of the unit: 404 beyond their reach, a dry run lists, and a unit with nobody overdue is told so', async () => {
    const other = await call('POST', `/units/${units.branch1}/overdue-reminders`, organizer2, { dryRun: true });
    expect(other.status).toBe(404);
    const staff = await call('POST', `/units/${units.branch1}/overdue-reminders`, staff1, { dryRun: true });
    expect(staff.status).toBe(403);
    const bad = await call('POST', `/units/${units.branch1}/overdue-reminders`, organizer1, { dryRun: 'yes' });
    expect(bad.status).toBe(400);
    const dry = await call('POST', `/units/${units.branch1}/overdue-reminders`, organizer1, { dryRun: true });
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json).toMatchObject({ unitId: units.branch1, dryRun: true, sent: 0, remindedToday: null });
  });

  it('lists the overdue from the people rows, reminds them once, and answers 409 in words the second time that day', async () => {
    // staff2 sits in a department and belongs to branch 1: the branch's reminder reaches them through the branch.
    const person = (await call('GET', `/people/${people.staff2}`, admin)).json as { personId: string; name: string; unitId: string; branchId: string };
    const courseId = people.admin!;
    const task = { kind: 'course', assignmentId: courseId, subjectId: courseId, title: '政务服务条例解读', required: true, dueAt: '2027-03-05T09:00:00.000Z', state: 'overdue' } as const;
    const row = {
      personId: person.personId, name: person.name, unitId: person.unitId, branchId: person.branchId,
      courses: { required: 1, onTime: 0, overdue: 1 }, open: [task], credit: { earned: 0, target: 50, expectedByNow: 9 },
      sessions: { expected: 0, attended: 0, leave: 0, absent: 0, madeUp: 0, makeUpDue: 0 }, pledges: { items: 0, approved: 0, returned: 0, draft: 0, rating: null },
      meets: { courses: false, credit: false, sessions: null, pledges: null },
    };
    await writeOverviewItems([], [{ unitId: person.unitId, year: 2027, rows: [row], computedAt: clock.now().toISOString() }]);

    const dry = await call('POST', `/units/${units.branch1}/overdue-reminders`, organizer1, { dryRun: true });
    expect(dry.json.people).toEqual([expect.objectContaining({ personId: person.personId, since: task.dueAt, tasks: [expect.objectContaining({ title: '政务服务条例解读', link: `/learn/courses/${courseId}` })] })]);
    await call('POST', '/me/notifications/read', staff2, { all: true });
    const sent = await call('POST', `/units/${units.branch1}/overdue-reminders`, organizer1, { dryRun: false });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    expect(sent.json.sent).toBe(1);
    // (found by kind: the test's clock is a year ahead of the ids' time, so the digests of its days sort first)
    const reminded = (await inbox(staff2)).items.find((n: { kind: string }) => n.kind === 'remindedByOrganizer');
    expect(reminded).toMatchObject({ link: `/learn/courses/${courseId}`, readAt: null });
    expect(reminded.body).toContain('政务服务条例解读');
    const again = await call('POST', `/units/${units.branch1}/overdue-reminders`, organizer1, { dryRun: false });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('每个单位每天最多提醒一次');
    expect(again.json.error.details.by).toBeTruthy();
    expect((await call('POST', `/units/${units.branch1}/overdue-reminders`, organizer1, { dryRun: true })).json.remindedToday).toMatchObject({ people: 1 });
    expect(await unread(staff2)).toBe(1);
  });
});
