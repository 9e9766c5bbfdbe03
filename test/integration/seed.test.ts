import { beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { useLocalPlatform } from '../helpers/platform.js';
import { aws } from '../../functions/platform/aws.js';
import { config, loadConfig, resetConfig } from '../../functions/platform/config.js';
import { ensureTable } from '../../dev/engines.js';
import { ConflictError } from '../../functions/platform/errors.js';
import { newId } from '../../functions/platform/ids.js';
import { verifyPassword } from '../../functions/platform/passwords.js';
import { assertSeedAllowed, planDemo, seedDemo, type SeedResult } from '../../dev/seed.js';
import { demoPassword, seedPeople, seedUnits } from '../../dev/seed-data.js';
import { peopleEntities } from '../../functions/domain/people/entities.js';
import { Person } from '../../functions/domain/people/schema.js';
import type { Unit } from '../../functions/domain/org/schema.js';
import { OrgTree } from '../../functions/domain/org/tree.js';
import { queryChildUnits, readAllUnits, readUnit } from '../../functions/domain/org/store.js';
import {
  deleteLoginClaim,
  insertLoginClaim,
  queryBranchMembers,
  queryPeopleOfUnit,
  readLoginClaim,
  readPersonByLogin,
} from '../../functions/domain/people/store.js';
import { addPerson } from '../../functions/domain/people/service.js';

async function countItems(tableName = config().tableName): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await aws().doc.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Every stored person, password hash included (a Scan: fine in a test, never in a request path). */
async function allPeople(): Promise<Person[]> {
  const { data } = await peopleEntities().person.scan.go({ pages: 'all' });
  return data.map((record) => Person.parse({ ...record, branchId: record.branchId ?? null }));
}

const seedName = (key: string) => {
  const unit = seedUnits.find((u) => u.key === key);
  if (!unit) throw new Error(`no seed unit ${key}`);
  return unit.name;
};

let first: SeedResult;
let units: Unit[];
let people: Person[];
let root: Unit;
let branch1: Unit;
let branch2: Unit;

// Seeding is what these tests are about: they seed themselves, on a table of their own.
useLocalPlatform({ seed: false, app: false });

beforeAll(async () => {
  first = await seedDemo();
  console.log(`seedDemo: ${first.units} units, ${first.people} people in ${first.durationMs} ms`);
  units = await readAllUnits();
  people = await allPeople();
  const byName = (key: string) => {
    const unit = units.find((u) => u.name === seedName(key));
    if (!unit) throw new Error(`unit ${key} not stored`);
    return unit;
  };
  root = byName('bureau');
  branch1 = byName('branch1');
  branch2 = byName('branch2');
});

describe('seedDemo', () => {
  it('seeds a believable organisation tree', () => {
    expect(first.seeded).toBe(true);
    expect(first.units).toBe(units.length);
    const count = (kind: Unit['kind']) => units.filter((u) => u.kind === kind).length;
    expect(count('bureau')).toBeGreaterThanOrEqual(1);
    expect(count('branch')).toBeGreaterThanOrEqual(3);
    expect(count('department')).toBeGreaterThanOrEqual(2);
    expect(root.parentId).toBeNull();
    expect(units.filter((u) => u.parentId === null)).toEqual([root]);
    // Units come back depth first: every parent before its children.
    const seen = new Set<string>();
    for (const unit of units) {
      if (unit.parentId) expect(seen.has(unit.parentId)).toBe(true);
      seen.add(unit.unitId);
    }
  });

  it('answers the tree access patterns', async () => {
    expect((await queryChildUnits(null)).map((u) => u.unitId)).toEqual([root.unitId]);
    const children = await queryChildUnits(root.unitId);
    expect(children.length).toBe(units.filter((u) => u.parentId === root.unitId).length);
    expect(children.map((u) => u.sortOrder)).toEqual([...children.map((u) => u.sortOrder)].sort((a, b) => a - b));
    const groups = await queryChildUnits(branch1.unitId);
    expect(groups.length).toBeGreaterThanOrEqual(1);
    expect(groups.every((g) => g.kind === 'group' && g.parentId === branch1.unitId)).toBe(true);
    expect(await readUnit(branch2.unitId)).toEqual(branch2);
    expect(await readUnit('not-an-id')).toBeUndefined();
  });

  it('seeds at least 30 people, each in an existing unit, with unique logins and a mix of Party status', () => {
    expect(first.people).toBe(people.length);
    expect(people.length).toBeGreaterThanOrEqual(30);
    const unitIds = new Map(units.map((u) => [u.unitId, u]));
    for (const person of people) {
      expect(unitIds.has(person.unitId), `${person.login}'s unit`).toBe(true);
      if (person.branchId !== null) expect(unitIds.get(person.branchId)?.kind, `${person.login}'s branch`).toBe('branch');
      for (const grant of person.roles) if (grant.unitId) expect(unitIds.has(grant.unitId)).toBe(true);
      expect(person.roles.some((g) => g.role === 'staff'), `${person.login} is staff`).toBe(true);
    }
    const logins = people.map((p) => p.login);
    expect(new Set(logins).size).toBe(logins.length);
    const statuses = new Set(people.map((p) => p.partyStatus));
    expect(statuses).toEqual(new Set(['full', 'probationary', 'none']));
    // People are spread over the tree, not piled into one unit.
    expect(new Set(people.map((p) => p.unitId)).size).toBeGreaterThanOrEqual(8);
  });

  it('gives every seeded person a login claim that resolves back to them', async () => {
    const claims = await Promise.all(people.map((p) => readLoginClaim(p.login)));
    claims.forEach((claim, i) => expect(claim?.personId).toBe(people[i]!.personId));
  });

  it('resolves each demo login to the right person, roles and unit', async () => {
    const get = async (login: string) => {
      const person = await readPersonByLogin(login);
      if (!person) throw new Error(`${login} does not resolve`);
      expect(person.active).toBe(true);
      expect(person.mustChangePassword).toBe(false);
      expect(person.roles).toContainEqual({ role: 'staff' });
      return person;
    };
    const unitOf = (person: Person) => units.find((u) => u.unitId === person.unitId)!;

    const admin = await get('admin');
    expect(admin.roles).toContainEqual({ role: 'sysadmin' });
    // 三员分立: three administrators, three people.
    expect((await get('security')).roles).toEqual([{ role: 'staff' }, { role: 'secadmin' }]);
    expect((await get('auditor')).roles).toEqual([{ role: 'staff' }, { role: 'auditor' }]);

    const leader = await get('leader');
    expect(leader.roles).toContainEqual({ role: 'leader', unitId: root.unitId });

    const organizer1 = await get('organizer1');
    expect(organizer1.roles).toContainEqual({ role: 'organizer', unitId: branch1.unitId });
    expect(organizer1.branchId).toBe(branch1.unitId);
    expect(new OrgTree(units).isWithin(unitOf(organizer1).unitId, branch1.unitId)).toBe(true);

    const organizer2 = await get('organizer2');
    expect(organizer2.roles).toContainEqual({ role: 'organizer', unitId: branch2.unitId });

    for (const login of ['staff1', 'staff2']) {
      const staff = await get(login);
      expect(staff.branchId).toBe(branch1.unitId);
      expect(new OrgTree(units).isWithin(unitOf(staff).unitId, branch1.unitId)).toBe(true);
      expect(staff.roles).toEqual([{ role: 'staff' }]);
    }
    const staff3 = await get('staff3');
    expect(staff3.branchId).toBe(branch2.unitId);
    expect(new OrgTree(units).isWithin(unitOf(staff3).unitId, branch2.unitId)).toBe(true);

    // Other seeded people must change the demo password on first sign-in.
    const others = people.filter((p) => !['admin', 'security', 'auditor', 'leader', 'organizer1', 'organizer2', 'staff1', 'staff2', 'staff3'].includes(p.login));
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((p) => p.mustChangePassword)).toBe(true);
  });

  it('normalises the login before the lookup', async () => {
    expect((await readPersonByLogin('  STAFF1 '))?.login).toBe('staff1');
    expect((await readPersonByLogin('ＺＷ０００１'))?.login).toBe('zw0001');
    expect(await readPersonByLogin('nobody')).toBeUndefined();
    expect(await readPersonByLogin('bad login!')).toBeUndefined();
  });

  it('stores a demo password hash that verifies', async () => {
    const staff1 = await readPersonByLogin('staff1');
    expect(await verifyPassword(demoPassword, staff1!.passwordHash)).toBe(true);
    expect(await verifyPassword('demo12345', staff1!.passwordHash)).toBe(false);
  });

  it('lists people of a unit and members of a branch without their password hashes', async () => {
    const staff1 = people.find((p) => p.login === 'staff1')!;
    const ofUnit = await queryPeopleOfUnit(staff1.unitId);
    expect(ofUnit.items.map((p) => p.login)).toContain('staff1');
    expect(ofUnit.items.every((p) => p.unitId === staff1.unitId)).toBe(true);
    expect(ofUnit.items.map((p) => p.login)).toEqual([...ofUnit.items.map((p) => p.login)].sort());
    for (const person of ofUnit.items) expect(person).not.toHaveProperty('passwordHash');

    const members = await queryBranchMembers(branch2.unitId, { limit: 500 });
    expect(members.items.map((p) => p.login)).toContain('staff3');
    expect(members.items.every((p) => p.branchId === branch2.unitId && p.partyStatus !== 'none')).toBe(true);
    expect(members.items.length).toBe(people.filter((p) => p.branchId === branch2.unitId).length);

    // Paging: one at a time walks the whole branch.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queryBranchMembers(branch2.unitId, { limit: 1, cursor });
      walked.push(...page.items.map((p) => p.login));
      cursor = page.cursor;
    } while (cursor);
    expect(walked).toEqual(members.items.map((p) => p.login));
  });

  it('runs once per table: a second call writes nothing', async () => {
    const before = await countItems();
    const again = await seedDemo();
    expect(again.seeded).toBe(false);
    expect(again.units).toBe(0);
    expect(again.people).toBe(0);
    expect(again.seededAt).toBe(first.seededAt);
    expect(await countItems()).toBe(before);
  });

  it('lets only one of two concurrent starts seed a fresh table', async () => {
    const original = process.env.TABLE_NAME;
    process.env.TABLE_NAME = `${original}-race`;
    resetConfig();
    try {
      await ensureTable(aws(), config().tableName);
      const results = await Promise.all([seedDemo(), seedDemo()]);
      expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
      expect((await peopleEntities().person.scan.go({ pages: 'all' })).data.length).toBe(seedPeople.length);
    } finally {
      process.env.TABLE_NAME = original;
      resetConfig();
    }
  });
});

