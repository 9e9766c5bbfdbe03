/**
 * Taking a quiz at scale: 500 people in one branch-wide exam at once, each changing an answer every 2 s for 60 s over
 * HTTP, as phones on a bus would: 10% of saves sent twice or late (out of order), some takers reloading mid-way (they
 * read the attempt back and carry on from what the server holds, plus what their storage still has unconfirmed), and
 * 5% double submits at the end. Each client behaves as the quiz page does (web/app/lib/quiz-autosave.ts): one save in
 * flight, the last confirmed seq sent, on 409 "stale" it takes the server's answers and seq and sends its own
 * unconfirmed changes again.
 *
 * Checked and printed: lost answers (every answer the server acknowledged must be in the graded attempt, unless the
 * same client changed it later and that change was acknowledged too), attempts graded twice (a listener on the grading
 * counts), 5xx answers, save p99 beside an authenticated GET /api/me's p99 measured in the same window, and the DynamoDB
 * calls of one save beside those of GET /api/me (the session check both pay).
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/quiz-takers.ts` (also a section of `npm run bench`).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../functions/http/app.js';
import { nowIso } from '../../functions/platform/clock.js';
import { newId } from '../../functions/platform/ids.js';
import { aws } from '../../functions/platform/aws.js';
import { config } from '../../functions/platform/config.js';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { orgEntities } from '../../functions/domain/org/entities.js';
import { unitItem } from '../../functions/domain/org/store.js';
import { forgetTree } from '../../functions/domain/org/service.js';
import { createQuestion } from '../../functions/domain/quizzes/service.js';
import { createQuiz, publishQuiz } from '../../functions/domain/quizzes/quiz-service.js';
import type { Actor } from '../../functions/domain/authz/permissions.js';
import type { Unit } from '../../functions/domain/org/schema.js';
import { onEnginesOfItsOwn } from './own-engines.js';
import { httpClient, meterDynamo } from './learning.js';
import { signInAll, writeBranchPeople } from './branch-people.js';
import { ms, round, summarize, table } from './stats.js';

export const TAKERS = 500;
const QUESTIONS = 20;
const DURATION_MS = 60_000;
const CHANGE_EVERY_MS = 2_000;
const ME_EVERY_MS = 10_000;

type Answer = number[] | string;
interface Sent {
  status: number;
  body: string;
  ms: number;
}

async function seed() {
  const now = nowIso();
  const unit = (name: string, kind: Unit['kind'], parentId: string | null): Unit => ({ unitId: newId(), name, kind, parentId, sortOrder: 0, retired: false, createdAt: now, updatedAt: now, version: 1 });
  const root = unit('县政务服务管理局', 'bureau', null);
  const branch = unit('第一党支部', 'branch', root.unitId);
  await orgEntities().unit.put([root, branch].map(unitItem)).go();
  const people = await writeBranchPeople(branch.unitId, TAKERS, '考生', 't');
  forgetTree();
  const admin: Actor = { ...people[0]!, mustChangePassword: false, sessionId: 'bench' };
  const kinds = ['single', 'multiple', 'truefalse', 'fill'] as const;
  const items = [];
  for (let q = 0; q < QUESTIONS; q++) {
    const kind = kinds[q % 4]!;
    const question = await createQuestion(admin, {
      kind,
      stem: `第${q + 1}题：政务服务窗口的基本要求（${kind}）`,
      options: kind === 'single' || kind === 'multiple' ? [{ text: '甲' }, { text: '乙' }, { text: '丙' }, { text: '丁' }] : [],
      answer: kind === 'fill' ? ['一次性告知'] : kind === 'multiple' ? [0, 2] : [0],
      ownerUnitId: root.unitId,
    });
    items.push({ kind: 'fixed' as const, questionId: question.questionId });
  }
  const quiz = await createQuiz(admin, { title: '全支部考试', ownerUnitId: root.unitId, items, timeLimitMinutes: 30, shuffleQuestions: true, shuffleOptions: true });
  await publishQuiz(admin, quiz.quizId, { version: quiz.version });
  return { people: people.slice(1), quizId: quiz.quizId };
}

/** One taker's page: what it holds, what the server confirmed, one save in flight. */
class Taker {
  attemptId = '';
  questions: { questionId: string; kind: string; options: { choice: number }[] }[] = [];
  seq = 0;
  confirmed: Record<string, Answer> = {};
  unconfirmed: Record<string, Answer> = {};
  /** The answers of the last save the server acknowledged, by question, with the seq it answered. */
  acknowledged = new Map<string, Answer>();
  inFlight = false;
  constructor(
    readonly cookie: string,
    readonly random: () => number,
  ) {}

