/**
 * Daily practice on the local engines (dynalite, s3rver, the demo seed, the one Hono app, API only): a bureau bank of
 * 2,000 questions, and the demo's seven accounts practising day after day. Prints the latency of the first look of a
 * day (it reads the person's banks and folds yesterday), a later look, and an answer, beside an authenticated
 * GET /api/me in the same run (the honest floor: a session check), and the DynamoDB calls each makes.
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/practice.ts` (also a section of `npm run bench`). Each
 * process keeps a bank for a minute; the clock moves a day at a time here, so every day's first looks read it again.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEngines } from '../../dev/engines.js';
import { seedDemo } from '../../dev/seed.js';
import { aws, resetAwsClients } from '../../functions/platform/aws.js';
import { resetConfig } from '../../functions/platform/config.js';
import { clock } from '../../functions/platform/clock.js';
import { newId } from '../../functions/platform/ids.js';
import { eachLimited } from '../../functions/platform/store.js';
import { createApp } from '../../functions/http/app.js';
import { loadTree } from '../../functions/domain/org/service.js';
import { insertQuestion } from '../../functions/domain/quizzes/store.js';
import { questionsAt } from '../../functions/domain/quizzes/service.js';
import type { Question } from '../../functions/domain/quizzes/schema.js';
import { ms, summarize, table, type Summary } from './stats.js';

export const PRACTICE_BANK = 2_000;
const DAYS = 8;
const LOOKS_PER_DAY = 4;
const people = ['admin', 'leader', 'organizer1', 'organizer2', 'staff1', 'staff2', 'staff3'];
const origin = 'http://localhost';

export interface PracticeRow {
  way: string;
  latency: Summary;
  dynamoPerCall: number;
}

export async function runPracticeSection(log: (line: string) => void = console.log): Promise<PracticeRow[]> {
  const engines = await startEngines({ tableName: 'bench-practice', buckets: ['bench-practice-uploads'] });
  const realNow = clock.now;
  try {
    Object.assign(process.env, engines.env);
    resetConfig();
    resetAwsClients();
    return await measure(log);
  } finally {
    clock.now = realNow;
    await engines.stop();
  }
}

async function measure(log: (line: string) => void): Promise<PracticeRow[]> {
  await seedDemo();
  const root = (await loadTree()).roots()[0]!.unitId;
  const at = new Date().toISOString();
  const started = performance.now();
  await eachLimited(
    Array.from({ length: PRACTICE_BANK }, (_, i) => i),
    16,
    async (i) => {
      const question = {
        questionId: newId(),
        version: 1,
        ownerUnitId: root,
        kind: 'single',
        stem: `政务服务标准练习题第 ${i + 1} 题：窗口工作人员接待群众时，下列做法正确的是？`,
        options: [{ text: '首问负责，一次性告知' }, { text: '让群众到别的窗口问' }, { text: '材料不全时只说缺材料' }, { text: '超过时限再答复' }],
        answer: [0],
        explanation: '首问负责制和一次性告知制要求第一位接待的工作人员负责到底，并一次告知需补正的全部材料。',
        difficulty: 'easy',
        points: 1,
        tags: ['政务服务标准'],
        retired: false,
        createdAt: at,
        updatedAt: at,
        createdBy: root,
      } as unknown as Question;
      await insertQuestion(question);
    },
  );
  log(`A bank of ${PRACTICE_BANK} questions written in ${ms(performance.now() - started)}.`);

  const app = createApp();
  const call = async (method: string, path: string, cookie: string, body?: unknown) => {
    const res = await app.request(`${origin}${path}`, {
      method,
      headers: { cookie, origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  let calls = 0;
  aws().dynamo.middlewareStack.add(
    (next) => async (args) => {
      calls++;
      return next(args);
    },
    { step: 'initialize', name: 'practiceBenchCounter' },
  );
  const samples: Record<string, { times: number[]; calls: number[] }> = { me: { times: [], calls: [] }, first: { times: [], calls: [] }, later: { times: [], calls: [] }, answer: { times: [], calls: [] } };
  // Calls of one kind run side by side for the seven people; the DynamoDB count is the round's over its calls.
  const round = async <T>(kind: string, work: (who: number) => Promise<T>): Promise<T[]> => {
    const before = calls;
    const results = await Promise.all(
      people.map(async (_, who) => {
        const t0 = performance.now();
        const result = await work(who);
        samples[kind]!.times.push(performance.now() - t0);
        return result;
      }),
    );
    samples[kind]!.calls.push((calls - before) / people.length);
    return results;
  };

  for (let day = 0; day < DAYS; day++) {
    const now = new Date(Date.UTC(2027, 2, 1 + day, 2, 0, 0));
    clock.now = () => now;
    const cookies = await Promise.all(
      people.map(async (login) => {
        const res = await app.request(`${origin}/api/auth/login`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'demo1234' }) });
        return res.headers.getSetCookie().find((c) => /^(__Host-)?sid=/.test(c))!.split(';')[0]!;
      }),
    );
    const days = await round('first', (who) => call('GET', '/api/practice', cookies[who]!));
    for (let i = 0; i < LOOKS_PER_DAY; i++) {
      await round('me', (who) => call('GET', '/api/me', cookies[who]!));
      await round('later', (who) => call('GET', '/api/practice', cookies[who]!));
    }
    const keys = await Promise.all(days.map((d) => questionsAt(d.items.map((item: any) => item.question))));
    for (let q = 0; q < 3; q++) {
      await round('answer', async (who) => {
        const item = days[who].items[q].question;
        const key = keys[who]!.get(`${item.questionId}#${item.version}`)!.answer;
        // Every other day a person errs, so wrong answers come back.
        return call('POST', '/api/practice/answers', cookies[who]!, { day: days[who].day, questionId: item.questionId, answer: (day + who) % 2 === 0 ? key : [1] });
      });
    }
  }
  aws().dynamo.middlewareStack.remove('practiceBenchCounter');

  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const rows: PracticeRow[] = [
    { way: 'GET /api/me (the floor)', latency: summarize(samples.me!.times), dynamoPerCall: mean(samples.me!.calls) },
    { way: 'getDailyPractice, first look of a day', latency: summarize(samples.first!.times), dynamoPerCall: mean(samples.first!.calls) },
    { way: 'getDailyPractice, a later look', latency: summarize(samples.later!.times), dynamoPerCall: mean(samples.later!.calls) },
    { way: 'answerPractice', latency: summarize(samples.answer!.times), dynamoPerCall: mean(samples.answer!.calls) },
  ];
  const floor = rows[0]!.latency.p99;
  log(
    table(
      ['way', 'n', 'p50', 'p99', 'p99 / me', 'DynamoDB calls'],
      rows.map((row) => [row.way, String(row.latency.count), ms(row.latency.p50), ms(row.latency.p99), `${(row.latency.p99 / floor).toFixed(1)}×`, row.dynamoPerCall.toFixed(1)]),
      new Set([1, 2, 3, 4, 5]),
    ),
  );
  log(`Seven people at once, ${DAYS} days; the first look of a day reads the ${PRACTICE_BANK}-question bank once. DynamoDB calls include the session check.`);
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '../..'));
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const rows = await runPracticeSection();
  console.log(`BENCH_JSON ${JSON.stringify({ practice: rows })}`);
  process.exit(0);
}
