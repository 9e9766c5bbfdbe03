/**
 * The year's review sheets (民主评议) after the demo seed, through the real app: a member's sheet gathers their study
 * credit, sessions and quizzes as the areas that keep them say; the workbook holds the same as the page, one
 * worksheet per member under names Excel accepts; the export is audited; the walls between branches hold.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedUnits } from '../../dev/seed-data.js';
import { useLocalPlatform } from '../helpers/platform.js';

const { app, call, signIn } = useLocalPlatform();

let admin = '';
let organizer1 = '';
let organizer2 = '';
let staff1 = '';
let staff2 = '';
let units: Record<string, string>;
let people: Record<string, string>;
const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

interface Sheet {
  personId: string;
  name: string;
  partyStatusName: string;
  study: { credit: number; target: number; courses: { title: string }[] };
  quizzes: { taken: number; passed: number; items: { title: string }[] };
  sessions: { expected: number; attended: number; leave: number; absent: number; madeUp: number };
  post: string | null;
  pledges: { state: string; stateName: string; categoryName: string; progressCount: number; assessment: string | null }[];
  rating: { proposal: { ratingName: string; reason: string } | null; decision: { rating: string; ratingName: string; reason: string; byName: string } | null };
  honours: unknown[];
}

const unsafeName = '王[测试]:A/B\\C?D*';
const longName = '欧阳'.repeat(18);

beforeAll(async () => {
  [admin, organizer1, organizer2, staff1, staff2] = await Promise.all([signIn('admin'), signIn('organizer1'), signIn('organizer2'), signIn('staff1'), signIn('staff2')]);
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const everyone = await call('GET', '/people?limit=200', admin);
  people = Object.fromEntries((everyone.json.items as { login: string; personId: string }[]).map((p) => [p.login, p.personId]));
  // Members whose names Excel would refuse as sheet names: two namesakes, and one longer than 31 characters.
  for (const [login, name] of [['review01', unsafeName], ['review02', unsafeName], ['review03', longName]] as const) {
    const created = await call('POST', '/people', admin, { name, login, unitId: units.branch1, partyStatus: 'full' });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
  }
  // staff1 takes the branch's quiz (and hands it in blank: taken, not passed).
  const quizzes = (await call('GET', '/quizzes?view=take', staff1)).json.items as { quizId: string; title: string }[];
  const quiz = quizzes.find((q) => q.title.includes('党章党规'));
  expect(quiz).toBeDefined();
  const started = await call('POST', `/quizzes/${quiz!.quizId}/attempts`, staff1);
  expect(started.status, JSON.stringify(started.json)).toBe(201);
  const submitted = await call('POST', `/attempts/${started.json.attemptId}/submit`, staff1);
  expect(submitted.status).toBe(200);
});

async function sheetsOf(cookie: string, query = `branchId=${units.branch1}&year=${year}`) {
  const res = await call('GET', `/review-sheets?${query}`, cookie);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as { branchId: string; branchName: string; year: number; asOf: string; branches: { branchId: string }[]; sheets: Sheet[] };
}

describe('a branch’s review sheets', () => {
  it('give each member their study credit, sessions and quizzes as the areas keep them', async () => {
    const view = await sheetsOf(organizer1);
    expect(view.branchName).toBe('机关第一党支部');
    expect(view.branches.map((b) => b.branchId)).toEqual([units.branch1]);
    const byId = new Map(view.sheets.map((s) => [s.personId, s]));

    const mine = byId.get(people.staff1!)!;
    expect(mine.quizzes.taken).toBe(1);
    expect(mine.quizzes.passed).toBe(0);
    expect(mine.quizzes.items[0]!.title).toContain('党章党规');

    // Sessions: the same counts as the branch's attendance figures, and the demo year has attendance in it.
    const figures = await call('GET', `/sessions/figures?unitId=${units.branch1}&year=${year}`, organizer1);
    const row = (figures.json.people as { personId: string; expected: number; attended: number; leave: number; absent: number; madeUp: number }[]).find((p) => p.personId === people.staff1);
    expect(mine.sessions).toEqual({ expected: row!.expected, attended: row!.attended, leave: row!.leave, absent: row!.absent, madeUp: row!.madeUp });
    expect(view.sheets.reduce((sum, s) => sum + s.sessions.attended, 0)).toBeGreaterThan(0);

    // Study: the same credit as the person's own record.
    const record = await call('GET', `/me/record?year=${year}`, staff2);
    const theirs = byId.get(people.staff2!)!;
    expect(theirs.study.credit).toBe(record.json.creditThisYear);
    expect(theirs.study.credit).toBeGreaterThan(0);
    expect(theirs.study.target).toBe(record.json.target);
    expect(theirs.study.courses.length).toBeGreaterThan(0);

    // Everyone who is a Party member of the branch now has a sheet, by name.
    const names = view.sheets.map((s) => s.name);
    expect(names.filter((n) => n === unsafeName)).toHaveLength(2);
    expect(names).toContain(longName);
    expect([...names].sort((a, b) => a.localeCompare(b, 'zh-CN'))).toEqual(names);
    expect(view.sheets.every((s) => s.partyStatusName === '正式党员' || s.partyStatusName === '预备党员')).toBe(true);
  });

  it('show each member’s pledges in every state with their post, and last year’s rating with its reasons', async () => {
    const mine = (await sheetsOf(organizer1)).sheets.find((s) => s.personId === people.staff1)!;
    expect(mine.post).toBe('综合科 · 文秘岗');
    expect(mine.pledges.map((p) => p.state).sort()).toEqual(['approved', 'done', 'draft', 'returned']);
    expect(mine.pledges.find((p) => p.state === 'done')!.progressCount).toBeGreaterThan(0);
    expect(mine.pledges.find((p) => p.state === 'returned')!.stateName).toBe('已退回');
    expect(mine.rating).toEqual({ proposal: null, decision: null });

    const last = (await sheetsOf(organizer1, `branchId=${units.branch1}&year=${year - 1}`)).sheets.find((s) => s.personId === people.staff1)!;
    expect(last.rating.decision).toMatchObject({ rating: 'excellent', ratingName: '优秀' });
    expect(last.rating.decision!.reason.length).toBeGreaterThan(0);
    expect(last.rating.proposal!.ratingName).toBe('优秀');
    expect(last.pledges).toHaveLength(3);
    expect(last.pledges.every((p) => p.assessment !== null)).toBe(true);
  });

  it('open the reader’s own branch by default, and stay within reach', async () => {
    expect((await sheetsOf(organizer1, '')).branchId).toBe(units.branch1);
    const leader = await signIn('leader');
    expect((await sheetsOf(leader, `branchId=${units.branch2}`)).branches).toHaveLength(3);
    const outside = await call('GET', `/review-sheets?branchId=${units.branch1}&year=${year}`, organizer2);
    expect(outside.status).toBe(404);
    expect(outside.json.error.message).toContain('党支部');
    const member = await call('GET', `/review-sheets?branchId=${units.branch1}`, staff1);
    expect(member.status).toBe(403);
    const notBranch = await call('GET', `/review-sheets?branchId=${units.bureau}`, admin);
    expect(notBranch.status).toBe(404);
    const badYear = await call('GET', `/review-sheets?branchId=${units.branch1}&year=twenty`, organizer1);
    expect(badYear.status).toBe(400);
  });
});

describe('the workbook', () => {
  it('holds what the page shows: a summary row and a worksheet per member, under names Excel accepts', async () => {
    const view = await sheetsOf(organizer1);
    const res = await app.request(`http://localhost/api/review-sheets/export?branchId=${units.branch1}&year=${year}`, { headers: { cookie: organizer1 } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names[0]).toBe('汇总');
    expect(names).toHaveLength(view.sheets.length + 1);
    expect(names.every((n) => n.length <= 31 && !/[[\]:*?/\\]/.test(n))).toBe(true);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);

    const values = (sheet: ExcelJS.Worksheet) => (sheet.getSheetValues() as unknown[][]).slice(1).map((row) => (row ?? []).slice(1));
    const summary = values(workbook.worksheets[0]!);
    const header = summary[0] as string[];
    const col = (title: string) => header.indexOf(title);
    const rows = summary.slice(1, 1 + view.sheets.length);
    expect(rows.map((r) => r[col('姓名')])).toEqual(view.sheets.map((s) => s.name));
    expect(rows.map((r) => r[col('本年学时')])).toEqual(view.sheets.map((s) => s.study.credit));
    expect(rows.map((r) => r[col('出席')])).toEqual(view.sheets.map((s) => s.sessions.attended));
    expect(rows.map((r) => r[col('参加测验')])).toEqual(view.sheets.map((s) => s.quizzes.taken));
    expect(JSON.stringify(summary)).toContain('评定等次由支部党员大会决定');

    // Each member's worksheet names them and holds their figures.
    view.sheets.forEach((s, i) => {
      const own = values(workbook.worksheets[i + 1]!);
      const field = (title: string) => own.find((r) => r[0] === title)?.[1];
      expect(field('姓名')).toBe(s.name);
      expect(field('本年学时')).toBe(s.study.credit);
      expect(field('出席')).toBe(s.sessions.attended);
    });
    // staff1's worksheet lists their pledges with their states and the post.
    const staff1At = view.sheets.findIndex((s) => s.personId === people.staff1);
    const staff1Sheet = JSON.stringify(values(workbook.worksheets[staff1At + 1]!));
    expect(staff1Sheet).toContain('已退回');
    expect(staff1Sheet).toContain('综合科 · 文秘岗');
    expect(names).toContain('王_测试__A_B_C_D_');
    expect(names).toContain('王_测试__A_B_C_D_ (2)');

    // The export is audited: who, which branch, which year.
    const audit = await call('GET', `/audit?targetId=${units.branch1}`, await signIn('auditor'));
    const entry = (audit.json.items as { action: string; actorName: string; details?: { year?: number } }[]).find((e) => e.action === 'exportReviewSheet');
    expect(entry).toMatchObject({ actorName: expect.any(String), details: { year } });

    // LibreOffice opens it too (where installed; REQUIRE_LIBREOFFICE=1 makes it required).
    const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));
    if (!soffice) {
      if (process.env.REQUIRE_LIBREOFFICE === '1') throw new Error('LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'review-sheet-'));
    try {
      writeFileSync(join(dir, 'review.xlsx'), bytes);
      execFileSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, join(dir, 'review.xlsx')], { stdio: 'ignore', timeout: 90_000 });
      const csv = readFileSync(join(dir, 'review.csv'), 'utf8');
      expect(csv).toContain('姓名');
      expect(csv).toContain(view.sheets[0]!.name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('speaks English to an English reader', async () => {
    const res = await app.request(`http://localhost/api/review-sheets/export?branchId=${units.branch1}&year=${year}`, { headers: { cookie: organizer1, 'accept-language': 'en' } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets[0]!.name).toBe('Summary');
    expect(JSON.stringify(workbook.worksheets[0]!.getSheetValues())).toContain('Study credit this year');
  });
});
