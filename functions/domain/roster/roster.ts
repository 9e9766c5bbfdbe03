/**
 * Roster import (花名册导入), the plan: from the rows of a file to what importing it would do, row by row (create,
 * update, unchanged, or a problem that blocks the whole import). No I/O here: the use cases in service.ts read the
 * tree and the people involved, call `planRoster`, and write. Reading the file and its rows is in roster-file.ts and
 * roster-rows.ts.
 */
import type { MessageRef } from '../../platform/i18n.js';
import { locksSelfOut, sameAdminRoles } from '../authz/permissions.js';
import { authzMessages } from '../authz/messages.js';
import { sameGrants, scopedRoles, withStaff, type RoleGrant } from '../authz/schema.js';
import type { Unit } from '../org/schema.js';
import type { OrgTree } from '../org/tree.js';
import { PersonName, normaliseLogin, type LoginHolder, type PartyStatus, type Person } from '../people/schema.js';
import { parsePartyStatus, parseRolesCell, resolveUnitPath, type RawRosterRow, type RosterColumn } from './roster-rows.js';
import { orgMessages } from '../org/messages.js';
import { peopleMessages } from '../people/messages.js';
import { rosterMessages } from './messages.js';

/** Rows the preview answer lists (problems first); the counts always cover every row. */
export const maxPreviewRows = 1000;

// ─── The plan ──────────────────────────────────────────────────────────────────────────────────────────────────────

export type RowAction = 'create' | 'update' | 'unchanged' | 'problem';

export interface RowProblem {
  field: RosterColumn;
  messageKey: MessageRef;
  params?: Record<string, string | number>;
}

/** A row as stored with the import (S3): the file's text, and the id a new person will get (so retries converge). */
export interface StoredRosterRow extends RawRosterRow {
  plannedPersonId: string;
  /** What the preview said the row would do; a confirm that finds otherwise (a login created or renamed meanwhile)
   * reports the row instead of silently doing something else. */
  previewAction?: RowAction;
}

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

/**
 * Decides each row: checks every cell, the login's uniqueness within the file and its holder in the store, the units
 * against the tree; then compares with the stored person. A row with any problem is `problem`; the import as a
 * whole may go ahead only when no row is.
 */
