/**
 * Persistence for people and login claims: reads parsed by zod, writes guarded by conditions, failed conditions
 * translated to 409s. No permission checks here: this is the layer under the use cases (service.ts), the answers
 * other areas get (directory.ts) and system jobs such as the demo seed. Where a person sits (unit, branch, role
 * scopes) is checked against the tree by the service before anything reaches this layer.
 */
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/clock.js';
import { AppError, ConflictError } from '../../platform/errors.js';
import { Id } from '../../platform/fields.js';
import {
  batchGet,
  decodeAfterCursor,
  encodeAfterCursor,
  guardedWrite,
  pageLimit,
  parseInput,
  versionedWrite,
  writeIfStill,
  type Page,
  type PageRequest,
} from '../../platform/store.js';
import { peopleEntities } from './entities.js';
import { LoginClaim, NewPerson, Person, PublicPerson, normaliseLogin, toPublicPerson, type LoginHolder } from './schema.js';
import { peopleMessages } from './messages.js';
import { storedRole } from '../authz/schema.js';

const isId = (value: string): boolean => Id.safeParse(value).success;

// ─── Item mapping (domain shape ⇄ entity attributes) ─────────────────────────────────────────────────────────────────

/** The attributes a Person is stored with (absent branch for non-members, absent scope for unscoped roles). */
export function personItem(person: Person) {
  const { branchId, roles, ...rest } = person;
  return {
    ...rest,
    roles: roles.map((grant) => (grant.unitId === undefined ? { role: grant.role } : { role: grant.role, unitId: grant.unitId })),
    ...(branchId === null ? {} : { branchId }),
  };
}

/**
 * A stored person in the domain's shape. An account stored before 三员分立 may hold the old `admin` role: it reads as
 * `sysadmin` (docs/decisions/047), and the next save writes it so.
 */
function personFromRecord(record: object & { branchId?: string | undefined; roles?: Array<{ role: string; unitId?: string }> }): Person {
  const roles = record.roles?.map((grant) => ({ ...grant, role: storedRole(grant.role) }));
  return Person.parse({ ...record, ...(roles ? { roles } : {}), branchId: record.branchId ?? null });
}

/** The table key of a person (for a batched read together with other areas' items). */
export function personKey(personId: string): Record<string, string> {
  return peopleEntities().person.get({ personId }).params().Key as Record<string, string>;
}

/** A person from a raw item read some other way (a batch), parsed by the entity and the schema. */
export function personFromItem(item: Record<string, unknown>): Person | undefined {
  const { data } = peopleEntities().person.parse({ Item: item });
  return data ? personFromRecord(data) : undefined;
}

// ─── Login claims ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Claims a login for a person: one item `LOGIN#<login>` written only if absent, so two people can never hold the
 * same login, even when two admins race. Throws ConflictError when the login is taken.
 */
export async function insertLoginClaim(login: string, personId: string): Promise<LoginClaim> {
  const claim = parseInput(LoginClaim, { login, personId, createdAt: nowIso() });
  await guardedWrite(() => peopleEntities().login.create(claim).go(), { field: 'login', login: claim.login });
  return claim;
}

/** Claims a login; a claim this person already holds (an earlier attempt of the same write) counts as done. */
export async function insertLoginClaimOnce(login: string, personId: string): Promise<void> {
  try {
    await insertLoginClaim(login, personId);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const claim = await readLoginClaim(login);
    if (claim?.personId === personId) return;
    throw new AppError('CONFLICT', { messageKey: peopleMessages.loginTaken, params: { login }, details: [{ path: 'login', login }], cause: error });
  }
}

/** Gives a login back, but only if `personId` still holds it (never someone else's). */
export async function deleteLoginClaim(login: string, personId: string): Promise<boolean> {
  const normalised = normaliseLogin(login);
  if (!normalised) return false;
  return writeIfStill(() =>
    peopleEntities()
      .login.delete({ login: normalised })
      .where((attr, op) => op.eq(attr.personId, personId))
      .go(),
  );
}

export async function readLoginClaim(login: string): Promise<LoginClaim | undefined> {
  const normalised = normaliseLogin(login);
  if (!normalised) return undefined;
  const { data } = await peopleEntities().login.get({ login: normalised }).go();
  return data ? LoginClaim.parse(data) : undefined;
}

// ─── People ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The full person, password hash included. */
export async function readPerson(personId: string): Promise<Person | undefined> {
  if (!isId(personId)) return undefined;
  const { data } = await peopleEntities().person.get({ personId }).go();
  return data ? personFromRecord(data) : undefined;
}

/** Several people at once (BatchGetItem, 100 keys a call, unprocessed keys sent again), in no particular order; unknown ids are left out. */
export async function readPeople(personIds: readonly string[]): Promise<Person[]> {
  const keys = [...new Set(personIds)].filter(isId).map((personId) => ({ personId }));
  if (keys.length === 0) return [];
  const records = await batchGet(keys, (pending) => peopleEntities().person.get(pending).go({ concurrency: 4 }));
  return records.map(personFromRecord);
}

/**
 * The person holding a login (normalised first), password hash included, for the sign-in check. A claim whose person
 * is missing or has moved to another login (a crash between the two writes, a rename) resolves to nobody.
 */
export async function readPersonByLogin(login: string): Promise<Person | undefined> {
  const claim = await readLoginClaim(login);
  if (!claim) return undefined;
  const person = await readPerson(claim.personId);
  return person && person.login === claim.login ? person : undefined;
}

