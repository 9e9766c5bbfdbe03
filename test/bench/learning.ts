/**
 * Learning at scale: 10,000 people and 50 courses on the local engines. Prints what the completion view and the record
 * page read (counted from DynamoDB's ConsumedCapacity), the rollup job's time, and recordStudy's latency under 50
 * concurrent learners beside a raw UpdateItem on the same engine.
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
import { courseEntities } from '../../functions/domain/courses/entities.js';
import { personItem, unitItem } from '../../functions/domain/people/store.js';
import { forgetTree } from '../../functions/domain/people/service.js';
import { assignCourse, createCourse, createLesson, getMyRecord, publishCourse } from '../../functions/domain/courses/service.js';
import { computeAllCompletion, getCourseCompletion } from '../../functions/domain/stats/service.js';
import type { Actor } from '../../functions/domain/people/permissions.js';
import type { Person, Unit } from '../../functions/domain/people/schema.js';
import { summarize, ms, round, table, type Summary } from './stats.js';

export const PEOPLE = 10_000;
export const COURSES = 50;
const LEARNERS = 50;
const BEATS_PER_LEARNER = 40;
/** recordStudy and the raw UpdateItem are measured in this many alternating rounds. */
const ROUNDS = 3;
/** Operations each client sends first, unmeasured: the first heartbeat creates the item, and the code is not yet warm. */
const WARMUP_PER_CLIENT = 5;

/** Counts every DynamoDB call the platform makes, with the capacity it consumed (asked for on every request). */
function meterDynamo() {
  const calls: { command: string; capacity: number }[] = [];
  aws().dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const capacity = Array.isArray(consumed) ? consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0) : (consumed?.CapacityUnits ?? 0);
      calls.push({ command: context.commandName ?? '?', capacity });
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
      return { value, calls: calls.length, capacity: round(calls.reduce((sum, c) => sum + c.capacity, 0), 1), byCommand };
    },
  };
}

