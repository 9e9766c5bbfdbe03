/**
 * Use cases for the organisation tree and people. Each takes the acting person and checks, through permissions.ts,
 * both the operation and the data it touches; no adapter can forget it.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import { languages } from '../../platform/i18n.js';
import { config } from '../../platform/config.js';
import { text } from '../../platform/fields.js';
import { diff, recordAudit } from '../audit/service.js';
import { authorize, reachesPerson, type Actor } from './permissions.js';
import {
  Id,
  Login,
  PartyStatus,
  PersonName,
  RoleGrant,
  UnitKind,
  UnitName,
  toPublicPerson,
  type Person,
  type PublicPerson,
  type Unit,
} from './schema.js';
import * as store from './store.js';
import { OrgTree } from './tree.js';

// ─── Inputs ────────────────────────────────────────────────────────────────────────────────────────────────────────

export const CreateUnitInput = z
  .object({ name: UnitName, kind: UnitKind, parentId: Id, sortOrder: z.number().int().min(0).max(9999).optional() })
  .strict();

export const UpdateUnitInput = z
  .object({
    version: z.number().int().min(1),
    name: UnitName.optional(),
    kind: UnitKind.optional(),
    parentId: Id.optional(),
    sortOrder: z.number().int().min(0).max(9999).optional(),
    retired: z.boolean().optional(),
  })
  .strict();

const PersonFieldsInput = {
  name: PersonName,
  login: Login,
  unitId: Id,
  partyStatus: PartyStatus,
  /** The Party branch; for members it defaults to the branch the unit lies in. */
  branchId: Id.nullable().optional(),
  roles: z.array(RoleGrant).max(16).optional(),
  lang: z.enum(languages).optional(),
};

export const CreatePersonInput = z
  .object({ ...PersonFieldsInput, initialPassword: z.string().min(8).max(200).optional() })
  .strict();

export const UpdatePersonInput = z
  .object({
    version: z.number().int().min(1),
    name: PersonFieldsInput.name.optional(),
    login: PersonFieldsInput.login.optional(),
    unitId: PersonFieldsInput.unitId.optional(),
    partyStatus: PersonFieldsInput.partyStatus.optional(),
    branchId: PersonFieldsInput.branchId,
    roles: PersonFieldsInput.roles,
    lang: PersonFieldsInput.lang,
    active: z.boolean().optional(),
  })
  .strict();

export const ResetPasswordInput = z.object({ newPassword: z.string().min(8).max(200).optional() }).strict();

