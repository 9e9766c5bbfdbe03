import { describe, expect, it } from 'vitest';
import { durationSeconds, isTooFast, itemStats, MIN_TAKERS, passFigures, scoreDistribution, timings, upperLowerIndex } from './item-stats.js';
import type { Attempt, QuestionKind } from './schema.js';

const t0 = Date.parse('2027-03-01T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const attemptId = (n: number) => `01J${String(n).padStart(23, '0')}`;

interface Taken {
  q: string;
  correct: boolean;
  kind?: QuestionKind;
  version?: number;
  given?: number[] | string;
}

/** A graded attempt: one point a question, `seconds` from start to finish. */
function graded(n: number, taken: Taken[], { seconds = 600, state = 'submitted' as Attempt['state'], passPercent = 60 } = {}): Attempt {
  const score = taken.filter((t) => t.correct).length;
  const percent = Math.round((score / taken.length) * 10000) / 100;
  return {
    attemptId: attemptId(n),
    quizId: attemptId(9999),
    quizVersion: 1,
    passPercent,
    personId: attemptId(5000 + n),
    number: 1,
    questions: taken.map((t) => ({ questionId: t.q, version: t.version ?? 1, kind: t.kind ?? 'single', optionOrder: t.kind === 'fill' || t.kind === 'truefalse' ? [] : [0, 1, 2, 3] })),
    answers: Object.fromEntries(taken.filter((t) => t.given !== undefined).map((t) => [t.q, t.given!])),
    seq: 1,
    startedAt: iso(t0),
    deadline: null,
    state,
    finishedAt: iso(t0 + seconds * 1000),
    score,
    maxScore: taken.length,
    percent,
    passed: percent >= passPercent,
    gradedAt: iso(t0 + seconds * 1000),
    results: taken.map((t) => ({ questionId: t.q, version: t.version ?? 1, points: 1, earned: t.correct ? 1 : 0, correct: t.correct, answered: t.given !== undefined })),
  };
}

/** `strength` of 10 other questions right, plus the item under study. */
function withStrength(n: number, strength: number, item: Taken): Attempt {
  const rest = Array.from({ length: 10 }, (_, i) => ({ q: `R${i}`, correct: i < strength }));
  return graded(n, [item, ...rest]);
}

const statOf = (attempts: Attempt[], q: string, version = 1) => itemStats(attempts).find((s) => s.questionId === q && s.version === version)!;

describe('facility', () => {
  it('is the share of takers who got the question right; an unanswered question counts as wrong', () => {
    const attempts = [
      graded(1, [{ q: 'X', correct: true, given: [1] }]),
      graded(2, [{ q: 'X', correct: true, given: [1] }]),
      graded(3, [{ q: 'X', correct: true, given: [1] }]),
      graded(4, [{ q: 'X', correct: false }]),
    ];
    expect(statOf(attempts, 'X')).toMatchObject({ takers: 4, correct: 3, facility: 0.75 });
  });

  it('ignores open attempts and keeps each version of a question apart', () => {
    const open = { ...graded(3, [{ q: 'X', correct: true }]), state: 'open' as const };
    const attempts = [graded(1, [{ q: 'X', correct: true }]), graded(2, [{ q: 'X', correct: false, version: 2 }]), open];
    expect(statOf(attempts, 'X', 1)).toMatchObject({ takers: 1, facility: 1 });
    expect(statOf(attempts, 'X', 2)).toMatchObject({ takers: 1, facility: 0 });
  });
});

describe('discrimination (upper–lower 27 % index on the rest of the attempt)', () => {
  it('is 1 when exactly the stronger takers get it right, and no warning with enough takers', () => {
    const attempts = Array.from({ length: 40 }, (_, i) => withStrength(i, i % 11, { q: 'X', correct: i % 11 >= 5 }));
    const stat = statOf(attempts, 'X');
    expect(stat.discrimination).toBe(1);
    expect(stat.fewTakers).toBe(false);
    expect(stat.warnings).toEqual([]);
  });

  it('is negative when the weaker get it right more often (a wrong key), and says so', () => {
    const attempts = Array.from({ length: 40 }, (_, i) => withStrength(i, i % 11, { q: 'X', correct: i % 11 < 5, given: i % 11 < 5 ? [2] : [1] }));
    const stat = statOf(attempts, 'X');
    expect(stat.discrimination).toBe(-1);
    expect(stat.warnings).toContain('negativeDiscrimination');
    // Who chose what: the strong takers' option (1) is the likely right answer.
    expect(stat.choiceCounts).toEqual([0, 20, 20, 0]);
  });

  it('ranks takers by the rest of the attempt, so the item does not rank its own takers', () => {
    // Equal totals; on the rest, the one who missed X is the stronger.
    const attempts = [graded(1, [{ q: 'X', correct: true }, { q: 'Y', correct: false }]), graded(2, [{ q: 'X', correct: false }, { q: 'Y', correct: true }])];
    expect(statOf(attempts, 'X').discrimination).toBe(-1);
    expect(statOf(attempts, 'Y').discrimination).toBe(-1);
  });

  it('uses groups of 27 % of the takers', () => {
    // 100 takers ranked by rest; the top 27 right, the next 46 and the bottom 27 split: upper 27/27, lower 0/27.
    const takings = Array.from({ length: 100 }, (_, i) => ({ attemptId: attemptId(i), rest: 1 - i / 100, correct: i < 27 || (i >= 27 && i < 73 && i % 2 === 0) }));
    expect(upperLowerIndex(takings)).toBe(1);
    // Move one right answer from the upper group to the lower group: 26/27 − 1/27.
    takings[26]!.correct = false;
    takings[99]!.correct = true;
    expect(upperLowerIndex(takings)).toBe(Math.round((25 / 27) * 100) / 100);
  });

  it('is unknown with fewer than 2 takers, and flagged below 30 takers', () => {
    expect(statOf([graded(1, [{ q: 'X', correct: true }])], 'X')).toMatchObject({ discrimination: null, fewTakers: true });
    const under = Array.from({ length: MIN_TAKERS - 1 }, (_, i) => withStrength(i, i % 11, { q: 'X', correct: i % 2 === 0 }));
    expect(statOf(under, 'X').warnings).toContain('fewTakers');
    const enough = Array.from({ length: MIN_TAKERS }, (_, i) => withStrength(i, i % 11, { q: 'X', correct: i % 2 === 0 }));
    expect(statOf(enough, 'X').fewTakers).toBe(false);
  });

  it('tells a hard question (low facility, positive D) from a bad one (D near 0), and flags the extremes', () => {
    const hard = Array.from({ length: 40 }, (_, i) => withStrength(i, i % 11, { q: 'X', correct: i % 11 === 10 }));
    const hardStat = statOf(hard, 'X');
    expect(hardStat.facility).toBeLessThan(0.2);
    expect(hardStat.discrimination).toBeGreaterThan(0.2);
    expect(hardStat.warnings).toEqual(['veryHard']);
    const flat = Array.from({ length: 40 }, (_, i) => withStrength(i, i % 11, { q: 'X', correct: true }));
    expect(statOf(flat, 'X').warnings).toEqual(['poorDiscrimination', 'veryEasy']);
  });

  it('counts choices per original option for choice and true/false questions, not for fill', () => {
    const attempts = [
      graded(1, [{ q: 'M', correct: true, kind: 'multiple', given: [0, 3] }, { q: 'T', correct: true, kind: 'truefalse', given: [0] }, { q: 'F', correct: true, kind: 'fill', given: 'x' }]),
      graded(2, [{ q: 'M', correct: false, kind: 'multiple', given: [0] }, { q: 'T', correct: false, kind: 'truefalse', given: [1] }, { q: 'F', correct: false, kind: 'fill' }]),
    ];
    expect(statOf(attempts, 'M').choiceCounts).toEqual([2, 0, 0, 1]);
    expect(statOf(attempts, 'T').choiceCounts).toEqual([1, 1]);
    expect(statOf(attempts, 'F').choiceCounts).toBeNull();
  });
});

describe('score distribution and pass figures', () => {
  const percents = [0, 9.99, 10, 59.5, 60, 99.9, 100];
  const attempts = percents.map((p, i) => ({ ...graded(i, [{ q: 'X', correct: true }]), percent: p, passed: p >= 60 }));

  it('counts attempts in 10-point bands, with 100 in the last', () => {
    expect(scoreDistribution(attempts).map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 1, 0, 0, 2]);
    expect(scoreDistribution(attempts)[9]).toEqual({ from: 90, to: 100, count: 2 });
    expect(scoreDistribution(attempts, 25).map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 25, 3],
      [25, 50, 0],
      [50, 75, 2],
      [75, 100, 2],
    ]);
  });

  it('gives the attempts, how many passed, the pass rate and the mean', () => {
    expect(passFigures(attempts)).toEqual({ attempts: 7, passed: 3, passRate: 0.43, meanPercent: 48.48 });
    expect(passFigures([])).toEqual({ attempts: 0, passed: 0, passRate: null, meanPercent: null });
  });
});

