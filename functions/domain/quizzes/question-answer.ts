/**
 * Reading the 答案 cell of a question file: option letters for a choice question (`A`, `AB`, `A,B`, `A、B`, `A，B`,
 * `ａｂ`), true or false (对/错, 正确/错误, √/×, T/F, TRUE/FALSE as Excel writes a logical cell), or the accepted
 * answers of a fill-in-the-blank question (separated by `|` or `；`). Pure: a value or the problem, in words.
 *
 * Choice answers are zero-based option indices, ascending and without repeats. A true/false answer is [0] for true
 * and [1] for false (a true/false question stores no options).
 */
import type { MessageRef } from '../../platform/i18n.js';
import { foldWidth } from './question-columns.js';
import { quizzesMessages } from './messages.js';

export interface AnswerProblem {
  messageKey: MessageRef;
  params?: Record<string, string | number>;
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: AnswerProblem };

const fail = (messageKey: MessageRef, params?: Record<string, string | number>): { ok: false; problem: AnswerProblem } => ({
  ok: false,
  problem: { messageKey, ...(params ? { params } : {}) },
});

export const letterOf = (index: number) => String.fromCharCode(65 + index);

/** Option letters to indices. `optionCount` options exist (A … the last); `single` allows one letter only. */
export function parseChoiceAnswer(cell: string, optionCount: number, single: boolean): Parsed<number[]> {
  const folded = foldWidth(cell).toUpperCase().trim();
  if (folded === '') return fail(quizzesMessages.importAnswerMissing);
  // Separators people type between letters: commas, 、, semicolons, spaces, slashes, plus signs (full-width ones folded above).
  const letters = folded.replace(/[\s,、;/+&.]/g, '');
  if (!/^[A-Z]+$/.test(letters)) return fail(quizzesMessages.importAnswerUnreadable, { value: cell.trim() });
  const indices = [...new Set([...letters].map((letter) => letter.charCodeAt(0) - 65))].sort((a, b) => a - b);
  const outside = indices.filter((index) => index >= optionCount);
  if (outside.length > 0) {
    const range = optionCount > 0 ? `A–${letterOf(optionCount - 1)}` : '—';
    return fail(quizzesMessages.importAnswerNotAnOption, { letters: outside.map(letterOf).join(', '), range });
  }
  if (single && indices.length > 1) return fail(quizzesMessages.importSingleHasSeveral, { letters: indices.map(letterOf).join(', ') });
  return { ok: true, value: indices };
}

const trueWords = new Set(['对', '正确', '√', '✓', '✔', '是', 't', 'true', 'y', 'yes', '1', '真', 'r', 'right', 'correct']);
const falseWords = new Set(['错', '错误', '×', 'x', '✗', '✘', '否', 'f', 'false', 'n', 'no', '0', '假', 'w', 'wrong', 'incorrect']);

/** The truth a word says, or undefined. */
export function truthOf(word: string): boolean | undefined {
  const key = foldWidth(word.normalize('NFC')).trim().toLowerCase().replace(/[。.!！]$/, '');
  if (trueWords.has(key)) return true;
  if (falseWords.has(key)) return false;
  return undefined;
}

/**
 * A true/false answer: a word of truth, or a letter when the file gives the two options (A 正确, B 错误), as some
 * templates do for 判断题.
 */
export function parseTrueFalseAnswer(cell: string, options: readonly string[]): Parsed<[0 | 1]> {
  const value = cell.trim();
  if (value === '') return fail(quizzesMessages.importAnswerMissing);
  let truth = truthOf(value);
  const letter = /^[A-Ba-b]$/.exec(foldWidth(value));
  if (letter && options.length === 2 && truthOf(options[0]!) !== undefined && truthOf(options[1]!) !== undefined) {
    truth = truthOf(options[letter[0].toUpperCase() === 'A' ? 0 : 1]!);
  }
  if (truth === undefined) return fail(quizzesMessages.importTrueFalseUnreadable, { value });
  return { ok: true, value: [truth ? 0 : 1] };
}

/** The accepted answers of a fill-in-the-blank question: split on `|`, `｜`, `；` or `;`, trimmed, repeats dropped. */
export function parseFillAnswer(cell: string): Parsed<string[]> {
  const accepted = [...new Set(cell.split(/[|｜；;]/).map((part) => part.normalize('NFC').trim()).filter((part) => part !== ''))];
  if (accepted.length === 0) return fail(quizzesMessages.importAnswerMissing);
  return { ok: true, value: accepted };
}
