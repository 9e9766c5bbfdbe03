/**
 * Study sessions through the real app on the local engines: scheduling with versions, the rotating check-in code
 * (one record per person, a second scan answers the same record, a stale token asks for a new scan), the roster
 * where the host's mark wins, leave and make-up, closing, the cadence from rollup items, the archive workbook, and
 * the walls between branches.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { seedUnits } from '../../dev/seed-data.js';
import { clock } from '../../functions/platform/clock.js';
import ExcelJS from 'exceljs';
import { putRollup } from '../../functions/domain/sessions/store.js';
import { jobs, runJobs } from '../../functions/jobs/registry.js';

const { app, call, signIn } = useLocalPlatform({ restoreClock: 'file' });

let admin = '';
let organizer1 = '';
let staff1 = '';
let staff2 = '';
let staff3 = '';
let leader = '';
let units: Record<string, string>;
let people: Record<string, string>;

/** Moves the clock, and signs everyone in again (a session idle for hours has ended). */
async function at(iso: string) {
  const when = new Date(iso);
  clock.now = () => when;
  admin = await signIn('admin');
  [organizer1, staff1, staff2, staff3, leader] = await Promise.all([signIn('organizer1'), signIn('staff1'), signIn('staff2'), signIn('staff3'), signIn('leader')]);
}

beforeAll(async () => {
  await at('2027-03-10T01:00:00Z');
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const everyone = await call('GET', '/people?limit=200', admin);
  people = Object.fromEntries((everyone.json.items as { login: string; personId: string }[]).map((p) => [p.login, p.personId]));
});

