import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { apiMessage, type ApiMessageKey } from '../../platform/i18n.js';
import { xlsx, zip } from '../../../test/fixtures/xlsx.js';
import { decodeText, listZip, parseCsv, parseSharedStrings, parseSheet, readCsvText, readRosterFile, readZipEntry, sniffDelimiter } from './roster-file.js';
import {
  headerKey,
  mapHeader,
  maxRosterRows,
  parsePartyStatus,
  parseRolesCell,
  planRoster,
  previewOrder,
  readRosterRows,
  resolveUnitPath,
  type LoginHolder,
  type StoredRosterRow,
} from './roster.js';
import { eachLimited } from './roster-service.js';
import type { Person, Unit } from './schema.js';
import { OrgTree } from './tree.js';

const enc = (text: string) => new TextEncoder().encode(text);
const zh = (key: ApiMessageKey) => apiMessage('zh-CN', key);
const en = (key: ApiMessageKey) => apiMessage('en', key);

/** Runs `fn` and returns the AppError it throws. */
function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseCsv (RFC 4180)', () => {
  it('splits fields and records, CRLF or LF or CR', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,5,6\r7,8,9').map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quotes, and counts lines across them', () => {
    const rows = parseCsv('name,note\r\n"Zhang, San","said ""hi""\r\nthen left"\r\n"x",""\r\n');
    expect(rows).toEqual([
      { line: 1, cells: ['name', 'note'] },
      { line: 2, cells: ['Zhang, San', 'said "hi"\r\nthen left'] },
      { line: 4, cells: ['x', ''] },
    ]);
  });

  it('skips blank lines but keeps the file line numbers, and keeps empty fields', () => {
    const rows = parseCsv('h1,h2\n\n\na,\n,b\n');
    expect(rows).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 4, cells: ['a', ''] },
      { line: 5, cells: ['', 'b'] },
    ]);
  });

  it('takes a quote inside an unquoted field as text (as Excel does)', () => {
    expect(parseCsv('a"b,c\n').map((r) => r.cells)).toEqual([['a"b', 'c']]);
    expect(parseCsv('"ab"c,d\n').map((r) => r.cells)).toEqual([['abc', 'd']]);
  });

  it('refuses an opening quote that never closes, naming its line', () => {
    const error = appErrorOf(() => parseCsv('a,b\n1,"open\n2,3\n'));
    expect(error.status).toBe(400);
    expect(error.messageKey).toBe('importCsvQuote');
    expect(error.params).toEqual({ line: 2 });
  });

  it('sniffs tab and semicolon delimiters from the header line', () => {
    expect(sniffDelimiter('姓名\t登录名\t单位\n')).toBe('\t');
    expect(sniffDelimiter('name;login;unit\nx;y;a,b')).toBe(';');
    expect(sniffDelimiter('name,login;x\n')).toBe(',');
    expect(parseCsv('a\tb\n1\t2').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('follows Excel’s `sep=` hint on the first line', () => {
    expect(readCsvText('sep=;\r\nname;unit\r\na,b;c\r\n')).toEqual([
      { line: 2, cells: ['name', 'unit'] },
      { line: 3, cells: ['a,b', 'c'] },
    ]);
  });

  it('handles a last record without a line break and a lone empty quoted field', () => {
    expect(parseCsv('a,b\n"",x').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['', 'x'],
    ]);
  });
});

