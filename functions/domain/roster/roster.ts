/**
 * Roster import (花名册导入), the pure part: from the rows of a file to a plan of what importing it would do, row by
 * row (create, update, unchanged, or a problem that blocks the whole import). No I/O here: the use cases in
 * roster-service.ts read the tree and the people involved, call `planRoster`, and write.
 *
 * Columns (header names in Chinese or English, in any order; unknown columns are ignored):
 *   姓名 name · 登录名 login (employee number or mobile) · 所在单位 unit (a path such as 县政务服务管理局/机关第一党支部)
 *   · 政治面貌 party status (正式党员/预备党员/群众; full/probationary/none; 中共党员 = 正式党员)
 *   · 角色 roles (optional: `organizer@<unit path>; leader@<unit path>; admin`, or 组织者/领导/管理员)
 *   · 所在党支部 branch (optional: for a member whose unit is not inside a branch, e.g. a department)
 */
import type { ApiMessageKey } from '../../platform/i18n.js';
import { AppError } from '../../platform/errors.js';
import type { SheetRow } from './roster-file.js';
import {
  Login,
  PersonName,
  scopedRoles,
  type PartyStatus,
  type Person,
  type RoleGrant,
  type RoleName,
  type Unit,
} from './schema.js';
import type { OrgTree } from './tree.js';

/** Most data rows one import takes; a larger roster is refused as a whole (import it in parts). */
export const maxRosterRows = 10_000;
/** Rows the preview answer lists (problems first); the counts always cover every row. */
export const maxPreviewRows = 1000;

// ─── Columns ───────────────────────────────────────────────────────────────────────────────────────────────────────

export const rosterColumns = ['name', 'login', 'unit', 'partyStatus', 'roles', 'branch'] as const;
export type RosterColumn = (typeof rosterColumns)[number];
export const requiredColumns: readonly RosterColumn[] = ['name', 'login', 'unit', 'partyStatus'];

/** Header spellings each column is known by, compared after `headerKey` folding. */
const headerAliases: Record<RosterColumn, string[]> = {
  name: ['姓名', '名字', '人员姓名', '职工姓名', 'name', 'fullname', 'personname'],
  login: ['登录名', '登录账号', '账号', '帐号', '用户名', '工号', '手机号', '手机', '手机号码', '工号或手机号', 'login', 'username', 'account', 'employeenumber', 'employeeno', 'mobile', 'phone'],
  unit: ['所在单位', '单位', '所在部门', '部门', '单位路径', '所属单位', '所在组织', 'unit', 'unitpath', 'department', 'organisation', 'organization'],
  partyStatus: ['政治面貌', '党员身份', '党籍', 'partystatus', 'status', 'politicalstatus'],
  roles: ['角色', '权限', 'roles', 'role'],
  branch: ['所在党支部', '党支部', '所在支部', '支部', '所属党支部', 'branch', 'partybranch'],
};

/** A header folded for comparison: NFKC, lower case, without spaces, `*` marks, `_`/`-` and any (note). */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s*_\-:：]/g, '');
}

const aliasIndex = new Map<string, RosterColumn>(
  rosterColumns.flatMap((column) => headerAliases[column].map((alias) => [headerKey(alias), column] as const)),
);

export interface HeaderMap {
  /** Zero-based cell index of each recognised column. */
  columns: Partial<Record<RosterColumn, number>>;
  /** Required columns not found. */
  missing: RosterColumn[];
}

export function mapHeader(cells: readonly string[]): HeaderMap {
  const columns: Partial<Record<RosterColumn, number>> = {};
  cells.forEach((cell, index) => {
    const column = aliasIndex.get(headerKey(cell));
    if (column && columns[column] === undefined) columns[column] = index;
  });
  return { columns, missing: requiredColumns.filter((column) => columns[column] === undefined) };
}

// ─── Raw rows ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** One data row as the file has it (cells trimmed), with the line it came from. */
export interface RawRosterRow {
  line: number;
  name: string;
  login: string;
  unit: string;
  partyStatus: string;
  roles: string;
  branch: string;
}

export interface RosterRows {
  /** Whether the file has a roles column: without one, an import keeps people's roles as they are. */
  hasRoles: boolean;
  hasBranch: boolean;
  rows: RawRosterRow[];
}

const cellText = (value: string | undefined) => (value ?? '').replace(/\u00a0/g, ' ').trim();

