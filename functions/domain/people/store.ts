/**
 * Persistence for units, people and login claims: reads parsed by zod, writes guarded by conditions, failed
 * conditions translated to ConflictError. No permission checks here: this is the layer under the use cases (a
 * service.ts whose functions take the acting person and check what they may do) and under system jobs such as the
 * demo seed.
 */
import type { z } from 'zod';
import { AppError, ConflictError, isConditionFailure } from '../../platform/errors.js';

export { isConditionFailure };
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/clock.js';
import { peopleEntities, rootParentKey } from './entities.js';
import {
  Id,
  LoginClaim,
  NewPerson,
  NewUnit,
  Person,
  PublicPerson,
  Unit,
  normaliseLogin,
  toPublicPerson,
} from './schema.js';

// ─── Errors at the store boundary ─────────────────────────────────────────────────────────────────────────────────────


/** Runs a conditional write; a failed condition becomes a ConflictError carrying `details`. */
export async function guardedWrite<T>(write: () => Promise<T>, details: unknown): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(details, error);
    throw error;
  }
}

function invalid(field: string, problem: string): AppError {
  return new AppError('VALIDATION', { details: { field, problem } });
}

/** Parses caller input; what does not fit is a VALIDATION error (400) listing the problems, never a 500. */
function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION', {
    details: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), problem: issue.message })),
    cause: parsed.error,
  });
}

const isId = (value: string): boolean => Id.safeParse(value).success;

// ─── Item mapping (domain shape ⇄ entity attributes) ─────────────────────────────────────────────────────────────────

/** The attributes a Unit is stored with (absent parent for the root). */
export function unitItem(unit: Unit) {
  const { parentId, ...rest } = unit;
  return { ...rest, ...(parentId === null ? {} : { parentId }) };
}

/** The attributes a Person is stored with (absent branch for non-members, absent scope for unscoped roles). */
export function personItem(person: Person) {
  const { branchId, roles, ...rest } = person;
  return {
    ...rest,
    roles: roles.map((grant) => (grant.unitId === undefined ? { role: grant.role } : { role: grant.role, unitId: grant.unitId })),
    ...(branchId === null ? {} : { branchId }),
  };
}

function unitFromRecord(record: object & { parentId?: string | undefined }): Unit {
  return Unit.parse({ ...record, parentId: record.parentId ?? null });
}

function personFromRecord(record: object & { branchId?: string | undefined }): Person {
  return Person.parse({ ...record, branchId: record.branchId ?? null });
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Null at the end. */
  cursor: string | null;
}

export interface PageRequest {
  cursor?: string | null;
  limit?: number;
}

const pageLimit = (limit: number | undefined) => Math.min(Math.max(Math.trunc(limit ?? 100), 1), 500);

// ─── Units ─────────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function getUnit(unitId: string): Promise<Unit | undefined> {
  if (!isId(unitId)) return undefined;
  const { data } = await peopleEntities().unit.get({ unitId }).go();
  return data ? unitFromRecord(data) : undefined;
}

/** Creates a unit under an existing, unretired parent (or a root when parentId is null). */
export async function createUnit(input: NewUnit): Promise<Unit> {
  const data = parseInput(NewUnit, input);
  const unitId = data.unitId ?? newId();
  if (data.parentId !== null) {
    const parent = await getUnit(data.parentId);
    if (!parent) throw invalid('parentId', 'no such unit');
    if (parent.retired) throw invalid('parentId', 'the unit is retired');
  }
  const now = nowIso();
  const unit = parseInput(Unit, { ...data, unitId, retired: false, createdAt: now, updatedAt: now, version: 1 });
  await guardedWrite(() => peopleEntities().unit.create(unitItem(unit)).go(), { unitId });
  return unit;
}

/** The children of a unit in display order; `null` lists the roots. */
export async function listChildUnits(parentId: string | null): Promise<Unit[]> {
  if (parentId !== null && !isId(parentId)) return [];
  const { data } = await peopleEntities()
    .unit.query.childrenOf({ parentKey: parentId ?? rootParentKey })
    .go({ pages: 'all' });
  return data.map(unitFromRecord);
}

/** Every unit, ordered as a tree would be drawn (depth first, siblings by sortOrder). */
export async function listUnits(): Promise<Unit[]> {
  const { data } = await peopleEntities().unit.query.allUnits({}).go({ pages: 'all' });
  return sortAsTree(data.map(unitFromRecord));
}

/** Orders units depth first, siblings by sortOrder then name; units whose parent is missing come last. */
export function sortAsTree(units: Unit[]): Unit[] {
  const byParent = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const siblings = byParent.get(unit.parentId) ?? [];
    siblings.push(unit);
    byParent.set(unit.parentId, siblings);
  }
  for (const siblings of byParent.values()) {
    siblings.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN') || a.unitId.localeCompare(b.unitId));
  }
  const ordered: Unit[] = [];
  const visit = (parentId: string | null) => {
    for (const unit of byParent.get(parentId) ?? []) {
      ordered.push(unit);
      visit(unit.unitId);
    }
  };
  visit(null);
  const placed = new Set(ordered.map((u) => u.unitId));
  return [...ordered, ...units.filter((u) => !placed.has(u.unitId))];
}

