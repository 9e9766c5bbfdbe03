/**
 * A room checking in: 500 members of one branch scan the host's code within 10 s over HTTP, 20% scanning twice and
 * some sending the code of the window before (half of those scanning in a window's first 3 s had scanned the screen
 * just before it changed), while the same phones ask
 * GET /api/me. Then the cadence for a leader over 20 branches, read before and after their sessions grow sixfold.
 *
 * Checked and printed: exactly one attendance record per person, none lost (every acknowledged check-in is on the
 * roster), no duplicates, no 5xx; check-in p99 beside GET /api/me's p99 in the same window; the DynamoDB calls of one
 * check-in beside those of GET /api/me; the items the cadence view reads for 20 branches with 5 and with 30 sessions
 * each (it must not grow with the sessions).
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/check-ins.ts` (also a section of `npm run bench`).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../../functions/http/app.js';
import { nowIso } from '../../functions/platform/clock.js';
import { newId } from '../../functions/platform/ids.js';
import { aws } from '../../functions/platform/aws.js';
import { config } from '../../functions/platform/config.js';
import { orgEntities } from '../../functions/domain/org/entities.js';
import { unitItem } from '../../functions/domain/org/store.js';
import { forgetTree } from '../../functions/domain/org/service.js';
import { createSession } from '../../functions/domain/sessions/service.js';
import { checkInSecret } from '../../functions/domain/sessions/store.js';
import { tokenForSession, windowOf } from '../../functions/domain/sessions/check-in-code.js';
import type { Actor } from '../../functions/domain/authz/permissions.js';
import type { Unit } from '../../functions/domain/org/schema.js';
import { onEnginesOfItsOwn } from './own-engines.js';
import { httpClient, meterDynamo } from './learning.js';
import { signInAll, signInOverHttp, writeBranchPeople } from './branch-people.js';
import { ms, round, summarize, table } from './stats.js';

export const MEMBERS = 500;
const BURST_MS = 10_000;
const BRANCHES = 20;

async function seed() {
  const now = nowIso();
  const unit = (name: string, kind: Unit['kind'], parentId: string | null): Unit => ({ unitId: newId(), name, kind, parentId, sortOrder: 0, retired: false, createdAt: now, updatedAt: now, version: 1 });
  const root = unit('县政务服务管理局', 'bureau', null);
  const branches = Array.from({ length: BRANCHES }, (_, i) => unit(`第${i + 1}党支部`, 'branch', root.unitId));
  await orgEntities().unit.put([root, ...branches].map(unitItem)).go();
  const branch = branches[0]!;
  const people = await writeBranchPeople(branch.unitId, MEMBERS, '党员', 'm');
  forgetTree();
  const admin: Actor = { ...people[0]!, mustChangePassword: false, sessionId: 'bench' };
  const startsAt = new Date(Date.now() + 5 * 60_000);
  const session = await createSession(admin, {
    branchId: branch.unitId,
    type: 'branchCongress',
    topic: '支部党员大会',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
    hostId: admin.personId,
  });
  return { admin, people: people.slice(1), sessionId: session.sessionId, branches };
}

/** `count` sessions in each branch, spread over this year's past months (each write keeps the branch's rollup). */
async function addSessions(admin: Actor, branches: Unit[], count: number, offset: number) {
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const types = ['committee', 'groupMeeting', 'themeDay', 'branchCongress', 'partyLecture'] as const;
  await Promise.all(
    branches.map(async (branch) => {
      for (let i = 0; i < count; i++) {
        const n = offset + i;
        const start = new Date(Date.UTC(year, n % 10, 1 + (n % 27), 1));
        await createSession(admin, {
          branchId: branch.unitId,
          type: types[n % types.length]!,
          topic: `第${n + 1}次组织生活`,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3600_000).toISOString(),
          hostId: admin.personId,
        });
      }
    }),
  );
}