/**
 * Finds the header (the first row among the first five that names the required columns: a title row above it is
 * common) and turns the rows under it into raw rows. Throws a 4xx for a file without a usable header, without data,
 * or with more than `maxRosterRows` rows.
 */
export function readRosterRows(sheet: readonly SheetRow[], lang: (key: ApiMessageKey) => string): RosterRows {
  let headerAt = -1;
  let header: HeaderMap | undefined;
  for (let i = 0; i < Math.min(sheet.length, 5); i++) {
    const candidate = mapHeader(sheet[i]!.cells);
    if (candidate.missing.length === 0) {
      headerAt = i;
      header = candidate;
      break;
    }
    if (!header || candidate.missing.length < header.missing.length) header = candidate;
  }
  if (headerAt < 0 || !header) {
    const missing = header && header.missing.length < requiredColumns.length ? header.missing : requiredColumns;
    const columnName: Record<RosterColumn, ApiMessageKey> = {
      name: 'importColumnName',
      login: 'importColumnLogin',
      unit: 'importColumnUnit',
      partyStatus: 'importColumnPartyStatus',
      roles: 'importColumnRoles',
      branch: 'importColumnBranch',
    };
    throw new AppError('VALIDATION', {
      messageKey: 'importMissingColumns',
      params: { columns: missing.map((column) => lang(columnName[column])).join(lang('importListSeparator')) },
      details: [{ missingColumns: missing }],
    });
  }
  const { columns } = header;
  const at = (cells: readonly string[], column: RosterColumn) => (columns[column] === undefined ? '' : cellText(cells[columns[column]!]));
  const rows: RawRosterRow[] = [];
  let count = 0;
  for (const { line, cells } of sheet.slice(headerAt + 1)) {
    if (cells.every((cell) => cellText(cell) === '')) continue;
    count++;
    if (count > maxRosterRows) continue; // keep counting, for the message
    rows.push({
      line,
      name: at(cells, 'name'),
      login: at(cells, 'login'),
      unit: at(cells, 'unit'),
      partyStatus: at(cells, 'partyStatus'),
      roles: at(cells, 'roles'),
      branch: at(cells, 'branch'),
    });
  }
  if (count > maxRosterRows) throw new AppError('VALIDATION', { messageKey: 'importTooManyRows', params: { max: maxRosterRows, count } });
  if (count === 0) throw new AppError('VALIDATION', { messageKey: 'importEmpty' });
  return { hasRoles: columns.roles !== undefined, hasBranch: columns.branch !== undefined, rows };
}

// ─── Values ────────────────────────────────────────────────────────────────────────────────────────────────────────

const fold = (value: string) => value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

const statusWords: Record<string, PartyStatus> = {
  正式党员: 'full',
  中共党员: 'full',
  党员: 'full',
  中国共产党党员: 'full',
  full: 'full',
  'full member': 'full',
  member: 'full',
  'party member': 'full',
  预备党员: 'probationary',
  中共预备党员: 'probationary',
  probationary: 'probationary',
  'probationary member': 'probationary',
  群众: 'none',
  共青团员: 'none',
  团员: 'none',
  无党派人士: 'none',
  无: 'none',
  none: 'none',
  masses: 'none',
  'non-member': 'none',
  'not a member': 'none',
};

/** 正式党员 / 中共党员 / full → full; 预备党员 / probationary → probationary; 群众 / none → none; otherwise undefined. */
export function parsePartyStatus(raw: string): PartyStatus | undefined {
  return statusWords[fold(raw)];
}

const roleWords: Record<string, RoleName> = {
  staff: 'staff',
  职工: 'staff',
  员工: 'staff',
  organizer: 'organizer',
  organiser: 'organizer',
  组织者: 'organizer',
  组织员: 'organizer',
  leader: 'leader',
  领导: 'leader',
  admin: 'admin',
  administrator: 'admin',
  管理员: 'admin',
  系统管理员: 'admin',
};

export function parseRoleName(raw: string): RoleName | undefined {
  return roleWords[fold(raw)];
}

/** One entry of the roles cell: `organizer@县政务服务管理局/机关第一党支部`, `admin`, `组织者@…`. */
export interface RoleEntry {
  text: string;
  role: RoleName | undefined;
  unitPath: string | undefined;
}