describe('decodeText and readRosterFile', () => {
  it('drops a UTF-8 BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('姓名,登录名')]))).toBe('姓名,登录名');
  });

  it('reads GBK (as a Chinese Excel saves CSV) when the bytes are not UTF-8', () => {
    // "姓名,登录名\r\n张三,zs" in GBK.
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb5, 0xc7, 0xc2, 0xbc, 0xc3, 0xfb, 0x0d, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x7a, 0x73]);
    expect(decodeText(gbk)).toBe('姓名,登录名\r\n张三,zs');
    expect(readRosterFile(gbk).rows.map((r) => r.cells)).toEqual([
      ['姓名', '登录名'],
      ['张三', 'zs'],
    ]);
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode text", tab separated)', () => {
    const text = '姓名\t登录名\r\n李四\tls\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(readRosterFile(bytes)).toEqual({
      kind: 'csv',
      rows: [
        { line: 1, cells: ['姓名', '登录名'] },
        { line: 2, cells: ['李四', 'ls'] },
      ],
    });
  });

  it('refuses binary files: an image (415), an old .xls (415, says to save as .xlsx), an empty file (400)', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const image = appErrorOf(() => readRosterFile(png));
    expect([image.status, image.messageKey]).toEqual([415, 'importUnreadable']);
    const xls = appErrorOf(() => readRosterFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])));
    expect([xls.status, xls.messageKey]).toEqual([415, 'importLegacyExcel']);
    expect(zh('importLegacyExcel')).toContain('.xlsx');
    expect(appErrorOf(() => readRosterFile(new Uint8Array())).messageKey).toBe('importEmpty');
  });

  it('refuses a zip that is not a workbook, and a truncated one', () => {
    const notWorkbook = zip([{ name: 'word/document.xml', data: '<w:document/>' }]);
    expect(appErrorOf(() => readRosterFile(notWorkbook)).messageKey).toBe('importUnreadable');
    const book = xlsx([['姓名'], ['x']]);
    expect(appErrorOf(() => readRosterFile(book.subarray(0, book.length - 30))).messageKey).toBe('importUnreadable');
  });
});

describe('reading .xlsx', () => {
  const header = ['姓名', '登录名', '所在单位', '政治面貌', '角色'];

  it('reads shared strings, numbers (a mobile number stays whole) and follows the workbook to its sheet', () => {
    const bytes = xlsx(
      [header, ['张三', 13800138000, '县政务服务管理局/机关第一党支部', '正式党员', 'organizer@县政务服务管理局/机关第一党支部'], ['李四 & <i>', 'ls01', '县政务服务管理局', '群众', '']],
      { sheetPath: 'worksheets/roster.xml' },
    );
    const table = readRosterFile(bytes);
    expect(table.kind).toBe('xlsx');
    expect(table.rows).toEqual([
      { line: 1, cells: header },
      { line: 2, cells: ['张三', '13800138000', '县政务服务管理局/机关第一党支部', '正式党员', 'organizer@县政务服务管理局/机关第一党支部'] },
      { line: 3, cells: ['李四 & <i>', 'ls01', '县政务服务管理局', '群众'] },
    ]);
  });

  it('reads inline strings and stored (uncompressed) entries', () => {
    const rows = readRosterFile(xlsx([['姓名', '登录名'], ['王五', 'ww']], { strings: 'inline' })).rows;
    expect(rows.map((r) => r.cells)).toEqual([
      ['姓名', '登录名'],
      ['王五', 'ww'],
    ]);
  });

  it('reads a workbook written by another producer (openpyxl), title row and header note included', () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/roster-openpyxl.xlsx', import.meta.url)));
    const table = readRosterFile(bytes);
    const roster = readRosterRows(table.rows, zh);
    expect(roster.hasRoles).toBe(true);
    expect(roster.rows.map((r) => [r.line, r.name, r.login, r.partyStatus])).toEqual([
      [3, '赵一', '13800138001', '中共党员'],
      [4, '钱二', 'xlsx-002', '群众'],
      [5, '孙三 <b>', 'xlsx-003', '预备党员'],
    ]);
  });

  it('leaves phonetic guides out, decodes entities and _xHHHH_ escapes, and places cells by their reference', () => {
    const shared = ['<si><r><t>张</t></r><r><t>三</t></r><rPh sb="0" eb="1"><t>zhang</t></rPh></si>', '<si><t>a&amp;b_x000D_c</t></si>'];
    const sheet = '<sheetData><x:row r="7"><x:c r="C7" t="s"><x:v>0</x:v></x:c><x:c r="A7" t="s"><x:v>1</x:v></x:c><x:c r="B7" t="b"><x:v>1</x:v></x:c><x:c r="D7"><x:v>1.3800138E10</x:v></x:c></x:row></sheetData>';
    const strings = parseSharedStrings(`<sst>${shared.join('')}<si/></sst>`);
    expect(strings).toEqual(['张三', 'a&b\rc', '']);
    const rows = parseSheet(sheet, strings);
    expect(rows).toEqual([{ line: 7, cells: ['a&b\rc', 'TRUE', '张三', '13800138000'] }]);
  });

  it('refuses to inflate a part beyond the limit (a zip bomb) with a 413', () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: '<row>'.padEnd(200_000, ' ') }]);
    const entry = listZip(bomb).get('xl/worksheets/sheet1.xml')!;
    expect(readZipEntry(bomb, entry).length).toBe(200_000);
    const error = appErrorOf(() => readZipEntry(bomb, { ...entry, uncompressedSize: 10 }, 1000));
    expect([error.status, error.messageKey]).toEqual([413, 'importSheetTooLarge']);
  });
});

