import { describe, expect, it } from 'vitest';
import { OrgTree } from '../org/tree.js';
import type { Unit } from '../org/schema.js';
import { countingAttempts, median, quizFigures, summaryOf, unitRows, type Taker } from './quiz-stats.js';
import type { Attempt } from './schema.js';

const unit = (unitId: string, parentId: string | null): Unit => ({
  unitId, name: unitId, kind: parentId ? 'branch' : 'bureau', parentId, sortOrder: 0, retired: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1,
});
const tree = new OrgTree([unit('bureau', null), unit('b1', 'bureau'), unit('b2', 'bureau'), unit('g1', 'b1')]);
const reach = new Set(['bureau', 'b1', 'b2', 'g1']);

const t0 = Date.parse('2027-03-01T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
let serial = 0;

/** An attempt of `person` (number `number`) scoring `percent` of 10 one-point questions in `seconds`. */
function attempt(person: string, number: number, percent: number, { seconds = 300, state = 'submitted' as Attempt['state'], passPercent = 60 } = {}): Attempt {
  const right = Math.round(percent / 10);
  const id = `01J${String(++serial).padStart(23, '0')}`;
  const base: Attempt = {
    attemptId: id,
    quizId: '01J00000000000000000000QUIZ',
    quizVersion: 1,
    passPercent,
    personId: person,
    number,
    questions: Array.from({ length: 10 }, (_, i) => ({ questionId: `Q${i}`, version: 1, kind: 'single' as const, optionOrder: [0, 1, 2, 3] })),
    answers: {},
    seq: 1,
    startedAt: iso(t0 + number * 3_600_000),
    deadline: null,
    state,
  };
  if (state === 'open') return base;
  return {
    ...base,
    finishedAt: iso(t0 + number * 3_600_000 + seconds * 1000),
    score: right,
    maxScore: 10,
    percent: right * 10,
    passed: right * 10 >= passPercent,
    gradedAt: iso(t0),
    results: base.questions.map((q, i) => ({ questionId: q.questionId, version: 1, points: 1, earned: i < right ? 1 : 0, correct: i < right, answered: true })),
  };
}

const takers = (entries: [string, string][]) => new Map<string, Taker>(entries.map(([personId, unitId]) => [personId, { personId, name: `名${personId}`, unitId }]));

describe('each person counts once, by the attempt that counts', () => {
  const attempts = [attempt('A', 1, 90), attempt('A', 2, 40), attempt('B', 1, 50), attempt('B', 2, 70), attempt('C', 1, 0, { state: 'open' })];

  it('best: the highest score; last: the latest finished attempt; an open attempt counts for nothing', () => {
    expect(countingAttempts(attempts, 'best').map((a) => [a.personId, a.percent])).toEqual([['A', 90], ['B', 70]]);
    expect(countingAttempts(attempts, 'last').map((a) => [a.personId, a.percent])).toEqual([['A', 40], ['B', 70]]);
  });

  it('gives the pass rate over people, not attempts', () => {
    const best = summaryOf(attempts, countingAttempts(attempts, 'best'));
    expect(best).toMatchObject({ takers: 3, attempts: 5, finishedAttempts: 4, openAttempts: 1, graded: 2, passed: 2, passRate: 1, meanPercent: 80, medianPercent: 80, fewTakers: true });
    const last = summaryOf(attempts, countingAttempts(attempts, 'last'));
    expect(last).toMatchObject({ graded: 2, passed: 1, passRate: 0.5, meanPercent: 55 });
  });

  it('has no rate, mean or median with nobody graded', () => {
    expect(summaryOf([attempt('C', 1, 0, { state: 'open' })], [])).toMatchObject({ takers: 1, graded: 0, passRate: null, meanPercent: null, medianPercent: null });
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
    expect(median([])).toBeNull();
  });
});

describe('the distribution', () => {
  it('puts each person’s counting attempt in one of ten bins, 100 % in the last', () => {
    const attempts = [attempt('A', 1, 100), attempt('A', 2, 0), attempt('B', 1, 0), attempt('C', 1, 50), attempt('D', 1, 50)];
    const { distribution } = quizFigures({ counts: 'best', attempts, takers: takers([['A', 'b1'], ['B', 'b1'], ['C', 'b2'], ['D', 'b2']]), tree, viewed: ['bureau'], reach });
    expect(distribution).toHaveLength(10);
    expect(distribution.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 2, 0, 0, 0, 1]);
    expect(distribution[9]).toMatchObject({ from: 90, to: 100 });
  });
});

