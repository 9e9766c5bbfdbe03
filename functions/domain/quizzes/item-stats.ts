/**
 * The statistics that tell a bad question from a hard one, as pure functions over graded attempts (those with
 * `results`; open attempts are ignored). Which attempts to pass is the caller's choice: for item analysis, the
 * attempt that counts for each person (or each person's first), so one person does not weigh several times.
 *
 * Per question VERSION (an edited question is a new item):
 * - facility (难度系数, P): the share of its takers who got it right (an unanswered question counts as wrong);
 * - discrimination (区分度, D): the UPPER–LOWER 27 % INDEX (Kelley): among the takers of the question, ranked by
 *   their score on the REST of the attempt (their percent without this question, so the item does not rank its own
 *   takers), D = P(upper 27 %) − P(lower 27 %), each group max(1, round(0.27 × takers)) people, ties broken by
 *   attempt id so the figure is reproducible. D runs from −1 to 1: ≥ 0.4 very good, 0.2–0.39 fair, < 0.2 poor;
 *   a NEGATIVE D (the weaker got it right more often than the stronger) usually means a wrong key.
 * - `fewTakers` when fewer than 30 took it: the figures are shown with a warning, not trusted;
 * - for choice and true/false questions, how many takers chose each option (original order): a wrong key shows as
 *   a distractor the strong takers pick.
 * A hard question has a low P and a positive D; a bad one a D near or below 0 whatever its P.
 *
 * Per quiz: the score distribution (percent buckets, for the server-drawn chart), pass figures, the slowest and
 * fastest finished attempts, and attempts submitted implausibly fast (under 2 s a question) flagged for a look,
 * never marked down (an attempt that ran out of time is not "fast").
 */
import { round2 } from './grading.js';
import type { Attempt, QuestionResult } from './schema.js';

/** Fewer takers than this and the item figures carry a warning. */
export const MIN_TAKERS = 30;
/** The share of takers in each of the upper and lower groups. */
export const GROUP_SHARE = 0.27;
/** A submitted attempt faster than this per question is flagged. */
export const FAST_SECONDS_PER_QUESTION = 2;

export type ItemWarning = 'fewTakers' | 'negativeDiscrimination' | 'poorDiscrimination' | 'veryEasy' | 'veryHard';

export interface ItemStat {
  questionId: string;
  version: number;
  takers: number;
  correct: number;
  /** Share correct, 0–1 (2 decimals); null with no takers. */
  facility: number | null;
  /** Upper–lower 27 % index, −1–1 (2 decimals); null with fewer than 2 takers. */
  discrimination: number | null;
  fewTakers: boolean;
  warnings: ItemWarning[];
  /** How many takers chose each option (original index); null for fill-in-the-blank. */
  choiceCounts: number[] | null;
}

/** A graded attempt, as these functions read it. */
type Graded = Attempt & { results: QuestionResult[]; score: number; maxScore: number; percent: number; passed: boolean };

function gradedOnly(attempts: readonly Attempt[]): Graded[] {
  return attempts.filter((a): a is Graded => a.state !== 'open' && a.results !== undefined && a.score !== undefined && a.maxScore !== undefined && a.percent !== undefined && a.passed !== undefined);
}

/** One taker of one question: right or not, and how they did on the rest of the attempt. */
interface Taking {
  attemptId: string;
  correct: boolean;
  rest: number;
}

/** The item figures of every question version the attempts were given, in order of first appearance. */
export function itemStats(attempts: readonly Attempt[]): ItemStat[] {
  const items = new Map<string, { questionId: string; version: number; takings: Taking[]; choiceCounts: number[] | null }>();
  for (const attempt of gradedOnly(attempts)) {
    const kinds = new Map(attempt.questions.map((q) => [q.questionId, q]));
    for (const result of attempt.results) {
      const key = `${result.questionId}#${result.version}`;
      const given = kinds.get(result.questionId);
      let item = items.get(key);
      if (!item) {
        const options = given === undefined || given.kind === 'fill' ? null : given.kind === 'truefalse' ? 2 : given.optionOrder.length;
        item = { questionId: result.questionId, version: result.version, takings: [], choiceCounts: options === null ? null : new Array<number>(options).fill(0) };
        items.set(key, item);
      }
      const restMax = attempt.maxScore - result.points;
      item.takings.push({ attemptId: attempt.attemptId, correct: result.correct, rest: restMax > 0 ? (attempt.score - result.earned) / restMax : 0 });
      const answer = attempt.answers[result.questionId];
      if (item.choiceCounts && Array.isArray(answer)) {
        for (const choice of new Set(answer)) if (choice < item.choiceCounts.length) item.choiceCounts[choice]!++;
      }
    }
  }
  return [...items.values()].map(({ questionId, version, takings, choiceCounts }) => {
    const takers = takings.length;
    const correct = takings.filter((t) => t.correct).length;
    const facility = takers === 0 ? null : round2(correct / takers);
    const discrimination = upperLowerIndex(takings);
    const warnings: ItemWarning[] = [];
    if (takers < MIN_TAKERS) warnings.push('fewTakers');
    if (discrimination !== null && discrimination < 0) warnings.push('negativeDiscrimination');
    else if (discrimination !== null && discrimination < 0.2) warnings.push('poorDiscrimination');
    if (facility !== null && facility > 0.9) warnings.push('veryEasy');
    if (facility !== null && facility < 0.2) warnings.push('veryHard');
    return { questionId, version, takers, correct, facility, discrimination, fewTakers: takers < MIN_TAKERS, warnings, choiceCounts };
  });
}

