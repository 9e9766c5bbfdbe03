/**
 * What the question bank pages share (safe in the browser): the words for types and difficulties, option letters,
 * and a question's key as a person reads it (A C, 对, 人民 | 人民群众).
 */
import type { MessageKey, Translate } from '../i18n';
import type { components } from './api-types';

export type BankQuestion = components['schemas']['Question'];
export type QuestionKind = BankQuestion['kind'];
export type Difficulty = BankQuestion['difficulty'];

export const questionKinds: readonly QuestionKind[] = ['single', 'multiple', 'truefalse', 'fill'];
export const difficulties: readonly Difficulty[] = ['easy', 'medium', 'hard'];
export const questionStatuses = ['active', 'retired', 'all'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];

export const kindKey = (kind: QuestionKind): MessageKey => `bank.kind.${kind}`;
export const difficultyKey = (difficulty: Difficulty): MessageKey => `bank.difficulty.${difficulty}`;
export const statusKey = (status: QuestionStatus): MessageKey => `bank.status.${status}`;

export const maxOptions = 8;
export const minOptions = 2;
export const letterOf = (index: number) => String.fromCharCode(65 + index);

/** A stored key as a person reads it: letters for choices, 对/错 for true/false, the accepted texts for fill-in. */
export function answerText(t: Translate, kind: QuestionKind, answer: ReadonlyArray<number | string>): string {
  if (kind === 'fill') return answer.map(String).join(' | ');
  if (kind === 'truefalse') return answer[0] === 0 ? t('bank.tf.true') : t('bank.tf.false');
  return answer.map((index) => letterOf(Number(index))).join('');
}

/** Categories typed in one box: separated by 、 , ， ; ；, trimmed, without repeats. */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(/[、,，;；]/).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}

/** A long stem shortened for a list (whole characters, not UTF-16 halves). */
export function shortStem(stem: string, max = 80): string {
  const chars = [...stem.replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
