/**
 * Importing a question file into a bank through the whole app (app.request), against dynalite and s3rver: each row as
 * it will be stored or its problems in words, the files Excel, WPS and LibreOffice save, confirming (and confirming
 * again: no duplicate), reach, bad uploads, and the template (opened and saved again by LibreOffice when installed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs } from '../helpers/sign-in.js';
import { seedUnits } from '../../dev/seed-data.js';
import { readQuestionFile } from '../../functions/domain/quizzes/question-file.js';
import { beginQuestionImport, claimStem, readQuestionImport, readQuestionImportRows } from '../../functions/domain/quizzes/import-store.js';
import { newId } from '../../functions/platform/ids.js';

const { app, call, signIn } = useLocalPlatform();

let admin = '', organizer1 = '', organizer2 = '', staff1 = '', leader = '';
let units: Record<string, string>;

beforeAll(async () => {
  [admin, organizer1, organizer2, staff1, leader] = (await Promise.all(['admin', 'organizer1', 'organizer2', 'staff1', 'leader'].map((login) => signIn(login)))) as [string, string, string, string, string];
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
});

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/questions/${name}`, import.meta.url)));
const header = '题型,题干,选项A,选项B,选项C,选项D,答案,解析,分值,难度,分类';
const csv = (...lines: string[]) => new TextEncoder().encode(`${[header, ...lines].join('\r\n')}\r\n`);

function form(bytes: Uint8Array, name = 'questions.csv', ownerUnitId?: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([bytes as BlobPart]), name);
  if (ownerUnitId) data.append('ownerUnitId', ownerUnitId);
  return data;
}

async function preview(cookie: string, bytes: Uint8Array, options: { name?: string; ownerUnitId?: string; lang?: 'en' } = {}) {
  return requestAs(app, cookie, 'POST', '/api/questions/import/preview', form(bytes, options.name, options.ownerUnitId), options.lang ? { 'accept-language': 'en' } : {});
}

const confirm = (cookie: string, importId: string) => call('POST', `/questions/import/${importId}/confirm`, cookie);

async function bankStems(unitId: string): Promise<string[]> {
  const stems: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await call('GET', `/questions?unitId=${unitId}&status=all&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, admin);
    expect(res.status).toBe(200);
    stems.push(...(res.json.items as { stem: string; ownerUnitId: string }[]).filter((q) => q.ownerUnitId === unitId).map((q) => q.stem));
    cursor = res.json.cursor;
  } while (cursor);
  return stems;
}

type Row = { line: number; question: Record<string, unknown> | null; written: { type: string; stem: string }; problems: { field: string; code: string; message: string }[] };
const rowAt = (rows: Row[], line: number) => rows.find((row) => row.line === line)!;

describe('preview: each row as it will be stored, or its problems in words', () => {
  it('answers a good file row by row, writing nothing to the bank yet', async () => {
    const res = await preview(organizer1, fixture('questions-utf8.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ fileName: 'questions.csv', ownerUnitId: units.branch1, counts: { rows: 9, ready: 9, problems: 0, duplicates: 0 } });
    const rows = res.body.rows as Row[];
    // Full-width letters and punctuation are folded; a comma inside an option's text stays.
    expect(rowAt(rows, 2).question).toMatchObject({ kind: 'single', answer: [0], points: 2, difficulty: 'easy', tags: ['服务规范'] });
    expect(rowAt(rows, 3).question).toMatchObject({ kind: 'multiple', answer: [0, 1, 2, 3] });
    expect((rowAt(rows, 3).question!.options as { text: string }[])[3]).toEqual({ text: '群众纪律, 工作纪律, 生活纪律' });
    expect(rowAt(rows, 6).question).toMatchObject({ kind: 'fill', answer: ['中央委员会', '中共中央委员会'] });
    expect(await bankStems(units.branch1!)).not.toContain('下列哪些属于党的纪律？');
  });

  it('names each problem: a letter not among the options, no answer, a repeated stem, an unknown type', async () => {
    const res = await preview(
      organizer2,
      csv(
        '单选,首问负责制的“首问”指谁？,首位接待的工作人员,窗口负责人,,,C,,,,',
        '单选,一次性告知的对象是什么？,申请人,窗口,,,,,,,',
        '问答,什么是“好差评”？,,,,,对,,,,',
        '判断,限时办结制要求在承诺时限内办结。,,,,,对,,,,',
        '判断,限时办结制要求在承诺时限内办结。,,,,,错,,,,',
        '多选,窗口服务“三声”包括哪些？,来有迎声,问有答声,走有送声,"催有急声，不得拖延",ＡＢＣ,,,,',
      ),
      { ownerUnitId: units.branch2 },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts).toEqual({ rows: 6, ready: 2, problems: 4, duplicates: 1 });
    const rows = res.body.rows as Row[];
    // Rows with problems come first.
    expect(rows.slice(0, 4).map((row) => row.line)).toEqual([2, 3, 4, 6]);
    expect(rowAt(rows, 2).problems).toEqual([{ field: 'answer', code: 'importAnswerNotAnOption', message: '答案中的 C 不在选项之中（本题的选项为 A–B）。' }]);
    expect(rowAt(rows, 2).question).toBeNull();
    expect(rowAt(rows, 2).written).toEqual({ type: '单选', stem: '首问负责制的“首问”指谁？' });
    expect(rowAt(rows, 3).problems.map((p) => p.message)).toEqual(['没有答案。']);
    expect(rowAt(rows, 4).problems.map((p) => p.message)).toEqual(['题型“问答”无法识别：请填写 单选、多选、判断 或 填空。']);
    expect(rowAt(rows, 6).problems.map((p) => [p.code, p.message])).toEqual([['importDuplicateStem', '题干与第 5 行重复。']]);
    // Full-width answer letters read as A, B, C; the full-width comma inside option D stays in its text.
    expect(rowAt(rows, 7).question).toMatchObject({ kind: 'multiple', answer: [0, 1, 2] });
    expect((rowAt(rows, 7).question!.options as { text: string }[])[3]!.text).toBe('催有急声，不得拖延');
  });

  it('speaks English when asked', async () => {
    const res = await preview(organizer2, csv('单选,English test stem,甲,乙,,,E,,,,'), { ownerUnitId: units.branch2, lang: 'en' });
    expect(res.status).toBe(200);
    expect((res.body.rows as Row[])[0]!.problems[0]!.message).toBe('The answer names E, which is not among the options (this question has A–B).');
  });

  it('names a stem the bank already holds as a duplicate (retired ones too)', async () => {
    const made = await call('POST', '/questions', organizer2, { kind: 'truefalse', stem: '窗口工作人员应当佩戴 工作牌上岗（AB岗）。', answer: [0], ownerUnitId: units.branch2 });
    expect(made.status).toBe(201);
    const retired = await call('POST', '/questions', organizer2, { kind: 'truefalse', stem: '停用的判断题。', answer: [1], ownerUnitId: units.branch2 });
    expect((await call('POST', `/questions/${retired.json.questionId}/retire`, organizer2, { version: 1 })).status).toBe(200);
    // Spacing and full-width letters do not make a stem new.
    const res = await preview(organizer2, csv('判断,窗口工作人员应当佩戴  工作牌上岗（ＡＢ岗）。,,,,,对,,,,', '判断,停用的判断题。,,,,,错,,,,', '判断,全新的判断题。,,,,,对,,,,'), { ownerUnitId: units.branch2 });
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ rows: 3, ready: 1, problems: 2, duplicates: 2 });
    const rows = res.body.rows as Row[];
    expect(rowAt(rows, 2).problems.map((p) => [p.code, p.message])).toEqual([['duplicateInBank', '题库中已有题干相同的题目，不会重复导入。']]);
    expect(rowAt(rows, 3).problems.map((p) => p.code)).toEqual(['duplicateInBankRetired']);
  });

  it('reads the same questions from the files WPS (GBK CSV) and LibreOffice (.xlsx, rich text, numbers as text) save', async () => {
    const expected = readQuestionFile(fixture('questions-utf8.csv')).map((row) => row.question);
    for (const name of ['questions-wps-gbk.csv', 'questions-libreoffice.xlsx', 'questions-libreoffice-rich.xlsx']) {
      const res = await preview(admin, fixture(name), { name });
      expect(res.status, name).toBe(200);
      expect(res.body.counts, name).toEqual({ rows: 9, ready: 9, problems: 0, duplicates: 0 });
      expect((res.body.rows as Row[]).map((row) => row.question), name).toEqual(expected);
    }
  });
});

describe('confirm: the good rows into the bank, once', () => {
  it('imports the ready rows in file order, records it, and answers the same again without writing twice', async () => {
    const res = await preview(organizer1, csv('单选,确认测试：“好差评”中的“差评”须在多长时间内回访整改？,1个工作日,3个工作日,一个月,不必整改,B,差评须及时回访核实、整改。,2,中,政务服务标准', '判断,确认测试：政务服务事项应当公开办事指南。,,,,,√,,1,易,政务服务标准', '填空,确认测试：,,,,,,,,'));
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ ready: 2, problems: 1 });
    const first = await confirm(organizer1, res.body.importId);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toEqual({ importId: res.body.importId, ownerUnitId: units.branch1, created: 2, skipped: 0, notImported: 1 });
    const again = await confirm(organizer1, res.body.importId);
    expect(again.json).toEqual(first.json);

    const listed = await call('GET', `/questions?unitId=${units.branch1}&tag=${encodeURIComponent('政务服务标准')}&limit=200`, organizer1);
    const imported = (listed.json.items as { questionId: string; stem: string; version: number; answer: unknown; explanation: string }[]).filter((q) => q.stem.startsWith('确认测试'));
    expect(imported).toHaveLength(2);
    // Each is a question of the bank like any other: its editors read it one at a time, others not at all.
    const one = await call('GET', `/questions/${imported[0]!.questionId}`, organizer1);
    expect(one.json).toMatchObject({ questionId: imported[0]!.questionId, ownerUnitId: units.branch1, version: 1 });
    expect((await call('GET', `/questions/${imported[0]!.questionId}`, organizer2)).status).toBe(404);
    expect(imported.find((q) => q.stem.includes('好差评'))).toMatchObject({ version: 1, answer: [1], explanation: '差评须及时回访核实、整改。' });
    const unitList = (await call('GET', `/questions?unitId=${units.branch1}&limit=200`, organizer1)).json.items as { stem: string }[];
    const order = unitList.map((q) => q.stem).filter((stem) => stem.startsWith('确认测试'));
    expect(order).toEqual(['确认测试：“好差评”中的“差评”须在多长时间内回访整改？', '确认测试：政务服务事项应当公开办事指南。']);

    const audit = await call('GET', `/audit?targetId=${res.body.importId}`, await signIn('auditor'));
    expect(audit.json.items).toEqual([expect.objectContaining({ action: 'importQuestions', details: expect.objectContaining({ created: 2, notImported: 1 }) })]);
  });

  it('creates no duplicate from the same file previewed twice, confirmed one after the other or both at once', async () => {
    const file = csv(...Array.from({ length: 12 }, (_, i) => `判断,重复导入测试第${i + 1}题：首问负责制适用于所有窗口。,,,,,对,,1,易,政务服务标准`));
    const a = await preview(admin, file);
    const b = await preview(admin, file);
    const c = await preview(admin, file);
    expect([a.body.counts.ready, b.body.counts.ready, c.body.counts.ready]).toEqual([12, 12, 12]);
    expect((await confirm(admin, a.body.importId)).json).toMatchObject({ created: 12, skipped: 0 });
    expect((await confirm(admin, b.body.importId)).json).toMatchObject({ created: 0, skipped: 12 });
    // After it, a new preview already names every row a duplicate of the bank.
    expect((await preview(admin, file)).body.counts).toEqual({ rows: 12, ready: 0, problems: 12, duplicates: 12 });

    const race = csv(...Array.from({ length: 20 }, (_, i) => `单选,并发导入测试第${i + 1}题,甲,乙,,,A,,1,中,党史`));
    const [x, y] = await Promise.all([preview(admin, race), preview(admin, race)]);
    const both = await Promise.all([confirm(admin, x.body.importId), confirm(admin, y.body.importId)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both[0]!.json.created + both[1]!.json.created).toBe(20);
    const stems = await bankStems(units.bureau!);
    expect(stems.filter((stem) => stem.startsWith('重复导入测试'))).toHaveLength(12);
    expect(stems.filter((stem) => stem.startsWith('并发导入测试'))).toHaveLength(20);
    expect(c.status).toBe(200);
  });

  it('resumes a confirm that died half-way, and takes over a stem left claimed by an import that never wrote it', async () => {
    const file = csv(...Array.from({ length: 6 }, (_, i) => `判断,续传测试第${i + 1}题：一次性告知须书面告知。,,,,,对,,1,易,政务服务标准`));
    const res = await preview(admin, file);
    const record = (await readQuestionImport(res.body.importId))!;
    const rows = await readQuestionImportRows(record);
    // The dead confirm: it took the import (a hold that has lapsed) and claimed the first two stems, writing nothing else.
    await beginQuestionImport(record, newId(), Date.now() - 1000);
    for (const row of rows.slice(0, 2)) await claimStem(record.ownerUnitId, row.stemKey, { questionId: row.questionId, importId: record.importId, createdAt: new Date().toISOString() });
    // Another import, long gone, claimed the third stem for a question it never wrote.
    await claimStem(record.ownerUnitId, rows[2]!.stemKey, { questionId: newId(), importId: newId(), createdAt: new Date(Date.now() - 3600_000).toISOString() });

    const resumed = await confirm(admin, res.body.importId);
    expect(resumed.status, JSON.stringify(resumed.json)).toBe(200);
    expect(resumed.json).toMatchObject({ created: 6, skipped: 0 });
    const stems = (await bankStems(units.bureau!)).filter((stem) => stem.startsWith('续传测试'));
    expect(stems.sort()).toEqual(rows.map((row) => (row.question as { stem: string }).stem).sort());
  });

  it('refuses (409, in words) an import with nothing to import', async () => {
    const res = await preview(organizer1, csv('单选,没有答案的题,甲,乙,,,,,,,'));
    const refused = await confirm(organizer1, res.body.importId);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe('这份文件没有可以导入的题目：请先改正预览中列出的问题，再重新上传。');
  });
});

describe('reach', () => {
  it("keeps organizer2 out of branch 1's bank (403 as creating a question there), and from branch 1's imports (404)", async () => {
    const into = await preview(organizer2, csv('判断,越权导入测试。,,,,,对,,,,'), { ownerUnitId: units.branch1 });
    expect(into.status).toBe(403);
    const direct = await call('POST', '/questions', organizer2, { kind: 'truefalse', stem: '越权新建测试。', answer: [0], ownerUnitId: units.branch1 });
    expect(direct.status).toBe(into.status);

    const theirs = await preview(organizer1, csv('判断,第一支部的导入。,,,,,对,,,,'));
    expect(theirs.status).toBe(200);
    const other = await confirm(organizer2, theirs.body.importId);
    expect(other.status).toBe(404);
    expect(other.json.error.message).toBe('找不到这次导入，或它已过期（预览后 24 小时内有效），请重新上传题库文件。');
    expect((await confirm(organizer1, theirs.body.importId)).json).toMatchObject({ created: 1 });
  });

  it('refuses staff and leaders (a bank holds the keys) and nobody signed in', async () => {
    for (const cookie of [staff1, leader]) expect((await preview(cookie, csv('判断,员工导入。,,,,,对,,,,'))).status).toBe(403);
    const anonymous = await requestAs(app, null, 'POST', '/api/questions/import/preview', form(csv('判断,匿名导入。,,,,,对,,,,')));
    expect(anonymous.status).toBe(401);
  });
});

describe('bad uploads, in words', () => {
  it('asks for a file when none is sent (400), refuses a file that is no spreadsheet (415) and one too large (413)', async () => {
    const none = await requestAs(app, organizer1, 'POST', '/api/questions/import/preview', new FormData());
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe('请选择要上传的题库文件（Excel .xlsx 或 CSV）。');

    const png = await preview(organizer1, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), { name: 'photo.png' });
    expect(png.status).toBe(415);
    expect(png.body.error.message).toBe('无法读取这个文件：请上传 Excel（.xlsx）或 CSV 格式的题库文件。');

    const xls = await preview(organizer1, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), { name: 'old.xls', lang: 'en' });
    expect(xls.status).toBe(415);
    expect(xls.body.error.message).toContain('Save as');

    const big = await preview(organizer1, new Uint8Array(4 * 1024 * 1024 + 10).fill(0x41));
    expect(big.status).toBe(413);
    expect(big.body.error.message).toBe('题库文件太大（上限 4 MB），请删去多余的内容或分批导入。');
    const huge = await preview(organizer1, new Uint8Array(5 * 1024 * 1024).fill(0x41));
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toContain('题库文件太大');

    const columns = await preview(organizer1, new TextEncoder().encode('名称,内容\n甲,乙\n'));
    expect(columns.status).toBe(400);
    expect(columns.body.error.message).toContain('题库文件缺少这些列：题型、题干、答案');

    const badUnit = await preview(admin, csv('判断,单位无效。,,,,,对,,,,'), { ownerUnitId: 'not-a-unit' });
    expect(badUnit.status).toBe(400);
  });

  it('answers 404 for an import id that is none, and 400 for one that is not an id', async () => {
    expect((await confirm(organizer1, '01JD8X3Q5M2V7K9R4T6W8Y0Z1A')).status).toBe(404);
    expect((await confirm(organizer1, 'nope')).status).toBe(400);
  });
});

describe('the template', () => {
  async function template(lang?: 'en') {
    const res = await app.request('http://localhost/api/questions/import/template.xlsx', { headers: { cookie: organizer1, ...(lang ? { 'accept-language': lang } : {}) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return { bytes: new Uint8Array(await res.arrayBuffer()), disposition: res.headers.get('content-disposition') ?? '' };
  }

  it('is an .xlsx with an example of each type that imports as it is, in either language', async () => {
    const zh = await template();
    expect(zh.disposition).toContain(encodeURIComponent('题库导入模板.xlsx'));
    for (const file of [zh, await template('en')]) {
      const res = await preview(organizer2, file.bytes, { name: 'template.xlsx', ownerUnitId: units.branch2 });
      expect(res.status).toBe(200);
      expect(res.body.counts).toMatchObject({ rows: 4, problems: 0 });
      expect((res.body.rows as Row[]).map((row) => row.question!.kind)).toEqual(['single', 'multiple', 'truefalse', 'fill']);
    }
    expect((await requestAs(app, staff1, 'GET', '/api/questions/import/template.xlsx')).status).toBe(403);
  });

  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));
  it('opens in LibreOffice, and the file LibreOffice saves imports the same questions', async () => {
    const { bytes } = await template();
    const ours = readQuestionFile(bytes).map((row) => row.question);
    if (!soffice) {
      // Browser tests behave alike without Chromium: say so, and fail only where the machine must have it (CI).
      if (process.env.REQUIRE_LIBREOFFICE === '1') throw new Error('LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui');
      console.warn('LibreOffice is not installed: the template was read back by the platform only (apt-get install libreoffice-calc-nogui).');
      expect(ours).toHaveLength(4);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'qtemplate-'));
    try {
      writeFileSync(join(dir, 'template.xlsx'), bytes);
      const office = (...args: string[]) =>
        execFileSync(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', ...args, join(dir, 'template.xlsx')], { cwd: dir, timeout: 90_000, stdio: 'pipe' });
      office('--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', join(dir, 'csv'));
      office('--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'xlsx'));
      const text = readFileSync(join(dir, 'csv', 'template.csv'), 'utf8');
      expect(text.split(/\r?\n/)[0]!.replace(/"/g, '')).toBe('题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,选项G,选项H,答案,解析,分值,难度,分类');
      for (const saved of [new TextEncoder().encode(text), new Uint8Array(readFileSync(join(dir, 'xlsx', 'template.xlsx')))]) {
        expect(readQuestionFile(saved).map((row) => row.question)).toEqual(ours);
        const res = await preview(organizer2, saved, { name: 'saved-by-libreoffice', ownerUnitId: units.branch2 });
        expect(res.status).toBe(200);
        expect(res.body.counts).toMatchObject({ rows: 4, ready: 4 });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
