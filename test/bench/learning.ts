/**
 * Learning at scale: 10,000 people and 50 courses on the local engines. Prints what the completion view and the record
 * page read (counted from DynamoDB's ConsumedCapacity), the rollup job's time, and recordStudy's latency under 50
 * concurrent learners beside an authenticated GET /api/me (its budget: p99 at most twice that one's) and a raw
 * UpdateItem on the same engine (a figure).
 */
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { createApp } from '../../functions/http/app.js';
import { aws } from '../../functions/platform/aws.js';
import { config } from '../../functions/platform/config.js';
import { clock, nowIso } from '../../functions/platform/clock.js';
import { newId } from '../../functions/platform/ids.js';
import { hashPassword } from '../../functions/platform/passwords.js';
import { peopleEntities } from '../../functions/domain/people/entities.js';
import { studyEntities } from '../../functions/domain/study/entities.js';
import { personItem } from '../../functions/domain/people/store.js';
import { orgEntities } from '../../functions/domain/org/entities.js';
import { unitItem } from '../../functions/domain/org/store.js';
import { forgetTree } from '../../functions/domain/org/service.js';
import { createCourse, createLesson, publishCourse } from '../../functions/domain/courses/service.js';
import { assignCourse } from '../../functions/domain/assignments/service.js';
import { getMyRecord } from '../../functions/domain/study/service.js';
import { computeAllCompletion, getCourseCompletion } from '../../functions/domain/stats/service.js';
import type { Actor } from '../../functions/domain/authz/permissions.js';
import type { Unit } from '../../functions/domain/org/schema.js';
import type { Person } from '../../functions/domain/people/schema.js';
import { onEnginesOfItsOwn } from './own-engines.js';
import { summarize, ms, round, table, type Summary } from './stats.js';

export const PEOPLE = 10_000;
export const COURSES = 50;
const LEARNERS = 50;
const BEATS_PER_LEARNER = 40;
/**
 * How far the platform's time moves on between one learner's heartbeats, on average: a page reports every 15 s; the
 * learners share one clock, so each one's gaps vary around the average, and 20 s keeps the jitter clear of the
 * allowance for heartbeats faster than pages send them (a refusal would be counted as an error).
 */
const BEAT_MS = 20_000;
/** recordStudy and the raw UpdateItem are measured in this many alternating rounds. */
const ROUNDS = 3;
/** Operations each client sends first, unmeasured: the first heartbeat creates the item, and the code is not yet warm. */
const WARMUP_PER_CLIENT = 5;

/** Counts every DynamoDB call the platform makes, with the capacity it consumed (asked for on every request). */
export function meterDynamo() {
  const calls: { command: string; capacity: number; items: number }[] = [];
  aws().dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const out = result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[]; Count?: number; Item?: unknown; Responses?: Record<string, unknown[]> };
      const consumed = out.ConsumedCapacity;
      const capacity = Array.isArray(consumed) ? consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0) : (consumed?.CapacityUnits ?? 0);
      // The items answered: a query's count, a get's item, a batch get's responses.
      const items = out.Count ?? (out.Item ? 1 : 0) + Object.values(out.Responses ?? {}).reduce((sum, list) => sum + list.length, 0);
      calls.push({ command: context.commandName ?? '?', capacity, items });
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
  return {
    async measure<T>(fn: () => Promise<T>) {
      calls.length = 0;
      const value = await fn();
      const byCommand: Record<string, number> = {};
      for (const call of calls) byCommand[call.command] = (byCommand[call.command] ?? 0) + 1;
      return { value, calls: calls.length, items: calls.reduce((sum, c) => sum + c.items, 0), capacity: round(calls.reduce((sum, c) => sum + c.capacity, 0), 1), byCommand };
    },
  };
}

export function actorOf(person: Person): Actor {
  return { ...person, mustChangePassword: false, sessionId: 'bench' };
}

async function putAll<T>(write: (items: T[]) => Promise<unknown>, items: T[], batch = 25, parallel = 8) {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += batch) chunks.push(items.slice(i, i + batch));
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < chunks.length) await write(chunks[next++]!);
    }),
  );
}

