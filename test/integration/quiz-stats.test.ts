/**
 * A quiz's results through the real app on the local engines: staff of two branches take a quiz of the bureau; the
 * figures each reader gets are those of the takers within their reach (organizer2 sees no branch-1 taker, the
 * leader everyone), drilled down by unit, with the chart drawn on the server and no key in the answer; staff may
 * not read them; the workbook says the same as the page, read back by ExcelJS and by LibreOffice when installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { seedUnits } from '../../dev/seed-data.js';
import { clock } from '../../functions/platform/clock.js';

const { app, call, signIn } = useLocalPlatform();
const realNow = clock.now;
afterEach(() => {
  clock.now = realNow;
});

let admin = '', organizer1 = '', organizer2 = '', staff1 = '', staff2 = '', staff3 = '', leader = '';
let units: Record<string, string>;
let quizId = '';
let draftId = '';
const explanation = `统计测试解析-${Math.random().toString(36).slice(2)}`;
const acceptedText = `窗口受理${Math.random().toString(36).slice(2, 8)}`;

async function ok(promise: Promise<{ status: number; json: any }>, status = 200) {
  const res = await promise;
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  return res.json;
}

/** `who` takes the quiz: the single-choice answer right or wrong, the rest right; `slow` submits ten minutes later. */
async function take(who: string, singleRight: boolean, q: { single: string; truefalse: string; fill: string }, slow = false) {
  const started = await call('POST', `/quizzes/${quizId}/attempts`, who);
  expect([200, 201]).toContain(started.status);
  const attempt = started.json;
  await ok(call('PUT', `/attempts/${attempt.attemptId}/answers`, who, { seq: attempt.seq, answers: { [q.single]: [singleRight ? 0 : 1], [q.truefalse]: [0], [q.fill]: acceptedText } }));
  if (slow) {
    const later = Date.now() + 600_000;
    clock.now = () => new Date(later);
  }
  await ok(call('POST', `/attempts/${attempt.attemptId}/submit`, who));
  clock.now = realNow;
}

beforeAll(async () => {
  [admin, organizer1, organizer2, staff1, staff2, staff3, leader] = (await Promise.all(['admin', 'organizer1', 'organizer2', 'staff1', 'staff2', 'staff3', 'leader'].map((login) => signIn(login)))) as string[] as [string, string, string, string, string, string, string];
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const tag = `统计${Date.now()}`;
  const single = await ok(call('POST', '/questions', admin, { kind: 'single', stem: `首问负责制要求首问人做什么？${tag}`, options: [{ text: '负责到底' }, { text: '转给别人' }], answer: [0], explanation, tags: [tag], ownerUnitId: units.bureau }), 201);
  const truefalse = await ok(call('POST', '/questions', admin, { kind: 'truefalse', stem: `窗口应一次性告知所需材料。${tag}`, answer: [0], explanation, tags: [tag], ownerUnitId: units.bureau }), 201);
  const fill = await ok(call('POST', '/questions', admin, { kind: 'fill', stem: `综合受理窗口叫＿＿。${tag}`, answer: [acceptedText], explanation, tags: [tag], ownerUnitId: units.bureau }), 201);
  const q = { single: single.questionId, truefalse: truefalse.questionId, fill: fill.questionId };
  const created = await ok(
    call('POST', '/quizzes', admin, {
      title: '服务规范统计测验',
      ownerUnitId: units.bureau,
      items: [{ kind: 'fixed', questionId: q.single }, { kind: 'fixed', questionId: q.truefalse }, { kind: 'fixed', questionId: q.fill }],
      passPercent: 80,
      counts: 'best',
    }),
    201,
  );
  quizId = created.quizId;
  await ok(call('POST', `/quizzes/${quizId}/publish`, admin, { version: created.version }));
  // Branch 1: staff1 fails, then passes on a second attempt (best counts); staff2 passes slowly. Branch 2: staff3 fails.
  await take(staff1, false, q);
  await take(staff1, true, q);
  await take(staff2, true, q, true);
  await take(staff3, false, q);
  draftId = (await ok(call('POST', '/quizzes', organizer1, { title: '支部草稿', items: [{ kind: 'draw', count: 1, tag }] }), 201)).quizId;
});

