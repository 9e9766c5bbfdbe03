/**
 * What the benches of one crowded branch share: N members of one branch (the first also an admin) written with their
 * login claims, and signing each in over HTTP from an address of their own (the sign-in throttle counts addresses).
 */
import { nowIso } from '../../functions/platform/clock.js';
import { newId } from '../../functions/platform/ids.js';
import { hashPassword } from '../../functions/platform/passwords.js';
import { peopleEntities } from '../../functions/domain/people/entities.js';
import { personItem } from '../../functions/domain/people/store.js';
import type { Person } from '../../functions/domain/people/schema.js';

export const BENCH_PASSWORD = 'bench-pass-1';

/** `count + 1` members of `branchId` named `${name}${i}` with logins `${prefix}0000`…; person 0 is also an admin. */
export async function writeBranchPeople(branchId: string, count: number, name: string, prefix: string): Promise<Person[]> {
  const now = nowIso();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const people: Person[] = Array.from({ length: count + 1 }, (_, i) => ({
    personId: newId(),
    name: `${name}${i}`,
    login: `${prefix}${String(i).padStart(4, '0')}`,
    unitId: branchId,
    branchId,
    partyStatus: 'full',
    roles: i === 0 ? [{ role: 'staff' }, { role: 'sysadmin' }] : [{ role: 'staff' }],
    lang: 'zh-CN',
    active: true,
    mustChangePassword: false,
    passwordHash,
    sessionEpoch: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  for (let i = 0; i < people.length; i += 25) {
    const chunk = people.slice(i, i + 25);
    await peopleEntities().person.put(chunk.map(personItem)).go();
    await peopleEntities().login.put(chunk.map((p) => ({ login: p.login, personId: p.personId, createdAt: now }))).go();
  }
  return people;
}

/** Signs `login` in over HTTP as if from address number `n`; the session cookie (`sid=…`). */
export async function signInOverHttp(base: string, login: string, n: number, subnet = 1): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${subnet}.${Math.floor(n / 200)}.${n % 200}` },
    body: JSON.stringify({ login, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in for ${login} answered ${res.status}`);
  return res.headers.getSetCookie().find((c) => c.startsWith('sid='))!.split(';')[0]!;
}

/** Signs everyone in, eight at a time (each checks a password hash). */
export async function signInAll(base: string, people: readonly Pick<Person, 'login'>[], subnet = 1): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < people.length; i += 8) cookies.push(...(await Promise.all(people.slice(i, i + 8).map((p, k) => signInOverHttp(base, p.login, i + k, subnet)))));
  return cookies;
}