/** A bureau of 10 branches with 5 Party groups each and 8 departments; people spread over them. */
export async function seedOrganisation(passwordHash: string, signInable = LEARNERS + 1) {
  const now = nowIso();
  const unit = (name: string, kind: Unit['kind'], parentId: string | null, sortOrder: number): Unit => ({
    unitId: newId(), name, kind, parentId, sortOrder, retired: false, createdAt: now, updatedAt: now, version: 1,
  });
  const root = unit('县政务服务管理局', 'bureau', null, 0);
  const units: Unit[] = [root];
  for (let d = 0; d < 8; d++) units.push(unit(`科室${d + 1}`, 'department', root.unitId, d));
  for (let b = 0; b < 10; b++) {
    const branch = unit(`第${b + 1}党支部`, 'branch', root.unitId, 100 + b);
    units.push(branch);
    for (let g = 0; g < 5; g++) units.push(unit(`第${b + 1}支部第${g + 1}党小组`, 'group', branch.unitId, g));
  }
  await putAll((items) => orgEntities().unit.put(items.map(unitItem)).go(), units);
  const leaves = units.filter((u) => u.kind !== 'bureau');
  const branchOf = (u: Unit) => (u.kind === 'branch' ? u.unitId : u.kind === 'group' ? u.parentId : null);
  const people: Person[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const home = leaves[i % leaves.length]!;
    const branchId = branchOf(home);
    people.push({
      personId: newId(),
      name: `职工${i}`,
      login: `p${String(i).padStart(5, '0')}`,
      unitId: home.unitId,
      branchId: branchId && i % 2 === 0 ? branchId : null,
      partyStatus: branchId && i % 2 === 0 ? 'full' : 'none',
      roles: i === 0 ? [{ role: 'staff' }, { role: 'sysadmin' }] : [{ role: 'staff' }],
      lang: 'zh-CN',
      active: true,
      mustChangePassword: false,
      passwordHash,
      sessionEpoch: 0,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }
  await putAll((items) => peopleEntities().person.put(items.map(personItem)).go(), people);
  // Login claims for the learners who sign in over HTTP.
  await putAll((items) => peopleEntities().login.put(items).go(), people.slice(0, signInable).map((p) => ({ login: p.login, personId: p.personId, createdAt: now })));
  forgetTree();
  return { units, people };
}

/** 50 published courses assigned to everyone; each person has started 3 of them and finished some. */
export async function seedCourses(admin: Actor, people: Person[]) {
  const courses: { courseId: string; lessonId: string }[] = [];
  const due = new Date(Date.now() + 10 * 86400_000).toISOString();
  for (let c = 0; c < COURSES; c++) {
    let course = await createCourse(admin, { title: `课程${c + 1}`, category: 'required', credit: 1 });
    course = await createLesson(admin, course.courseId, { version: course.version, title: '第一课', kind: 'text', body: '正文', minSeconds: 60 });
    course = await publishCourse(admin, course.courseId, { version: course.version });
    await assignCourse(admin, course.courseId, { audience: { kind: 'everyone' }, required: true, dueAt: due });
    courses.push({ courseId: course.courseId, lessonId: course.lessons[0]!.lessonId });
  }
  const now = nowIso();
  const progress = people.flatMap((person, i) =>
    [0, 1, 2].map((k) => {
      const course = courses[(i + k * 17) % COURSES]!;
      const done = (i + k) % 4 === 0;
      return {
        personId: person.personId,
        courseId: course.courseId,
        courseTitle: `课程`,
        credit: 1,
        lessons: { [course.lessonId]: { studiedMs: done ? 60_000 : 20_000, furthestSeconds: 0, positionSeconds: 0, lastBeatAt: null, completedAt: done ? now : null } },
        startedAt: now,
        lastStudiedAt: now,
        ...(done ? { completedAt: now } : {}),
        version: 1,
      };
    }),
  );
  await putAll((items) => studyEntities().progress.put(items).go(), progress);
  return { courses, progressItems: progress.length };
}

export async function signInAll(base: string, people: Person[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const person of people) {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${cookies.length}.1` }, body: JSON.stringify({ login: person.login, password: 'bench-pass-1' }) });
    if (res.status !== 200) throw new Error(`sign-in for ${person.login} answered ${res.status}`);
    cookies.push(res.headers.getSetCookie().find((c) => c.startsWith('sid='))!.split(';')[0]!);
  }
  return cookies;
}

/**
 * A lean HTTP client for the load: node:http with a keep-alive agent, as the AWS SDK's own handler is, so that the
 * two sides of the comparison pay the same for their client and the figure is about the server (fetch costs several
 * times more CPU per request, all of it charged to the process being measured).
 */
export function httpClient(base: string, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(base);
  return (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ agent, hostname, port, method, path, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

/** The latencies (ms) of `requests` GETs of one path with one cookie, `atOnce` at a time; any answer but 200 throws. */
export async function timedGets(get: ReturnType<typeof httpClient>, path: string, cookie: string, requests = 300, atOnce = 10): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < requests; i += atOnce) {
    await Promise.all(
      Array.from({ length: atOnce }, async () => {
        const started = performance.now();
        const res = await get('GET', path, { cookie });
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${res.body.slice(0, 200)}`);
        times.push(performance.now() - started);
      }),
    );
  }
  return times;
}

