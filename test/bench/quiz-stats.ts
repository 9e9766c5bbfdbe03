/**
 * getQuizStats at size, on the real platform (dynalite + s3rver, the demo seed, the one Hono app in-process): a quiz
 * of 20 questions with 500 graded attempts by 500 people spread over the branches' groups, read by the leader (every
 * taker) and by an organizer (one branch), beside an authenticated GET /api/me in the same run. Prints the time per
 * call and the bytes answered; the attempts are written straight through the store (the taking path is measured
 * elsewhere), graded by the engine as a submit grades them.
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/quiz-stats.ts` (also a section of `npm run bench`).
 */
import { pathToFileURL } from 'node:url';
import { onEnginesOfItsOwn } from './own-engines.js';
import { seedDemo } from '../../dev/seed.js';
import { seedUnits } from '../../dev/seed-data.js';
import { newId } from '../../functions/platform/ids.js';
import { createApp } from '../../functions/http/app.js';
import { addPerson } from '../../functions/domain/people/service.js';
import { loadFreshTree } from '../../functions/domain/org/service.js';
import { hashPassword } from '../../functions/platform/passwords.js';
import { newAttempt, submit } from '../../functions/domain/quizzes/attempt.js';
import { drawAttempt } from '../../functions/domain/quizzes/draw.js';
import { quizBank, quizById } from '../../functions/domain/quizzes/quiz-service.js';
import { questionsAt } from '../../functions/domain/quizzes/service.js';
import { insertAttempt } from '../../functions/domain/quizzes/quiz-store.js';
import { requestAs, signIn as signInAs } from '../helpers/sign-in.js';
import { ms, summarize, table } from './stats.js';

export const QUIZ_STATS_ATTEMPTS = 500;
const QUESTIONS = 20;
const RUNS = 20;

export interface QuizStatsFigure {
  reader: string;
  takers: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  bytes: number;
}

export async function runQuizStatsSection(log: (line: string) => void = console.log): Promise<QuizStatsFigure[]> {
  return onEnginesOfItsOwn('bench-quiz-stats', () => measure(log));
}

async function measure(log: (line: string) => void): Promise<QuizStatsFigure[]> {
  await seedDemo();
  const app = createApp();
  const admin = await signInAs(app, 'admin', 'demo1234');
  const call = async (cookie: string, method: string, path: string, body?: unknown, status = 200) => {
    const res = await requestAs(app, cookie, method, `/api${path}`, body);
    if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const tree = await loadFreshTree();
  const unitIds = new Map(seedUnits.map((u) => [u.key, tree.ordered().find((unit) => unit.name === u.name)!.unitId]));
  const tag = 'bench统计';
  for (let i = 0; i < QUESTIONS; i++) {
    await call(admin, 'POST', '/questions', { kind: 'single', stem: `基准测试题 ${i + 1}：下列哪一项符合窗口服务规范？`, options: [{ text: '一次性告知' }, { text: '推诿' }, { text: '多次往返' }, { text: '拒收' }], answer: [0], tags: [tag], ownerUnitId: unitIds.get('bureau') }, 201);
  }
  const created = await call(admin, 'POST', '/quizzes', { title: '基准测验', ownerUnitId: unitIds.get('bureau'), items: [{ kind: 'draw', count: QUESTIONS, tag }] }, 201);
  await call(admin, 'POST', `/quizzes/${created.quizId}/publish`, { version: created.version });
  const quiz = (await quizById(created.quizId))!;
  const bank = await quizBank(quiz);

  log(`writing ${QUIZ_STATS_ATTEMPTS} people and ${QUIZ_STATS_ATTEMPTS} graded attempts of ${QUESTIONS} questions…`);
  const groups = ['b1-group1', 'b1-group2', 'b2-group1', 'b2-group2', 'hall', 'approval'].map((key) => unitIds.get(key)!);
  const passwordHash = await hashPassword('bench-not-used-1234');
  const t0 = Date.now() - 3_600_000;
  for (let i = 0; i < QUIZ_STATS_ATTEMPTS; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, QUIZ_STATS_ATTEMPTS - i) }, async (_, j) => {
        const n = i + j;
        const unitId = groups[n % groups.length]!;
        const person = await addPerson({ name: `考生${n}`, login: `bench${String(n).padStart(4, '0')}`, unitId, partyStatus: 'none', passwordHash });
        const attemptId = newId();
        const questions = drawAttempt({ quiz, bank, seed: attemptId });
        const open = newAttempt({ attemptId, quiz, personId: person.personId, number: 1, questions, now: new Date(t0 + n * 1000) });
        // Stronger takers get more right; a few click through in seconds.
        const strength = (n * 37) % 100;
        open.answers = Object.fromEntries(questions.map((q, k) => [q.questionId, [(k * 13 + n) % 100 < strength ? 0 : 1]]));
        const versions = await questionsAt(questions);
        const seconds = n % 50 === 0 ? 20 : 300 + ((n * 7) % 900);
        const finished = submit(open, versions, quiz.passPercent, new Date(t0 + n * 1000 + seconds * 1000));
        await insertAttempt(finished.attempt);
      }),
    );
  }

  const readers = [
    ['leader (all 500)', await signInAs(app, 'leader', 'demo1234')],
    ['organizer1 (branch 1)', await signInAs(app, 'organizer1', 'demo1234')],
  ] as const;
  const figures: QuizStatsFigure[] = [];
  const time = async (cookie: string, path: string) => {
    const started = performance.now();
    const res = await app.request(`http://localhost/api${path}`, { headers: { cookie } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return { ms: performance.now() - started, bytes: Buffer.byteLength(text), body: text };
  };
  for (const [reader, cookie] of readers) {
    const first = await time(cookie, `/quizzes/${quiz.quizId}/stats`); // warm-up
    const takers = (JSON.parse(first.body) as { summary: { takers: number } }).summary.takers;
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) samples.push((await time(cookie, `/quizzes/${quiz.quizId}/stats`)).ms);
    const s = summarize(samples);
    figures.push({ reader: `getQuizStats, ${reader}`, takers, p50Ms: s.p50, p99Ms: s.p99, maxMs: s.max, bytes: first.bytes });
  }
  const me: number[] = [];
  for (let run = 0; run < RUNS; run++) me.push((await time(readers[0][1], '/me')).ms);
  const m = summarize(me);
  figures.push({ reader: 'GET /api/me, leader (for scale)', takers: 0, p50Ms: m.p50, p99Ms: m.p99, maxMs: m.max, bytes: 0 });
  return figures;
}

export function reportQuizStats(figures: QuizStatsFigure[], log: (line: string) => void = console.log) {
  log(
    table(
      ['call (in-process, dynalite)', 'takers', 'p50', 'p99', 'max', 'JSON bytes'],
      figures.map((f) => [f.reader, String(f.takers), ms(f.p50Ms), ms(f.p99Ms), ms(f.maxMs), f.bytes ? String(f.bytes) : '']),
      new Set([1, 2, 3, 4, 5]),
    ),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  reportQuizStats(await runQuizStatsSection());
}
