/**
 * Shapes and small helpers of the taker's quiz pages (safe in the browser: no server code here).
 */
import type { Lang } from '../../../functions/shared/constants';
import type { MessageKey, Translate } from '../i18n';
import { formatDateTime } from './format';
import type { components } from './api-types';
import type { Answer } from './quiz-autosave';

type Schemas = components['schemas'];
export type QuizSummary = Schemas['QuizSummary'];
export type QuizView = Schemas['Quiz'];
export type AttemptSummary = Schemas['AttemptSummary'];
export type AttemptState = AttemptSummary['state'];
export type ReviewPolicy = QuizView['review'];
export type AttemptView = Schemas['Attempt'];
export type TakerQuestion = Schemas['TakerQuestion'];
export type QuestionKind = TakerQuestion['kind'];
export type TakerOption = TakerQuestion['options'][number];
export type AttemptResult = Schemas['AttemptResult'];
export type AttemptReview = Schemas['AttemptReview'];
export type ReviewedQuestion = NonNullable<AttemptReview['questions']>[number];

/** A, B, C … for the option shown at `index`. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** True/false questions carry no options: the page offers 正确 (choice 0) and 错误 (choice 1), as the bank stores them. */
export function optionsOf(question: Pick<TakerQuestion, 'kind' | 'options'>, t: Translate): TakerOption[] {
  if (question.kind !== 'truefalse' || question.options.length > 0) return question.options;
  return [
    { choice: 0, text: t('quizzes.take.true'), imageUrl: null },
    { choice: 1, text: t('quizzes.take.false'), imageUrl: null },
  ];
}

export const kindKey = (kind: QuestionKind): MessageKey => `quizzes.kind.${kind}`;
export const attemptStateKey = (state: AttemptState): MessageKey => `quizzes.attempt.state.${state}`;
export const reviewRuleKey = (review: ReviewPolicy): MessageKey => `quizzes.rule.review.${review.when}.${review.show}`;

/** The answer after choosing the option `choice`: single and true/false replace, multiple toggles (kept in option order). */
export function choose(kind: QuestionKind, current: Answer | undefined, choice: number): number[] {
  if (kind !== 'multiple') return [choice];
  const chosen = Array.isArray(current) ? current : [];
  return chosen.includes(choice) ? chosen.filter((c) => c !== choice) : [...chosen, choice].sort((a, b) => a - b);
}

/** Whether the quiz can be started now, going by its window (the API decides again). */
export function windowState(quiz: Pick<QuizSummary, 'opensAt' | 'closesAt'>, now: number): 'open' | 'upcoming' | 'closed' {
  if (quiz.opensAt && Date.parse(quiz.opensAt) > now) return 'upcoming';
  if (quiz.closesAt && Date.parse(quiz.closesAt) <= now) return 'closed';
  return 'open';
}

/** 10:32:05 in Shanghai. */
export function clockTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

/** A count-down: 1:05:09, 12:07, 0:09. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** The time a quiz opens or closes, as people read it. */
export function when(iso: string, lang: Lang): string {
  return formatDateTime(iso, lang).replace(/:\d\d$/, '');
}

/** Points as people write them: 2, 1.5. */
export function formatPoints(points: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 1 }).format(points);
}