/**
 * Who holds each of the logins (canonical form): a person (the claim's person, still at that login), or an orphan
 * claim (its person missing or moved on). Logins nobody holds are absent. Two batched reads, whatever the count.
 */
export async function readLoginHolders(logins: readonly string[]): Promise<Map<string, LoginHolder>> {
  const unique = [...new Set(logins)];
  const claims = (await batchGet(unique.map((login) => ({ login })), (keys) => peopleEntities().login.get(keys).go({ concurrency: 4 }))).map((record) =>
    LoginClaim.parse(record),
  );
  const people = new Map((await readPeople(claims.map((claim) => claim.personId))).map((person) => [person.personId, person] as const));
  const holders = new Map<string, LoginHolder>();
  for (const claim of claims) {
    const person = people.get(claim.personId);
    holders.set(claim.login, person && person.login === claim.login ? { kind: 'person', person } : { kind: 'orphan', personId: claim.personId });
  }
  return holders;
}

/**
 * Writes a new person: claims the login first (the uniqueness guard), then writes the person only if absent. If the
 * second write fails the claim is given back.
 */
export async function insertPerson(input: NewPerson): Promise<PublicPerson> {
  const data = parseInput(NewPerson, input);
  const now = nowIso();
  const person = parseInput(Person, { ...data, personId: data.personId ?? newId(), createdAt: now, updatedAt: now, version: 1 });
  await insertLoginClaim(person.login, person.personId);
  try {
    await guardedWrite(() => peopleEntities().person.create(personItem(person)).go(), { personId: person.personId });
  } catch (error) {
    await deleteLoginClaim(person.login, person.personId).catch(() => false);
    throw error;
  }
  return toPublicPerson(person);
}

/**
 * Writes a new person only if absent. If the person is already there (an earlier attempt of the same write: same id,
 * same login), that counts as done.
 */
export async function insertPersonOnce(person: Person): Promise<void> {
  const parsed = Person.parse(person);
  try {
    await guardedWrite(() => peopleEntities().person.create(personItem(parsed)).go(), { personId: parsed.personId });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const existing = await readPerson(parsed.personId);
    if (existing?.login === parsed.login) return;
    throw error;
  }
}

/**
 * Replaces a person if it is still at `expectedVersion`; the stored version becomes expectedVersion + 1. Whole-item
 * put, so the branch index (conditional on branchId) is rewritten consistently.
 */
export async function replacePerson(next: Person, expectedVersion: number): Promise<Person> {
  const person = Person.parse({ ...next, version: expectedVersion + 1, updatedAt: nowIso() });
  await versionedWrite(
    () =>
      peopleEntities()
        .person.put(personItem(person))
        .where((attr, op) => op.eq(attr.version, expectedVersion))
        .go(),
    expectedVersion,
    () => readPerson(person.personId),
  );
  return person;
}

// ─── Lists ───────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The people of one unit (not its subtree), by login. */
export async function queryPeopleOfUnit(unitId: string, page: PageRequest = {}): Promise<Page<PublicPerson>> {
  if (!isId(unitId)) return { items: [], cursor: null };
  const { data, cursor } = await peopleEntities()
    .person.query.byUnit({ unitId })
    .go({ cursor: page.cursor ?? null, limit: pageLimit(page.limit) });
  return { items: data.map((record) => toPublicPerson(personFromRecord(record))), cursor };
}

/** The members (正式 and 预备) of one Party branch, by login. */
export async function queryBranchMembers(branchId: string, page: PageRequest = {}): Promise<Page<PublicPerson>> {
  if (!isId(branchId)) return { items: [], cursor: null };
  const { data, cursor } = await peopleEntities()
    .person.query.byBranch({ branchKey: branchId })
    .go({ cursor: page.cursor ?? null, limit: pageLimit(page.limit) });
  return { items: data.map((record) => toPublicPerson(personFromRecord(record))), cursor };
}

/** How many active people sit directly in the unit (reads the unit's people, a small partition). */
export async function countActiveInUnit(unitId: string): Promise<number> {
  const { data } = await peopleEntities().person.query.byUnit({ unitId }).go({ pages: 'all' });
  return data.filter((record) => record.active).length;
}

/** How many people one listing call reads at most before it answers (with a cursor to go on). */
const maxScanned = 2000;

/**
 * People by login, keeping those `keep` accepts, until `limit` are found or `maxScanned` were read. The cursor marks
 * the last person read, so the next call resumes exactly there whatever the filter.
 */
export async function scanPeople(keep: (person: PublicPerson) => boolean, page: PageRequest): Promise<Page<PublicPerson>> {
  const limit = pageLimit(page.limit);
  let after = decodeAfterCursor(page.cursor, 40);
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
      if (items.length === limit) return { items, cursor: encodeAfterCursor(after) };
    }
    if (!cursor || data.length === 0) return { items, cursor: null };
    if (scanned >= maxScanned) return { items, cursor: encodeAfterCursor(after!) };
  }
}

/** Everyone (active or not), for jobs that count whole populations; never in a request path. */
export async function readAllPeople(): Promise<PublicPerson[]> {
  const { data } = await peopleEntities().person.query.allPeople({}).go({ pages: 'all' });
  return data.map((record) => toPublicPerson(personFromRecord(record)));
}