describe('headers', () => {
  it('knows the columns by Chinese and English names, with notes, marks and full-width letters', () => {
    expect(headerKey(' *登录名（工号或手机号） ')).toBe('登录名');
    expect(mapHeader(['姓名', '登录名', '所在单位', '政治面貌', '角色']).columns).toEqual({ name: 0, login: 1, unit: 2, partyStatus: 3, roles: 4 });
    expect(mapHeader(['Name', 'Login', 'Unit path', 'Party status', 'Roles', 'Branch', 'Remarks'])).toEqual({
      columns: { name: 0, login: 1, unit: 2, partyStatus: 3, roles: 4, branch: 5 },
      missing: [],
    });
    expect(mapHeader(['姓名', '工号', '部门', 'ＳＴＡＴＵＳ']).missing).toEqual([]);
    expect(mapHeader(['姓名', '手机号']).missing).toEqual(['unit', 'partyStatus']);
  });

  it('finds the header under a title row and reads the rows under it', () => {
    const roster = readRosterRows(
      [
        { line: 1, cells: ['2026 年花名册'] },
        { line: 2, cells: ['序号', '姓名', '登录名', '所在单位', '政治面貌'] },
        { line: 3, cells: ['1', ' 张三 ', 'zs', '局', '群众'] },
        { line: 4, cells: ['', '', '', '', ''] },
      ],
      zh,
    );
    expect(roster).toEqual({
      hasRoles: false,
      hasBranch: false,
      rows: [{ line: 3, name: '张三', login: 'zs', unit: '局', partyStatus: '群众', roles: '', branch: '' }],
    });
  });

  it('names the missing columns in the reader’s language', () => {
    const rows = [{ line: 1, cells: ['姓名', '登录名'] }, { line: 2, cells: ['a', 'b'] }];
    const inChinese = appErrorOf(() => readRosterRows(rows, zh));
    expect(inChinese.messageKey).toBe('importMissingColumns');
    expect(inChinese.params.columns).toBe('所在单位、政治面貌');
    expect(appErrorOf(() => readRosterRows(rows, en)).params.columns).toBe('unit, party status');
    expect(appErrorOf(() => readRosterRows([{ line: 1, cells: ['x', 'y'] }], en)).params.columns).toBe('name, login, unit, party status');
  });

  it('refuses more than the row limit as a whole, with the count', () => {
    const rows = [{ line: 1, cells: ['姓名', '登录名', '单位', '政治面貌'] }];
    for (let i = 0; i < maxRosterRows + 5; i++) rows.push({ line: i + 2, cells: ['n', `l${i}`, 'u', '群众'] });
    const error = appErrorOf(() => readRosterRows(rows, zh));
    expect([error.status, error.messageKey, error.params]).toEqual([400, 'importTooManyRows', { max: maxRosterRows, count: maxRosterRows + 5 }]);
    expect(appErrorOf(() => readRosterRows(rows.slice(0, 1), zh)).messageKey).toBe('importEmpty');
  });
});