describe('timing', () => {
  const ten = Array.from({ length: 10 }, (_, i) => ({ q: `Q${i}`, correct: true }));

  it('flags a submitted attempt under 2 s a question, not one at 2 s, nor an expired one', () => {
    expect(isTooFast(graded(1, ten, { seconds: 19.9 }))).toBe(true);
    expect(isTooFast(graded(2, ten, { seconds: 20 }))).toBe(false);
    expect(isTooFast(graded(3, ten, { seconds: 5, state: 'expired' }))).toBe(false);
    expect(durationSeconds(graded(4, ten, { seconds: 42 }))).toBe(42);
  });

  it('lists the fastest and the slowest finished attempts, and every implausibly fast one', () => {
    const attempts = [300, 12, 900, 45, 5, 1200, 600].map((seconds, i) => graded(i, ten, { seconds }));
    const result = timings(attempts, 3);
    expect(result.fastest.map((t) => t.seconds)).toEqual([5, 12, 45]);
    expect(result.slowest.map((t) => t.seconds)).toEqual([1200, 900, 600]);
    expect(result.tooFast.map((t) => t.attemptId)).toEqual([attemptId(4), attemptId(1)]);
    expect(result.tooFast[0]).toMatchObject({ seconds: 5, questions: 10, state: 'submitted' });
  });
});