  nextAnswer(): [string, Answer] {
    const question = this.questions[Math.floor(this.random() * this.questions.length)]!;
    if (question.kind === 'fill') return [question.questionId, `答案${Math.floor(this.random() * 1000)}`];
    if (question.kind === 'multiple') return [question.questionId, question.options.filter(() => this.random() < 0.5).map((o) => o.choice).sort((a, b) => a - b)];
    const count = question.kind === 'truefalse' ? 2 : question.options.length;
    return [question.questionId, [Math.floor(this.random() * count)]];
  }
}

const same = (a: Answer | undefined, b: Answer | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export async function runQuizTakersBench(log: (line: string) => void = console.log) {
  const t0 = performance.now();
  const { people, quizId } = await seed();
  // Gradings, seen from outside the app: each finishing put on an attempt (state no longer open) that the store took.
  const gradings = new Map<string, number>();
  // DynamoDB calls in the 60 s window, by command: how long each took from the app's side (its queue included).
  const calls = new Map<string, number[]>();
  let inWindow = false;
  aws().dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      const result = await next(args);
      if (inWindow) {
        const command = context.commandName ?? '?';
        const list = calls.get(command) ?? [];
        if (list.length === 0) calls.set(command, list);
        list.push(performance.now() - started);
      }
      const item = (args.input as { Item?: Record<string, { S?: string }> }).Item;
      if (context.commandName === 'PutItemCommand' && item?.__edb_e__?.S === 'attempt' && item.state?.S !== 'open') {
        const id = item.attemptId!.S!;
        gradings.set(id, (gradings.get(id) ?? 0) + 1);
      }
      return result;
    },
    { step: 'build', name: 'benchQuizObserver' },
  );
  const app = createApp();
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  // Keep idle connections open as a load balancer does (Node's 5 s default closes them under a waiting client).
  Object.assign(server, { keepAliveTimeout: 120_000, headersTimeout: 121_000 });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Each phone has its own connections: one pool shared by 500 clients would queue a taker's save behind the others'
  // in the client, which no phone does (the first version of this bench measured that queue, not the server).
  const phones = new Map<string, ReturnType<typeof httpClient>>();
  const http = (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string) => {
    const key = headers.cookie ?? '';
    let phone = phones.get(key);
    if (!phone) phones.set(key, (phone = httpClient(base, 4)));
    return phone(method, path, headers, body);
  };
  const phase = (name: string) => process.stderr.write(`[quiz bench] ${name} at ${ms(performance.now() - t0)}\n`);
  phase('seeded');
  const send = async (method: 'GET' | 'POST' | 'PUT', path: string, cookie: string, body?: unknown): Promise<Sent> => {
    const started = performance.now();
    const res = await http(method as 'GET' | 'POST', path, { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body === undefined ? undefined : JSON.stringify(body));
    return { ...res, ms: performance.now() - started };
  };

  // Sign in (a few at a time: each checks a password hash) and start every attempt.
  const cookies = await signInAll(base, people);
  phase('signed in');
  let seedState = 42;
  const random = () => {
    seedState = (seedState * 1103515245 + 12345) % 2147483648;
    return seedState / 2147483648;
  };
  const takers = cookies.map((cookie) => new Taker(cookie, random));
  await Promise.all(
    takers.map(async (taker) => {
      const res = await send('POST', `/api/quizzes/${quizId}/attempts`, taker.cookie);
      if (res.status !== 201) throw new Error(`start answered ${res.status} ${res.body.slice(0, 200)}`);
      const attempt = JSON.parse(res.body);
      taker.attemptId = attempt.attemptId;
      taker.questions = attempt.questions;
    }),
  );
  const setupMs = performance.now() - t0;
  phase('attempts started');

  // The 60 s window.
  const saveMs: number[] = [];
  const meMs: number[] = [];
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  let duplicates = 0;
  let late = 0;
  let reloads = 0;
  let staleMerged = 0;

  const flush = async (taker: Taker): Promise<void> => {
    if (taker.inFlight || Object.keys(taker.unconfirmed).length === 0) return;
    taker.inFlight = true;
    const sending = { ...taker.unconfirmed };
    const body = { seq: taker.seq, answers: sending };
    const path = `/api/attempts/${taker.attemptId}/answers`;
    const twice = random() < 0.05;
    const lateCopy = !twice && random() < 0.05;
    if (twice) duplicates++;
    const [res, copy] = await Promise.all([send('PUT', path, taker.cookie, body), twice ? send('PUT', path, taker.cookie, body) : Promise.resolve(undefined)]);
    for (const r of [res, copy]) {
      if (!r) continue;
      count(r.status);
      saveMs.push(r.ms);
    }
    // Whichever copy was acknowledged, the server holds these answers now.
    const ok = [res, copy].find((r) => r?.status === 200);
    if (ok) {
      taker.seq = Math.max(taker.seq, JSON.parse(ok.body).seq);
      for (const [id, answer] of Object.entries(sending)) {
        taker.acknowledged.set(id, answer);
        taker.confirmed[id] = answer;
        if (same(taker.unconfirmed[id], answer)) delete taker.unconfirmed[id];
      }
    } else if (res.status === 409) {
      const details = JSON.parse(res.body).error.details;
      if (details?.reason === 'stale') {
        staleMerged++;
        taker.seq = details.seq;
        taker.confirmed = details.answers;
      }
    }
    if (lateCopy) {
      // The same save arriving again later (a retry the network held back): a repeat, or stale; never a change.
      late++;
      const again = await send('PUT', path, taker.cookie, body);
      count(again.status);
      saveMs.push(again.ms);
    }
    taker.inFlight = false;
  };

  inWindow = true;
  const windowStart = performance.now();
  const windowEnd = windowStart + DURATION_MS;
  await Promise.all(
    takers.map(async (taker, index) => {
      // Spread the takers over the first interval.
      await new Promise((r) => setTimeout(r, (index / takers.length) * CHANGE_EVERY_MS));
      let nextMe = performance.now() + (index / takers.length) * ME_EVERY_MS;
      const reloadAt = index % 50 === 0 ? windowStart + DURATION_MS / 2 : Infinity;
      while (performance.now() < windowEnd) {
        const tickStarted = performance.now();
        const [id, answer] = taker.nextAnswer();
        taker.unconfirmed[id] = answer;
        if (tickStarted >= reloadAt && reloads < TAKERS) {
          // A reload: the page reads the attempt back and keeps what its storage holds unconfirmed.
          reloads++;
          const res = await send('GET', `/api/attempts/${taker.attemptId}`, taker.cookie);
          count(res.status);
          const attempt = JSON.parse(res.body);
          taker.seq = attempt.seq;
          taker.confirmed = attempt.answers;
        }
        await flush(taker);
        if (performance.now() >= nextMe) {
          nextMe += ME_EVERY_MS;
          const res = await send('GET', '/api/me', taker.cookie);
          count(res.status);
          meMs.push(res.ms);
        }
        const wait = CHANGE_EVERY_MS - (performance.now() - tickStarted);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      // Before submitting, the page drains what is unconfirmed (as the quiz page does).
      for (let tries = 0; tries < 5 && Object.keys(taker.unconfirmed).length > 0; tries++) await flush(taker);
    }),
  );
  const windowMs = performance.now() - windowStart;
  inWindow = false;
  phase('window over');

  // Submit: 5% twice at once.
  let doubleSubmits = 0;
  let differing = 0;
  await Promise.all(
    takers.map(async (taker, index) => {
      const twice = index % 20 === 0;
      if (twice) doubleSubmits++;
      const results = await Promise.all([send('POST', `/api/attempts/${taker.attemptId}/submit`, taker.cookie), ...(twice ? [send('POST', `/api/attempts/${taker.attemptId}/submit`, taker.cookie)] : [])]);
      for (const r of results) count(r.status);
      if (results.length === 2 && results[0]!.body !== results[1]!.body) differing++;
    }),
  );

  phase('submitted');
  // Lost answers: every acknowledged answer must be in the graded attempt, unless the client's own later change was
  // acknowledged over it (then that one must be).
  let lost = 0;
  let checkedAnswers = 0;
  for (const taker of takers) {
    const review = await send('GET', `/api/attempts/${taker.attemptId}/review`, taker.cookie);
    count(review.status);
    const given = new Map<string, Answer>((JSON.parse(review.body).questions as { question: { questionId: string }; given?: Answer }[]).map((q) => [q.question.questionId, q.given ?? []]));
    for (const [id, answer] of taker.acknowledged) {
      checkedAnswers++;
      const stored = given.get(id);
      // An empty choice list clears an answer: the review then has none (shown as []).
      if (!same(stored, answer)) lost++;
    }
  }
  phase('reviews read');
  const gradedTwice = [...gradings.values()].filter((n) => n > 1).length;
  const gradedOnce = [...gradings.values()].filter((n) => n === 1).length;

  // DynamoDB calls: one save and one GET /api/me, each alone.
  const meter = meterDynamo();
  const probe = takers[0]!;
  const me = await meter.measure(() => send('GET', '/api/me', probe.cookie));
  // A save that changes an answer, on an open attempt (a fresh start after the submits above: the second attempt).
  const extra = takers[1]!;
  const second = JSON.parse((await send('POST', `/api/quizzes/${quizId}/attempts`, extra.cookie)).body);
  const first = second.questions.find((q: { kind: string }) => q.kind === 'truefalse');
  const saveCalls = await meter.measure(() => send('PUT', `/api/attempts/${second.attemptId}/answers`, extra.cookie, { seq: second.seq, answers: { [first.questionId]: [1] } }));
  if (saveCalls.value.status !== 200) throw new Error(`the measured save answered ${saveCalls.value.status} ${saveCalls.value.body.slice(0, 200)}`);
  await new Promise((r) => server.close(r));

  // For scale: how many plain UpdateItems a second the same engine takes from 500 clients at once (no app, no HTTP).
  const rawStarted = performance.now();
  let rawWrites = 0;
  await Promise.all(
    Array.from({ length: TAKERS }, async (_, w) => {
      for (let i = 0; i < 4; i++) {
        await aws().dynamo.send(
          new UpdateItemCommand({ TableName: config().tableName, Key: { pk: { S: `BENCHRAW#${w}` }, sk: { S: 'RAW' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: String(i) } } }),
        );
        rawWrites++;
      }
    }),
  );
  const rawPerSecond = rawWrites / ((performance.now() - rawStarted) / 1000);

  const save = summarize(saveMs);
  const meSummary = summarize(meMs);
  const fivexx = [...statuses.entries()].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
  const ratio = save.p99 / meSummary.p99;
  log(`\n== Quiz takers: ${TAKERS} at once, one answer changed every ${CHANGE_EVERY_MS / 1000} s for ${DURATION_MS / 1000} s (set up in ${ms(setupMs)}, window ${ms(windowMs)}) ==`);
  log(`saves sent: ${save.count.toLocaleString('en')} (${duplicates} sent twice at once, ${late} sent again late), stale merges ${staleMerged}, reloads ${reloads}, double submits ${doubleSubmits} (answers differing: ${differing})`);
  log(`throughput: ${round(save.count / (windowMs / 1000), 1)} saves/s taken in the window; for scale, the same engine takes ${round(rawPerSecond, 1)} plain UpdateItems/s from ${TAKERS} clients at once`);
  log(`DynamoDB calls in the window, p50 / p99 from the app's side: ${[...calls.entries()].map(([command, list]) => { const s = summarize(list); return `${command.replace('Command', '')} ${s.count.toLocaleString('en')}× ${ms(s.p50)} / ${ms(s.p99)}`; }).join('; ')}`);
  log(`answers by status: ${JSON.stringify(Object.fromEntries([...statuses.entries()].sort()))}`);
  log(
    table(
      ['check', 'figure', 'budget', 'verdict'],
      [
        ['lost answers (acknowledged, not in the graded attempt)', `${lost} of ${checkedAnswers.toLocaleString('en')}`, '0', lost === 0 ? 'PASS' : 'OVER'],
        ['attempts graded twice', `${gradedTwice} (graded once: ${gradedOnce})`, '0', gradedTwice === 0 && gradedOnce === TAKERS ? 'PASS' : 'OVER'],
        ['5xx answers', String(fivexx), '0', fivexx === 0 ? 'PASS' : 'OVER'],
        ['save p99 / GET /api/me p99', `${ms(save.p99)} / ${ms(meSummary.p99)} = ${round(ratio, 2)}x`, '≤ 2x', ratio <= 2 ? 'PASS' : 'OVER'],
        ['DynamoDB calls of one save (GET /api/me alone)', `${saveCalls.calls} ${JSON.stringify(saveCalls.byCommand)} (${me.calls} ${JSON.stringify(me.byCommand)})`, '≤ 2 beyond the session check', saveCalls.calls - me.calls <= 2 ? 'PASS' : 'OVER'],
      ],
    ),
  );
  log(
    table(
      ['operation', 'n', 'p50', 'mean', 'p99', 'max'],
      [
        ['saveAnswers (PUT)', String(save.count), ms(save.p50), ms(save.mean), ms(save.p99), ms(save.max)],
        ['GET /api/me (same window)', String(meSummary.count), ms(meSummary.p50), ms(meSummary.mean), ms(meSummary.p99), ms(meSummary.max)],
      ],
      new Set([1, 2, 3, 4, 5]),
    ),
  );
  return { lost, gradedTwice, fivexx, saveP99: save.p99, meP99: meSummary.p99, ratio: round(ratio, 2), saveCalls: saveCalls.calls, meCalls: me.calls, saves: save.count, savesPerSecond: round(save.count / (windowMs / 1000), 1), rawUpdatesPerSecond: round(rawPerSecond, 1) };
}

export async function runQuizTakersSection(log: (line: string) => void = console.log) {
  return onEnginesOfItsOwn('bench-quiz', () => runQuizTakersBench(log), { dynamoInChildProcess: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runQuizTakersSection().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
