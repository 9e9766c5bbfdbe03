/**
 * What it costs (docs/decisions/048): each user action measured on the real platform (dynalite + s3rver, the demo
 * seed, the one Hono app with the web build, in-process) — DynamoDB's consumed capacity (ReturnConsumedCapacity on the
 * app's own client: dynalite reports it as DynamoDB does), Lambda invocations (one per request through API Gateway: a
 * page is one invocation, its API calls run in-process), the refreshes a write asks of the jobs function, the handler's
 * in-process time (a lower bound of Lambda's billed duration), the compressed response and the log bytes — then a month
 * for a bureau of 300 and a county of 10,000 at the list prices of test/bench/cost-model.ts.
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/cost.ts` (also a section of `npm run bench`).
 */
import { gzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { ServerBuild } from '@remix-run/server-runtime';
import { onEnginesOfItsOwn } from './own-engines.js';
import { ensureWebBuild, serverBuildPath } from '../../dev/build.js';
import { seedDemo } from '../../dev/seed.js';
import { aws } from '../../functions/platform/aws.js';
import { clock } from '../../functions/platform/clock.js';
import { config } from '../../functions/platform/config.js';
import { onRefreshRequested } from '../../functions/platform/stale.js';
import { createApp } from '../../functions/http/app.js';
import { jobs as jobList, runJobs } from '../../functions/jobs/registry.js';
import { refreshStale } from '../../functions/jobs/refresh.js';
import { ACCESS_LOG_FIELDS } from '../../infra/constructs/http-api.js';
import { billOf, CHINA_PRICES, GLOBAL_PRICES, LAMBDA_MEMORY_GB, monthOf, SCENARIOS, type ActionCost, type Measured, type PriceList } from '../../dev/cost-model.js';
import { round, table } from './stats.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const origin = 'http://localhost';
const phone = {
  'user-agent': 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  'accept-language': 'zh-CN,zh;q=0.9',
};
/** Lambda's own lines per invocation (START, END, REPORT): not printed by the app, so not measurable here. */
const PLATFORM_LOG_BYTES = 350;
const READS = new Set(['GetItemCommand', 'GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'BatchGetCommand']);

export async function runCostSection(log: (line: string) => void = console.log): Promise<Measured> {
  // The section counts what the app prints and the refreshes it asks for; both are given back after.
  const { write: out } = process.stdout;
  const { write: err } = process.stderr;
  let measured: Measured;
  try {
    measured = await onEnginesOfItsOwn('bench-cost', () => measure(log));
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    onRefreshRequested(undefined);
  }
  report(measured, log);
  return measured;
}

async function measure(log: (line: string) => void): Promise<Measured> {
  const seeded = await seedDemo();
  ensureWebBuild(log);
  const build = (await import(pathToFileURL(resolve(root, serverBuildPath)).href)) as ServerBuild;
  const app = createApp({ web: { build, mode: 'production' } });

  // Every DynamoDB call of the app's own client, with the capacity it consumed.
  const calls: { command: string; units: number }[] = [];
  aws().dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = Array.isArray(consumed) ? consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0) : (consumed?.CapacityUnits ?? 0);
      calls.push({ command: context.commandName ?? '?', units });
      return result;
    },
    { step: 'initialize', name: 'costMeter' },
  );
  // Refreshes asked for (on AWS, an asynchronous invocation of the jobs function each).
  let refreshAsks = 0;
  onRefreshRequested(() => {
    refreshAsks++;
  });
  // What the app prints while a request runs (it goes to CloudWatch Logs on Lambda).
  let printed = 0;
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let counting = false;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (counting) printed += Buffer.byteLength(chunk);
    return out(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (counting) printed += Buffer.byteLength(chunk);
    return err(chunk, ...rest);
  }) as typeof process.stderr.write;

  const call = (method: string, path: string, cookie: string, body?: unknown) =>
    app.request(`${origin}${path}`, {
      method,
      headers: { cookie, ...phone, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const json = async <T>(res: Response | Promise<Response>): Promise<T> => {
    const r = await res;
    if (r.status >= 400) throw new Error(`${r.url} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
    return (await r.json()) as T;
  };

  /** One request through the front door: what it consumed. */
  async function once(method: string, path: string, cookie: string, body?: unknown, expect = [200, 201]): Promise<ActionCost> {
    calls.length = 0;
    refreshAsks = 0;
    printed = 0;
    counting = true;
    const started = performance.now();
    const res = await call(method, path, cookie, body);
    const bytes = Buffer.from(await res.arrayBuffer());
    const ms = performance.now() - started;
    counting = false;
    if (!expect.includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}: ${bytes.toString('utf8').slice(0, 300)}`);
    // The access log line as API Gateway writes it (infra/constructs/http-api.ts), with this request's values.
    const access = JSON.stringify({
      ...ACCESS_LOG_FIELDS,
      requestId: 'Zb1xqgLbIAMEV3A=',
      time: '30/Nov/2026:13:08:06 +0000',
      ip: '130.176.212.1',
      userAgent: phone['user-agent'],
      method,
      path,
      protocol: 'HTTP/1.1',
      status: String(res.status),
      responseLength: String(bytes.length),
      latency: String(Math.round(ms)),
      integrationLatency: String(Math.round(ms)),
      integrationError: '-',
    });
    return tally(calls, { httpInvocations: 1, jobInvocations: refreshAsks, ms, bytesOut: gzipSync(bytes).length, logBytes: printed + access.length + 1 + PLATFORM_LOG_BYTES });
  }

  /** A job run in the jobs function: what it consumed. */
  async function job(work: () => Promise<unknown>): Promise<ActionCost> {
    calls.length = 0;
    printed = 0;
    counting = true;
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    counting = false;
    return tally(calls, { httpInvocations: 0, jobInvocations: 0, ms, bytesOut: 0, logBytes: printed + PLATFORM_LOG_BYTES });
  }

  const signIn = async (login: string) => {
    const res = await call('POST', '/api/auth/login', '', { login, password: 'demo1234' });
    if (res.status !== 200) throw new Error(`signing in as ${login}: ${res.status}`);
    return res.headers.getSetCookie().find((c) => /^(__Host-)?sid=/.test(c))!.split(';')[0]!;
  };
  const staff = await signIn('staff1');
  const leader = await signIn('leader');
  const organizer = await signIn('organizer1');

  // Pages a learner opens: the learning home, a course, a lesson (warm first: a running instance has its caches).
  const courses = await json<{ items: { courseId: string }[] }>(call('GET', '/api/courses', staff));
  const courseId = courses.items[0]!.courseId;
  const course = await json<{ course: { lessons: { lessonId: string }[] } }>(call('GET', `/api/courses/${courseId}`, staff));
  const lessonId = course.course.lessons[0]!.lessonId;
  const pages = ['/learn', `/learn/courses/${courseId}`, `/learn/courses/${courseId}/lessons/${lessonId}`];
  for (const page of pages) await (await call('GET', page, staff)).arrayBuffer();
  const pageCosts: ActionCost[] = [];
  for (const page of pages) pageCosts.push(await once('GET', page, staff));
  const apiReads = {
    'GET /api/me': await once('GET', '/api/me', staff),
    'GET /api/me/home': await once('GET', '/api/me/home', staff),
    'GET /api/courses/:id': await once('GET', `/api/courses/${courseId}`, staff),
  };

  // The heartbeat in its steady state: the platform's time moves one heartbeat interval per beat.
  const heartbeatSeconds = config().studyHeartbeatSeconds;
  const realNow = clock.now;
  let at = Date.now();
  clock.now = () => new Date(at);
  let heartbeat: ActionCost;
  try {
    for (let i = 0; i < 4; i++) {
      at += heartbeatSeconds * 1000;
      await once('POST', `/api/courses/${courseId}/study`, staff, { lessonId, state: 'visible' });
    }
    at += heartbeatSeconds * 1000;
    heartbeat = await once('POST', `/api/courses/${courseId}/study`, staff, { lessonId, state: 'visible' });
  } finally {
    clock.now = realNow;
  }

  // A quiz: start an attempt on the first quiz staff1 may take, save an answer, submit.
  const quizzes = await json<{ items: { quizId: string }[] }>(call('GET', '/api/quizzes', staff));
  let attempt: { attemptId: string; seq: number } & Record<string, unknown> = { attemptId: '', seq: 0 };
  for (const { quizId } of quizzes.items) {
    const res = await call('POST', `/api/quizzes/${quizId}/attempts`, staff);
    if (res.status === 200 || res.status === 201) {
      attempt = (await res.json()) as typeof attempt;
      break;
    }
  }
  if (!attempt.attemptId) throw new Error('no quiz staff1 could start in the demo seed');
  const questionId = /"questionId":"([^"]+)"/.exec(JSON.stringify(attempt))?.[1];
  if (!questionId) throw new Error(`no question in the attempt: ${JSON.stringify(attempt).slice(0, 300)}`);
  const answerSave = await once('PUT', `/api/attempts/${attempt.attemptId}/answers`, staff, { seq: attempt.seq, answers: { [questionId]: [0] } });
  const submit = await once('POST', `/api/attempts/${attempt.attemptId}/submit`, staff);
  const refresh = await job(() => refreshStale());

  // A check-in: branch 1's session of today (the demo seed opens its check-in), staff1 scans the host's code.
  const sessions = await json<{ items: { sessionId: string; startsAt: string }[] }>(call('GET', '/api/sessions', organizer));
  const today = sessions.items.filter((s) => Math.abs(Date.parse(s.startsAt) - Date.now()) < 3 * 3600_000)[0];
  if (!today) throw new Error('no session of today in the demo seed');
  const code = await json<{ token: string }>(call('GET', `/api/sessions/${today.sessionId}/check-in-code`, organizer));
  const checkIn = await once('POST', '/api/check-ins', staff, { token: code.token });

  await (await call('GET', '/api/overview', leader)).arrayBuffer();
  const overview = await once('GET', '/api/overview', leader);

  // The scheduled jobs (every 15 minutes) over the demo organisation, per person; the minute refresher with nothing stale.
  await runJobs();
  const jobs = await job(() => runJobs());
  // Each job alone, a second time in a row (nothing changed in between): what a quiet 15 minutes costs, by job.
  const byJob: [string, ActionCost][] = [];
  for (const one of jobList) byJob.push([`  job ${one.name}`, await job(() => runJobs([one]))]);
  const people = seeded.people ?? 1;
  const jobsPerPerson = scale(jobs, 1 / people);
  const idleRefresh = await job(() => refreshStale());

  // The table's bytes per person: every item's attribute names and values (DynamoDB's item size, roughly; indexes
  // would add their projections), divided by the seeded people.
  let tableBytes = 0;
  let items = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await aws().dynamo.send(new ScanCommand({ TableName: config().tableName, ExclusiveStartKey: startKey as never }));
    for (const item of page.Items ?? []) {
      items++;
      tableBytes += itemSize(item);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  log(`seeded: ${people} people; table ${items} items, ${(tableBytes / 1024).toFixed(0)} KB of attributes (+100 B overhead an item)`);
  log(
    table(
      ['action (measured once, warm)', 'RCU', 'WCU', 'DynamoDB calls', 'refreshes asked', 'handler ms', 'gzip bytes out', 'log bytes'],
      [
        ...pages.map((page, i) => [`page GET ${page.replace(courseId, ':id').replace(lessonId, ':lesson')}`, pageCosts[i]!] as const),
        ...Object.entries(apiReads),
        ['study heartbeat (steady)', heartbeat],
        ['quiz answer save', answerSave],
        ['quiz submit', submit],
        ['refresh after the submit (jobs fn)', refresh],
        ['session check-in', checkIn],
        ['GET /api/overview (leader)', overview],
        [`all scheduled jobs, one run (${people} people)`, jobs],
        ...byJob,
        ['refresh with nothing stale', idleRefresh],
      ].map(([name, c]) => [name as string, ...cells(c as ActionCost)]),
      new Set([1, 2, 3, 4, 5, 6, 7]),
    ),
  );
  log(`(handler ms: in-process, dynalite on loopback — a lower bound of Lambda's billed duration at ${LAMBDA_MEMORY_GB * 1024} MB; log bytes: what the app printed + the access log line + ${PLATFORM_LOG_BYTES} B of Lambda's START/END/REPORT, assumed)`);

  return {
    heartbeatSeconds,
    heartbeat,
    page: mean(pageCosts),
    answerSave,
    submit,
    checkIn,
    overview,
    jobsPerPerson,
    idleRefresh,
    refresh,
    tableBytesPerPerson: (tableBytes + items * 100) / people,
  };
}

function tally(calls: { command: string; units: number }[], rest: Omit<ActionCost, 'action' | 'rcu' | 'wcu' | 'dynamoCalls'>): ActionCost {
  let rcu = 0;
  let wcu = 0;
  for (const c of calls) {
    if (READS.has(c.command)) rcu += c.units;
    else wcu += c.units;
  }
  return { action: '', rcu, wcu, dynamoCalls: calls.length, ...rest };
}

function scale(c: ActionCost, k: number): ActionCost {
  return { ...c, rcu: c.rcu * k, wcu: c.wcu * k, dynamoCalls: c.dynamoCalls * k, ms: c.ms * k, logBytes: c.logBytes * k, bytesOut: c.bytesOut * k };
}

function mean(list: ActionCost[]): ActionCost {
  const k = 1 / list.length;
  const sum = (pick: (c: ActionCost) => number) => list.reduce((s, c) => s + pick(c), 0) * k;
  return { action: 'page', rcu: sum((c) => c.rcu), wcu: sum((c) => c.wcu), dynamoCalls: sum((c) => c.dynamoCalls), httpInvocations: 1, jobInvocations: sum((c) => c.jobInvocations), ms: sum((c) => c.ms), bytesOut: sum((c) => c.bytesOut), logBytes: sum((c) => c.logBytes) };
}

/** DynamoDB's item size: the UTF-8 bytes of attribute names plus values (numbers counted as their digits). */
function itemSize(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length;
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + itemSize(v), 3);
  return Object.entries(value as Record<string, unknown>).reduce(
    // Attribute values arrive typed ({ S: '…' }): the one-letter type names are not stored.
    (sum, [key, v]) => sum + (/^(S|N|B|BOOL|NULL|M|L|SS|NS|BS)$/.test(key) ? 0 : Buffer.byteLength(key)) + itemSize(v),
    0,
  );
}

