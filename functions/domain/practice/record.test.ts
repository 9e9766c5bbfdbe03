import { describe, expect, it } from 'vitest';
import { emptyRecord, figures, foldDays, isComplete } from './record.js';
import { addDays, shanghaiDay } from './days.js';
import type { PracticeDay } from './schema.js';

const P = '01J000000000000000000PERS0';
const q = (n: number) => `01J0000000000000000000Q${String(n).padStart(3, '0')}`;
/** A day of `total` questions, with answers given as booleans (right/wrong) to the first ones. */
function day(key: string, total: number, answers: boolean[]): PracticeDay {
  const questions = Array.from({ length: total }, (_, i) => ({ questionId: q(i + Number(key.slice(-2)) * 10), version: 1, kind: 'truefalse' as const, optionOrder: [] }));
  return {
    personId: P,
    day: key,
    questions,
    answers: Object.fromEntries(answers.map((correct, i) => [questions[i]!.questionId, { given: [0], correct, answeredAt: `${key}T01:00:0${i}.000Z` }])),
    createdAt: `${key}T00:00:00.000Z`,
  };
}

describe('days', () => {
  it('turns at midnight in Shanghai', () => {
    expect(shanghaiDay(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
    expect(shanghaiDay(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('foldDays', () => {
  it('counts answers, keeps each question’s latest outcome, and is unchanged by folding the same days again', () => {
    const d1 = day('2026-11-01', 3, [true, false, true]);
    const d2 = { ...day('2026-11-02', 3, [true]), questions: d1.questions, answers: { [d1.questions[1]!.questionId]: { given: [0], correct: true, answeredAt: '2026-11-02T01:00:00.000Z' } } };
    const once = foldDays(emptyRecord(P), [d1, d2], '2026-11-02');
    expect(once).toMatchObject({ foldedThrough: '2026-11-02', answered: 4, correct: 3 });
    expect(once.outcomes[d1.questions[1]!.questionId]).toBe('right');
    expect(foldDays(once, [d1, d2], '2026-11-02')).toEqual(once);
    expect(foldDays(once, [d1, d2], '2026-11-03')).toMatchObject({ answered: 4, foldedThrough: '2026-11-03' });
  });

  it('counts a streak of consecutive complete days, and starts again after a gap or an unfinished day', () => {
    const days = [day('2026-11-01', 2, [true, true]), day('2026-11-02', 2, [false, true]), day('2026-11-03', 2, [true]), day('2026-11-04', 2, [true, true]), day('2026-11-05', 2, [true, false])];
    const record = foldDays(emptyRecord(P), days, '2026-11-05');
    expect(record).toMatchObject({ streak: 2, lastCompleteDay: '2026-11-05' });
    expect(foldDays(emptyRecord(P), days.slice(0, 2), '2026-11-02')).toMatchObject({ streak: 2, lastCompleteDay: '2026-11-02' });
    expect(isComplete(days[2]!)).toBe(false);
  });
});

describe('figures', () => {
  const past = foldDays(emptyRecord(P), [day('2026-11-27', 2, [true, true]), day('2026-11-28', 2, [true, false])], '2026-11-28');

  it('adds today to the streak once today is complete, and keeps yesterday’s run while today is unfinished', () => {
    expect(figures(past, day('2026-11-29', 2, [true]), '2026-11-29').streak).toBe(2);
    expect(figures(past, day('2026-11-29', 2, [true, true]), '2026-11-29').streak).toBe(3);
    expect(figures(past, undefined, '2026-11-29').streak).toBe(2);
    // A day missed breaks it.
    expect(figures(past, undefined, '2026-11-30').streak).toBe(0);
    expect(figures(past, day('2026-11-30', 1, [false]), '2026-11-30').streak).toBe(1);
  });

  it('gives accuracy over the last 30 days and over all time, and none before any answer', () => {
    const old = foldDays(emptyRecord(P), [day('2026-09-01', 2, [false, false])], '2026-09-01');
    const later = foldDays(old, [day('2026-11-28', 2, [true, false])], '2026-11-28');
    const now = figures(later, day('2026-11-29', 1, [true]), '2026-11-29');
    expect(now.recent).toEqual({ answered: 3, correct: 2, percent: 67 });
    expect(now.overall).toEqual({ answered: 5, correct: 2, percent: 40 });
    expect(figures(emptyRecord(P), undefined, '2026-11-29').overall).toEqual({ answered: 0, correct: 0, percent: null });
    // Exactly 30 days (today included) count as recent.
    expect(figures(later, undefined, addDays('2026-11-28', 29)).recent.answered).toBe(2);
    expect(figures(later, undefined, addDays('2026-11-28', 30)).recent.answered).toBe(0);
  });
});