describe('login uniqueness', () => {
  it('refuses a second claim on a taken login with a ConflictError', async () => {
    await expect(insertLoginClaim('staff1', newId())).rejects.toBeInstanceOf(ConflictError);
    await expect(insertLoginClaim('STAFF1', newId())).rejects.toBeInstanceOf(ConflictError);
    expect((await readPersonByLogin('staff1'))?.name).toBe(people.find((p) => p.login === 'staff1')?.name);
  });

  it('creates a person through the claim, and refuses a duplicate login without leaving anything behind', async () => {
    const before = await countItems();
    const input = {
      name: '测试用户',
      login: 'zw9001',
      unitId: branch1.unitId,
      branchId: branch1.unitId,
      partyStatus: 'full' as const,
      passwordHash: people[0]!.passwordHash,
    };
    const created = await addPerson(input);
    expect(created).not.toHaveProperty('passwordHash');
    expect(created.roles).toEqual([{ role: 'staff' }]);
    expect((await readPersonByLogin('zw9001'))?.personId).toBe(created.personId);
    expect(await countItems()).toBe(before + 2);

    await expect(addPerson({ ...input, name: '重复用户' })).rejects.toBeInstanceOf(ConflictError);
    await expect(addPerson({ ...input, login: 'ZW9001' })).rejects.toBeInstanceOf(ConflictError);
    expect(await countItems()).toBe(before + 2);

    // A claim is only ever released by its holder.
    expect(await deleteLoginClaim('zw9001', newId())).toBe(false);
    expect(await readLoginClaim('zw9001')).toBeDefined();
  });

  it('refuses people in units that do not exist or branches that are not branches', async () => {
    const base = { name: '某某', partyStatus: 'full' as const, passwordHash: 'x' };
    await expect(addPerson({ ...base, login: 'zw9002', unitId: newId(), branchId: null, partyStatus: 'none' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(addPerson({ ...base, login: 'zw9003', unitId: root.unitId, branchId: root.unitId })).rejects.toMatchObject({ code: 'VALIDATION' });
    // Bad input is a VALIDATION error naming the field, never a 500.
    await expect(addPerson({ ...base, login: 'x y', unitId: root.unitId, branchId: null, partyStatus: 'none' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [expect.objectContaining({ field: 'login' })],
    });
    await expect(addPerson({ ...base, login: 'zw9004', unitId: root.unitId, branchId: branch1.unitId, partyStatus: 'none' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [expect.objectContaining({ field: 'branchId' })],
    });
    expect(await readLoginClaim('zw9002')).toBeUndefined();
    expect(await readLoginClaim('zw9004')).toBeUndefined();
    expect(await readLoginClaim('zw9003')).toBeUndefined();
  });
});

describe('seed safety', () => {
  it('refuses to seed AWS unless asked explicitly', async () => {
    const remote = loadConfig({ TABLE_NAME: 'dangjian-prod' });
    expect(remote.local).toBe(false);
    expect(() => assertSeedAllowed(remote, {}, {})).toThrow(/Refusing to seed table "dangjian-prod".*--allow-remote/s);
    expect(() => assertSeedAllowed(remote, { allowRemote: true }, {})).not.toThrow();
    expect(() => assertSeedAllowed(remote, {}, { SEED_ALLOW_REMOTE: '1' })).not.toThrow();
    expect(() => assertSeedAllowed(config(), {}, {})).not.toThrow();
    // S3 alone being local does not make the table local; nor does an endpoint that is AWS itself.
    expect(() => assertSeedAllowed(loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:4569' }), {}, {})).toThrow(/Refusing/);
    expect(() =>
      assertSeedAllowed(loadConfig({ DYNAMODB_ENDPOINT: 'https://dynamodb.cn-northwest-1.amazonaws.com.cn' }), {}, {}),
    ).toThrow(/Refusing/);

    const saved = { d: process.env.DYNAMODB_ENDPOINT, s: process.env.S3_ENDPOINT };
    delete process.env.DYNAMODB_ENDPOINT;
    delete process.env.S3_ENDPOINT;
    resetConfig();
    try {
      await expect(seedDemo()).rejects.toThrow(/Refusing to seed/);
    } finally {
      process.env.DYNAMODB_ENDPOINT = saved.d;
      process.env.S3_ENDPOINT = saved.s;
      resetConfig();
    }
  });

  it('checks the seed data before writing anything', () => {
    const hash = 'scrypt$x';
    expect(() => planDemo(hash, undefined, { units: seedUnits, people: [...seedPeople, seedPeople[0]!] })).toThrow(/used twice/);
    expect(() => planDemo(hash, undefined, { units: seedUnits, people: [{ ...seedPeople[0]!, unit: 'nowhere' }] })).toThrow(/unknown unit/);
    expect(() => planDemo(hash, undefined, { units: [...seedUnits].reverse(), people: [] })).toThrow(/before it is listed/);
    expect(() => planDemo(hash, undefined, { units: seedUnits, people: [{ ...seedPeople[0]!, branch: 'general' }] })).toThrow(/not a branch/);
  });
});