describe('values', () => {
  it('reads party status in Chinese and English, 中共党员 as a full member', () => {
    expect(['正式党员', '中共党员', ' Full ', 'full member'].map(parsePartyStatus)).toEqual(['full', 'full', 'full', 'full']);
    expect(['预备党员', 'probationary', '中共预备党员'].map(parsePartyStatus)).toEqual(['probationary', 'probationary', 'probationary']);
    expect(['群众', 'none', '共青团员'].map(parsePartyStatus)).toEqual(['none', 'none', 'none']);
    expect(parsePartyStatus('党员吧')).toBeUndefined();
  });

  it('splits roles on semicolons (either width), commas and 、, with Chinese role names and scopes', () => {
    expect(parseRolesCell('organizer@局/一支部； 领导@局;admin、管理员,bogus@x, 组织者＠局/二支部')).toEqual([
      { text: 'organizer@局/一支部', role: 'organizer', unitPath: '局/一支部' },
      { text: '领导@局', role: 'leader', unitPath: '局' },
      { text: 'admin', role: 'admin', unitPath: undefined },
      { text: '管理员', role: 'admin', unitPath: undefined },
      { text: 'bogus@x', role: undefined, unitPath: 'x' },
      { text: '组织者@局/二支部', role: 'organizer', unitPath: '局/二支部' },
    ]);
    expect(parseRolesCell('  ')).toEqual([]);
  });
});

// ─── Planning ──────────────────────────────────────────────────────────────────────────────────────────────────────

const t0 = '2026-01-01T00:00:00.000Z';
let idCounter = 0;
const fakeId = () => `01J${String(++idCounter).padStart(23, '0')}`;

function unit(name: string, kind: Unit['kind'], parent: Unit | null, retired = false): Unit {
  return { unitId: fakeId(), name, kind, parentId: parent?.unitId ?? null, sortOrder: 0, retired, createdAt: t0, updatedAt: t0, version: 1 };
}

const bureau = unit('县政务服务管理局', 'bureau', null);
const general = unit('综合科', 'department', bureau);
const branch1 = unit('机关第一党支部', 'branch', bureau);
const group1 = unit('第一支部综合党小组', 'group', branch1);
const branch2 = unit('机关第二党支部', 'branch', bureau);
const oldDept = unit('已撤销科', 'department', bureau, true);
const twinA = unit('综合组', 'group', branch1);
const twinB = unit('综合组', 'group', branch2);
const tree = new OrgTree([bureau, general, branch1, group1, branch2, oldDept, twinA, twinB]);

function person(login: string, fields: Partial<Person> = {}): Person {
  return {
    personId: fakeId(),
    name: '某人',
    login,
    unitId: group1.unitId,
    branchId: branch1.unitId,
    partyStatus: 'full',
    roles: [{ role: 'staff' }],
    lang: 'zh-CN',
    active: true,
    mustChangePassword: false,
    passwordHash: 'scrypt$x',
    sessionEpoch: 0,
    createdAt: t0,
    updatedAt: t0,
    version: 3,
    ...fields,
  };
}

let line = 1;
function row(fields: Partial<StoredRosterRow>): StoredRosterRow {
  return { line: ++line, name: '张三', login: `p${line}`, unit: '县政务服务管理局/机关第一党支部', partyStatus: '正式党员', roles: '', branch: '', plannedPersonId: fakeId(), ...fields };
}

function plan(rows: StoredRosterRow[], holders: Array<[string, LoginHolder]> = [], options: { hasRoles?: boolean; actorId?: string } = {}) {
  return planRoster(rows, { tree, holders: new Map(holders), actor: { personId: options.actorId ?? 'ACTOR' }, hasRoles: options.hasRoles ?? true, hasBranch: false, now: t0 });
}