describe('who reads which figures', () => {
  it('the leader sees every taker, each person once by the attempt that counts', async () => {
    const stats = await ok(call('GET', `/quizzes/${quizId}/stats`, leader));
    expect(stats.summary).toMatchObject({ takers: 3, attempts: 4, finishedAttempts: 4, openAttempts: 0, graded: 3, passed: 2, passRate: 0.67, fewTakers: true });
    expect(stats.unitId).toBe(units.bureau);
    const rows = Object.fromEntries((stats.units as { unitId: string; own: boolean; takers: number; passed: number }[]).filter((u) => !u.own).map((u) => [u.unitId, [u.takers, u.passed]]));
    expect(rows[units.bureau!]).toEqual([3, 2]);
    expect(rows[units.branch1!]).toEqual([2, 2]);
    expect(rows[units.branch2!]).toEqual([1, 0]);
    expect(stats.distribution.bins.map((b: { count: number }) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 2]);
  });

  it('organizer2 sees branch 2’s taker and none of branch 1’s, and cannot drill into branch 1', async () => {
    const stats = await ok(call('GET', `/quizzes/${quizId}/stats`, organizer2));
    expect(stats.summary).toMatchObject({ takers: 1, attempts: 1, passed: 0 });
    expect(stats.units.map((u: { unitId: string }) => u.unitId)).not.toContain(units.branch1);
    const names = [...stats.slowest, ...stats.fastest, ...stats.tooFast].map((t: { name: string }) => t.name);
    expect(names).not.toContain('刘洋');
    expect(names).not.toContain('陈静怡');
    expect((await call('GET', `/quizzes/${quizId}/stats?unitId=${units.branch1}`, organizer2)).status).toBe(404);
    expect((await call('GET', `/quizzes/${quizId}/stats.xlsx?unitId=${units.branch1}`, organizer2)).status).toBe(404);
  });

  it('drills down to a unit’s subtree', async () => {
    const stats = await ok(call('GET', `/quizzes/${quizId}/stats?unitId=${units.branch1}`, leader));
    expect(stats.unitId).toBe(units.branch1);
    expect(stats.summary).toMatchObject({ takers: 2, attempts: 3, passed: 2, passRate: 1 });
    expect(stats.units[0]).toMatchObject({ unitId: units.branch1, depth: 0, takers: 2 });
    expect(stats.units.slice(1).every((u: { depth: number }) => u.depth === 1)).toBe(true);
  });

  it('refuses staff (403), and answers 404 for a quiz that is not there or a draft the reader does not edit', async () => {
    expect((await call('GET', `/quizzes/${quizId}/stats`, staff1)).status).toBe(403);
    expect((await call('GET', `/quizzes/${quizId}/stats.xlsx`, staff1)).status).toBe(403);
    expect((await call('GET', `/quizzes/${quizId}/stats`, null)).status).toBe(401);
    const missing = await call('GET', '/quizzes/01JD8X3Q5M2V7K9R4T6W8Y0Z1A/stats', leader);
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe('找不到这份测验，或您无权查看。');
    expect((await call('GET', `/quizzes/${draftId}/stats`, organizer2)).status).toBe(404);
    expect((await call('GET', `/quizzes/${draftId}/stats`, organizer1)).status).toBe(200);
    const bad = await call('GET', `/quizzes/${quizId}/stats?unitId=nonsense`, leader);
    expect(bad.status).toBe(400);
  });
});

