/**
 * Pure: what a question must be as a whole, beyond the shape of each field (schema.ts). Each rule answers in the
 * person's language through a message reference and names the field it is about, so the form can show it there.
 * The answer is put in its one stored form (choices ascending, without repeats; accepted texts without repeats).
 */
import { AppError } from '../../platform/errors.js';
import { MAX_OPTIONS, MIN_OPTIONS, type QuestionKind, type QuestionOption } from './schema.js';
import { bankMessages } from './messages.js';

/** What a question's author gives, before it is stored. */
export interface QuestionDraft {
  kind: QuestionKind;
  options: QuestionOption[];
  answer: Array<number | string>;
}

const invalid = (messageKey: (typeof bankMessages)[keyof typeof bankMessages], path: string, params: Record<string, string | number> = {}) =>
  new AppError('VALIDATION', { messageKey, params, details: [{ path }] });

/** The option letter people use for an index (0 → A). */
export const optionLetter = (index: number) => String.fromCharCode(65 + index);

/** Checks the draft and answers its answer in stored form; throws a VALIDATION error naming the field otherwise. */
export function checkQuestion(draft: QuestionDraft): number[] | string[] {
  const { kind, options, answer } = draft;
  if (kind === 'fill') {
    if (options.length > 0) throw invalid(bankMessages.trueFalseNoOptions, 'options');
    if (answer.some((value) => typeof value !== 'string')) throw invalid(bankMessages.fillAnswerIsText, 'answer');
    const accepted = [...new Set((answer as string[]).map((value) => value.trim()).filter((value) => value.length > 0))];
    if (accepted.length === 0) throw invalid(bankMessages.fillNeedsAnswers, 'answer');
    return accepted;
  }
  if (answer.some((value) => typeof value !== 'number' || !Number.isInteger(value) || value < 0)) throw invalid(bankMessages.choiceAnswerIsIndex, 'answer');
  const choices = [...new Set(answer as number[])].sort((a, b) => a - b);
  if (kind === 'truefalse') {
    if (options.length > 0) throw invalid(bankMessages.trueFalseNoOptions, 'options');
    if (choices.length !== 1 || choices[0]! > 1) throw invalid(bankMessages.trueFalseAnswer, 'answer');
    return choices;
  }
  if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) throw invalid(bankMessages.choiceOptionCount, 'options');
  const outside = choices.find((index) => index >= options.length);
  if (outside !== undefined) throw invalid(bankMessages.answerNotAnOption, 'answer', { letter: outside < 26 ? optionLetter(outside) : String(outside) });
  if (kind === 'single' && choices.length !== 1) throw invalid(bankMessages.singleNeedsOneAnswer, 'answer');
  if (kind === 'multiple' && choices.length === 0) throw invalid(bankMessages.multipleNeedsAnswers, 'answer');
  return choices;
}
