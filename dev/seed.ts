/**
 * Seeds the demo organisation (dev/seed-data.ts) into the configured table, once per table.
 *
 * Once: a marker item `META / SEED#demo` is written first, only if absent, so two starts racing on a fresh table
 * cannot both seed; whoever loses writes nothing. The marker records when and what was seeded, and becomes
 * `complete` when every item is in. A seed that died half-way leaves the marker at `seeding`: start from an empty
 * table (locally: delete the data folder) rather than trying to patch it.
 *
 * Safe by default: it refuses to write to AWS (a published demo password!) unless asked to in so many words.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../functions/platform/aws.js';
import { config, type Config } from '../functions/platform/config.js';
import { newId } from '../functions/platform/ids.js';
import { nowIso } from '../functions/platform/clock.js';
import { hashPassword } from '../functions/platform/passwords.js';
import { ConflictError } from '../functions/platform/errors.js';
import { isConditionFailure } from '../functions/platform/store.js';
import type { RoleGrant } from '../functions/domain/authz/schema.js';
import { orgEntities } from '../functions/domain/org/entities.js';
import { unitItem } from '../functions/domain/org/store.js';
import { Unit } from '../functions/domain/org/schema.js';
import { peopleEntities } from '../functions/domain/people/entities.js';
import { insertLoginClaim, personItem } from '../functions/domain/people/store.js';
import { Person } from '../functions/domain/people/schema.js';
import { demoPassword, seedPeople, seedUnits, type SeedPerson, type SeedUnit } from './seed-data.js';
import { seedDemoCourses } from './seed-courses.js';
import { seedDemoQuestions } from './seed-questions.js';
import { seedDemoQuizzes } from './seed-quizzes.js';
import { seedDemoSessions } from './seed-sessions.js';
import { seedDemoPledges } from './seed-pledges.js';
import { seedDemoOverview } from './seed-overview.js';
import { seedDemoHonours } from './seed-honours.js';
import { seedDemoNotifications } from './seed-notifications.js';
import { seedDemoFlags } from './seed-flags.js';

export const seedMarkerKey = { pk: 'META', sk: 'SEED#demo' } as const;

export interface SeedOptions {
  /** Allow writing to a table on AWS (also: SEED_ALLOW_REMOTE=1). Off by default. */
  allowRemote?: boolean;
}

export interface SeedResult {
  /** True when this call seeded; false when the table had been seeded before (nothing was written). */
  seeded: boolean;
  /** Units and people written by this call. */
  units: number;
  people: number;
  /** Demo courses written by this call (dev/seed-courses.ts). */
  courses?: number;
  /** Questions of the demo bank written by this call (dev/seed-questions.ts). */
  questions?: number;
  /** Demo quizzes written by this call (dev/seed-quizzes.ts). */
  quizzes?: number;
  sessions?: number;
  /** When the table was seeded (by this call or an earlier one), if known. */
  seededAt?: string;
  /** How long this call took, in milliseconds. */
  durationMs: number;
}

export interface DemoPlan {
  units: Unit[];
  people: Person[];
  /** Seed key → unit id. */
  unitIds: Map<string, string>;
}

/**
 * True when the table lives in a local engine. Stricter than `config().local` (which an S3_ENDPOINT alone turns on):
 * it is DynamoDB that must be local, and an endpoint that names AWS itself does not count.
 */
export function isLocalTable(cfg: Config): boolean {
  if (!cfg.local || !cfg.dynamoEndpoint) return false;
  const host = new URL(cfg.dynamoEndpoint).hostname;
  return !/(^|\.)amazonaws\.com(\.cn)?$/i.test(host);
}

/** Throws unless seeding the configured table is allowed: always locally, on AWS only when asked explicitly. */
export function assertSeedAllowed(cfg: Config, options: SeedOptions = {}, env: Record<string, string | undefined> = process.env): void {
  if (isLocalTable(cfg) || options.allowRemote === true || env.SEED_ALLOW_REMOTE === '1') return;
  const where = cfg.dynamoEndpoint ? `at ${cfg.dynamoEndpoint}` : 'on AWS (DYNAMODB_ENDPOINT is not set)';
  throw new Error(
    `Refusing to seed table "${cfg.tableName}" (region ${cfg.region}) ${where}: this would write demo accounts with a ` +
      `published password into a real table. If that is really what you want, pass --allow-remote ` +
      `(npm run seed -- --allow-remote), { allowRemote: true }, or set SEED_ALLOW_REMOTE=1.`,
  );
}

/**
 * Turns the seed data into validated items (ids, paths, timestamps), checking its integrity first: unique keys, names
 * and logins; parents listed before children; branches that are branches; role scopes that exist.
 */