function actorOf(person: Person): Actor {
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
async function seedOrganisation(passwordHash: string) {
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
  await putAll((items) => peopleEntities().unit.put(items.map(unitItem)).go(), units);
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
      roles: i === 0 ? [{ role: 'staff' }, { role: 'admin' }] : [{ role: 'staff' }],
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
  await putAll((items) => peopleEntities().login.put(items).go(), people.slice(0, LEARNERS + 1).map((p) => ({ login: p.login, personId: p.personId, createdAt: now })));
  forgetTree();
  return { units, people };
}

/** 50 published courses assigned to everyone; each person has started 3 of them and finished some. */
async function seedCourses(admin: Actor, people: Person[]) {
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
  await putAll((items) => courseEntities().progress.put(items).go(), progress);
  return { courses, progressItems: progress.length };
}

async function signInAll(base: string, people: Person[]): Promise<string[]> {
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
function httpClient(base: string, sockets: number) {
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

/** Microseconds of this process's CPU per call of `op`, run one at a time (after a warm-up). */
async function cpuPerOp(op: () => Promise<unknown>, count = 1_000): Promise<number> {
  for (let i = 0; i < 100; i++) await op();
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await op();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

/** Each of `workers` clients sends `count` operations one after another (after a few unmeasured); returns every latency. */
async function closedLoop(workers: number, count: number, op: (worker: number, i: number) => Promise<void>): Promise<{ latency: Summary; latencies: number[]; wallMs: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < WARMUP_PER_CLIENT + count; i++) {
        const t = performance.now();
        try {
          await op(w, i);
          if (i >= WARMUP_PER_CLIENT) latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latency: summarize(latencies), latencies, wallMs: performance.now() - started, errors };
}

/**
 * Two operations measured in alternating rounds, each round's latencies pooled per operation: a single round's p99
 * (the slowest 20 of 2,000) swings with where the garbage collector happened to run.
 */
async function alternatingRounds(rounds: number, ops: Record<'a' | 'b', () => ReturnType<typeof closedLoop>>) {
  const pooled = { a: [] as number[], b: [] as number[] };
  const p99s = { a: [] as number[], b: [] as number[] };
  let errors = { a: 0, b: 0 };
  for (let r = 0; r < rounds; r++) {
    for (const key of ['a', 'b'] as const) {
      const result = await ops[key]();
      pooled[key].push(...result.latencies);
      p99s[key].push(result.latency.p99);
      errors = { ...errors, [key]: errors[key] + result.errors };
    }
  }
  const side = (key: 'a' | 'b') => ({ latency: summarize(pooled[key]), errors: errors[key], roundP99s: p99s[key] });
  return { a: side('a'), b: side('b') };
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

  // recordStudy over HTTP, as phones send it: 50 learners, each with its own session.
  const app = createApp();
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const learners = people.slice(1, LEARNERS + 1);
  const cookies = await signInAll(base, learners);
  let beatClock = Date.now();
  clock.now = () => new Date((beatClock += 7));
  const table_ = config().tableName;
  const http = httpClient(base, LEARNERS);
  const studyPath = `/api/courses/${course.courseId}/study`;
  const studyBody = JSON.stringify({ lessonId: course.lessonId, state: 'visible' });
  const { a: study, b: raw } = await alternatingRounds(ROUNDS, {
    a: () =>
      closedLoop(LEARNERS, BEATS_PER_LEARNER, async (w) => {
        const res = await http('POST', studyPath, { 'content-type': 'application/json', cookie: cookies[w]! }, studyBody);
        if (res.status !== 200) throw new Error(`${res.status} ${res.body.slice(0, 200)}`);
      }),
    b: () =>
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
  // What one heartbeat reads and writes once the learner's item exists (as every heartbeat after the first).
  const beat = async () =>
    app.request(`/api/courses/${course.courseId}/study`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies[0]!, origin: base },
      body: JSON.stringify({ lessonId: course.lessonId, state: 'visible' }),
    });
  await beat();
  const heartbeat = await meter.measure(beat);
  // CPU per operation with nothing else running (one at a time, this process only; dynalite works in its own):
  // what the concurrent figures queue on.
  const cpuRaw = await cpuPerOp(() =>
    aws().dynamo.send(
      new UpdateItemCommand({ TableName: table_, Key: { pk: { S: 'BENCH#cpu' }, sk: { S: 'RAW' } }, UpdateExpression: 'SET beats = :n', ExpressionAttributeValues: { ':n': { N: '1' } } }),
    ),
  );
  const cpuStudy = await cpuPerOp(async () => {
    const res = await http('POST', studyPath, { 'content-type': 'application/json', cookie: cookies[1]! }, studyBody);
    if (res.status !== 200) throw new Error(String(res.status));
  });
  // For scale: the same HTTP path with only the session check (GET /api/me), and with no storage at all.
  const sessionOnly = await closedLoop(LEARNERS, BEATS_PER_LEARNER, async (w) => {
    const res = await http('GET', '/api/me', { cookie: cookies[w]! });
    if (res.status !== 200) throw new Error(String(res.status));
  });
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
  const ratio = study.latency.p99 / raw.latency.p99;
  const row = (name: string, x: { latency: Summary; errors: number }, budget = '', verdict = '') => [
    name, String(x.latency.count), String(x.errors), ms(x.latency.p50), ms(x.latency.p99), ms(x.latency.mean), `${round(x.latency.p99 / raw.latency.p99, 1)}x`, budget, verdict,
  ];
  log(`one heartbeat, steady state: ${heartbeat.calls} DynamoDB calls ${JSON.stringify(heartbeat.byCommand)}, ${heartbeat.capacity} capacity units`);
  log(`CPU per operation, one at a time (client included): recordStudy over HTTP ${round(cpuStudy / 1000, 2)} ms, raw UpdateItem ${round(cpuRaw / 1000, 2)} ms (${round(cpuStudy / cpuRaw, 1)}x)`);
  log(
    table(
      [`operation (${LEARNERS} concurrent clients, ${WARMUP_PER_CLIENT} unmeasured each; ${ROUNDS} alternating rounds pooled)`, 'n', 'errors', 'p50', 'p99', 'mean', 'p99 / raw p99', 'budget', 'verdict'],
      [
        row('recordStudy over HTTP', study, '≤ 3x', ratio <= 3 ? 'PASS' : 'OVER'),
        row('  for scale: GET /api/me (session check only)', sessionOnly),
        row('  for scale: unknown /api route (no storage)', noStorage),
        row('raw dynalite UpdateItem', raw),
      ],
      new Set([1, 2, 3, 4, 5, 6]),
    ),
  );
  log(`p99 of each round: recordStudy ${study.roundP99s.map((x) => ms(x)).join(', ')}; raw UpdateItem ${raw.roundP99s.map((x) => ms(x)).join(', ')}`);
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
    rawUpdateItem: { p50: round(raw.latency.p50), p99: round(raw.latency.p99), roundP99s: raw.roundP99s.map((x) => round(x)) },
    sessionOnly: { p50: round(sessionOnly.latency.p50), p99: round(sessionOnly.latency.p99) },
    noStorage: { p50: round(noStorage.latency.p50), p99: round(noStorage.latency.p99) },
    heartbeat: { calls: heartbeat.calls, byCommand: heartbeat.byCommand, capacity: heartbeat.capacity },
    cpuPerOpMicros: { recordStudy: Math.round(cpuStudy), rawUpdateItem: Math.round(cpuRaw) },
    p99Ratio: round(ratio, 2),
  };
}
