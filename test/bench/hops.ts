/**
 * Hops on the two busiest ways, counted on the real platform (dynalite + s3rver, the demo seed, the one Hono app with
 * the real web build): the leader's completion page rendered through the front door (with its in-process API calls),
 * its refresh button, and one steady-state study heartbeat. For each it prints the API calls the request made, the
 * DynamoDB calls by command (an SDK middleware on the app's own client: nothing is mocked), and the source files of
 * the project that ran code for it (V8's precise coverage, reset before the request: a file counts when at least one
 * of its functions was called).
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/hops.ts` (also a section of `npm run bench`).
 */
import { Session } from 'node:inspector/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/server-runtime';
import { onEnginesOfItsOwn } from './own-engines.js';
import { ensureWebBuild, serverBuildPath } from '../../dev/build.js';
import { seedDemo } from '../../dev/seed.js';
import { aws } from '../../functions/platform/aws.js';
import { clock } from '../../functions/platform/clock.js';
import { createApp } from '../../functions/http/app.js';
import { table } from './stats.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const origin = 'http://localhost';
const browser = {
  'user-agent': 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  'accept-language': 'zh-CN,zh;q=0.9',
};

export interface Hops {
  way: string;
  status: number;
  apiCalls: string[];
  dynamo: Record<string, number>;
  dynamoTotal: number;
  files: string[];
}

/** Runs the measurements on fresh engines; returns one row per way measured. */
export async function runHopsSection(log: (line: string) => void = console.log): Promise<Hops[]> {
  return onEnginesOfItsOwn('bench-hops', () => measureHops(log));
}

async function measureHops(log: (line: string) => void): Promise<Hops[]> {
  await seedDemo();
  ensureWebBuild(log);
  const build = (await import(pathToFileURL(resolve(root, serverBuildPath)).href)) as ServerBuild;
  const app = createApp({ web: { build, mode: 'production' } });

  // Every request through the front door, the web's in-process API calls included (it calls app.fetch each time).
  const requests: string[] = [];
  const fetch = app.fetch;
  app.fetch = (request: Request, ...rest: unknown[]) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    return (fetch as (request: Request, ...rest: unknown[]) => Response | Promise<Response>)(request, ...rest);
  };

  // Every DynamoDB call of the app's own client, by command.
  const calls: string[] = [];
  aws().dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'hopsCounter' },
  );

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  const ours = (url: string) => {
    if (!url.startsWith('file://')) return undefined;
    const path = relative(root, fileURLToPath(url.split('?')[0]!));
    return /^(functions|web|build\/server)\//.test(path) ? path : undefined;
  };

  const call = async (method: string, path: string, cookie: string, body?: unknown) =>
    app.request(`${origin}${path}`, {
      method,
      headers: { cookie, ...browser, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  async function measure(way: string, run: () => Promise<Response>): Promise<Hops> {
    await session.post('Profiler.takePreciseCoverage');
    requests.length = 0;
    calls.length = 0;
    const response = await run();
    await response.arrayBuffer();
    const { result } = await session.post('Profiler.takePreciseCoverage');
    const files = result
      .filter((script) => script.functions.some((fn) => fn.ranges.some((range) => range.count > 0)))
      .map((script) => ours(script.url))
      .filter((path): path is string => path !== undefined)
      .sort();
    const dynamo: Record<string, number> = {};
    for (const command of calls) dynamo[command] = (dynamo[command] ?? 0) + 1;
    return { way, status: response.status, apiCalls: requests.slice(1), dynamo, dynamoTotal: calls.length, files };
  }

  const signIn = async (login: string) => {
    const res = await call('POST', '/api/auth/login', '', { login, password: 'demo1234' });
    if (res.status !== 200) throw new Error(`signing in as ${login}: ${res.status}`);
    return res.headers.getSetCookie().find((c) => /^(__Host-)?sid=/.test(c))!.split(';')[0]!;
  };
  const leader = await signIn('leader');
  const staff = await signIn('staff1');

  // A course with assignments (the completion page's usual subject) and a unit the leader reaches to drill into.
  const courses = (await (await call('GET', '/api/courses', leader)).json()) as { items: { courseId: string }[] };
  let courseId = courses.items[0]!.courseId;
  for (const { courseId: id } of courses.items) {
    const assignments = (await (await call('GET', `/api/courses/${id}/assignments`, leader)).json()) as { items: unknown[] };
    if (assignments.items.length > 0) {
      courseId = id;
      break;
    }
  }
  const completion = (await (await call('GET', `/api/courses/${courseId}/completion`, leader)).json()) as { units: { unitId: string; subtree: { total: number } }[] };
  const unitId = completion.units.find((unit, i) => i > 0 && unit.subtree.total > 0)?.unitId ?? completion.units[0]!.unitId;
  const page = `/learn/manage/${courseId}/completion`;

  // Warm: the first render loads modules and fills per-process caches (the tree, published courses).
  for (let i = 0; i < 2; i++) await (await call('GET', page, leader)).arrayBuffer();

  const rows: Hops[] = [];
  rows.push(await measure('completion page', () => call('GET', page, leader)));
  rows.push(await measure('completion page, one unit', () => call('GET', `${page}?unitId=${unitId}`, leader)));
  rows.push(await measure('completion refresh (POST)', () => call('POST', `/api/courses/${courseId}/completion/refresh`, leader)));

  // The heartbeat: staff1 studies the first lesson of a published course; the platform's time moves 15 s per beat.
  const course = (await (await call('GET', `/api/courses/${courseId}`, staff)).json()) as { course: { lessons: { lessonId: string }[] } };
  const lessonId = course.course.lessons[0]!.lessonId;
  const realNow = clock.now;
  let at = Date.now();
  clock.now = () => new Date(at);
  try {
    const beat = () => call('POST', `/api/courses/${courseId}/study`, staff, { lessonId, state: 'visible' });
    for (let i = 0; i < 4; i++) {
      at += 15_000;
      const res = await beat();
      if (res.status !== 200) throw new Error(`heartbeat answered ${res.status}: ${await res.text()}`);
    }
    at += 15_000;
    rows.push(await measure('steady heartbeat', beat));
  } finally {
    clock.now = realNow;
  }
  session.disconnect();

  log('\n== Hops on the two busiest ways (demo seed; DynamoDB calls by command; files of ours that ran code) ==');
  log(
    table(
      ['way', 'status', 'API calls', 'DynamoDB calls', 'by command', 'files'],
      rows.map((row) => [
        row.way,
        String(row.status),
        String(row.apiCalls.length),
        String(row.dynamoTotal),
        Object.entries(row.dynamo)
          .map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`)
          .join(', '),
        String(row.files.length),
      ]),
    ),
  );
  for (const row of rows) {
    log(`\n${row.way}:`);
    if (row.apiCalls.length) log(`  API: ${row.apiCalls.join(' | ')}`);
    log(`  files: ${row.files.join(', ')}`);
  }
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.chdir(root);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.NODE_ENV = 'production';
  const rows = await runHopsSection();
  console.log(`BENCH_JSON ${JSON.stringify({ hops: rows.map(({ files, ...row }) => ({ ...row, files: files.length })) })}`);
  process.exit(0);
}
