/**
 * Roster import through the whole app (app.request), against dynalite and s3rver: preview, confirm, re-import,
 * updates, refusals, bad files, permissions, and a confirm that resumes after a crash.
 */
import { readFileSync } from 'node:fs';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { xlsx } from '../fixtures/xlsx.js';
import { aws } from '../../functions/platform/aws.js';
import { config } from '../../functions/platform/config.js';
import { hashPassword } from '../../functions/platform/passwords.js';
import { insertLoginClaimOnce, insertPersonOnce, readPersonByLogin } from '../../functions/domain/people/store.js';
import { beginApply, readImport, readImportRows } from '../../functions/domain/roster/store.js';

const { app, signIn } = useLocalPlatform();
let admin: string;
let staff1: string;

const origin = 'http://localhost';

interface Answer {
  status: number;
  body: any;
}

async function call(cookie: string | null, method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await app.request(`${origin}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

function form(file: BodyInit | Uint8Array, name = 'roster.csv', extra: Record<string, string> = {}): FormData {
  const data = new FormData();
  data.append('file', new Blob([file as BlobPart]), name);
  for (const [key, value] of Object.entries(extra)) data.append(key, value);
  return data;
}

const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const header = '姓名,登录名,所在单位,政治面貌,角色';
const B1 = '县政务服务管理局/机关第一党支部';
const B2 = '县政务服务管理局/机关第二党支部（窗口党支部）';

function preview(cookie: string | null, file: BodyInit | Uint8Array, options: { name?: string; lang?: 'en'; extra?: Record<string, string> } = {}) {
  return call(cookie, 'POST', '/api/imports/preview', {
    body: form(file, options.name, options.extra),
    headers: options.lang ? { 'accept-language': 'en' } : {},
  });
}

const confirm = (cookie: string | null, importId: string) => call(cookie, 'POST', `/api/imports/${importId}/confirm`);

async function itemCount(): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await aws().doc.send(new ScanCommand({ TableName: config().tableName, Select: 'COUNT', ExclusiveStartKey: start }));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

/** People and login claims only (sessions and audit entries come and go with every request). */
async function peopleCount(): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await aws().doc.send(
      new ScanCommand({
        TableName: config().tableName,
        Select: 'COUNT',
        FilterExpression: 'begins_with(pk, :person) OR begins_with(pk, :login)',
        ExpressionAttributeValues: { ':person': 'PERSON#', ':login': 'LOGIN#' },
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

beforeAll(async () => {
  admin = await signIn('admin');
  staff1 = await signIn('staff1');
});

describe('previewImport', () => {
  const bad = csv([
    header,
    `好人,good01,${B1},正式党员,`,
    `,noname01,${B1},正式党员,`,
    `重复甲,dup01,${B1},群众,`,
    `重复乙,DUP01,${B1},群众,`,
    `未知单位,unit01,县政务服务管理局/没有这个科,群众,`,
    `坏状态,status01,${B1},党员吧,`,
    `坏角色,role01,${B1},正式党员,超级用户; organizer`,
    `占用,staff1,${B2},正式党员,`,
  ]);

  it('lists every row’s problems in Chinese by default, problem rows first', async () => {
    const res = await preview(admin, bad);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ rows: 8, create: 1, update: 1, unchanged: 0, problems: 6 });
    expect(res.body.importId).toMatch(/^[0-9A-Z]{26}$/);
    expect(res.body.fileName).toBe('roster.csv');
    const byLine = new Map<number, any>(res.body.rows.map((row: any) => [row.line, row]));
    expect(res.body.rows.map((row: any) => row.action)).toEqual(['problem', 'problem', 'problem', 'problem', 'problem', 'problem', 'create', 'update']);
    expect(byLine.get(3).problems).toEqual([{ field: 'name', code: 'importNameMissing', message: '姓名为空。' }]);
    expect(byLine.get(4).problems[0].message).toBe('登录名“dup01”在文件中重复出现（第 4, 5 行）。');
    expect(byLine.get(6).problems[0]).toMatchObject({ field: 'unit', code: 'importUnitUnknown' });
    expect(byLine.get(6).problems[0].message).toContain('找不到单位“县政务服务管理局/没有这个科”');
    expect(byLine.get(7).problems[0].message).toContain('政治面貌“党员吧”无法识别');
    expect(byLine.get(8).problems.map((p: any) => p.code)).toEqual(['importRoleInvalid', 'importRoleNeedsUnit']);
    expect(byLine.get(9)).toMatchObject({ action: 'update', login: 'staff1', changes: ['name', 'unit', 'branch'], unitPath: B2 });
    expect(byLine.get(2)).toMatchObject({ action: 'create', login: 'good01', partyStatus: 'full', unitPath: B1 });
  });

  it('speaks English when asked', async () => {
    const res = await preview(admin, bad, { lang: 'en' });
    expect(res.status).toBe(200);
    const byLine = new Map<number, any>(res.body.rows.map((row: any) => [row.line, row]));
    expect(byLine.get(3).problems[0].message).toBe('The name is missing.');
    expect(byLine.get(7).problems[0].message).toMatch(/^The party status "党员吧" is not recognised/);
  });

  it('refuses a file that is neither CSV nor .xlsx (415), in the user’s language', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    const res = await preview(admin, png, { name: 'roster.csv' });
    expect(res.status).toBe(415);
    expect(res.body.error.message).toBe('无法读取这个文件：请上传 CSV 或 Excel（.xlsx）格式的花名册。');
    const english = await preview(admin, png, { name: 'photo.png', lang: 'en' });
    expect(english.body.error.message).toMatch(/^This file cannot be read/);
  });

  it('refuses a request without a file (400) and a CSV without the needed columns (400, naming them)', async () => {
    const none = await call(admin, 'POST', '/api/imports/preview', { body: new FormData() });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('请选择要上传的花名册文件');
    const noColumns = await preview(admin, csv(['姓名,电话', '张三,1']));
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.error.message).toContain('登录名、所在单位、政治面貌');
    const json = await call(admin, 'POST', '/api/imports/preview', { body: '{}', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(400);
  });

  it('refuses a roster of 50,000 rows with a clear 400, quickly', async () => {
    const lines = [header];
    for (let i = 0; i < 50_000; i++) lines.push(`人员${i},big${i},${B1},群众,`);
    const started = performance.now();
    const res = await preview(admin, csv(lines));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('花名册最多 10000 行，这个文件有 50000 行，请分批导入。');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('takes a file over the API’s usual 1 MB limit, and refuses one over 4 MB with a 413', async () => {
    const note = 'x'.repeat(20_000);
    const lines = ['姓名,登录名,所在单位,政治面貌,备注'];
    for (let i = 0; i < 100; i++) lines.push(`大文件${i},large${i},${B1},群众,${note}`);
    const twoMb = csv(lines);
    expect(twoMb.length).toBeGreaterThan(1.5 * 1024 * 1024);
    const ok = await preview(admin, twoMb);
    expect(ok.status).toBe(200);
    expect(ok.body.counts).toMatchObject({ rows: 100, create: 100, problems: 0 });
    // Just over 4 MB (refused by the importer) and well over it (refused by the route's body limit, unread).
    for (const extra of [10, 200_000]) {
      const huge = await preview(admin, `${header}\r\n${'y'.repeat(4 * 1024 * 1024 + extra)}`);
      expect(huge.status).toBe(413);
      expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(huge.body.error.message).toBe('花名册文件太大（上限 4 MB），请删去多余的内容或分批导入。');
    }
  });

  it('grants no administrator role: 三员分立 keeps those for the security administrator', async () => {
    const res = await preview(admin, csv([header, `新人丁,imp-admin,县政务服务管理局/综合科,群众,审计管理员`]));
    expect(res.status).toBe(200);
    expect(res.body.counts.problems).toBe(1);
    expect(JSON.stringify(res.body.rows[0])).toContain('只能由安全管理员授予或取消');
  });

  it('is for admins only: staff get 403, nobody signed in 401', async () => {
    const res = await preview(staff1, csv([header, `张三,p403,${B1},群众,`]));
    expect(res.status).toBe(403);
    expect((await preview(null, csv([header]))).status).toBe(401);
    expect((await confirm(staff1, '01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(403);
  });
});

describe('confirmImport', () => {
  const roster = csv([
    header,
    `新人甲,imp001,${B1},正式党员,organizer@${B1}`,
    `新人乙,13900001111,${B2},预备党员,`,
    `新人丙 <script>alert(1)</script>,imp003,县政务服务管理局/综合科,群众,`,
  ]);
  let importId: string;
  let password: string;

  it('creates the new people with one initial password, shown once; they must change it', async () => {
    const before = await peopleCount();
    const previewed = await preview(admin, roster);
    expect(previewed.body.counts).toEqual({ rows: 3, create: 3, update: 0, unchanged: 0, problems: 0 });
    importId = previewed.body.importId;
    const res = await confirm(admin, importId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, initialPassword: expect.stringMatching(/^(?=.*\d)(?=.*[a-z])[a-z0-9]{10}$/) });
    password = res.body.initialPassword;
    expect(await peopleCount()).toBe(before + 6);

    const person = await readPersonByLogin('imp001');
    expect(person).toMatchObject({ name: '新人甲', partyStatus: 'full', mustChangePassword: true, active: true });
    expect(person!.roles.map((grant) => grant.role)).toEqual(['staff', 'organizer']);
    expect((await readPersonByLogin('imp003'))!.name).toBe('新人丙 <script>alert(1)</script>');
    const all = await Promise.all(['imp001', '13900001111', 'imp003'].map(readPersonByLogin));
    expect(new Set(all.map((p) => p!.passwordHash)).size).toBe(1); // hashed once

    const cookie = await signIn('13900001111', password);
    const me = await call(cookie, 'GET', '/api/me');
    expect(me.body).toMatchObject({ login: '13900001111', mustChangePassword: true, branchName: '机关第二党支部（窗口党支部）' });
  });

  it('records the import in the audit log', async () => {
    const res = await call(await signIn('auditor'), 'GET', `/api/audit?targetId=${importId}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ action: 'confirmImport', target: { type: 'import', id: importId, label: 'roster.csv' }, details: expect.objectContaining({ created: 3, updated: 0, unchanged: 0, rows: 3 }) }),
    ]);
  });

  it('refuses to confirm the same import twice (409)', async () => {
    const res = await confirm(admin, importId);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('这份花名册已经导入过了。');
  });

  it('re-importing the same file changes nothing: every row unchanged, no item written, no password', async () => {
    const before = await peopleCount();
    const previewed = await preview(admin, roster);
    expect(previewed.body.counts).toEqual({ rows: 3, create: 0, update: 0, unchanged: 3, problems: 0 });
    const res = await confirm(admin, previewed.body.importId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await peopleCount()).toBe(before);
    expect((await readPersonByLogin('imp001'))!.version).toBe(1);
  });

  it('a changed row updates that person (matched by login), keeping their password', async () => {
    const changed = roster.replace(`新人乙,13900001111,${B2},预备党员,`, `新人乙改名,13900001111,${B2},正式党员,leader@县政务服务管理局`);
    const previewed = await preview(admin, changed);
    expect(previewed.body.counts).toEqual({ rows: 3, create: 0, update: 1, unchanged: 2, problems: 0 });
    expect(previewed.body.rows[0]).toMatchObject({ action: 'update', changes: ['name', 'partyStatus', 'roles'] });
    const res = await confirm(admin, previewed.body.importId);
    expect(res.body).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const person = await readPersonByLogin('13900001111');
    expect(person).toMatchObject({ name: '新人乙改名', partyStatus: 'full', version: 2 });
    expect(person!.roles.map((grant) => grant.role)).toEqual(['staff', 'leader']);
    await signIn('13900001111', password);
  });

  it('refuses to confirm while any row has a problem (409), and writes nothing', async () => {
    const mixed = csv([header, `可以,ok9001,${B1},群众,`, `不行,bad9002,${B1},不知道,`]);
    const previewed = await preview(admin, mixed);
    expect(previewed.body.counts).toMatchObject({ create: 1, problems: 1 });
    const before = await itemCount();
    const res = await confirm(admin, previewed.body.importId);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('花名册还有 1 行有问题，请修正后重新上传。');
    expect(await readPersonByLogin('ok9001')).toBeUndefined();
    // Only the sign-in session touched the table (its lastSeenAt); no person, claim or import state changed.
    expect(await itemCount()).toBe(before);
    expect((await readImport(previewed.body.importId))!.status).toBe('previewed');
  });

  it('re-validates at confirm: a login taken since the preview blocks the import', async () => {
    const previewed = await preview(admin, csv([header, `后来者,late01,${B1},群众,`]));
    expect(previewed.body.counts.create).toBe(1);
    const other = await preview(admin, csv([header, `先到者,late01,${B1},群众,`]));
    expect((await confirm(admin, other.body.importId)).status).toBe(200);
    const res = await confirm(admin, previewed.body.importId);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('1 行有问题');
    expect((await readPersonByLogin('late01'))!.name).toBe('先到者');
  });

  it('answers 404 for an unknown or expired import', async () => {
    expect((await confirm(admin, '01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    // An id that cannot be one is refused by its shape, naming the field (docs/decisions/015).
    expect((await confirm(admin, 'not-an-id')).status).toBe(400);
    const previewed = await preview(admin, csv([header, `过期,exp01,${B1},群众,`]));
    await aws().doc.send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: { pk: `IMPORT#${previewed.body.importId}`, sk: 'IMPORT' },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
      }),
    );
    const res = await confirm(admin, previewed.body.importId);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('找不到这次导入，或它已过期，请重新上传花名册。');
  });

  it('lets only one of two simultaneous confirms write', async () => {
    const previewed = await preview(admin, csv([header, `并发甲,race01,${B1},群众,`, `并发乙,race02,${B1},群众,`]));
    const answers = await Promise.all([confirm(admin, previewed.body.importId), confirm(admin, previewed.body.importId)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 200)!.body.created).toBe(2);
  });

  it('uses an initial password chosen at preview, and then returns none', async () => {
    const previewed = await preview(admin, csv([header, `选密码,pick01,${B1},群众,`]), { extra: { initialPassword: 'Welcome2026' } });
    expect(previewed.status).toBe(200);
    const res = await confirm(admin, previewed.body.importId);
    expect(res.body).toEqual({ created: 1, updated: 0, unchanged: 0 });
    await signIn('pick01', 'Welcome2026');
    const weak = await preview(admin, csv([header, `弱密码,weak01,${B1},群众,`]), { extra: { initialPassword: 'short' } });
    expect(weak.status).toBe(400);
  });

  it('resumes a confirm that died half-way: its own claims and people are recognised, all get the new password', async () => {
    const previewed = await preview(admin, csv([header, `续甲,resume01,${B1},群众,`, `续乙,resume02,${B1},群众,`, `续丙,resume03,${B1},群众,`]));
    const record = (await readImport(previewed.body.importId))!;
    const rows = await readImportRows(record);
    // The crashed attempt: took the import (its hold has lapsed), claimed one login, and created one person fully.
    await beginApply(record, 'CRASHED', Date.now() - 1);
    await insertLoginClaimOnce('resume01', rows[0]!.plannedPersonId);
    await insertLoginClaimOnce('resume02', rows[1]!.plannedPersonId);
    await insertPersonOnce({
      personId: rows[1]!.plannedPersonId,
      name: '续乙',
      login: 'resume02',
      unitId: (await readPersonByLogin('organizer1'))!.unitId,
      branchId: null,
      partyStatus: 'none',
      roles: [{ role: 'staff' }],
      lang: 'zh-CN',
      active: true,
      mustChangePassword: true,
      passwordHash: await hashPassword('lost-password-1'),
      sessionEpoch: 0,
      createdAt: record.createdAt,
      updatedAt: record.createdAt,
      version: 1,
    });
    const res = await confirm(admin, previewed.body.importId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    for (const login of ['resume01', 'resume02', 'resume03']) await signIn(login, res.body.initialPassword);
    expect((await readImport(previewed.body.importId))!).toMatchObject({ status: 'applied', attempts: 2 });
  });

  it('says "in progress" (409) while another confirm holds the import', async () => {
    const previewed = await preview(admin, csv([header, `占着,hold01,${B1},群众,`]));
    await beginApply((await readImport(previewed.body.importId))!, 'BUSY', Date.now() + 60_000);
    const res = await confirm(admin, previewed.body.importId);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('这份花名册正在导入中，请稍候再试。');
  });
});

