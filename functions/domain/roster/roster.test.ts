import { describe, expect, it } from 'vitest';
import { apiMessage, type MessageRef } from '../../platform/i18n.js';
import { appErrorOf } from '../../../test/helpers/app-error.js';
import type { Unit } from '../org/schema.js';
import { OrgTree } from '../org/tree.js';
import type { LoginHolder, Person } from '../people/schema.js';
import { headerKey, mapHeader, maxRosterRows, parsePartyStatus, parseRolesCell, readRosterRows, resolveUnitPath } from './roster-rows.js';
import { planRoster, previewOrder, type StoredRosterRow } from './roster.js';
import { rosterMessages } from './messages.js';

const zh = (key: MessageRef) => apiMessage('zh-CN', key);
const en = (key: MessageRef) => apiMessage('en', key);

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
    expect(inChinese.messageKey).toBe(rosterMessages.importMissingColumns);
    expect(inChinese.params.columns).toBe('所在单位、政治面貌');
    expect(appErrorOf(() => readRosterRows(rows, en)).params.columns).toBe('unit, party status');
    expect(appErrorOf(() => readRosterRows([{ line: 1, cells: ['x', 'y'] }], en)).params.columns).toBe('name, login, unit, party status');
  });

  it('refuses more than the row limit as a whole, with the count', () => {
    const rows = [{ line: 1, cells: ['姓名', '登录名', '单位', '政治面貌'] }];
    for (let i = 0; i < maxRosterRows + 5; i++) rows.push({ line: i + 2, cells: ['n', `l${i}`, 'u', '群众'] });
    const error = appErrorOf(() => readRosterRows(rows, zh));
    expect([error.status, error.messageKey, error.params]).toEqual([400, rosterMessages.importTooManyRows, { max: maxRosterRows, count: maxRosterRows + 5 }]);
    expect(appErrorOf(() => readRosterRows(rows.slice(0, 1), zh)).messageKey).toBe(rosterMessages.importEmpty);
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
      { text: 'admin', role: 'sysadmin', unitPath: undefined },
      { text: '管理员', role: 'sysadmin', unitPath: undefined },
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
    const admin = person('adm01', { unitId: general.unitId, branchId: branch1.unitId, roles: [{ role: 'staff' }, { role: 'sysadmin' }] });
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
    const self = person('self01', { personId: 'ACTOR', roles: [{ role: 'staff' }, { role: 'sysadmin' }] });
    const result = plan(rows, [
      ['orph01', { kind: 'orphan', personId: taken.personId }],
      ['self01', { kind: 'person', person: self }],
    ]);
    const keys = result.rows.map((r) => r.problems.map((p) => `${p.field}:${p.messageKey.id}`));
    expect(keys).toEqual([
      ['name:roster.importNameMissing', 'login:roster.importLoginDuplicate'],
      ['login:roster.importLoginDuplicate', 'unit:roster.importUnitUnknown'],
      ['login:roster.importLoginInvalid', 'partyStatus:roster.importStatusInvalid'],
      ['login:roster.importLoginHeld', 'unit:org.unitRetired'],
      ['roles:roster.importRoleNeedsUnit', 'roles:roster.importRoleNoUnit', 'roles:roster.importRoleInvalid', 'roles:roster.importUnitAmbiguous'],
      ['branch:people.noBranchForMasses'],
      ['branch:roster.importBranchRequired'],
      ['branch:roster.importNotABranch'],
      ['roles:people.selfLockout'],
      [],
      ['name:roster.importNameTooLong'],
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
      ['problem', [rosterMessages.importChangedSincePreview]],
      ['problem', [rosterMessages.importChangedSincePreview]],
      ['create', []],
    ]);
  });
});