describe('the figures', () => {
  it('flag the attempts finished under 2 s a question, list the slowest by time, and hold no key', async () => {
    const res = await app.request(`http://localhost/api/quizzes/${quizId}/stats`, { headers: { cookie: admin } });
    const text = await res.text();
    const stats = JSON.parse(text);
    // Three attempts were submitted at once, one ten minutes later.
    expect(stats.tooFast).toHaveLength(3);
    expect(stats.tooFast.map((t: { name: string }) => t.name)).not.toContain('陈静怡');
    expect(stats.slowest[0]).toMatchObject({ name: '陈静怡', unitName: '第一支部审批党小组', questions: 3 });
    expect(stats.slowest[0].seconds).toBeGreaterThanOrEqual(599);
    // The key and the explanations never appear; the stems do.
    expect(text).not.toContain(explanation);
    expect(text).not.toContain(acceptedText);
    expect(stats.questions.map((q: { stem: string }) => q.stem)[0]).toMatch(/^首问负责制/);
    expect(stats.questions.map((q: { kind: string }) => q.kind)).toEqual(['single', 'truefalse', 'fill']);
    expect(stats.questions[0]).toMatchObject({ takers: 3, correct: 2, facility: 0.67, fewTakers: true });
    expect(stats.questions[0].warnings).toContain('fewTakers');
  });

  it('draw the chart on the server, accessible and in the reader’s language', async () => {
    const zh = await ok(call('GET', `/quizzes/${quizId}/stats`, leader));
    expect(zh.distribution.svg).toMatch(/^<svg [^>]*role="img"/);
    expect(zh.distribution.svg).toContain('<title id="score-chart-title">成绩分布</title>');
    expect(zh.distribution.svg).toContain('及格线 80%');
    expect(zh.distribution.svg).not.toMatch(/<script/i);
    const res = await app.request(`http://localhost/api/quizzes/${quizId}/stats`, { headers: { cookie: leader, 'accept-language': 'en' } });
    const en = await res.json();
    expect(en.distribution.svg).toContain('<title id="score-chart-title">Score distribution</title>');
    expect(en.distribution.svg).toContain('Score (%)');
  });
});

describe('the workbook', () => {
  it('holds the summary, the questions and the units as the page shows them', async () => {
    const page = await ok(call('GET', `/quizzes/${quizId}/stats`, organizer1));
    const res = await app.request(`http://localhost/api/quizzes/${quizId}/stats.xlsx`, { headers: { cookie: organizer1 } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^服务规范统计测验-测验统计-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概况', '试题分析', '各单位情况', '用时异常']);
    const rows = (index: number) => workbook.worksheets[index]!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    const summary = new Map(rows(0).map((r) => [String(r[0]), r[1]]));
    expect(summary.get('参加人数')).toBe(page.summary.takers);
    expect(summary.get('及格人数')).toBe(2);
    expect(summary.get('及格率 (%)')).toBe(100);
    const questions = rows(1);
    expect(questions[0]).toEqual(['序号', '题干', '题型', '版本', '作答人数', '答对人数', '难度系数（答对率）', '区分度', '提示']);
    expect(questions).toHaveLength(4);
    expect(questions[1]![2]).toBe('单选');
    expect(String(questions[1]![8])).toContain('作答不足 30 人');
    const unitSheet = rows(2);
    expect(unitSheet[1]![0]).toBe('机关第一党支部');
    expect(unitSheet.length - 1).toBe(page.units.length);

    // LibreOffice opens it too (where installed): the summary sheet converted to CSV holds the same figures.
    let soffice = true;
    try {
      execFileSync('soffice', ['--version'], { stdio: 'ignore' });
    } catch {
      soffice = false;
    }
    if (soffice) {
      const dir = mkdtempSync(join(tmpdir(), 'quiz-stats-'));
      try {
        writeFileSync(join(dir, 'stats.xlsx'), bytes);
        execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, join(dir, 'stats.xlsx')], { stdio: 'ignore', timeout: 90_000 });
        const csv = readFileSync(join(dir, 'stats.csv'), 'utf8');
        expect(csv).toContain('服务规范统计测验');
        expect(csv).toMatch(/"参加人数",2\b/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 120_000);

  it('speaks English to an English reader', async () => {
    const res = await app.request(`http://localhost/api/quizzes/${quizId}/stats.xlsx`, { headers: { cookie: leader, 'accept-language': 'en' } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Questions', 'Units', 'Timing']);
  });
});
