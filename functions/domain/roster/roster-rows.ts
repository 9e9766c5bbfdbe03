/**
 * Roster import (花名册导入), reading the rows: which column is which, the raw rows under the header, and the values of
 * the cells (party status, roles, unit paths). Pure; roster.ts plans what the rows would do.
 *
 * Columns (header names in Chinese or English, in any order; unknown columns are ignored):
 *   姓名 name · 登录名 login (employee number or mobile) · 所在单位 unit (a path such as 县政务服务管理局/机关第一党支部)
 *   · 政治面貌 party status (正式党员/预备党员/群众; full/probationary/none; 中共党员 = 正式党员)
 *   · 角色 roles (optional: `organizer@<unit path>; leader@<unit path>; admin`, or 组织者/领导/管理员)
 *   · 所在党支部 branch (optional: for a member whose unit is not inside a branch, e.g. a department)
 */
import type { MessageRef } from '../../platform/i18n.js';
import { AppError } from '../../platform/errors.js';
import type { SheetRow } from '../../platform/sheet-file.js';
import type { RoleName } from '../authz/schema.js';
import type { Unit } from '../org/schema.js';
import type { OrgTree } from '../org/tree.js';
import type { PartyStatus } from '../people/schema.js';
import { rosterMessages } from './messages.js';

/** Most data rows one import takes; a larger roster is refused as a whole (import it in parts). */
export const maxRosterRows = 10_000;

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
export function readRosterRows(sheet: readonly SheetRow[], lang: (key: MessageRef) => string): RosterRows {
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
    const columnName: Record<RosterColumn, MessageRef> = {
      name: rosterMessages.importColumnName,
      login: rosterMessages.importColumnLogin,
      unit: rosterMessages.importColumnUnit,
      partyStatus: rosterMessages.importColumnPartyStatus,
      roles: rosterMessages.importColumnRoles,
      branch: rosterMessages.importColumnBranch,
    };
    throw new AppError('VALIDATION', {
      messageKey: rosterMessages.importMissingColumns,
      params: { columns: missing.map((column) => lang(columnName[column])).join(lang(rosterMessages.importListSeparator)) },
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
  if (count > maxRosterRows) throw new AppError('VALIDATION', { messageKey: rosterMessages.importTooManyRows, params: { max: maxRosterRows, count } });
  if (count === 0) throw new AppError('VALIDATION', { messageKey: rosterMessages.importEmpty });
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
  // The three administrator roles (三员分立): an import may name them only as the person already holds them.
  admin: 'sysadmin',
  administrator: 'sysadmin',
  sysadmin: 'sysadmin',
  管理员: 'sysadmin',
  系统管理员: 'sysadmin',
  secadmin: 'secadmin',
  安全管理员: 'secadmin',
  auditor: 'auditor',
  审计管理员: 'auditor',
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