export function planDemo(
  passwordHash: string,
  now: string = nowIso(),
  data: { units: SeedUnit[]; people: SeedPerson[] } = { units: seedUnits, people: seedPeople },
): DemoPlan {
  const unitIds = new Map<string, string>();
  const byKey = new Map<string, Unit>();
  const names = new Set<string>();
  const siblingCount = new Map<string | null, number>();
  const units: Unit[] = [];
  for (const seed of data.units) {
    if (byKey.has(seed.key)) throw new Error(`seed data: unit key "${seed.key}" is used twice`);
    if (names.has(seed.name)) throw new Error(`seed data: unit name "${seed.name}" is used twice`);
    const parent = seed.parent === null ? undefined : byKey.get(seed.parent);
    if (seed.parent !== null && !parent) throw new Error(`seed data: unit "${seed.key}" names parent "${seed.parent}" before it is listed`);
    const unitId = newId();
    const position = siblingCount.get(seed.parent) ?? 0;
    siblingCount.set(seed.parent, position + 1);
    const unit = Unit.parse({
      unitId,
      name: seed.name,
      kind: seed.kind,
      parentId: parent?.unitId ?? null,
      sortOrder: position * 10,
      retired: false,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    unitIds.set(seed.key, unitId);
    byKey.set(seed.key, unit);
    names.add(seed.name);
    units.push(unit);
  }

  const unitOf = (key: string, what: string): Unit => {
    const unit = byKey.get(key);
    if (!unit) throw new Error(`seed data: ${what} names unknown unit "${key}"`);
    return unit;
  };
  const logins = new Set<string>();
  const people: Person[] = [];
  for (const seed of data.people) {
    const who = `person "${seed.login}"`;
    if (logins.has(seed.login)) throw new Error(`seed data: login "${seed.login}" is used twice`);
    logins.add(seed.login);
    const unit = unitOf(seed.unit, who);
    const branch = seed.branch === null ? null : unitOf(seed.branch, who);
    if (branch && branch.kind !== 'branch') throw new Error(`seed data: ${who} has branch "${seed.branch}", which is not a branch`);
    const roles: RoleGrant[] = [{ role: 'staff' }];
    for (const grant of seed.roles ?? []) {
      roles.push(grant.unit === undefined ? { role: grant.role } : { role: grant.role, unitId: unitOf(grant.unit, who).unitId });
    }
    const parsed = Person.safeParse({
      personId: newId(),
      name: seed.name,
      login: seed.login,
      unitId: unit.unitId,
      branchId: branch?.unitId ?? null,
      partyStatus: seed.partyStatus,
      roles,
      lang: seed.lang ?? 'zh-CN',
      active: seed.active ?? true,
      mustChangePassword: seed.demo !== true,
      passwordHash,
      sessionEpoch: 0,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    if (!parsed.success) {
      throw new Error(`seed data: ${who} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    if (parsed.data.login !== seed.login) throw new Error(`seed data: login "${seed.login}" is not in normal form`);
    people.push(parsed.data);
  }
  return { units, people, unitIds };
}

/** A batch write's leftovers are a failed seed: say so rather than leave a half organisation unnoticed. */
function expectAllWritten(result: { unprocessed: unknown[] }, what: string): void {
  if (result.unprocessed.length > 0) {
    throw new Error(`seed: ${result.unprocessed.length} ${what} were not written (throttled?); start again on an empty table`);
  }
}

/** Seeds the demo organisation into the configured table unless it has been seeded before. */
export async function seedDemo(options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const cfg = config();
  assertSeedAllowed(cfg, options);

  // Everything is prepared and validated before the first write, so bad seed data never leaves a marker behind.
  // One hash for everybody: they share the demo password anyway, and 37 scrypt runs would cost about a second.
  const passwordHash = await hashPassword(demoPassword);
  const seededAt = nowIso();
  const plan = planDemo(passwordHash, seededAt);

  const { doc } = aws();
  try {
    await doc.send(
      new PutCommand({
        TableName: cfg.tableName,
        Item: {
          ...seedMarkerKey,
          seed: 'demo',
          status: 'seeding',
          seededAt,
          units: plan.units.length,
          people: plan.people.length,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await doc.send(new GetCommand({ TableName: cfg.tableName, Key: { ...seedMarkerKey } }));
    const earlier = typeof Item?.seededAt === 'string' ? Item.seededAt : undefined;
    return { seeded: false, units: 0, people: 0, ...(earlier ? { seededAt: earlier } : {}), durationMs: Math.round(performance.now() - started) };
  }

  expectAllWritten(await orgEntities().unit.put(plan.units.map(unitItem)).go(), 'units');
  // Logins are claimed one item each, only if absent: the same guard every other account creation goes through.
  await Promise.all(
    plan.people.map(async (person) => {
      try {
        await insertLoginClaim(person.login, person.personId);
      } catch (error) {
        if (error instanceof ConflictError) {
          throw new Error(`seed: the login "${person.login}" is already taken in table "${cfg.tableName}"; seed an empty table`, { cause: error });
        }
        throw error;
      }
    }),
  );
  expectAllWritten(await peopleEntities().person.put(plan.people.map(personItem)).go({ concurrent: 2 }), 'people');
  const { courses } = await seedDemoCourses();
  const { questions } = await seedDemoQuestions();
  const { quizzes, branchQuizId } = await seedDemoQuizzes();
  const { sessions } = await seedDemoSessions();
  await seedDemoPledges();
  await seedDemoHonours();
  await seedDemoFlags(branchQuizId);
  await seedDemoOverview();
  await seedDemoNotifications();

  const durationMs = Math.round(performance.now() - started);
  await doc.send(
    new UpdateCommand({
      TableName: cfg.tableName,
      Key: { ...seedMarkerKey },
      UpdateExpression: 'SET #status = :complete, completedAt = :at, durationMs = :ms',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':complete': 'complete', ':at': nowIso(), ':ms': durationMs },
    }),
  );
  return { seeded: true, units: plan.units.length, people: plan.people.length, courses, questions, quizzes, sessions, seededAt, durationMs };
}