function cells(c: ActionCost): string[] {
  return [round(c.rcu, 2).toString(), round(c.wcu, 2).toString(), round(c.dynamoCalls, 2).toString(), String(c.jobInvocations), c.ms.toFixed(1), Math.round(c.bytesOut).toLocaleString('en'), Math.round(c.logBytes).toLocaleString('en')];
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2));

function report(m: Measured, log: (line: string) => void) {
  log('\nUsage assumptions (a month; free tiers ignored; prices without tax):');
  const keys = Object.keys(SCENARIOS[0]!).filter((k) => k !== 'name') as (keyof (typeof SCENARIOS)[0])[];
  log(table(['assumption', ...SCENARIOS.map((s) => s.name)], keys.map((k) => [k, ...SCENARIOS.map((s) => String(s[k]))]), new Set(SCENARIOS.map((_, i) => i + 1))));
  log(`heartbeat every ${m.heartbeatSeconds} s (config STUDY_HEARTBEAT_SECONDS); jobs every 15 min and the refresher every minute (infra/stacks/app-stack.ts); one page view = one http Lambda invocation (its API calls run in-process)`);
  log('jobs run × person: one run of every job on the demo seed divided by its people and scaled linearly — the model\'s largest uncertainty; refreshes after a write: one per measured ask (an upper bound)');

  for (const prices of [GLOBAL_PRICES, CHINA_PRICES]) {
    log(`\nPrices, ${prices.partition} partition (${prices.region}, ${prices.currency}, read ${prices.dynamoWriteMillion.read}):`);
    log(table(['price', 'value', 'unit', 'source'], priceRows(prices), new Set([1])));
  }

  for (const usage of SCENARIOS) {
    const month = monthOf(usage, m);
    const t = month.totals;
    log(`\nA month for the ${usage.name}:`);
    log(table(['action', 'per month'], month.counts.map((c) => [c.action, Math.round(c.perMonth).toLocaleString('en')]), new Set([1])));
    log(
      `units: ${fmt(t.rcu)} RCU, ${fmt(t.wcu)} WCU; ${fmt(t.httpInvocations)} http + ${fmt(t.jobInvocations)} jobs invocations, ${fmt(t.gbSeconds)} GB-s (lower bound); ` +
        `${(t.bytesOut / 1e9).toFixed(2)} GB out; ${(t.logBytes / 1e9).toFixed(2)} GB logs; table ${(t.tableGb).toFixed(3)} GB; uploads ${usage.uploadsGb} GB`,
    );
    const bills = [GLOBAL_PRICES, CHINA_PRICES].map((p) => billOf(usage, month, p));
    log(
      table(
        ['service', `global (USD)`, `China (CNY)`],
        [
          ...bills[0]!.lines.map((line, i) => [line.service, `${fmt(line.amount)}${line.assumed ? ' (assumed price)' : ''}`, `${fmt(bills[1]!.lines[i]!.amount)}${bills[1]!.lines[i]!.assumed ? ' (assumed price)' : ''}`]),
          ['total', fmt(bills[0]!.total), fmt(bills[1]!.total)],
        ],
        new Set([1, 2]),
      ),
    );
  }
}

function priceRows(p: PriceList): string[][] {
  const entries = Object.entries(p).filter(([, v]) => typeof v === 'object') as [string, PriceList['lambdaGbSecond']][];
  return entries.map(([name, price]) => [name, String(price.value), price.unit, price.verified ? price.source : `ASSUMED (${price.source.replace(/^assumed: /, '')})`]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.chdir(root);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.NODE_ENV = 'production';
  const m = await runCostSection();
  console.log(`BENCH_JSON ${JSON.stringify({ cost: { heartbeat: m.heartbeat, page: m.page, tableBytesPerPerson: Math.round(m.tableBytesPerPerson) } })}`);
  process.exit(0);
}