export function planRoster(rows: readonly StoredRosterRow[], context: PlanContext): RosterPlan {
  const { tree, holders, actor } = context;

  // Each login in canonical form (once per row), and those that appear more than once, with their lines.
  const logins = rows.map((row) => normaliseLogin(row.login));
  const linesByLogin = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const login = logins[i];
    if (login === undefined) return;
    const lines = linesByLogin.get(login) ?? [];
    lines.push(row.line);
    linesByLogin.set(login, lines);
  });

  const planned = rows.map((row, i): PlannedRow => {
    const problems: RowProblem[] = [];
    const problem = (field: RosterColumn, messageKey: MessageRef, params?: Record<string, string | number>) =>
      problems.push({ field, messageKey, ...(params ? { params } : {}) });

    // Name: plain text (a "<script>" is just a strange name; the web escapes what it shows). The schema normalises it.
    const name = PersonName.safeParse(row.name);
    if (row.name === '') problem('name', rosterMessages.importNameMissing);
    else if (!name.success) problem('name', rosterMessages.importNameTooLong, { max: 40 });

    // Login.
    const canonical = logins[i];
    const login = canonical ?? row.login;
    let holder: LoginHolder | undefined;
    if (row.login === '') problem('login', rosterMessages.importLoginMissing);
    else if (canonical === undefined) problem('login', rosterMessages.importLoginInvalid, { login: row.login });
    else {
      const lines = linesByLogin.get(login) ?? [];
      if (lines.length > 1) problem('login', rosterMessages.importLoginDuplicate, { login, lines: lines.join(', ') });
      holder = holders.get(login);
      if (holder?.kind === 'orphan' && holder.personId !== row.plannedPersonId) problem('login', rosterMessages.importLoginHeld, { login });
    }
    const current = holder?.kind === 'person' ? holder.person : undefined;

    // Unit.
    let unit: Unit | undefined;
    if (row.unit === '') problem('unit', rosterMessages.importUnitMissing);
    else {
      const found = resolveUnitPath(tree, row.unit);
      if ('unit' in found) {
        unit = found.unit;
        if (unit.retired) problem('unit', orgMessages.unitRetired, { name: tree.pathName(unit.unitId) });
      } else problem('unit', found.problem === 'unknown' ? rosterMessages.importUnitUnknown : rosterMessages.importUnitAmbiguous, { path: row.unit });
    }

    // Party status.
    const partyStatus = row.partyStatus === '' ? undefined : parsePartyStatus(row.partyStatus);
    if (row.partyStatus === '') problem('partyStatus', rosterMessages.importStatusMissing);
    else if (!partyStatus) problem('partyStatus', rosterMessages.importStatusInvalid, { value: row.partyStatus });

    // Branch: the branch column, else the branch the unit lies in, else the branch the person already has.
    let branchId: string | null = null;
    if (partyStatus === 'none') {
      if (row.branch !== '') problem('branch', peopleMessages.noBranchForMasses);
    } else if (partyStatus && unit) {
      if (row.branch !== '') {
        const found = resolveUnitPath(tree, row.branch);
        if (!('unit' in found)) problem('branch', found.problem === 'unknown' ? rosterMessages.importUnitUnknown : rosterMessages.importUnitAmbiguous, { path: row.branch });
        else if (found.unit.kind !== 'branch') problem('branch', rosterMessages.importNotABranch, { path: tree.pathName(found.unit.unitId) });
        else if (found.unit.retired) problem('branch', orgMessages.unitRetired, { name: tree.pathName(found.unit.unitId) });
        else branchId = found.unit.unitId;
      } else {
        const kept = current && current.partyStatus !== 'none' && current.branchId && tree.get(current.branchId)?.kind === 'branch' ? current.branchId : null;
        branchId = tree.branchOf(unit.unitId)?.unitId ?? kept;
        if (!branchId) problem('branch', rosterMessages.importBranchRequired);
      }
    }

    // Roles: the cell when the file has the column (empty = staff only), else what the person has (staff for new).
    let roles: RoleGrant[] = current?.roles ?? [{ role: 'staff' }];
    if (context.hasRoles) {
      const grants: RoleGrant[] = [];
      for (const entry of parseRolesCell(row.roles)) {
        if (!entry.role) {
          problem('roles', rosterMessages.importRoleInvalid, { value: entry.text });
          continue;
        }
        const scoped = scopedRoles.includes(entry.role);
        if (scoped && !entry.unitPath) {
          problem('roles', rosterMessages.importRoleNeedsUnit, { value: entry.text });
          continue;
        }
        if (!scoped && entry.unitPath) {
          problem('roles', rosterMessages.importRoleNoUnit, { value: entry.text });
          continue;
        }
        if (!entry.unitPath) {
          grants.push({ role: entry.role });
          continue;
        }
        const found = resolveUnitPath(tree, entry.unitPath);
        if (!('unit' in found)) problem('roles', found.problem === 'unknown' ? rosterMessages.importUnitUnknown : rosterMessages.importUnitAmbiguous, { path: entry.unitPath });
        else if (found.unit.retired) problem('roles', orgMessages.unitRetired, { name: tree.pathName(found.unit.unitId) });
        else grants.push({ role: entry.role, unitId: found.unit.unitId });
      }
      roles = withStaff(grants);
      if (roles.length > 16) problem('roles', rosterMessages.importRoleTooMany, { max: 16 });
      if (current && locksSelfOut(actor, current, { roles, active: current.active })) problem('roles', peopleMessages.selfLockout);
      // Administrator roles are the security administrator's to grant (docs/decisions/047): an import keeps them as they are.
      else if (!sameAdminRoles(current?.roles ?? [], roles)) problem('roles', authzMessages.adminRolesBySecurity);
    }

    // At confirm: a login created (or given up) since the preview would turn a create into an update (or back).
    const willCreate = !current || current.personId === row.plannedPersonId;
    if (canonical !== undefined && row.previewAction !== undefined && row.previewAction !== 'problem' && (row.previewAction === 'create') !== willCreate) {
      problem('login', rosterMessages.importChangedSincePreview, { login });
    }

    const base = { row, problems, changes: [] as PlannedRow['changes'], login, unitPath: unit ? tree.pathName(unit.unitId) : row.unit, partyStatus };
    if (problems.length > 0 || !name.success || !unit || !partyStatus || canonical === undefined) {
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
      if (!sameGrants(current.roles, roles)) changes.push('roles');
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