/** D = share correct in the upper 27 % − share correct in the lower 27 %, ranked by the rest of the attempt. */
export function upperLowerIndex(takings: readonly Taking[]): number | null {
  if (takings.length < 2) return null;
  const ranked = [...takings].sort((a, b) => b.rest - a.rest || (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0));
  const size = Math.min(Math.floor(ranked.length / 2), Math.max(1, Math.round(GROUP_SHARE * ranked.length)));
  const share = (group: Taking[]) => group.filter((t) => t.correct).length / group.length;
  return round2(share(ranked.slice(0, size)) - share(ranked.slice(ranked.length - size)));
}

export interface Bucket {
  /** Percent, inclusive. */
  from: number;
  /** Percent, exclusive, except the last bucket, which includes 100. */
  to: number;
  count: number;
}

/** How many graded attempts scored in each percent band (width 10 by default: 0–10, …, 90–100 with 100 in the last). */
export function scoreDistribution(attempts: readonly Attempt[], width = 10): Bucket[] {
  const buckets: Bucket[] = [];
  for (let from = 0; from < 100; from += width) buckets.push({ from, to: Math.min(100, from + width), count: 0 });
  for (const attempt of gradedOnly(attempts)) {
    const index = Math.min(buckets.length - 1, Math.floor(attempt.percent / width));
    buckets[index]!.count++;
  }
  return buckets;
}

export interface PassFigures {
  attempts: number;
  passed: number;
  /** 0–1 (2 decimals); null with no attempts. */
  passRate: number | null;
  /** Mean percent (2 decimals); null with no attempts. */
  meanPercent: number | null;
}

export function passFigures(attempts: readonly Attempt[]): PassFigures {
  const graded = gradedOnly(attempts);
  const passed = graded.filter((a) => a.passed).length;
  return {
    attempts: graded.length,
    passed,
    passRate: graded.length === 0 ? null : round2(passed / graded.length),
    meanPercent: graded.length === 0 ? null : round2(graded.reduce((sum, a) => sum + a.percent, 0) / graded.length),
  };
}

export interface AttemptTiming {
  attemptId: string;
  personId: string;
  state: Attempt['state'];
  seconds: number;
  questions: number;
  percent: number;
}

export interface Timings {
  /** The fastest finished attempts, fastest first. */
  fastest: AttemptTiming[];
  /** The slowest finished attempts, slowest first. */
  slowest: AttemptTiming[];
  /** Submitted in under 2 s a question: for a look, not a penalty. */
  tooFast: AttemptTiming[];
}

/** Seconds from start to finish of a finished attempt. */
export function durationSeconds(attempt: Pick<Attempt, 'startedAt' | 'finishedAt'>): number | null {
  if (attempt.finishedAt === undefined) return null;
  return Math.max(0, (Date.parse(attempt.finishedAt) - Date.parse(attempt.startedAt)) / 1000);
}

/** Whether a submitted attempt was finished implausibly fast (under 2 s a question). */
export function isTooFast(attempt: Pick<Attempt, 'state' | 'startedAt' | 'finishedAt' | 'questions'>): boolean {
  const seconds = durationSeconds(attempt);
  return attempt.state === 'submitted' && seconds !== null && seconds < FAST_SECONDS_PER_QUESTION * attempt.questions.length;
}

/** The slowest and fastest `count` finished attempts, and every one submitted implausibly fast. */
export function timings(attempts: readonly Attempt[], count = 5): Timings {
  const timed = gradedOnly(attempts).map((a) => ({ attempt: a, timing: { attemptId: a.attemptId, personId: a.personId, state: a.state, seconds: durationSeconds(a)!, questions: a.questions.length, percent: a.percent } }));
  const byTime = [...timed].sort((a, b) => a.timing.seconds - b.timing.seconds || (a.timing.attemptId < b.timing.attemptId ? -1 : 1));
  return {
    fastest: byTime.slice(0, count).map((t) => t.timing),
    slowest: byTime.slice(-count).reverse().map((t) => t.timing),
    tooFast: byTime.filter((t) => isTooFast(t.attempt)).map((t) => t.timing),
  };
}