describe('other file forms', () => {
  it('imports an .xlsx written by openpyxl (title row, header note, a mobile number as a number cell)', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/roster-openpyxl.xlsx', import.meta.url)));
    const previewed = await preview(admin, bytes, { name: '花名册.xlsx' });
    expect(previewed.status).toBe(200);
    expect(previewed.body.fileName).toBe('花名册.xlsx');
    // 钱二's row grants 管理员: a roster import never grants an administrator role (only the security administrator does).
    expect(previewed.body.counts).toEqual({ rows: 3, create: 2, update: 0, unchanged: 0, problems: 1 });
    expect([...previewed.body.rows.map((row: any) => row.login)].sort()).toEqual(['13800138001', 'xlsx-002', 'xlsx-003']);
    const refused = previewed.body.rows.find((row: any) => row.login === 'xlsx-002');
    expect(refused.problems[0].field).toBe('roles');
    expect(refused.problems[0].message).toMatch(/管理员/);
    // The other rows read as written: the mobile number from a number cell, the organizer's grant with its unit path.
    expect(previewed.body.rows.find((row: any) => row.login === 'xlsx-003').action).toBe('create');
    const res = await confirm(admin, previewed.body.importId);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('花名册还有 1 行有问题，请修正后重新上传。');
    expect(await readPersonByLogin('xlsx-003'), 'nothing of a file with problems is imported').toBeUndefined();
  });

  it('imports an .xlsx made by the test writer, English headers and values', async () => {
    const bytes = xlsx([
      ['Name', 'Login', 'Unit', 'Party status', 'Roles'],
      ['Li Lei', 'en-001', B1, 'probationary', 'organizer@机关第一党支部'],
      ['Han Meimei', 'en-002', '综合科', 'none', 'leader@机关第一党支部'],
    ]);
    const previewed = await preview(admin, bytes, { name: 'roster.xlsx', lang: 'en' });
    expect(previewed.body.counts).toEqual({ rows: 2, create: 2, update: 0, unchanged: 0, problems: 0 });
    expect(previewed.body.rows[1].unitPath).toBe('县政务服务管理局/综合科');
  });

  it('reads a GBK-encoded CSV as Excel on a Chinese Windows saves it, and a UTF-8 one with a BOM', async () => {
    // "姓名,登录名,所在单位,政治面貌\r\n张三,gbk01,综合科,群众\r\n" with the Chinese in GBK.
    const bytes = Uint8Array.from([
      ...[0xd0, 0xd5, 0xc3, 0xfb], 0x2c, // 姓名,
      ...[0xb5, 0xc7, 0xc2, 0xbc, 0xc3, 0xfb], 0x2c, // 登录名,
      ...[0xcb, 0xf9, 0xd4, 0xda, 0xb5, 0xa5, 0xce, 0xbb], 0x2c, // 所在单位,
      ...[0xd5, 0xfe, 0xd6, 0xce, 0xc3, 0xe6, 0xc3, 0xb2], 0x0d, 0x0a, // 政治面貌\r\n
      ...[0xd5, 0xc5, 0xc8, 0xfd], 0x2c, ...new TextEncoder().encode('gbk01,'), // 张三,gbk01,
      ...[0xd7, 0xdb, 0xba, 0xcf, 0xbf, 0xc6], 0x2c, // 综合科,
      ...[0xc8, 0xba, 0xd6, 0xda], 0x0d, 0x0a, // 群众\r\n
    ]);
    const previewed = await preview(admin, bytes);
    expect(previewed.status).toBe(200);
    expect(previewed.body.rows[0]).toMatchObject({ name: '张三', login: 'gbk01', unitPath: '县政务服务管理局/综合科', partyStatus: 'none', action: 'create' });
    const bom = await preview(admin, new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv([header, `李四,bom01,综合科,群众,`]))]));
    expect(bom.body.rows[0]).toMatchObject({ name: '李四', action: 'create' });
  });
});