/** Splits a roles cell on `;` `；` `,` `，` `、` or line breaks, each entry `role` or `role@unit path`. */
export function parseRolesCell(raw: string): RoleEntry[] {
  return raw
    .normalize('NFKC')
    .split(/[;,、\n\r]+/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((text) => {
      const at = text.indexOf('@');
      const name = at < 0 ? text : text.slice(0, at);
      const unitPath = at < 0 ? undefined : text.slice(at + 1).trim() || undefined;
      return { text, role: parseRoleName(name), unitPath };
    });
}

/** A unit name folded for comparison: NFKC (full-width brackets and letters as typed on a Chinese IME), no spaces. */
export function unitNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Splits a unit path on `/` (also `／`, `>` and `\\`), each name folded by `unitNameKey`. */
export function splitUnitPath(raw: string): string[] {
  return raw
    .normalize('NFKC')
    .split(/[/>\\]+/)
    .map(unitNameKey)
    .filter(Boolean);
}

const pathCache = new WeakMap<OrgTree, Array<{ unit: Unit; path: string[] }>>();

/** Every unit with its path of folded names (computed once per tree). */
function keyedPaths(tree: OrgTree): Array<{ unit: Unit; path: string[] }> {
  let keyed = pathCache.get(tree);
  if (!keyed) {
    keyed = tree.ordered().map((unit) => ({ unit, path: tree.path(unit.unitId).map((id) => unitNameKey(tree.get(id)?.name ?? '')) }));
    pathCache.set(tree, keyed);
  }
  return keyed;
}

export type UnitLookup = { unit: Unit } | { problem: 'unknown' | 'ambiguous' };

/**
 * The unit a path names, names compared by `unitNameKey`: the full path from the root first; failing that, a unique
 * unit whose path ends with the given names (so `机关第一党支部` alone is enough while only one unit has that name).
 */
export function resolveUnitPath(tree: OrgTree, raw: string): UnitLookup {
  const names = splitUnitPath(raw);
  if (names.length === 0) return { problem: 'unknown' };
  const keyed = keyedPaths(tree);
  const exact = keyed.filter(({ path }) => path.length === names.length && path.every((name, i) => name === names[i]));
  if (exact.length === 1) return { unit: exact[0]!.unit };
  const tails = keyed.filter(({ path }) => path.length >= names.length && path.slice(path.length - names.length).every((name, i) => name === names[i]));
  if (tails.length === 1) return { unit: tails[0]!.unit };
  return { problem: tails.length === 0 ? 'unknown' : 'ambiguous' };
}

// ─── The plan ──────────────────────────────────────────────────────────────────────────────────────────────────────

export type RowAction = 'create' | 'update' | 'unchanged' | 'problem';

export interface RowProblem {
  field: RosterColumn;
  messageKey: ApiMessageKey;
  params?: Record<string, string | number>;
}

/** A row as stored with the import (S3): the file's text, and the id a new person will get (so retries converge). */
export interface StoredRosterRow extends RawRosterRow {
  plannedPersonId: string;
  /** What the preview said the row would do; a confirm that finds otherwise (a login created or renamed meanwhile)
   * reports the row instead of silently doing something else. */
  previewAction?: RowAction;
}

/** What the store found for a login: nobody, a person, or a claim whose person is missing or elsewhere. */
export type LoginHolder = { kind: 'person'; person: Person } | { kind: 'orphan'; personId: string };

export interface PlannedRow {
  row: StoredRosterRow;
  action: RowAction;
  problems: RowProblem[];
  /** The fields an update changes. */
  changes: Array<'name' | 'unit' | 'branch' | 'partyStatus' | 'roles'>;
  /** The login in canonical form (or the cell's text when it is not a login). */
  login: string;
  /** The unit's full path when found (else the cell's text). */
  unitPath: string;
  partyStatus: PartyStatus | undefined;
  /** For create and update: the person as they will be stored (password hash filled in at write time). */
  next?: Person;
  /** For update (and a create resumed after a crash): the person as stored now. */
  current?: Person;
  /** A create whose login claim (and maybe person) an earlier, interrupted confirm of this import already wrote. */
  resumed?: 'claim' | 'person';
}

export interface RosterPlan {
  rows: PlannedRow[];
  counts: { rows: number; create: number; update: number; unchanged: number; problems: number };
}

export interface PlanContext {
  tree: OrgTree;
  /** Holders of the logins of the file, by canonical login. */
  holders: ReadonlyMap<string, LoginHolder>;
  actor: { personId: string };
  hasRoles: boolean;
  hasBranch: boolean;
  /** Timestamp for new people. */
  now: string;
}

const grantKey = (grant: RoleGrant) => `${grant.role}@${grant.unitId ?? ''}`;

/** Everyone holds the staff role; duplicates go. */
function withStaff(roles: RoleGrant[]): RoleGrant[] {
  const seen = new Set<string>();
  return [{ role: 'staff' as const }, ...roles].filter((grant) => {
    const key = grantKey(grant);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const sameRoles = (a: RoleGrant[], b: RoleGrant[]) => {
  const left = a.map(grantKey).sort();
  const right = b.map(grantKey).sort();
  return left.length === right.length && left.every((key, i) => key === right[i]);
};

/**
 * Decides each row: checks every cell, the login's uniqueness within the file and its holder in the store, the units
 * against the tree; then compares with the stored person. A row with any problem is `problem`; the import as a
 * whole may go ahead only when no row is.
 */
export function planRoster(rows: readonly StoredRosterRow[], context: PlanContext): RosterPlan {
  const { tree, holders, actor } = context;

  // Logins that appear more than once in the file, with the lines they are on.
  const linesByLogin = new Map<string, number[]>();
  for (const row of rows) {
    const login = Login.safeParse(row.login);
    if (!login.success) continue;
    const lines = linesByLogin.get(login.data) ?? [];
    lines.push(row.line);
    linesByLogin.set(login.data, lines);
  }

  const planned = rows.map((row): PlannedRow => {
    const problems: RowProblem[] = [];
    const problem = (field: RosterColumn, messageKey: ApiMessageKey, params?: Record<string, string | number>) =>
      problems.push({ field, messageKey, ...(params ? { params } : {}) });

    // Name: plain text (a "<script>" is just a strange name; the web escapes what it shows).
    const name = PersonName.safeParse(row.name.normalize('NFC'));
    if (row.name === '') problem('name', 'importNameMissing');
    else if (!name.success) problem('name', 'importNameTooLong', { max: 40 });

    // Login.
    const parsedLogin = Login.safeParse(row.login);
    const login = parsedLogin.success ? parsedLogin.data : row.login;
    let holder: LoginHolder | undefined;
    if (row.login === '') problem('login', 'importLoginMissing');
    else if (!parsedLogin.success) problem('login', 'importLoginInvalid', { login: row.login });
    else {
      const lines = linesByLogin.get(login) ?? [];
      if (lines.length > 1) problem('login', 'importLoginDuplicate', { login, lines: lines.join(', ') });
      holder = holders.get(login);
      if (holder?.kind === 'orphan' && holder.personId !== row.plannedPersonId) problem('login', 'importLoginHeld', { login });
    }
    const current = holder?.kind === 'person' ? holder.person : undefined;

    // Unit.
    let unit: Unit | undefined;
    if (row.unit === '') problem('unit', 'importUnitMissing');
    else {
      const found = resolveUnitPath(tree, row.unit);
      if ('unit' in found) {
        unit = found.unit;
        if (unit.retired) problem('unit', 'unitRetired', { name: tree.pathName(unit.unitId) });
      } else problem('unit', found.problem === 'unknown' ? 'importUnitUnknown' : 'importUnitAmbiguous', { path: row.unit });
    }

    // Party status.
    const partyStatus = row.partyStatus === '' ? undefined : parsePartyStatus(row.partyStatus);
    if (row.partyStatus === '') problem('partyStatus', 'importStatusMissing');
    else if (!partyStatus) problem('partyStatus', 'importStatusInvalid', { value: row.partyStatus });

    // Branch: the branch column, else the branch the unit lies in, else the branch the person already has.
    let branchId: string | null = null;
    if (partyStatus === 'none') {
      if (row.branch !== '') problem('branch', 'noBranchForMasses');
    } else if (partyStatus && unit) {
      if (row.branch !== '') {
        const found = resolveUnitPath(tree, row.branch);
        if (!('unit' in found)) problem('branch', found.problem === 'unknown' ? 'importUnitUnknown' : 'importUnitAmbiguous', { path: row.branch });
        else if (found.unit.kind !== 'branch') problem('branch', 'importNotABranch', { path: tree.pathName(found.unit.unitId) });
        else if (found.unit.retired) problem('branch', 'unitRetired', { name: tree.pathName(found.unit.unitId) });
        else branchId = found.unit.unitId;
      } else {
        const kept = current && current.partyStatus !== 'none' && current.branchId && tree.get(current.branchId)?.kind === 'branch' ? current.branchId : null;
        branchId = tree.branchOf(unit.unitId)?.unitId ?? kept;
        if (!branchId) problem('branch', 'importBranchRequired');
      }
    }

    // Roles: the cell when the file has the column (empty = staff only), else what the person has (staff for new).
    let roles: RoleGrant[] = current?.roles ?? [{ role: 'staff' }];
    if (context.hasRoles) {
      const grants: RoleGrant[] = [];
      for (const entry of parseRolesCell(row.roles)) {
        if (!entry.role) {
          problem('roles', 'importRoleInvalid', { value: entry.text });
          continue;
        }
        const scoped = scopedRoles.includes(entry.role);
        if (scoped && !entry.unitPath) {
          problem('roles', 'importRoleNeedsUnit', { value: entry.text });
          continue;
        }
        if (!scoped && entry.unitPath) {
          problem('roles', 'importRoleNoUnit', { value: entry.text });
          continue;
        }
        if (!entry.unitPath) {
          grants.push({ role: entry.role });
          continue;
        }
        const found = resolveUnitPath(tree, entry.unitPath);
        if (!('unit' in found)) problem('roles', found.problem === 'unknown' ? 'importUnitUnknown' : 'importUnitAmbiguous', { path: entry.unitPath });
        else if (found.unit.retired) problem('roles', 'unitRetired', { name: tree.pathName(found.unit.unitId) });
        else grants.push({ role: entry.role, unitId: found.unit.unitId });
      }
      roles = withStaff(grants);
      if (roles.length > 16) problem('roles', 'importRoleTooMany', { max: 16 });
      if (current && current.personId === actor.personId && !roles.some((grant) => grant.role === 'admin')) problem('roles', 'selfLockout');
    }

    // At confirm: a login created (or given up) since the preview would turn a create into an update (or back).
    const willCreate = !current || current.personId === row.plannedPersonId;
    if (parsedLogin.success && row.previewAction !== undefined && row.previewAction !== 'problem' && (row.previewAction === 'create') !== willCreate) {
      problem('login', 'importChangedSincePreview', { login });
    }

    const base = { row, problems, changes: [] as PlannedRow['changes'], login, unitPath: unit ? tree.pathName(unit.unitId) : row.unit, partyStatus };
    if (problems.length > 0 || !name.success || !unit || !partyStatus || !parsedLogin.success) {
      return { ...base, action: 'problem', ...(current ? { current } : {}) };
    }

    // A person an interrupted confirm of this very import created (its planned id): finish it as a create.
    if (current && current.personId === row.plannedPersonId) {
      return { ...base, action: 'create', current, next: { ...current, name: name.data, unitId: unit.unitId, branchId, partyStatus, roles }, resumed: 'person' };
    }

    if (current) {
      const changes: PlannedRow['changes'] = [];
      if (current.name !== name.data) changes.push('name');
      if (current.unitId !== unit.unitId) changes.push('unit');
      if (current.branchId !== branchId) changes.push('branch');
      if (current.partyStatus !== partyStatus) changes.push('partyStatus');
      if (!sameRoles(current.roles, roles)) changes.push('roles');
      if (changes.length === 0) return { ...base, action: 'unchanged', current };
      const next: Person = { ...current, name: name.data, unitId: unit.unitId, branchId, partyStatus, roles };
      return { ...base, action: 'update', changes, current, next };
    }

    const next: Person = {
      personId: row.plannedPersonId,
      name: name.data,
      login,
      unitId: unit.unitId,
      branchId,
      partyStatus,
      roles,
      lang: 'zh-CN',
      active: true,
      mustChangePassword: true,
      passwordHash: 'pending',
      sessionEpoch: 0,
      createdAt: context.now,
      updatedAt: context.now,
      version: 1,
    };
    return { ...base, action: 'create', next, ...(holder?.kind === 'orphan' ? { resumed: 'claim' as const } : {}) };
  });

  const counts = { rows: planned.length, create: 0, update: 0, unchanged: 0, problems: 0 };
  for (const row of planned) {
    if (row.action === 'problem') counts.problems++;
    else counts[row.action]++;
  }
  return { rows: planned, counts };
}

/** The rows a preview shows: problems first, then creates, updates and the unchanged, each in file order. */
export function previewOrder(rows: readonly PlannedRow[], limit = maxPreviewRows): PlannedRow[] {
  const rank: Record<RowAction, number> = { problem: 0, create: 1, update: 2, unchanged: 3 };
  return [...rows].sort((a, b) => rank[a.action] - rank[b.action] || a.row.line - b.row.line).slice(0, limit);
}
