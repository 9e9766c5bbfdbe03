import { describe, expect, it } from 'vitest';
import { choose, formatRemaining, optionLetter, optionsOf, windowState } from './quiz';

describe('the taker page helpers', () => {
  it('choose replaces for single and true/false, toggles in option order for multiple', () => {
    expect(choose('single', [2], 0)).toEqual([0]);
    expect(choose('truefalse', undefined, 1)).toEqual([1]);
    expect(choose('multiple', [3], 1)).toEqual([1, 3]);
    expect(choose('multiple', [1, 3], 3)).toEqual([1]);
    expect(choose('multiple', 'text', 0)).toEqual([0]);
  });

  it('offers 正确 / 错误 as choices 0 and 1 for a true/false question, which carries no options', () => {
    const t = (key: string) => ({ 'quizzes.take.true': '正确', 'quizzes.take.false': '错误' })[key] ?? key;
    expect(optionsOf({ kind: 'truefalse', options: [] }, t as never)).toEqual([
      { choice: 0, text: '正确', imageUrl: null },
      { choice: 1, text: '错误', imageUrl: null },
    ]);
    const options = [{ choice: 2, text: 'x', imageUrl: null }];
    expect(optionsOf({ kind: 'single', options }, t as never)).toBe(options);
  });

  it('tells whether a quiz is open by its window', () => {
    const now = Date.parse('2026-11-29T04:00:00Z');
    expect(windowState({ opensAt: null, closesAt: null }, now)).toBe('open');
    expect(windowState({ opensAt: '2026-11-29T05:00:00Z', closesAt: null }, now)).toBe('upcoming');
    expect(windowState({ opensAt: null, closesAt: '2026-11-29T04:00:00Z' }, now)).toBe('closed');
    expect(windowState({ opensAt: '2026-11-29T03:00:00Z', closesAt: '2026-11-29T05:00:00Z' }, now)).toBe('open');
  });

  it('counts down in hours, minutes and seconds, never below zero', () => {
    expect(formatRemaining(3_909_000)).toBe('1:05:09');
    expect(formatRemaining(727_000)).toBe('12:07');
    expect(formatRemaining(8_200)).toBe('0:09');
    expect(formatRemaining(-5_000)).toBe('0:00');
    expect(optionLetter(7)).toBe('H');
  });
});