/** A branch-1 session on 2027-03-10, 10:00–11:30 Shanghai, hosted by organizer1. */
async function schedule(overrides: Record<string, unknown> = {}) {
  const res = await call('POST', '/sessions', organizer1, {
    branchId: units.branch1,
    type: 'themeDay',
    topic: '主题党日：学习《政务服务条例》',
    startsAt: '2027-03-10T10:00:00+08:00',
    endsAt: '2027-03-10T11:30:00+08:00',
    place: '三楼会议室',
    hostId: people.organizer1,
    agenda: '一、集中学习\n二、交流发言',
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { sessionId: string; version: number };
}

describe('scheduling', () => {
  it('schedules for the branch, refuses a reversed time in words, and 409s a stale edit', async () => {
    const bad = await call('POST', '/sessions', organizer1, { branchId: units.branch1, type: 'committee', topic: '支委会', startsAt: '2027-03-10T10:00:00+08:00', endsAt: '2027-03-10T09:00:00+08:00', hostId: people.organizer1 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('结束时间');
    const session = await schedule();
    const first = await call('PUT', `/sessions/${session.sessionId}`, organizer1, {
      version: 1, type: 'themeDay', topic: '主题党日（改）', startsAt: '2027-03-10T10:00:00+08:00', endsAt: '2027-03-10T11:30:00+08:00', hostId: people.organizer1,
    });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json.version).toBe(2);
    const stale = await call('PUT', `/sessions/${session.sessionId}`, organizer1, {
      version: 1, type: 'themeDay', topic: '旧页面', startsAt: '2027-03-10T10:00:00+08:00', endsAt: '2027-03-10T11:30:00+08:00', hostId: people.organizer1,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.details.currentVersion).toBe(2);
  });

  it('shows a member their session with a calendar file; branch 2 neither reads it nor checks in', async () => {
    const session = await schedule();
    const mine = await call('GET', '/sessions?mine=true', staff1);
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((s: { sessionId: string }) => s.sessionId)).toContain(session.sessionId);
    const ics = await call('GET', `/sessions/${session.sessionId}/calendar.ics`, staff1);
    expect(ics.status).toBe(200);
    expect(ics.json).toContain('BEGIN:VEVENT');
    expect(ics.json).toContain('DTSTART:20270310T020000Z');
    expect((await call('GET', `/sessions/${session.sessionId}`, staff3)).status).toBe(404);
    const code = await call('GET', `/sessions/${session.sessionId}/check-in-code`, organizer1);
    const outsider = await call('POST', '/check-ins', staff3, { token: code.json.token });
    expect(outsider.status).toBe(403);
    expect((await call('GET', '/sessions?mine=true', staff3)).json.items.map((s: { sessionId: string }) => s.sessionId)).not.toContain(session.sessionId);
  });
});

describe('check-in', () => {
  it('records one check-in per person: a second scan and the typed code answer the same record; a token two windows old asks for a new scan', async () => {
    const session = await schedule();
    await at('2027-03-10T01:50:00Z'); // 09:50 in Shanghai: ten minutes before the start
    const code = await call('GET', `/sessions/${session.sessionId}/check-in-code`, organizer1);
    expect(code.status, JSON.stringify(code.json)).toBe(200);
    expect(code.json.code).toMatch(/^\d{6}$/);
    expect(code.json.open).toBe(true);
    const first = await call('POST', '/check-ins', staff1, { token: code.json.token });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toMatchObject({ outcome: 'recorded', status: 'present' });
    const again = await call('POST', '/check-ins', staff1, { sessionId: session.sessionId, code: code.json.code });
    expect(again.json).toMatchObject({ outcome: 'already', checkedInAt: first.json.checkedInAt });
    const wrong = await call('POST', '/check-ins', staff2, { sessionId: session.sessionId, code: code.json.code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(409);
    expect(wrong.json.error.details.reason).toBe('invalid');
    await at('2027-03-10T01:50:31Z');
    const stale = await call('POST', '/check-ins', staff2, { token: code.json.token });
    expect(stale.status).toBe(409);
    expect(stale.json.error.details.reason).toBe('stale');
    expect(stale.json.error.message).toContain('重新扫描');
    const roster = await call('GET', `/sessions/${session.sessionId}/roster`, organizer1);
    expect(roster.json.rows.filter((r: { status: string | null }) => r.status === 'present')).toHaveLength(1);
  });

  it('refuses a check-in more than 30 minutes early, and the host’s scan of a personal code checks a member in', async () => {
    const session = await schedule({ startsAt: '2027-03-10T14:00:00+08:00', endsAt: '2027-03-10T15:00:00+08:00' });
    await at('2027-03-10T05:00:00Z'); // 13:00
    const code = await call('GET', `/sessions/${session.sessionId}/check-in-code`, organizer1);
    expect(code.json.open).toBe(false);
    const early = await call('POST', '/check-ins', staff1, { token: code.json.token });
    expect(early.status).toBe(409);
    expect(early.json.error.details.reason).toBe('notYet');
    await at('2027-03-10T06:10:00Z'); // 14:10: late
    const personal = await call('GET', '/me/check-in-code', staff2);
    const byHost = await call('POST', `/sessions/${session.sessionId}/check-ins`, organizer1, { code: personal.json.code });
    expect(byHost.status, JSON.stringify(byHost.json)).toBe(200);
    expect(byHost.json).toMatchObject({ outcome: 'recorded', personId: people.staff2, status: 'late' });
    const notHost = await call('POST', `/sessions/${session.sessionId}/check-ins`, staff1, { token: personal.json.token });
    expect(notHost.status).toBe(403);
  });
});

describe('roster, leave, make-up, closing', () => {
  it('lets the host’s mark win, closes with absences and make-ups, counts the tally and the cadence', async () => {
    await at('2027-03-11T01:00:00Z');
    const session = await schedule({ type: 'committee', startsAt: '2027-03-12T10:00:00+08:00', endsAt: '2027-03-12T11:00:00+08:00' });
    const leave = await call('POST', `/sessions/${session.sessionId}/leave`, staff2, { reason: '外出办理审批事项' });
    expect(leave.status, JSON.stringify(leave.json)).toBe(200);
    expect(leave.json.mine.leave.state).toBe('pending');
    const decided = await call('PUT', `/sessions/${session.sessionId}/leave/${people.staff2}`, organizer1, { decision: 'approve' });
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);
    expect(decided.json.rows.find((r: { personId: string }) => r.personId === people.staff2).status).toBe('leave');
    await at('2027-03-12T02:01:00Z');
    const code = await call('GET', `/sessions/${session.sessionId}/check-in-code`, organizer1);
    await call('POST', '/check-ins', staff1, { token: code.json.token });
    const marked = await call('PUT', `/sessions/${session.sessionId}/roster`, organizer1, { marks: [{ personId: people.staff1, mark: 'late' }] });
    expect(marked.status, JSON.stringify(marked.json)).toBe(200);
    const row = marked.json.rows.find((r: { personId: string }) => r.personId === people.staff1);
    expect(row).toMatchObject({ status: 'late', markSource: 'organizer' });
    expect(row.checkedInAt).not.toBeNull();
    const again = await call('POST', '/check-ins', staff1, { token: code.json.token });
    expect(again.json).toMatchObject({ outcome: 'already', status: 'late' });
    await at('2027-03-12T03:30:00Z');
    const closed = await call('POST', `/sessions/${session.sessionId}/close`, organizer1, { version: session.version });
    expect(closed.status, JSON.stringify(closed.json)).toBe(200);
    expect(closed.json.state).toBe('held');
    expect(closed.json.tally.leave).toBe(1);
    expect(closed.json.tally.absent).toBeGreaterThan(0);
    const late = await call('POST', '/check-ins', staff1, { token: code.json.token });
    expect(late.status).toBe(409);
    // The make-up: too short is refused in words; then handed in and confirmed.
    const short = await call('PUT', `/sessions/${session.sessionId}/make-up`, staff2, { reflection: '已学习。' });
    expect(short.status).toBe(400);
    const reflection = '通过学习会议记录和材料，我认识到'.repeat(8);
    const handed = await call('PUT', `/sessions/${session.sessionId}/make-up`, staff2, { reflection });
    expect(handed.status, JSON.stringify(handed.json)).toBe(200);
    expect(handed.json.mine.makeUp.state).toBe('submitted');
    const confirmed = await call('POST', `/sessions/${session.sessionId}/make-up/${people.staff2}/confirm`, organizer1);
    expect(confirmed.json.rows.find((r: { personId: string }) => r.personId === people.staff2).status).toBe('madeUp');
    const cadence = await call('GET', '/sessions/cadence', leader);
    expect(cadence.status, JSON.stringify(cadence.json)).toBe(200);
    const branch1 = cadence.json.branches.find((b: { branchId: string }) => b.branchId === units.branch1);
    expect(branch1.standings.find((s: { type: string; period: string }) => s.type === 'committee' && s.period === 'month').status).toBe('held');
    expect(branch1.attendance.madeUp).toBe(1);
    expect(cadence.json.branches.some((b: { branchId: string }) => b.branchId === units.branch2)).toBe(true);
    const branch2 = cadence.json.branches.find((b: { branchId: string }) => b.branchId === units.branch2);
    expect(branch2.standings.every((s: { status: string }) => s.status === 'missing')).toBe(true);
    const archive = await app.request(`http://localhost/api/sessions/archive.xlsx?branchId=${units.branch1}&year=2027`, { headers: { cookie: organizer1 } });
    expect(archive.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await archive.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['会议台账', '签到记录', '党员参加情况']);
    const values = JSON.stringify(workbook.worksheets[0]!.getSheetValues());
    expect(values).toContain('支部委员会');
  });
});

describe('the cadence job', () => {
  it('rewrites a branch rollup that a write left behind from the sessions themselves', async () => {
    await at('2027-03-12T04:00:00Z');
    const before = await call('GET', '/sessions/cadence', leader);
    const branch1 = () => before.json.branches.find((b: { branchId: string }) => b.branchId === units.branch1);
    const held = branch1().standings.find((s: { type: string; period: string }) => s.type === 'committee' && s.period === 'month').status;
    expect(held).toBe('held');
    // A rollup emptied behind the service's back (as if a process stopped between a session write and its rollup).
    await putRollup({ branchId: units.branch1!, year: 2027, sessions: [], computedAt: '2027-01-01T00:00:00.000Z' });
    const lost = await call('GET', '/sessions/cadence', leader);
    expect(lost.json.branches.find((b: { branchId: string }) => b.branchId === units.branch1).standings.every((s: { status: string }) => s.status === 'missing')).toBe(true);
    const [result] = await runJobs(jobs.filter((job) => job.name === 'cadence-rollups'));
    expect(result).toMatchObject({ ok: true, figures: { branches: 3 } });
    const after = await call('GET', '/sessions/cadence', leader);
    expect(after.json.branches.find((b: { branchId: string }) => b.branchId === units.branch1)).toMatchObject({ standings: branch1().standings });
  });
});