export const ListPeopleQuery = z.object({
  q: text({ label: 'searchWords', max: 40, min: 0 }).optional(),
  unitId: Id.optional(),
  includeDisabled: z.boolean().optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

// ─── Helpers ───────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The organisation tree, read once and kept for a few seconds per process (see docs/decisions/005): every permission
 * check needs it, and it changes a few times a year. A unit written by this process drops the copy at once.
 */
const treeTtlMs = 15_000;
let cachedTree: { tree: OrgTree; at: number; table: string } | undefined;

export async function loadTree(): Promise<OrgTree> {
  const table = config().tableName;
  const now = Date.now();
  if (cachedTree && cachedTree.table === table && now - cachedTree.at < treeTtlMs) return cachedTree.tree;
  const tree = new OrgTree(await store.listUnits());
  cachedTree = { tree, at: now, table };
  return tree;
}

/** Forget the cached tree (after a unit changed here, or in tests that change units behind the service's back). */
export function forgetTree(): void {
  cachedTree = undefined;
}

const personLabel = (person: Pick<Person, 'personId' | 'name'>) => ({ type: 'person' as const, id: person.personId, label: person.name });
const unitLabel = (unit: Pick<Unit, 'unitId' | 'name'>) => ({ type: 'unit' as const, id: unit.unitId, label: unit.name });

/** A readable one-time password: no look-alike characters, letters and digits both present. */
export function generatePassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  const all = letters + digits;
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [pick(letters), pick(digits), ...Array.from({ length: 8 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/**
 * Checks a person's placement against the tree: an existing, unretired unit; members in a branch (by default the one
 * their unit lies in), non-members in none; role scopes naming existing units. Returns the branch to store.
 */
export function checkPlacement(
  tree: OrgTree,
  person: { unitId: string; partyStatus: Person['partyStatus']; branchId?: string | null; roles: RoleGrant[] },
): string | null {
  const unit = tree.get(person.unitId);
  if (!unit) throw new AppError('VALIDATION', { messageKey: 'unitNotFound', details: [{ path: 'unitId' }] });
  if (unit.retired) throw new AppError('VALIDATION', { messageKey: 'unitRetired', params: { name: unit.name }, details: [{ path: 'unitId' }] });
  let branchId = person.branchId ?? null;
  if (person.partyStatus === 'none') {
    if (branchId) throw new AppError('VALIDATION', { messageKey: 'noBranchForMasses', details: [{ path: 'branchId' }] });
  } else {
    branchId ??= tree.branchOf(unit.unitId)?.unitId ?? null;
    if (!branchId) throw new AppError('VALIDATION', { messageKey: 'branchRequired', details: [{ path: 'branchId' }] });
    if (tree.get(branchId)?.kind !== 'branch') throw new AppError('VALIDATION', { messageKey: 'notABranch', details: [{ path: 'branchId' }] });
  }
  for (const grant of person.roles) {
    if (grant.unitId && !tree.get(grant.unitId)) throw new AppError('VALIDATION', { messageKey: 'unitNotFound', details: [{ path: 'roles' }] });
  }
  return branchId;
}

/** Everyone holds the staff role; the list is kept without duplicates. */
export function withStaff(roles: RoleGrant[] | undefined): RoleGrant[] {
  const all = [{ role: 'staff' as const }, ...(roles ?? [])];
  const seen = new Set<string>();
  return all.filter((grant) => {
    const key = `${grant.role}@${grant.unitId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ─── Me ────────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The acting person as stored: as the session check just read them, else read now. */
export async function actingPerson(actor: Actor): Promise<PublicPerson | undefined> {
  return actor.profile ?? store.getPerson(actor.personId).then((person) => person && toPublicPerson(person));
}

export async function getMe(actor: Actor | null) {
  authorize(actor, 'getMe');
  const [person, tree] = await Promise.all([actingPerson(actor!), loadTree()]);
  if (!person) throw new AppError('UNAUTHENTICATED');
  return describePerson(person, tree);
}

/** A person with the names of the units they sit in and reach, for display. */
export function describePerson(person: PublicPerson, tree: OrgTree) {
  return {
    ...person,
    unitName: tree.get(person.unitId)?.name ?? '',
    unitPath: tree.pathName(person.unitId),
    branchName: person.branchId ? (tree.get(person.branchId)?.name ?? '') : null,
    roles: person.roles.map((grant) => ({ ...grant, ...(grant.unitId ? { unitName: tree.get(grant.unitId)?.name ?? '' } : {}) })),
  };
}

/** Saves the actor's language choice on their profile (the cookie is the API layer's business). */
export async function setMyLanguage(actor: Actor, lang: Person['lang']): Promise<void> {
  const person = await store.getPerson(actor.personId);
  if (!person || person.lang === lang) return;
  await store.savePerson({ ...person, lang }, person.version).catch(() => undefined);
}

// ─── Units ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function listUnits(actor: Actor | null) {
  authorize(actor, 'listUnits');
  const tree = await loadTree();
  return tree.ordered().map((unit) => ({ ...unit, depth: tree.path(unit.unitId).length - 1, pathName: tree.pathName(unit.unitId) }));
}

export async function createUnit(actor: Actor | null, input: unknown) {
  authorize(actor, 'createUnit');
  const data = CreateUnitInput.parse(input);
  const tree = await loadTree();
  const parent = tree.get(data.parentId);
  if (!parent) throw new AppError('VALIDATION', { messageKey: 'unitNotFound', details: [{ path: 'parentId' }] });
  if (parent.retired) throw new AppError('VALIDATION', { messageKey: 'unitRetired', params: { name: parent.name }, details: [{ path: 'parentId' }] });
  const sortOrder = data.sortOrder ?? (Math.max(-10, ...tree.children(parent.unitId).map((u) => u.sortOrder)) + 10);
  const unit = await store.createUnit({ name: data.name, kind: data.kind, parentId: parent.unitId, sortOrder: Math.min(sortOrder, 9999) });
  forgetTree();
  await recordAudit({ action: 'createUnit', actor, target: unitLabel(unit), changes: diff({}, unit, ['unitId', 'retired']) });
  return unit;
}

/** Renames, moves, reorders, retires or reinstates a unit. A unit with active people or units under it cannot retire. */
export async function updateUnit(actor: Actor | null, unitId: string, input: unknown) {
  authorize(actor, 'updateUnit');
  const data = UpdateUnitInput.parse(input);
  const tree = await loadTree();
  const unit = tree.get(unitId);
  if (!unit) throw new AppError('NOT_FOUND', { messageKey: 'unitNotFound' });
  const next: Unit = {
    ...unit,
    ...(data.name !== undefined ? { name: data.name } : {}),
    ...(data.kind !== undefined ? { kind: data.kind } : {}),
    ...(data.sortOrder !== undefined ? { sortOrder: data.sortOrder } : {}),
    ...(data.retired !== undefined ? { retired: data.retired } : {}),
  };
  if (data.parentId !== undefined && data.parentId !== unit.parentId) {
    if (unit.parentId === null) throw new AppError('VALIDATION', { messageKey: 'rootUnit', details: [{ path: 'parentId' }] });
    const parent = tree.get(data.parentId);
    if (!parent) throw new AppError('VALIDATION', { messageKey: 'unitNotFound', details: [{ path: 'parentId' }] });
    if (tree.isWithin(parent.unitId, unit.unitId)) throw new AppError('VALIDATION', { messageKey: 'unitCycle', details: [{ path: 'parentId' }] });
    if (parent.retired) throw new AppError('VALIDATION', { messageKey: 'unitRetired', params: { name: parent.name }, details: [{ path: 'parentId' }] });
    next.parentId = parent.unitId;
  }
  if (next.retired && !unit.retired) {
    if (unit.parentId === null) throw new AppError('VALIDATION', { messageKey: 'rootUnit', details: [{ path: 'retired' }] });
    const activeChildren = tree.children(unit.unitId).filter((child) => !child.retired).length;
    const people = await store.countActivePeopleOfUnit(unit.unitId);
    if (activeChildren > 0 || people > 0) {
      throw new AppError('CONFLICT', { messageKey: 'unitNotEmpty', params: { name: unit.name, people, units: activeChildren } });
    }
  }
  const saved = await store.saveUnit(next, data.version);
  forgetTree();
  await recordAudit({ action: 'updateUnit', actor, target: unitLabel(saved), changes: diff(unit, saved) });
  return saved;
}

// ─── People ────────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * People the actor may see, filtered by name or login (`q`, a part of either) and unit (with its subtree), sorted
 * by login and paged. Organizers and leaders see their subtree; admins everyone.
 */
export async function listPeople(actor: Actor | null, query: unknown) {
  const grant = authorize(actor, 'listPeople');
  const { q, unitId, includeDisabled, cursor, limit } = ListPeopleQuery.parse(query);
  const tree = await loadTree();
  let unitIds: Set<string> | undefined;
  if (unitId) unitIds = new Set(tree.subtree(unitId).map((u) => u.unitId));
  const needle = q?.toLowerCase();
  const page = await store.scanPeoplePages(
    (person: PublicPerson) =>
      (includeDisabled || person.active) &&
      (!unitIds || unitIds.has(person.unitId)) &&
      (!needle || person.name.toLowerCase().includes(needle) || person.login.includes(needle)) &&
      reachesPerson(grant, actor!, person, tree),
    { cursor: cursor ?? null, limit: limit ?? 50 },
  );
  return { items: page.items.map((person) => describePerson(person, tree)), cursor: page.cursor };
}

/** One person, if the actor reaches them; otherwise as if they did not exist (404). */
export async function getPerson(actor: Actor | null, personId: string) {
  const grant = authorize(actor, 'getPerson');
  const [person, tree] = await Promise.all([store.getPerson(personId), loadTree()]);
  if (!person || !reachesPerson(grant, actor!, person, tree)) throw new AppError('NOT_FOUND', { messageKey: 'personNotFound' });
  return describePerson(toPublicPerson(person), tree);
}

/**
 * Creates an account. It must set a new password at first sign-in; the initial password (given, or generated here)
 * is returned once and never stored in clear.
 */
export async function createPerson(actor: Actor | null, input: unknown) {
  authorize(actor, 'createPerson');
  const data = CreatePersonInput.parse(input);
  const tree = await loadTree();
  const roles = withStaff(data.roles);
  const branchId = checkPlacement(tree, { ...data, roles });
  const initialPassword = data.initialPassword ?? generatePassword();
  const created = await store.createPerson({
    name: data.name,
    login: data.login,
    unitId: data.unitId,
    branchId,
    partyStatus: data.partyStatus,
    roles,
    lang: data.lang ?? 'zh-CN',
    mustChangePassword: true,
    passwordHash: await hashPassword(initialPassword),
  }).catch(rethrowLoginTaken(data.login));
  await recordAudit({ action: 'createPerson', actor, target: personLabel(created), changes: diff({}, created, ['personId', 'mustChangePassword']) });
  return { person: describePerson(created, tree), initialPassword };
}

/**
 * Edits an account: name, login, unit, Party status and branch, roles, language, active. Disabling ends the person's
 * sessions at once; their records stay. An admin cannot disable themselves or drop their own admin role.
 */
export async function updatePerson(actor: Actor | null, personId: string, input: unknown) {
  authorize(actor, 'updatePerson');
  const data = UpdatePersonInput.parse(input);
  const [person, tree] = await Promise.all([store.getPerson(personId), loadTree()]);
  if (!person) throw new AppError('NOT_FOUND', { messageKey: 'personNotFound' });
  const roles = data.roles ? withStaff(data.roles) : person.roles;
  const active = data.active ?? person.active;
  if (personId === actor!.personId && (!active || !roles.some((grant) => grant.role === 'admin'))) {
    throw new AppError('VALIDATION', { messageKey: 'selfLockout' });
  }
  const partyStatus = data.partyStatus ?? person.partyStatus;
  const unitId = data.unitId ?? person.unitId;
  const placementChanged = data.unitId !== undefined || data.partyStatus !== undefined || data.branchId !== undefined;
  const requestedBranch = data.branchId !== undefined ? data.branchId : partyStatus === 'none' ? null : data.unitId !== undefined ? undefined : person.branchId;
  const branchId = placementChanged || data.roles
    ? checkPlacement(tree, { unitId, partyStatus, branchId: requestedBranch, roles })
    : person.branchId;
  const next: Person = {
    ...person,
    name: data.name ?? person.name,
    login: data.login ?? person.login,
    unitId,
    partyStatus,
    branchId,
    roles,
    lang: data.lang ?? person.lang,
    active,
    // Disabling ends every session of the person at once.
    sessionEpoch: person.active && !active ? person.sessionEpoch + 1 : person.sessionEpoch,
  };
  const loginChanged = next.login !== person.login;
  if (loginChanged) await store.claimLogin(next.login, person.personId).catch(rethrowLoginTaken(next.login));
  let saved: Person;
  try {
    saved = await store.savePerson(next, data.version);
  } catch (error) {
    if (loginChanged) await store.releaseLogin(next.login, person.personId);
    throw error;
  }
  if (loginChanged) await store.releaseLogin(person.login, person.personId);
  await recordAudit({ action: 'updatePerson', actor, target: personLabel(saved), changes: diff(person, saved) });
  return describePerson(toPublicPerson(saved), tree);
}

export function rethrowLoginTaken(login: string) {
  return (error: unknown): never => {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      throw new AppError('CONFLICT', { messageKey: 'loginTaken', params: { login }, details: [{ path: 'login' }] });
    }
    throw error;
  };
}

/** Sets a new one-time password (given or generated); the person must change it at next sign-in. Sessions end. */
export async function resetPassword(actor: Actor | null, personId: string, input: unknown) {
  authorize(actor, 'resetPassword');
  const data = ResetPasswordInput.parse(input ?? {});
  const person = await store.getPerson(personId);
  if (!person) throw new AppError('NOT_FOUND', { messageKey: 'personNotFound' });
  const newPassword = data.newPassword ?? generatePassword();
  const saved = await store.savePerson(
    { ...person, passwordHash: await hashPassword(newPassword), mustChangePassword: true, sessionEpoch: person.sessionEpoch + 1 },
    person.version,
  );
  await recordAudit({ action: 'resetPassword', actor, target: personLabel(saved) });
  return { personId, temporaryPassword: newPassword, version: saved.version };
}