// ─── Login claims ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Claims a login for a person: one item `LOGIN#<login>` written only if absent, so two people can never hold the
 * same login, even when two admins race. Throws ConflictError when the login is taken.
 */
export async function claimLogin(login: string, personId: string): Promise<LoginClaim> {
  const claim = parseInput(LoginClaim, { login, personId, createdAt: nowIso() });
  await guardedWrite(() => peopleEntities().login.create(claim).go(), { field: 'login', login: claim.login });
  return claim;
}

/** Gives a login back, but only if `personId` still holds it (never someone else's). */
export async function releaseLogin(login: string, personId: string): Promise<boolean> {
  const normalised = normaliseLogin(login);
  if (!normalised) return false;
  try {
    await peopleEntities()
      .login.delete({ login: normalised })
      .where((attr, op) => op.eq(attr.personId, personId))
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getLoginClaim(login: string): Promise<LoginClaim | undefined> {
  const normalised = normaliseLogin(login);
  if (!normalised) return undefined;
  const { data } = await peopleEntities().login.get({ login: normalised }).go();
  return data ? LoginClaim.parse(data) : undefined;
}

// ─── People ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The full person, password hash included: for the sign-in check and the store's own use only. */
export async function getPerson(personId: string): Promise<Person | undefined> {
  if (!isId(personId)) return undefined;
  const { data } = await peopleEntities().person.get({ personId }).go();
  return data ? personFromRecord(data) : undefined;
}

/** Several people at once (BatchGetItem, 100 keys a call), in no particular order; unknown ids are left out. */
export async function getPeople(personIds: readonly string[]): Promise<Person[]> {
  const keys = [...new Set(personIds)].filter(isId).map((personId) => ({ personId }));
  if (keys.length === 0) return [];
  const { data } = await peopleEntities().person.get(keys).go();
  return data.map((record) => personFromRecord(record));
}

/**
 * The person holding a login (normalised first), password hash included, for the sign-in check. A claim whose person
 * is missing or has moved to another login (a crash between the two writes, a rename) resolves to nobody.
 */
export async function findPersonByLogin(login: string): Promise<Person | undefined> {
  const claim = await getLoginClaim(login);
  if (!claim) return undefined;
  const person = await getPerson(claim.personId);
  return person && person.login === claim.login ? person : undefined;
}

/**
 * Creates a person: claims the login first (the uniqueness guard), then writes the person only if absent. If the
 * second write fails the claim is given back. Unit, branch and role scopes must name existing units.
 */
export async function createPerson(input: NewPerson): Promise<PublicPerson> {
  const data = parseInput(NewPerson, input);
  const referenced = new Set<string>([data.unitId]);
  if (data.branchId) referenced.add(data.branchId);
  for (const grant of data.roles) if (grant.unitId) referenced.add(grant.unitId);
  const units = new Map<string, Unit>();
  await Promise.all(
    [...referenced].map(async (unitId) => {
      const unit = await getUnit(unitId);
      if (unit) units.set(unitId, unit);
    }),
  );
  const home = units.get(data.unitId);
  if (!home) throw invalid('unitId', 'no such unit');
  if (home.retired) throw invalid('unitId', 'the unit is retired');
  if (data.branchId !== null && units.get(data.branchId)?.kind !== 'branch') throw invalid('branchId', 'not a Party branch');
  for (const grant of data.roles) {
    if (grant.unitId && !units.has(grant.unitId)) throw invalid('roles', 'a role names a unit that does not exist');
  }

  const now = nowIso();
  const person = parseInput(Person, { ...data, personId: data.personId ?? newId(), createdAt: now, updatedAt: now, version: 1 });
  await claimLogin(person.login, person.personId);
  try {
    await guardedWrite(() => peopleEntities().person.create(personItem(person)).go(), { personId: person.personId });
  } catch (error) {
    await releaseLogin(person.login, person.personId).catch(() => false);
    throw error;
  }
  return toPublicPerson(person);
}

/** The people of one unit (not its subtree), by login. */
export async function listPeopleOfUnit(unitId: string, page: PageRequest = {}): Promise<Page<PublicPerson>> {
  if (!isId(unitId)) return { items: [], cursor: null };
  const { data, cursor } = await peopleEntities()
    .person.query.byUnit({ unitId })
    .go({ cursor: page.cursor ?? null, limit: pageLimit(page.limit) });
  return { items: data.map((record) => toPublicPerson(personFromRecord(record))), cursor };
}

/** The members (正式 and 预备) of one Party branch, by login. */
export async function listBranchMembers(branchId: string, page: PageRequest = {}): Promise<Page<PublicPerson>> {
  if (!isId(branchId)) return { items: [], cursor: null };
  const { data, cursor } = await peopleEntities()
    .person.query.byBranch({ branchKey: branchId })
    .go({ cursor: page.cursor ?? null, limit: pageLimit(page.limit) });
  return { items: data.map((record) => toPublicPerson(personFromRecord(record))), cursor };
}


// ─── Edits (whole-item puts guarded by the version read) ─────────────────────────────────────────────────────────────

/** The current version of an item that was not at the expected one (for a 409 that says what happened). */
async function versionConflict(expected: number, current: () => Promise<{ version: number } | undefined>): Promise<AppError> {
  const now = await current();
  return new AppError('CONFLICT', {
    messageKey: 'versionConflict',
    params: { expected, actual: now?.version ?? '—' },
    details: { expectedVersion: expected, currentVersion: now?.version ?? null },
  });
}

/**
 * Replaces a person if it is still at `expectedVersion`; the stored version becomes expectedVersion + 1.
 * Whole-item put, so the branch index (conditional on branchId) is rewritten consistently.
 */
export async function savePerson(next: Person, expectedVersion: number): Promise<Person> {
  const person = Person.parse({ ...next, version: expectedVersion + 1, updatedAt: nowIso() });
  try {
    await peopleEntities()
      .person.put(personItem(person))
      .where((attr, op) => op.eq(attr.version, expectedVersion))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw await versionConflict(expectedVersion, () => getPerson(person.personId));
    throw error;
  }
  return person;
}

/** Replaces a unit if it is still at `expectedVersion`. */
export async function saveUnit(next: Unit, expectedVersion: number): Promise<Unit> {
  const unit = Unit.parse({ ...next, version: expectedVersion + 1, updatedAt: nowIso() });
  try {
    await peopleEntities()
      .unit.put(unitItem(unit))
      .where((attr, op) => op.eq(attr.version, expectedVersion))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) throw await versionConflict(expectedVersion, () => getUnit(unit.unitId));
    throw error;
  }
  return unit;
}

/** Whether any active person sits directly in the unit, and how many (reads the unit's people, a small partition). */
export async function countActivePeopleOfUnit(unitId: string): Promise<number> {
  const { data } = await peopleEntities().person.query.byUnit({ unitId }).go({ pages: 'all' });
  return data.filter((record) => record.active).length;
}

// ─── Filtered listing ────────────────────────────────────────────────────────────────────────────────────────────────

/** The opaque cursor of a filtered listing: the last login passed over. */
function encodeCursor(login: string): string {
  return Buffer.from(JSON.stringify({ after: login })).toString('base64url');
}

function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string' && parsed.after.length <= 40) return parsed.after;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION', { details: [{ path: 'cursor', message: 'not a cursor this listing gave out' }] });
}

