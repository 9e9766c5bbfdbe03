/**
 * A quiz's results as pure functions over its attempts and their takers (stats-service.ts reads them; item-stats.ts
 * gives the per-question and timing figures). Each person weighs once: pass rate, mean, median, the distribution and
 * the item figures are taken over each person's COUNTING attempt (best or last, as the quiz says: attempt.ts
 * `countingAttempt`); attempt counts and timings look at every attempt.
 *
 * Nothing here ranks people by score: the only lists of people are the slowest and fastest finished attempts and the
 * ones finished implausibly fast, ordered by time taken, shown for a look at the data.
 */
import type { OrgTree } from '../org/tree.js';
import { countingAttempt } from './attempt.js';
import { round2 } from './grading.js';
import { itemStats, MIN_TAKERS, scoreDistribution, timings, type AttemptTiming, type Bucket, type ItemStat } from './item-stats.js';
import type { Attempt, AttemptCounting } from './schema.js';

/** Who took an attempt, as the figures need them: their name and the unit they sit in. */
export interface Taker {
  personId: string;
  name: string;
  unitId: string;
}

export interface Summary {
  /** People with at least one attempt. */
  takers: number;
  attempts: number;
  /** Submitted or closed at the deadline (graded). */
  finishedAttempts: number;
  openAttempts: number;
  /** People with a finished attempt (whose counting attempt exists). */
  graded: number;
  /** People whose counting attempt passed. */
  passed: number;
  /** passed / graded, 0–1 (2 decimals); null with nobody graded. */
  passRate: number | null;
  /** Of the counting attempts, percent (2 decimals); null with nobody graded. */
  meanPercent: number | null;
  medianPercent: number | null;
  /** Fewer than 30 people graded: the figures are shown with a warning. */
  fewTakers: boolean;
}

export interface UnitRow {
  unitId: string;
  /** 0 for the unit viewed, 1 for the units directly below it. */
  depth: number;
  /** Figures of the unit's whole subtree (for the unit viewed: of its own people only when `own`). */
  takers: number;
  graded: number;
  passed: number;
  passRate: number | null;
  /** The row of the people who sit in the viewed unit itself, not in a unit below it. */
  own: boolean;
  /** Units within reach lie below it: the page offers to drill down. */
  hasChildren: boolean;
}

export interface TimedAttempt extends AttemptTiming {
  name: string;
  unitId: string;
  finishedAt: string;
}

export interface QuizFigures {
  summary: Summary;
  distribution: Bucket[];
  items: ItemStat[];
  units: UnitRow[];
  slowest: TimedAttempt[];
  fastest: TimedAttempt[];
  tooFast: TimedAttempt[];
}

export interface FiguresInput {
  counts: AttemptCounting;
  /** The attempts of the takers in view (the caller drops those outside the reader's reach). */
  attempts: readonly Attempt[];
  takers: ReadonlyMap<string, Taker>;
  tree: OrgTree;
  /** The units viewed (one when drilled down; the tops of the reader's reach otherwise). */
  viewed: readonly string[];
  /** The units the reader reaches: only those are rows. */
  reach: { has(unitId: string): boolean };
}

/** Each person's counting attempt (none for a person with no finished attempt), in the order people first appear. */
export function countingAttempts(attempts: readonly Attempt[], counts: AttemptCounting): Attempt[] {
  const byPerson = new Map<string, Attempt[]>();
  for (const attempt of attempts) byPerson.set(attempt.personId, [...(byPerson.get(attempt.personId) ?? []), attempt]);
  return [...byPerson.values()].flatMap((own) => countingAttempt(own, counts) ?? []);
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round2(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

const rate = (passed: number, graded: number) => (graded === 0 ? null : round2(passed / graded));

export function summaryOf(attempts: readonly Attempt[], counting: readonly Attempt[]): Summary {
  const finished = attempts.filter((a) => a.state !== 'open').length;
  const percents = counting.map((a) => a.percent!);
  const passed = counting.filter((a) => a.passed).length;
  return {
    takers: new Set(attempts.map((a) => a.personId)).size,
    attempts: attempts.length,
    finishedAttempts: finished,
    openAttempts: attempts.length - finished,
    graded: counting.length,
    passed,
    passRate: rate(passed, counting.length),
    meanPercent: percents.length === 0 ? null : round2(percents.reduce((sum, p) => sum + p, 0) / percents.length),
    medianPercent: median(percents),
    fewTakers: counting.length < MIN_TAKERS,
  };
}

/**
 * Per unit, as the course completion page shows it: each unit viewed (its subtree's figures), then the units
 * directly below it within reach, and, when people sit in the viewed unit itself, a row of their own.
 */
export function unitRows(input: Pick<FiguresInput, 'attempts' | 'takers' | 'tree' | 'viewed' | 'reach'>, counting: readonly Attempt[]): UnitRow[] {
  const { tree, takers, reach } = input;
  const unitOf = (personId: string) => takers.get(personId)?.unitId;
  const people = [...new Set(input.attempts.map((a) => a.personId))];
  const figures = (within: (unitId: string) => boolean) => {
    const inside = new Set(people.filter((personId) => within(unitOf(personId) ?? '')));
    const graded = counting.filter((a) => inside.has(a.personId));
    const passed = graded.filter((a) => a.passed).length;
    return { takers: inside.size, graded: graded.length, passed, passRate: rate(passed, graded.length) };
  };
  const rows: UnitRow[] = [];
  const hasChildren = (unitId: string) => tree.children(unitId).some((child) => reach.has(child.unitId));
  for (const top of input.viewed) {
    const children = tree.children(top).filter((child) => reach.has(child.unitId));
    rows.push({ unitId: top, depth: 0, own: false, hasChildren: children.length > 0, ...figures((unitId) => unitId !== '' && tree.isWithin(unitId, top)) });
    const own = figures((unitId) => unitId === top);
    if (own.takers > 0 && children.length > 0) rows.push({ unitId: top, depth: 1, own: true, hasChildren: false, ...own });
    for (const child of children) {
      rows.push({ unitId: child.unitId, depth: 1, own: false, hasChildren: hasChildren(child.unitId), ...figures((unitId) => unitId !== '' && tree.isWithin(unitId, child.unitId)) });
    }
  }
  return rows;
}

/** Every figure of the stats page from the attempts in view. */
export function quizFigures(input: FiguresInput): QuizFigures {
  const counting = countingAttempts(input.attempts, input.counts);
  const timed = timings(input.attempts);
  const byId = new Map(input.attempts.map((a) => [a.attemptId, a]));
  const withTaker = (timing: AttemptTiming): TimedAttempt => {
    const attempt = byId.get(timing.attemptId)!;
    const taker = input.takers.get(timing.personId);
    return { ...timing, name: taker?.name ?? '', unitId: taker?.unitId ?? '', finishedAt: attempt.finishedAt! };
  };
  return {
    summary: summaryOf(input.attempts, counting),
    distribution: scoreDistribution(counting),
    items: itemStats(counting),
    units: unitRows(input, counting),
    slowest: timed.slowest.map(withTaker),
    fastest: timed.fastest.map(withTaker),
    tooFast: timed.tooFast.map(withTaker),
  };
}