export async function runCheckInBench(log: (line: string) => void = console.log) {
  const t0 = performance.now();
  const { admin, people, sessionId, branches } = await seed();
  const app = createApp();
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  Object.assign(server, { keepAliveTimeout: 120_000, headersTimeout: 121_000 });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const phones = new Map<string, ReturnType<typeof httpClient>>();
  const send = async (method: 'GET' | 'POST', path: string, cookie: string, body?: unknown) => {
    let phone = phones.get(cookie);
    if (!phone) phones.set(cookie, (phone = httpClient(base, 2)));
    const started = performance.now();
    const res = await phone(method, path, { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body === undefined ? undefined : JSON.stringify(body));
    return { ...res, ms: performance.now() - started };
  };
  const host = await signInOverHttp(base, admin.login, MEMBERS + 7, 2);
  const cookies = await signInAll(base, people, 2);
  const setupMs = performance.now() - t0;

  // The burst: each member scans once at a random moment in 10 s; some twice; some with the window before's code.
  let seedState = 7;
  const random = () => {
    seedState = (seedState * 1103515245 + 12345) % 2147483648;
    return seedState / 2147483648;
  };
  const secret = await checkInSecret();
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const checkInMs: number[] = [];
  const meMs: number[] = [];
  const acknowledged = new Set<string>();
  let twice = 0;
  let oldWindow = 0;
  let already = 0;
  let dynamoCalls = 0;
  let inBurst = false;
  aws().dynamo.middlewareStack.add(
    (next) => async (args) => {
      if (inBurst) dynamoCalls++;
      return next(args);
    },
    { step: 'build', name: 'benchCheckInCounter' },
  );
  // The host's screen asks for the code (and the count) every 3 s, as the check-in view does.
  let screenCode = JSON.parse((await send('GET', `/api/sessions/${sessionId}/check-in-code`, host)).body) as { token: string };
  inBurst = true;
  const burstStart = performance.now();
  const screen = setInterval(() => {
    void send('GET', `/api/sessions/${sessionId}/check-in-code`, host).then((res) => {
      count(res.status);
      if (res.status === 200) screenCode = JSON.parse(res.body);
    });
  }, 3_000);
  // Each phone also asks GET /api/me once at its own random moment of the burst (not after its check-in, which would
  // measure it when the room has quietened).
  const mes = people.map(async (_, i) => {
    await new Promise((r) => setTimeout(r, random() * BURST_MS));
    const me = await send('GET', '/api/me', cookies[i]!);
    count(me.status);
    meMs.push(me.ms);
  });
  await Promise.all(
    people.map(async (person, i) => {
      const cookie = cookies[i]!;
      await new Promise((r) => setTimeout(r, random() * BURST_MS));
      // Half of those scanning in the first 3 s of a window had scanned the screen just before it changed: they send
      // the code of the window before.
      const intoWindow = Date.now() % 15_000;
      const stale = intoWindow < 3_000 && random() < 0.5;
      if (stale) oldWindow++;
      const token = stale ? tokenForSession(secret, sessionId, windowOf(new Date()) - 1) : screenCode.token;
      const scans = random() < 0.2 ? 2 : 1;
      if (scans === 2) twice++;
      for (let s = 0; s < scans; s++) {
        const res = await send('POST', '/api/check-ins', cookie, { token });
        count(res.status);
        checkInMs.push(res.ms);
        if (res.status === 200) {
          acknowledged.add(person.personId);
          if (JSON.parse(res.body).outcome === 'already') already++;
        }
      }
    }),
  );
  await Promise.all(mes);
  clearInterval(screen);
  const burstMs = performance.now() - burstStart;
  inBurst = false;
  const checkIns = checkInMs.length;

  // What the table holds: one record per person.
  const { Items = [] } = await aws().doc.send(
    new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :att)', ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':att': 'ATT#' }, ConsistentRead: true }),
  );
  const recorded = new Map<string, number>();
  for (const item of Items) recorded.set(String(item.personId), (recorded.get(String(item.personId)) ?? 0) + 1);
  const lost = [...acknowledged].filter((id) => !recorded.has(id)).length;
  const duplicates = [...recorded.values()].filter((n) => n > 1).length;
  const roster = JSON.parse((await send('GET', `/api/sessions/${sessionId}/roster`, host)).body) as { counts: { present: number; late: number } };

  // DynamoDB calls of one check-in (a person not yet in: the host's own) and of GET /api/me, each alone.
  const meter = meterDynamo();
  const meCalls = await meter.measure(() => send('GET', '/api/me', host));
  const hostToken = tokenForSession(secret, sessionId, windowOf(new Date()));
  // As in the room: the check-in screen is up, asking for its code every few seconds.
  await send('GET', `/api/sessions/${sessionId}/check-in-code`, host);
  const oneCheckIn = await meter.measure(() => send('POST', '/api/check-ins', host, { token: hostToken }));
  if (oneCheckIn.value.status !== 200) throw new Error(`the measured check-in answered ${oneCheckIn.value.status} ${oneCheckIn.value.body.slice(0, 200)}`);
  const secondScan = await meter.measure(() => send('POST', '/api/check-ins', host, { token: hostToken }));

  // The cadence over every branch, with few sessions and with six times as many: the items it reads.
  const itemsRead = async () => {
    const { value: res, items, calls } = await meter.measure(() => send('GET', '/api/sessions/cadence', host));
    if (res.status !== 200) throw new Error(`getCadence answered ${res.status}`);
    return { items, calls, ms: res.ms, branches: (JSON.parse(res.body).branches as unknown[]).length };
  };
  await addSessions(admin, branches, 5, 0);
  const few = await itemsRead();
  await addSessions(admin, branches, 25, 5);
  const many = await itemsRead();
  await new Promise((r) => server.close(r));

  const checkIn = summarize(checkInMs);
  const me = summarize(meMs);
  const ratio = checkIn.p99 / me.p99;
  const fivexx = [...statuses.entries()].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
  const perCheckIn = oneCheckIn.calls - meCalls.calls;
  log(`\n== Check-in: ${MEMBERS} members of one branch within ${BURST_MS / 1000} s (set up in ${ms(setupMs)}, burst over in ${ms(burstMs)}) ==`);
  log(`check-ins sent: ${checkIns} (${twice} members scanned twice, ${oldWindow} with the window before's code; ${already} answered "already"); answers by status: ${JSON.stringify(Object.fromEntries([...statuses.entries()].sort()))}`);
  log(`DynamoDB calls in the burst: ${dynamoCalls} for ${checkIns} check-ins, ${meMs.length} GET /api/me and the screen's code every 3 s; roster reads ${roster.counts.present + roster.counts.late} present or late`);
  log(
    table(
      ['check', 'figure', 'budget', 'verdict'],
      [
        ['attendance records', `${Items.length} for ${MEMBERS} members`, `exactly ${MEMBERS}`, Items.length === MEMBERS ? 'PASS' : 'OVER'],
        ['lost (acknowledged, no record) / duplicates', `${lost} / ${duplicates}`, '0 / 0', lost === 0 && duplicates === 0 ? 'PASS' : 'OVER'],
        ['5xx answers', String(fivexx), '0', fivexx === 0 ? 'PASS' : 'OVER'],
        ['check-in p99 / GET /api/me p99', `${ms(checkIn.p99)} / ${ms(me.p99)} = ${round(ratio, 2)}x`, '≤ 2x', ratio <= 2 ? 'PASS' : 'OVER'],
        [
          'DynamoDB calls of one check-in (a second scan; GET /api/me alone)',
          `${oneCheckIn.calls} ${JSON.stringify(oneCheckIn.byCommand)} (${secondScan.calls}; ${meCalls.calls} ${JSON.stringify(meCalls.byCommand)})`,
          '≤ 2',
          oneCheckIn.calls <= 2 && secondScan.calls <= 2 ? 'PASS' : 'OVER',
        ],
        [
          `cadence view, ${BRANCHES} branches: items read with 5 / 30 sessions each`,
          `${few.items} (${few.calls} calls, ${ms(few.ms)}) / ${many.items} (${many.calls} calls, ${ms(many.ms)})`,
          'O(branches): the same',
          many.items === few.items && many.items <= BRANCHES + 5 ? 'PASS' : 'OVER',
        ],
      ],
    ),
  );
  log(
    table(
      ['operation', 'n', 'p50', 'mean', 'p99', 'max'],
      [
        ['checkIn (POST /api/check-ins)', String(checkIn.count), ms(checkIn.p50), ms(checkIn.mean), ms(checkIn.p99), ms(checkIn.max)],
        ['GET /api/me (same window)', String(me.count), ms(me.p50), ms(me.mean), ms(me.p99), ms(me.max)],
      ],
      new Set([1, 2, 3, 4, 5]),
    ),
  );
  return {
    records: Items.length,
    lost,
    duplicates,
    fivexx,
    checkInP99: round(checkIn.p99),
    meP99: round(me.p99),
    ratio: round(ratio, 2),
    callsPerCheckIn: oneCheckIn.calls,
    callsPerSecondScan: secondScan.calls,
    meCalls: meCalls.calls,
    beyondSession: perCheckIn,
    cadenceItems: { fewSessions: few.items, manySessions: many.items, branches: BRANCHES },
  };
}

export async function runCheckInSection(log: (line: string) => void = console.log) {
  return onEnginesOfItsOwn('bench-check-in', () => runCheckInBench(log), { dynamoInChildProcess: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCheckInSection().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