/** How many people one listing call reads at most before it answers (with a cursor to go on). */
const maxScanned = 2000;

/**
 * People by login, keeping those `keep` accepts, until `limit` are found or `maxScanned` were read. The cursor marks
 * the last person read, so the next call resumes exactly there whatever the filter.
 */
export async function scanPeoplePages(keep: (person: PublicPerson) => boolean, page: PageRequest): Promise<Page<PublicPerson>> {
  const limit = pageLimit(page.limit);
  let after = decodeCursor(page.cursor);
  const items: PublicPerson[] = [];
  let scanned = 0;
  for (;;) {
    const query = peopleEntities().person.query.allPeople({});
    const { data, cursor } = await (after === undefined ? query : query.gt({ login: after })).go({ limit: 200 });
    for (const record of data) {
      const person = toPublicPerson(personFromRecord(record));
      scanned++;
      after = person.login;
      if (keep(person)) items.push(person);
      if (items.length === limit) return { items, cursor: encodeCursor(after) };
    }
    if (!cursor || data.length === 0) return { items, cursor: null };
    if (scanned >= maxScanned) return { items, cursor: encodeCursor(after!) };
  }
}

/** Everyone (active or not), for jobs that count whole populations; never in a request path. */
export async function listAllPeople(): Promise<PublicPerson[]> {
  const { data } = await peopleEntities().person.query.allPeople({}).go({ pages: 'all' });
  return data.map((record) => toPublicPerson(personFromRecord(record)));
}

/** The table key of a person (for a batched read together with other items). */
export function personKey(personId: string): Record<string, string> {
  return peopleEntities().person.get({ personId }).params().Key as Record<string, string>;
}

/** A person from a raw item read some other way (a batch), parsed by the entity and the schema. */
export function personFromItem(item: Record<string, unknown>): Person | undefined {
  const { data } = peopleEntities().person.parse({ Item: item });
  return data ? personFromRecord(data) : undefined;
}
