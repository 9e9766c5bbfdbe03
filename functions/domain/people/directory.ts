/**
 * What other areas ask of the people area, without an acting person: the sign-in check, a password change, the people
 * an assignment or a roster names, the head count of a unit. Callers have checked their own permission (or are
 * jobs); nothing here answers an API request directly. The use cases with an actor are in service.ts.
 *
 * This module reads no other area, so the org area may call it while people's service calls org (no cycle).
 */
import { everyPage } from '../../platform/store.js';
import * as store from './store.js';
import { toPublicPerson, type LoginHolder, type Person, type PublicPerson } from './schema.js';

/** The person holding a login, password hash included, for the sign-in check; undefined for nobody. */
export function accountByLogin(login: string): Promise<Person | undefined> {
  return store.readPersonByLogin(login);
}

/** A person with their password hash and session epoch (for a password check). */
export function accountById(personId: string): Promise<Person | undefined> {
  return store.readPerson(personId);
}

/**
 * Sets a person's password hash and whether they must change it at next sign-in; every session of theirs ends (the
 * session epoch moves on). Conditional on the version read: a lost race is a 409.
 */
export function setPassword(person: Person, passwordHash: string, mustChangePassword: boolean): Promise<Person> {
  return store.replacePerson({ ...person, passwordHash, mustChangePassword, sessionEpoch: person.sessionEpoch + 1 }, person.version);
}

/** The table key of a person's item, so a caller can read it in one batch with its own items. */
export function accountKey(personId: string): Record<string, string> {
  return store.personKey(personId);
}

/** A person's item read in such a batch, parsed; undefined when it is not a person. */
export function accountFromItem(item: Record<string, unknown>): Person | undefined {
  return store.personFromItem(item);
}

/** One person (without secrets), or undefined. */
export async function personById(personId: string): Promise<PublicPerson | undefined> {
  const person = await store.readPerson(personId);
  return person && toPublicPerson(person);
}

/** Several people (without secrets) in one batched read; unknown ids are left out, order is not kept. */
export async function peopleByIds(personIds: readonly string[]): Promise<PublicPerson[]> {
  return (await store.readPeople(personIds)).map(toPublicPerson);
}

/** Everyone, active or not: for jobs that count whole populations, never for a request. */
export function everyone(): Promise<PublicPerson[]> {
  return store.readAllPeople();
}

/** Everyone placed directly in a unit, active or not (an assignment's audience is drawn from such lists). */
export function peopleOfUnit(unitId: string): Promise<PublicPerson[]> {
  return everyPage((cursor) => store.queryPeopleOfUnit(unitId, { cursor, limit: 500 }));
}

/** The members of a Party branch, active or not. */
export function membersOfBranch(branchId: string): Promise<PublicPerson[]> {
  return everyPage((cursor) => store.queryBranchMembers(branchId, { cursor, limit: 500 }));
}

/** How many active people sit directly in a unit (a unit with people cannot retire). */
export function activePeopleInUnit(unitId: string): Promise<number> {
  return store.countActiveInUnit(unitId);
}

// ─── For roster imports (idempotent writes a resumed import may repeat) ────────────────────────────────────────────

/** Who holds each login (canonical form): a person, or a claim without its person. Two batched reads. */
export function loginHolders(logins: readonly string[]): Promise<Map<string, LoginHolder>> {
  return store.readLoginHolders(logins);
}

/** Writes an imported person: the login claim (unless an earlier attempt holds it already) and the person, each once. */
export async function writeImportedPerson(person: Person, claimHeld: boolean): Promise<void> {
  if (!claimHeld) await store.insertLoginClaimOnce(person.login, person.personId);
  await store.insertPersonOnce(person);
}

/** Writes an imported change to a person still at `expectedVersion` (409 otherwise). */
export function writeImportedChange(next: Person, expectedVersion: number): Promise<Person> {
  return store.replacePerson(next, expectedVersion);
}
