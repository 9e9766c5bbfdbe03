/**
 * Use cases for people: who am I, the people list, one person, accounts (create, edit, reset a password). Each takes
 * the acting person and checks, through authz, both the operation and the records it touches; no adapter can forget
 * it. What other areas ask without an actor is in directory.ts.
 */
import { AppError } from '../../platform/errors.js';
import { generatePassword, hashPassword } from '../../platform/passwords.js';
import { invalidField } from '../../platform/store.js';
import { diff, recordAudit } from '../audit/service.js';
import { authorize, locksSelfOut, reachesPerson, sameAdminRoles, type Actor } from '../authz/permissions.js';
import { adminRolesOf, withStaff, type RoleGrant } from '../authz/schema.js';
import { authzMessages } from '../authz/messages.js';
import { unreadCountOf } from '../notifications/service.js';
import { loadFreshTree, loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import {
  CreatePersonInput,
  ListPeopleQuery,
  ResetPasswordInput,
  SetPersonRolesInput,
  UpdatePersonInput,
  toPublicPerson,
  type NewPerson,
  type Person,
  type PublicPerson,
} from './schema.js';
import { setPassword } from './directory.js';
import * as store from './store.js';
import { orgMessages } from '../org/messages.js';
import { peopleMessages } from './messages.js';

const personLabel = (person: Pick<Person, 'personId' | 'name'>) => ({ type: 'person' as const, id: person.personId, label: person.name });

/**
 * Checks a person's placement against the tree: an existing, unretired unit; members in a branch (by default the one
 * their unit lies in), non-members in none; role scopes naming existing units. Returns the branch to store.
 */
export function checkPlacement(
  tree: OrgTree,
  person: { unitId: string; partyStatus: Person['partyStatus']; branchId?: string | null; roles: RoleGrant[] },
): string | null {
  const unit = tree.get(person.unitId);
  if (!unit) throw new AppError('VALIDATION', { messageKey: orgMessages.unitNotFound, details: [{ path: 'unitId' }] });
  if (unit.retired) throw new AppError('VALIDATION', { messageKey: orgMessages.unitRetired, params: { name: unit.name }, details: [{ path: 'unitId' }] });
  let branchId = person.branchId ?? null;
  if (person.partyStatus === 'none') {
    if (branchId) throw new AppError('VALIDATION', { messageKey: peopleMessages.noBranchForMasses, details: [{ path: 'branchId' }] });
  } else {
    branchId ??= tree.branchOf(unit.unitId)?.unitId ?? null;
    if (!branchId) throw new AppError('VALIDATION', { messageKey: peopleMessages.branchRequired, details: [{ path: 'branchId' }] });
    if (tree.get(branchId)?.kind !== 'branch') throw new AppError('VALIDATION', { messageKey: orgMessages.notABranch, details: [{ path: 'branchId' }] });
  }
  for (const grant of person.roles) {
    if (grant.unitId && !tree.get(grant.unitId)) throw new AppError('VALIDATION', { messageKey: orgMessages.unitNotFound, details: [{ path: 'roles' }] });
  }
  return branchId;
}

function rethrowLoginTaken(login: string) {
  return (error: unknown): never => {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      throw new AppError('CONFLICT', { messageKey: peopleMessages.loginTaken, params: { login }, details: [{ path: 'login' }] });
    }
    throw error;
  };
}

/**
 * Writes a new person for a system job (no actor, no audit): the units the person names must exist as stored now (an
 * unretired unit, a Party branch as branch, existing units in role scopes); the login is claimed first, as always.
 */
export async function addPerson(input: NewPerson): Promise<PublicPerson> {
  const tree = await loadFreshTree();
  const home = tree.get(input.unitId);
  if (!home) throw invalidField('unitId', 'no such unit');
  if (home.retired) throw invalidField('unitId', 'the unit is retired');
  if (input.branchId && tree.get(input.branchId)?.kind !== 'branch') throw invalidField('branchId', 'not a Party branch');
  if ((input.roles ?? []).some((grant) => grant.unitId && !tree.get(grant.unitId))) throw invalidField('roles', 'a role names a unit that does not exist');
  return store.insertPerson(input);
}

// ─── Me ────────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The acting person as stored: as the session check just read them, else read now. */
export async function actingPerson(actor: Actor): Promise<PublicPerson | undefined> {
  return actor.profile ?? store.readPerson(actor.personId).then((person) => person && toPublicPerson(person));
}