describe('per unit', () => {
  const people = takers([['A', 'g1'], ['B', 'b1'], ['C', 'b2'], ['D', 'bureau'], ['E', 'b2']]);
  const attempts = [attempt('A', 1, 80), attempt('B', 1, 30), attempt('C', 1, 60), attempt('D', 1, 90), attempt('E', 1, 0, { state: 'open' })];
  const counting = countingAttempts(attempts, 'best');

  it('shows the unit viewed, its own people, and each unit directly below it with its subtree’s figures', () => {
    const rows = unitRows({ attempts, takers: people, tree, viewed: ['bureau'], reach }, counting);
    expect(rows.map((r) => [r.unitId, r.depth, r.own, r.takers, r.graded, r.passed, r.passRate, r.hasChildren])).toEqual([
      ['bureau', 0, false, 5, 4, 3, 0.75, true],
      ['bureau', 1, true, 1, 1, 1, 1, false],
      ['b1', 1, false, 2, 2, 1, 0.5, true],
      ['b2', 1, false, 2, 1, 1, 1, false],
    ]);
  });

  it('drills down into a unit, and shows only the units the reader reaches', () => {
    const rows = unitRows({ attempts, takers: people, tree, viewed: ['b1'], reach: new Set(['b1']) }, counting);
    expect(rows.map((r) => [r.unitId, r.depth, r.takers, r.hasChildren])).toEqual([['b1', 0, 2, false]]);
  });
});

describe('timing', () => {
  it('lists the slowest and fastest finished attempts by time, flags those under 2 s a question, never sorts by score', () => {
    const attempts = [
      attempt('A', 1, 100, { seconds: 12 }), // 1.2 s a question: flagged
      attempt('B', 1, 0, { seconds: 19 }), // 1.9 s a question: flagged
      attempt('C', 1, 90, { seconds: 20 }), // 2 s a question: not flagged
      attempt('D', 1, 50, { seconds: 900 }),
      attempt('E', 1, 20, { seconds: 8, state: 'expired' }), // closed by the deadline: not "fast"
      ...Array.from({ length: 6 }, (_, i) => attempt(`F${i}`, 1, 10 * i, { seconds: 100 + i })),
    ];
    const people = takers(attempts.map((a) => [a.personId, 'b1']));
    const figures = quizFigures({ counts: 'best', attempts, takers: people, tree, viewed: ['bureau'], reach });
    expect(figures.tooFast.map((t) => t.personId)).toEqual(['A', 'B']);
    expect(figures.tooFast[0]).toMatchObject({ name: '名A', unitId: 'b1', seconds: 12, questions: 10 });
    expect(figures.fastest.map((t) => t.personId)).toEqual(['E', 'A', 'B', 'C', 'F0']);
    expect(figures.slowest.map((t) => t.personId)).toEqual(['D', 'F5', 'F4', 'F3', 'F2']);
    const seconds = figures.slowest.map((t) => t.seconds);
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
  });
});

describe('item figures', () => {
  it('are taken over each person’s counting attempt, so a person who tries again weighs once', () => {
    const attempts = [attempt('A', 1, 0), attempt('A', 2, 100), attempt('B', 1, 100)];
    const figures = quizFigures({ counts: 'best', attempts, takers: takers([['A', 'b1'], ['B', 'b1']]), tree, viewed: ['bureau'], reach });
    const q0 = figures.items.find((i) => i.questionId === 'Q0')!;
    expect(q0).toMatchObject({ takers: 2, correct: 2, facility: 1, fewTakers: true });
    expect(q0.warnings).toContain('fewTakers');
  });
});