/** Microseconds of this process's CPU per call of `op`, run one at a time (after a warm-up). */
async function cpuPerOp(op: () => Promise<unknown>, count = 1_000): Promise<number> {
  for (let i = 0; i < 100; i++) await op();
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await op();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

/** Each of `workers` clients sends `count` operations one after another (after a few unmeasured); returns every latency. */
async function closedLoop(workers: number, count: number, op: (worker: number, i: number) => Promise<void>): Promise<{ latency: Summary; latencies: number[]; wallMs: number; errors: number; firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < WARMUP_PER_CLIENT + count; i++) {
        const t = performance.now();
        try {
          await op(w, i);
          if (i >= WARMUP_PER_CLIENT) latencies.push(performance.now() - t);
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  return { latency: summarize(latencies), latencies, wallMs: performance.now() - started, errors, ...(firstError ? { firstError } : {}) };
}

/**
 * Operations measured in alternating rounds, each round's latencies pooled per operation: a single round's p99
 * (the slowest 20 of 2,000) swings with where the garbage collector happened to run.
 */
async function alternatingRounds<K extends string>(rounds: number, ops: Record<K, () => ReturnType<typeof closedLoop>>) {
  const keys = Object.keys(ops) as K[];
  const pooled = new Map<K, number[]>(keys.map((key) => [key, []]));
  const p99s = new Map<K, number[]>(keys.map((key) => [key, []]));
  const errors = new Map<K, number>(keys.map((key) => [key, 0]));
  const firstErrors = new Map<K, string>();
  for (let r = 0; r < rounds; r++) {
    for (const key of keys) {
      const result = await ops[key]();
      pooled.get(key)!.push(...result.latencies);
      p99s.get(key)!.push(result.latency.p99);
      errors.set(key, errors.get(key)! + result.errors);
      if (result.firstError && !firstErrors.has(key)) firstErrors.set(key, result.firstError);
    }
  }
  return Object.fromEntries(
    keys.map((key) => [key, { latency: summarize(pooled.get(key)!), errors: errors.get(key)!, roundP99s: p99s.get(key)!, firstError: firstErrors.get(key) }]),
  ) as Record<K, { latency: Summary; errors: number; roundP99s: number[]; firstError: string | undefined }>;
}

/**
 * The view's reads are one GetItem (the course) and BatchGetItems of exactly the shown units' keys (100 keys a call);
 * no Query or Scan that could read more.
 */
function onlyUnitsAndCourse(byCommand: Record<string, number>, units: number): string {
  const ok =
    (byCommand.GetItemCommand ?? 0) === 1 &&
    (byCommand.BatchGetItemCommand ?? 0) <= Math.ceil(units / 100) &&
    Object.keys(byCommand).every((command) => command === 'GetItemCommand' || command === 'BatchGetItemCommand');
  return ok ? 'PASS' : 'OVER';
}

export async function runLearningBench(log: (line: string) => void = console.log) {
  const meter = meterDynamo();
  const t0 = performance.now();
  const passwordHash = await hashPassword('bench-pass-1');
  const { units, people } = await seedOrganisation(passwordHash);
  const admin = actorOf(people[0]!);
  const { courses, progressItems } = await seedCourses(admin, people);
  const seedMs = performance.now() - t0;

  const t1 = performance.now();
  const figures = await computeAllCompletion();
  const rollupMs = performance.now() - t1;

  const course = courses[0]!;
  await getCourseCompletion(admin, course.courseId); // warm the tree, as a running instance has it
  const completion = await meter.measure(() => getCourseCompletion(admin, course.courseId));
  const organizerUnit = units.find((u) => u.kind === 'branch')!;
  const organizer = { ...actorOf(people[1]!), roles: [{ role: 'staff' as const }, { role: 'organizer' as const, unitId: organizerUnit.unitId }] };
  const scoped = await meter.measure(() => getCourseCompletion(organizer, course.courseId));
  const record = await meter.measure(() => getMyRecord(actorOf(people[3]!)));

  // recordStudy over HTTP, as phones send it: 50 learners, each with its own session, each reporting about every 20 s
  // of the platform's time. That time is virtual: every request moves it on by BEAT_MS shared among the learners (so
  // each learner's reports are about that far apart and none is refused as too fast), and GET /api/me moves it on
  // alike, so both pay the session check's occasional "last seen" write at the same rate.
  const app = createApp();
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const learners = people.slice(1, LEARNERS + 1);
  const cookies = await signInAll(base, learners);
  let virtualNow = Date.now();
  clock.now = () => new Date(virtualNow);
  const tick = (ms: number) => {
    virtualNow += ms;
  };
  const table_ = config().tableName;
  const http = httpClient(base, LEARNERS);
  const studyPath = `/api/courses/${course.courseId}/study`;
  const studyBody = JSON.stringify({ lessonId: course.lessonId, state: 'visible' });
  const studyAs = async (w: number, step = BEAT_MS / LEARNERS) => {
    tick(step);
    const res = await http('POST', studyPath, { 'content-type': 'application/json', cookie: cookies[w]! }, studyBody);
    if (res.status !== 200) throw new Error(`${res.status} ${res.body.slice(0, 200)}`);
  };
  const meAs = async (w: number, step = BEAT_MS / LEARNERS) => {
    tick(step);
    const res = await http('GET', '/api/me', { cookie: cookies[w]! });
    if (res.status !== 200) throw new Error(String(res.status));
  };
  const rounds = await alternatingRounds(ROUNDS, {
    study: () => closedLoop(LEARNERS, BEATS_PER_LEARNER, (w) => studyAs(w)),
    me: () => closedLoop(LEARNERS, BEATS_PER_LEARNER, (w) => meAs(w)),
    raw: () =>
      closedLoop(LEARNERS, BEATS_PER_LEARNER, async (w, i) => {
        await aws().dynamo.send(
          new UpdateItemCommand({
            TableName: table_,
            Key: { pk: { S: `BENCH#${w}` }, sk: { S: 'RAW' } },
            UpdateExpression: 'SET beats = :n, lastBeatAt = :t',
            ExpressionAttributeValues: { ':n': { N: String(i) }, ':t': { N: String(Date.now()) } },
          }),
        );
      }),
  });
  const { study, me: sessionOnly, raw } = rounds;
  // What one heartbeat reads and writes once the learner is under way (as every heartbeat after the first).
  const beat = async () => {
    tick(BEAT_MS);
    const res = await app.request(`/api/courses/${course.courseId}/study`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies[0]!, origin: base },
      body: JSON.stringify({ lessonId: course.lessonId, state: 'visible' }),
    });
    if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  };
  await beat();
  // Twenty in a row, one by one: the steady heartbeat is the usual one (now and then one also writes the session's
  // "last seen" or the lesson's progress item; the average below counts those).
  const single: Awaited<ReturnType<typeof meter.measure>>[] = [];
  for (let i = 0; i < 20; i++) single.push(await meter.measure(beat));
  const shapes = new Map<string, { count: number; sample: (typeof single)[number] }>();
  for (const one of single) {
    const shape = `${one.calls} ${JSON.stringify(one.byCommand)} ${one.capacity}`;
    shapes.set(shape, { count: (shapes.get(shape)?.count ?? 0) + 1, sample: one });
  }
  const usual = [...shapes.values()].sort((a, b) => b.count - a.count)[0]!;
  const heartbeat = usual.sample;
  // And on average over many, as the learners send them (the occasional progress item or "last seen" write included).
  const many = await meter.measure(() => closedLoop(LEARNERS, BEATS_PER_LEARNER, (w) => studyAs(w)));
  const beatsSent = LEARNERS * (WARMUP_PER_CLIENT + BEATS_PER_LEARNER);
  // CPU per operation with nothing else running (one at a time, this process only; dynalite works in its own):
  // what the concurrent figures queue on.
  const cpuRaw = await cpuPerOp(() =>
    aws().dynamo.send(
      new UpdateItemCommand({ TableName: table_, Key: { pk: { S: 'BENCH#cpu' }, sk: { S: 'RAW' } }, UpdateExpression: 'SET beats = :n', ExpressionAttributeValues: { ':n': { N: '1' } } }),
    ),
  );
  const cpuStudy = await cpuPerOp(() => studyAs(1, BEAT_MS), 500);
  const cpuMe = await cpuPerOp(() => meAs(1, BEAT_MS), 500);
  // For scale: the same HTTP path with no storage at all.
  const noStorage = await closedLoop(LEARNERS, BEATS_PER_LEARNER, async () => {
    const res = await http('GET', '/api/no-such-route', {});
    if (res.status !== 404) throw new Error(String(res.status));
  });
  clock.now = () => new Date();
  await new Promise((r) => server.close(r));

  const shownUnits = completion.value.units.length;
  log(`\n== Learning at scale: ${PEOPLE.toLocaleString('en')} people in ${units.length} units, ${COURSES} courses, ${progressItems.toLocaleString('en')} progress items (seeded in ${ms(seedMs)}) ==`);
  log(`completion rollup job: ${figures.assignments} assignments + ${figures.courses} courses over ${(figures.people ?? 0).toLocaleString('en')} people in ${ms(rollupMs)}`);
  log(
    table(
      ['view', 'units shown', 'DynamoDB calls', 'by command', 'capacity units', 'budget', 'verdict'],
      [
        ['completion (admin, whole bureau)', String(shownUnits), String(completion.calls), JSON.stringify(completion.byCommand), String(completion.capacity), `≤ ${shownUnits} unit items + course`, onlyUnitsAndCourse(completion.byCommand, shownUnits)],
        ['completion (organizer, one branch)', String(scoped.value.units.length), String(scoped.calls), JSON.stringify(scoped.byCommand), String(scoped.capacity), `≤ ${scoped.value.units.length} unit items + course`, onlyUnitsAndCourse(scoped.byCommand, scoped.value.units.length)],
        ['record page (getMyRecord)', '-', String(record.calls), JSON.stringify(record.byCommand), String(record.capacity), '≤ 2 queries', (record.byCommand.QueryCommand ?? 0) <= 2 ? 'PASS' : 'OVER'],
      ],
      new Set([1, 2, 4]),
    ),
  );
  const ratio = study.latency.p99 / sessionOnly.latency.p99;
  const row = (name: string, x: { latency: Summary; errors: number }, budget = '', verdict = '') => [
    name,
    String(x.latency.count),
    String(x.errors),
    ms(x.latency.p50),
    ms(x.latency.p99),
    ms(x.latency.mean),
    `${round(x.latency.p99 / sessionOnly.latency.p99, 2)}x`,
    `${round(x.latency.p99 / raw.latency.p99, 1)}x`,
    budget,
    verdict,
  ];
  const steadyOk = heartbeat.calls <= 2 && heartbeat.capacity <= 2;
  log(
    `one heartbeat, steady state (${usual.count} of 20 in a row): ${heartbeat.calls} DynamoDB calls ${JSON.stringify(heartbeat.byCommand)}, ${heartbeat.capacity} capacity units (budget: 2 calls, ≤ 2 units): ${steadyOk ? 'PASS' : 'OVER'}`,
  );
  log(`on average over ${beatsSent.toLocaleString('en')} heartbeats of ${LEARNERS} learners: ${round(many.calls / beatsSent, 2)} calls and ${round(many.capacity / beatsSent, 2)} capacity units each ${JSON.stringify(many.byCommand)}`);
  log(
    `CPU per operation, one at a time (client included): recordStudy over HTTP ${round(cpuStudy / 1000, 2)} ms, GET /api/me ${round(cpuMe / 1000, 2)} ms, raw UpdateItem ${round(cpuRaw / 1000, 2)} ms`,
  );
  log(
    table(
      [`operation (${LEARNERS} concurrent clients, ${WARMUP_PER_CLIENT} unmeasured each; ${ROUNDS} alternating rounds pooled)`, 'n', 'errors', 'p50', 'p99', 'mean', 'p99 / me p99', 'p99 / raw p99', 'budget', 'verdict'],
      [
        row('recordStudy over HTTP', study, '≤ 2x GET /api/me', ratio <= 2 ? 'PASS' : 'OVER'),
        row('GET /api/me (the session check alone)', sessionOnly),
        row('  for scale: unknown /api route (no storage)', noStorage),
        row('  for scale: raw dynalite UpdateItem', raw),
      ],
      new Set([1, 2, 3, 4, 5, 6, 7]),
    ),
  );
  log(`recordStudy: p99 ${ms(study.latency.p99)} vs GET /api/me p99 ${ms(sessionOnly.latency.p99)} = ${round(ratio, 2)}x (budget ≤ 2x): ${ratio <= 2 ? 'PASS' : 'OVER'}`);
  log(`p99 of each round: recordStudy ${study.roundP99s.map((x) => ms(x)).join(', ')}; GET /api/me ${sessionOnly.roundP99s.map((x) => ms(x)).join(', ')}; raw UpdateItem ${raw.roundP99s.map((x) => ms(x)).join(', ')}`);
  for (const [name, x] of [['recordStudy', study], ['GET /api/me', sessionOnly], ['raw UpdateItem', raw]] as const) {
    if (x.errors) log(`${name}: ${x.errors} errors; first: ${x.firstError}`);
  }
  log('(the clients and the app share one process, dynalite runs in another: with 50 clients and no pause, each p99 is mostly queueing for CPU)');
  return {
    people: PEOPLE,
    units: units.length,
    courses: COURSES,
    progressItems,
    rollupMs: Math.round(rollupMs),
    completion: { unitsShown: shownUnits, calls: completion.calls, byCommand: completion.byCommand, capacity: completion.capacity },
    completionScoped: { unitsShown: scoped.value.units.length, calls: scoped.calls, byCommand: scoped.byCommand },
    record: { calls: record.calls, byCommand: record.byCommand, capacity: record.capacity },
    recordStudy: { p50: round(study.latency.p50), p99: round(study.latency.p99), errors: study.errors, roundP99s: study.roundP99s.map((x) => round(x)) },
    sessionOnly: { p50: round(sessionOnly.latency.p50), p99: round(sessionOnly.latency.p99), roundP99s: sessionOnly.roundP99s.map((x) => round(x)) },
    rawUpdateItem: { p50: round(raw.latency.p50), p99: round(raw.latency.p99), roundP99s: raw.roundP99s.map((x) => round(x)) },
    noStorage: { p50: round(noStorage.latency.p50), p99: round(noStorage.latency.p99) },
    heartbeat: { calls: heartbeat.calls, byCommand: heartbeat.byCommand, capacity: heartbeat.capacity, ofTwenty: usual.count, verdict: steadyOk ? 'PASS' : 'OVER' },
    heartbeatAverage: { calls: round(many.calls / beatsSent, 3), capacity: round(many.capacity / beatsSent, 3), byCommand: many.byCommand },
    cpuPerOpMicros: { recordStudy: Math.round(cpuStudy), sessionOnly: Math.round(cpuMe), rawUpdateItem: Math.round(cpuRaw) },
    p99RatioToSession: round(ratio, 2),
    p99RatioToRaw: round(study.latency.p99 / raw.latency.p99, 2),
    verdict: ratio <= 2 ? 'PASS' : 'OVER',
  };
}

/**
 * The learning section with engines of its own: dynalite in a process of its own (as DynamoDB is never in a Lambda's),
 * s3rver and the app here. `npm run bench` runs it last; `npx tsx test/bench/learning-only.ts` runs it alone.
 */
export async function runLearningSection(log: (line: string) => void = console.log) {
  return onEnginesOfItsOwn('bench-learning', () => runLearningBench(log), { dynamoInChildProcess: true });
}