describe('resolveUnitPath', () => {
  it('finds a unit by its full path, or by a unique tail; says when a name is ambiguous', () => {
    expect(resolveUnitPath(tree, '县政务服务管理局 / 机关第一党支部 / 第一支部综合党小组')).toEqual({ unit: group1 });
    expect(resolveUnitPath(tree, '机关第一党支部')).toEqual({ unit: branch1 });
    expect(resolveUnitPath(tree, '综合组')).toEqual({ problem: 'ambiguous' });
    expect(resolveUnitPath(tree, '机关第二党支部/综合组')).toEqual({ unit: twinB });
    expect(resolveUnitPath(tree, '没有这个单位')).toEqual({ problem: 'unknown' });
  });
});

describe('planRoster', () => {
  it('creates new people with staff plus the roles of the file, members in the branch their unit lies in', () => {
    const result = plan([row({ login: 'New01', unit: '县政务服务管理局/机关第一党支部/第一支部综合党小组', roles: '组织者@县政务服务管理局/机关第一党支部' })]);
    expect(result.counts).toEqual({ rows: 1, create: 1, update: 0, unchanged: 0, problems: 0 });
    const [created] = result.rows;
    expect(created!.action).toBe('create');
    expect(created!.next).toMatchObject({ login: 'new01', unitId: group1.unitId, branchId: branch1.unitId, partyStatus: 'full', mustChangePassword: true, active: true });
    expect(created!.next!.roles).toEqual([{ role: 'staff' }, { role: 'organizer', unitId: branch1.unitId }]);
  });

  it('says unchanged when the row equals the stored person, and lists what an update changes', () => {
    const same = person('same01', { name: '张三' });
    const moved = person('moved01', { name: '李四' });
    const result = plan(
      [
        row({ login: 'same01', name: '张三', unit: '县政务服务管理局/机关第一党支部/第一支部综合党小组', roles: '' }),
        row({ login: 'MOVED01', name: '李四', unit: '县政务服务管理局/机关第二党支部', partyStatus: '预备党员', roles: 'leader@县政务服务管理局' }),
      ],
      [
        ['same01', { kind: 'person', person: same }],
        ['moved01', { kind: 'person', person: moved }],
      ],
    );
    expect(result.rows.map((r) => r.action)).toEqual(['unchanged', 'update']);
    expect(result.rows[1]!.changes).toEqual(['unit', 'branch', 'partyStatus', 'roles']);
    expect(result.rows[1]!.next).toMatchObject({ personId: moved.personId, unitId: branch2.unitId, branchId: branch2.unitId, partyStatus: 'probationary', version: 3 });
  });

  it('keeps a member’s branch when their unit (a department) lies in none; keeps roles when the file has no roles column', () => {
    const admin = person('adm01', { unitId: general.unitId, branchId: branch1.unitId, roles: [{ role: 'staff' }, { role: 'admin' }] });
    const result = plan([row({ login: 'adm01', name: '某人', unit: '县政务服务管理局/综合科', roles: '' })], [['adm01', { kind: 'person', person: admin }]], { hasRoles: false });
    expect(result.rows[0]!.action).toBe('unchanged');
  });

  it('reports every problem of a row, in fields, as message keys', () => {
    const taken = person('taken01');
    const rows = [
      row({ name: '', login: 'dup01' }),
      row({ login: 'dup01', unit: '没有这个单位' }),
      row({ login: 'x', partyStatus: '党员吧' }),
      row({ login: 'orph01', unit: '县政务服务管理局/已撤销科', partyStatus: '群众' }),
      row({ login: 'rl01', roles: 'organizer; admin@县政务服务管理局; 超级用户; leader@综合组' }),
      row({ login: 'mass01', partyStatus: '群众', branch: '机关第一党支部' }),
      row({ login: 'dept01', unit: '县政务服务管理局/综合科', partyStatus: '预备党员' }),
      row({ login: 'br01', unit: '县政务服务管理局/综合科', branch: '综合科' }),
      row({ login: 'self01', roles: '' }),
      row({ name: '<script>alert(1)</script>', login: 'script01' }),
      row({ name: '长'.repeat(41), login: 'long01' }),
    ];
    const self = person('self01', { personId: 'ACTOR', roles: [{ role: 'staff' }, { role: 'admin' }] });
    const result = plan(rows, [
      ['orph01', { kind: 'orphan', personId: taken.personId }],
      ['self01', { kind: 'person', person: self }],
    ]);
    const keys = result.rows.map((r) => r.problems.map((p) => `${p.field}:${p.messageKey}`));
    expect(keys).toEqual([
      ['name:importNameMissing', 'login:importLoginDuplicate'],
      ['login:importLoginDuplicate', 'unit:importUnitUnknown'],
      ['login:importLoginInvalid', 'partyStatus:importStatusInvalid'],
      ['login:importLoginHeld', 'unit:unitRetired'],
      ['roles:importRoleNeedsUnit', 'roles:importRoleNoUnit', 'roles:importRoleInvalid', 'roles:importUnitAmbiguous'],
      ['branch:noBranchForMasses'],
      ['branch:importBranchRequired'],
      ['branch:importNotABranch'],
      ['roles:selfLockout'],
      [],
      ['name:importNameTooLong'],
    ]);
    expect(result.rows[0]!.problems[1]!.params).toEqual({ login: 'dup01', lines: `${rows[0]!.line}, ${rows[1]!.line}` });
    expect(result.rows[9]!.action).toBe('create');
    expect(result.rows[9]!.next!.name).toBe('<script>alert(1)</script>');
    expect(result.counts).toMatchObject({ rows: 11, create: 1, problems: 10 });
    // Problems first in a preview.
    expect(previewOrder(result.rows).map((r) => r.action)).toEqual([...Array(10).fill('problem'), 'create']);
    // Every key has a message in both languages.
    for (const problem of result.rows.flatMap((r) => r.problems)) {
      expect(apiMessage('zh-CN', problem.messageKey, problem.params)).not.toMatch(/\{\w+\}/);
      expect(apiMessage('en', problem.messageKey, problem.params)).not.toMatch(/\{\w+\}/);
    }
  });

  it('recognises what an interrupted confirm of the same import wrote: its own claim, its own person', () => {
    const ownClaim = row({ login: 'res01' });
    const ownPerson = row({ login: 'res02', name: '王五' });
    const written = person('res02', { personId: ownPerson.plannedPersonId, name: '王五', version: 1, mustChangePassword: true });
    const result = plan([ownClaim, ownPerson], [
      ['res01', { kind: 'orphan', personId: ownClaim.plannedPersonId }],
      ['res02', { kind: 'person', person: written }],
    ]);
    expect(result.rows.map((r) => [r.action, r.resumed])).toEqual([
      ['create', 'claim'],
      ['create', 'person'],
    ]);
  });

  it('at confirm, reports a row whose login was created (or given up) since the preview instead of doing otherwise', () => {
    const someoneElse = person('since01');
    const result = plan(
      [row({ login: 'since01', previewAction: 'create' }), row({ login: 'since02', previewAction: 'unchanged' }), row({ login: 'since03', previewAction: 'create' })],
      [['since01', { kind: 'person', person: someoneElse }]],
    );
    expect(result.rows.map((r) => [r.action, r.problems.map((p) => p.messageKey)])).toEqual([
      ['problem', ['importChangedSincePreview']],
      ['problem', ['importChangedSincePreview']],
      ['create', []],
    ]);
  });
});

describe('eachLimited', () => {
  it('runs at most `limit` at once and stops taking work after a failure', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await eachLimited([...Array(50).keys()], 8, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      done.push(n);
    });
    expect(peak).toBe(8);
    expect(done).toHaveLength(50);
    const started: number[] = [];
    await expect(
      eachLimited([...Array(100).keys()], 4, async (n) => {
        started.push(n);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (n === 5) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(20);
  });
});
