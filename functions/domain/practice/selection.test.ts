import { describe, expect, it } from 'vitest';
import { chooseQuestions } from './selection.js';
import type { Question } from '../quizzes/schema.js';
import type { Outcome } from './schema.js';

const at = '2026-11-01T00:00:00.000Z';
/** A bank of true/false questions with ids that sort in order (ULID-shaped). */
function bank(n: number, extra: (i: number) => Partial<Question> = () => ({})): Question[] {
  return Array.from({ length: n }, (_, i) => ({
    questionId: `01J00000000000000000000${String(i).padStart(3, '0')}`,
    version: 1,
    ownerUnitId: '01J000000000000000000UNIT0',
    kind: 'truefalse',
    stem: `题目 ${i}`,
    options: [],
    answer: [0],
    explanation: '',
    difficulty: 'easy',
    points: 1,
    tags: [],
    retired: false,
    createdAt: at,
    updatedAt: at,
    createdBy: '01J000000000000000000PERS0',
    ...extra(i),
  }) as Question);
}
const ids = (list: { questionId: string }[]) => list.map((q) => q.questionId);

describe('chooseQuestions', () => {
  it('gives the same questions for the same person and day, and others on another day', () => {
    const questions = bank(40);
    const a = chooseQuestions({ bank: questions, outcomes: {}, count: 5, seed: 'p1:2026-11-29' });
    const again = chooseQuestions({ bank: [...questions].reverse(), outcomes: {}, count: 5, seed: 'p1:2026-11-29' });
    const otherDay = chooseQuestions({ bank: questions, outcomes: {}, count: 5, seed: 'p1:2026-11-30' });
    expect(ids(again)).toEqual(ids(a));
    expect(ids(otherDay)).not.toEqual(ids(a));
  });

  it('never repeats a question within a day, even when a bank has several versions of it', () => {
    const questions = bank(6);
    const withOldVersions = [...questions, ...questions.map((q) => ({ ...q, version: 2 }))];
    const day = chooseQuestions({ bank: withOldVersions, outcomes: {}, count: 6, seed: 's' });
    expect(new Set(ids(day)).size).toBe(6);
    expect(day.every((q) => q.version === 2)).toBe(true);
  });

  it('brings back questions answered wrong, before unseen ones, and answered-right ones last', () => {
    const questions = bank(20);
    const outcomes: Record<string, Outcome> = {};
    const wrong = [questions[3]!, questions[11]!].map((q) => q.questionId);
    for (const id of wrong) outcomes[id] = 'wrong';
    for (const q of questions.slice(12)) outcomes[q.questionId] = 'right';
    const day = chooseQuestions({ bank: questions, outcomes, count: 5, seed: 'p1:2026-11-29' });
    expect(ids(day).slice(0, 2).sort()).toEqual([...wrong].sort());
    const rest = ids(day).slice(2);
    expect(rest.every((id) => outcomes[id] === undefined)).toBe(true);
    // With every unseen question taken, the answered-right ones fill the day.
    const big = chooseQuestions({ bank: questions, outcomes, count: 20, seed: 'x' });
    expect(ids(big).slice(12).every((id) => outcomes[id] === 'right')).toBe(true);
  });

  it('skips retired questions, and gives fewer than asked when the bank is short', () => {
    const questions = bank(4, (i) => ({ retired: i === 0 }));
    const day = chooseQuestions({ bank: questions, outcomes: { [questions[0]!.questionId]: 'wrong' }, count: 10, seed: 's' });
    expect(ids(day)).toHaveLength(3);
    expect(ids(day)).not.toContain(questions[0]!.questionId);
    expect(chooseQuestions({ bank: questions, outcomes: {}, count: 0, seed: 's' })).toEqual([]);
  });

  it('keeps options in the authored order', () => {
    const questions = bank(1, () => ({ kind: 'single', options: [{ text: 'A' }, { text: 'B' }, { text: 'C' }], answer: [1] }));
    expect(chooseQuestions({ bank: questions, outcomes: {}, count: 1, seed: 's' })[0]).toMatchObject({ kind: 'single', optionOrder: [0, 1, 2] });
  });
});