export async function getMe(actor: Actor | null) {
  authorize(actor, 'getMe');
  const [person, tree, unreadNotifications] = await Promise.all([actingPerson(actor!), loadTree(), unreadCountOf(actor!.personId)]);
  if (!person) throw new AppError('UNAUTHENTICATED');
  return { ...describePerson(person, tree), unreadNotifications };
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
  const person = await store.readPerson(actor.personId);
  if (!person || person.lang === lang) return;
  await store.replacePerson({ ...person, lang }, person.version).catch(() => undefined);
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
  const page = await store.scanPeople(
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
  const [person, tree] = await Promise.all([store.readPerson(personId), loadTree()]);
  if (!person || !reachesPerson(grant, actor!, person, tree)) throw new AppError('NOT_FOUND', { messageKey: peopleMessages.personNotFound });
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
  if (adminRolesOf(roles).length > 0) throw adminRolesBySecurity();
  const branchId = checkPlacement(tree, { ...data, roles });
  const initialPassword = data.initialPassword ?? generatePassword();
  const created = await store
    .insertPerson({
      name: data.name,
      login: data.login,
      unitId: data.unitId,
      branchId,
      partyStatus: data.partyStatus,
      roles,
      lang: data.lang ?? 'zh-CN',
      mustChangePassword: true,
      passwordHash: await hashPassword(initialPassword),
    })
    .catch(rethrowLoginTaken(data.login));
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
  const [person, tree] = await Promise.all([store.readPerson(personId), loadTree()]);
  if (!person) throw new AppError('NOT_FOUND', { messageKey: peopleMessages.personNotFound });
  const roles = data.roles ? withStaff(data.roles) : person.roles;
  const active = data.active ?? person.active;
  if (locksSelfOut(actor!, person, { roles, active })) throw new AppError('VALIDATION', { messageKey: peopleMessages.selfLockout });
  // Administrator roles pass only through setPersonRoles (the security administrator); the others stay as they were.
  if (!sameAdminRoles(person.roles, roles)) throw adminRolesBySecurity();
  if (person.active && !active && person.roles.some((grant) => grant.role === 'secadmin')) await keepOneSecurityAdmin(person.personId);
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
  if (loginChanged) await store.insertLoginClaim(next.login, person.personId).catch(rethrowLoginTaken(next.login));
  let saved: Person;
  try {
    saved = await store.replacePerson(next, data.version);
  } catch (error) {
    if (loginChanged) await store.deleteLoginClaim(next.login, person.personId);
    throw error;
  }
  if (loginChanged) await store.deleteLoginClaim(person.login, person.personId);
  await recordAudit({ action: 'updatePerson', actor, target: personLabel(saved), changes: diff(person, saved) });
  return describePerson(toPublicPerson(saved), tree);
}

/**
 * Refuses (409) a change that would leave no active security administrator: taking the role from, or disabling, the
 * last one. Two security administrators removing each other at the same instant could still both pass (no
 * transactions, docs/decisions/047); each may not touch their own roles, which keeps the usual case safe.
 */
async function keepOneSecurityAdmin(personId: string): Promise<void> {
  const another = (other: PublicPerson) => other.active && other.personId !== personId && other.roles.some((grant) => grant.role === 'secadmin');
  let cursor: string | null = null;
  do {
    const page = await store.scanPeople(another, { limit: 1, cursor });
    if (page.items.length > 0) return;
    cursor = page.cursor;
  } while (cursor);
  throw new AppError('CONFLICT', { messageKey: authzMessages.lastSecurityAdmin, details: [{ path: 'roles' }] });
}

/** The refusal of an administrator role given or taken anywhere but setPersonRoles. */
function adminRolesBySecurity(): AppError {
  return new AppError('FORBIDDEN', { messageKey: authzMessages.adminRolesBySecurity, details: [{ path: 'roles' }] });
}

/**
 * Grants and withdraws roles (the security administrator, 三员分立: docs/decisions/047): the person's whole list of
 * grants is replaced. At most one administrator role per person (the input schema refuses two); nobody changes their
 * own roles; the last active security administrator keeps the role. Audited with the roles before and after.
 */
export async function setPersonRoles(actor: Actor | null, personId: string, input: unknown) {
  authorize(actor, 'setPersonRoles');
  const data = SetPersonRolesInput.parse(input);
  const [person, tree] = await Promise.all([store.readPerson(personId), loadTree()]);
  if (!person) throw new AppError('NOT_FOUND', { messageKey: peopleMessages.personNotFound });
  if (person.personId === actor!.personId) throw new AppError('FORBIDDEN', { messageKey: authzMessages.ownRoles, details: [{ path: 'roles' }] });
  const roles = withStaff(data.roles);
  checkPlacement(tree, { ...person, roles });
  const dropsSecurity = person.roles.some((grant) => grant.role === 'secadmin') && !roles.some((grant) => grant.role === 'secadmin');
  if (dropsSecurity && person.active) await keepOneSecurityAdmin(person.personId);
  const saved = await store.replacePerson({ ...person, roles }, data.version);
  await recordAudit({ action: 'setPersonRoles', actor, target: personLabel(saved), changes: diff({ roles: person.roles }, { roles: saved.roles }) });
  return describePerson(toPublicPerson(saved), tree);
}

/** Sets a new one-time password (given or generated); the person must change it at next sign-in. Sessions end. */
export async function resetPassword(actor: Actor | null, personId: string, input: unknown) {
  authorize(actor, 'resetPassword');
  const data = ResetPasswordInput.parse(input ?? {});
  const person = await store.readPerson(personId);
  if (!person) throw new AppError('NOT_FOUND', { messageKey: peopleMessages.personNotFound });
  const newPassword = data.newPassword ?? generatePassword();
  const saved = await setPassword(person, await hashPassword(newPassword), true);
  await recordAudit({ action: 'resetPassword', actor, target: personLabel(saved) });
  return { personId, temporaryPassword: newPassword, version: saved.version };
}
