import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { checkQuestion } from './question-rules.js';
import { bankMessages } from './messages.js';

const options = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `选项${i}` }));

function refusal(run: () => unknown): { id: string; path: unknown; params: unknown } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { id: typeof error.messageKey === 'string' ? error.messageKey : error.messageKey.id, path: (error.details as Array<{ path: string }>)[0]?.path, params: error.params };
  }
  throw new Error('expected a refusal');
}

describe('checkQuestion', () => {
  it('stores choices ascending and without repeats', () => {
    expect(checkQuestion({ kind: 'multiple', options: options(4), answer: [3, 0, 3] })).toEqual([0, 3]);
    expect(checkQuestion({ kind: 'single', options: options(2), answer: [1] })).toEqual([1]);
  });

  it('refuses a single choice with two answers, and a multiple choice with none', () => {
    expect(refusal(() => checkQuestion({ kind: 'single', options: options(4), answer: [0, 1] })).id).toBe(bankMessages.singleNeedsOneAnswer.id);
    expect(refusal(() => checkQuestion({ kind: 'multiple', options: options(4), answer: [] })).id).toBe(bankMessages.multipleNeedsAnswers.id);
  });

  it('names the letter of an answer that is not among the options', () => {
    const refused = refusal(() => checkQuestion({ kind: 'single', options: options(3), answer: [4] }));
    expect(refused).toEqual({ id: bankMessages.answerNotAnOption.id, path: 'answer', params: { letter: 'E' } });
  });

  it('asks 2 to 8 options of a choice question, and none of the other kinds', () => {
    expect(refusal(() => checkQuestion({ kind: 'single', options: options(1), answer: [0] })).path).toBe('options');
    expect(refusal(() => checkQuestion({ kind: 'multiple', options: options(9), answer: [0] })).id).toBe(bankMessages.choiceOptionCount.id);
    expect(checkQuestion({ kind: 'multiple', options: options(8), answer: [7] })).toEqual([7]);
    expect(refusal(() => checkQuestion({ kind: 'truefalse', options: options(2), answer: [0] })).id).toBe(bankMessages.trueFalseNoOptions.id);
  });

  it('takes [0] for true and [1] for false, nothing else', () => {
    expect(checkQuestion({ kind: 'truefalse', options: [], answer: [1] })).toEqual([1]);
    expect(refusal(() => checkQuestion({ kind: 'truefalse', options: [], answer: [2] })).id).toBe(bankMessages.trueFalseAnswer.id);
    expect(refusal(() => checkQuestion({ kind: 'truefalse', options: [], answer: [0, 1] })).id).toBe(bankMessages.trueFalseAnswer.id);
  });

  it('keeps the accepted texts of a fill-in question, without blanks or repeats', () => {
    expect(checkQuestion({ kind: 'fill', options: [], answer: [' 为人民服务 ', '为人民服务', ''] })).toEqual(['为人民服务']);
    expect(refusal(() => checkQuestion({ kind: 'fill', options: [], answer: ['  '] })).id).toBe(bankMessages.fillNeedsAnswers.id);
    expect(refusal(() => checkQuestion({ kind: 'fill', options: [], answer: [1] })).id).toBe(bankMessages.fillAnswerIsText.id);
    expect(refusal(() => checkQuestion({ kind: 'single', options: options(2), answer: ['A'] })).id).toBe(bankMessages.choiceAnswerIsIndex.id);
  });
});
