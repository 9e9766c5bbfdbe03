/**
 * What a taker is told about their attempts, as the review policy allows at this moment (pure). The score of an
 * attempt is not told before the policy lets the taker see it: "the review opens after the quiz closes" holds back
 * the score too, so nobody learns early whether a guess was right.
 */
import { isGraded, reviewOpensAt, reviewShows } from './attempt.js';
import type { Attempt, Quiz } from './schema.js';

export interface AttemptSummary {
  attemptId: string;
  number: number;
  state: Attempt['state'];
  startedAt: string;
  deadline: string | null;
  finishedAt?: string;
  score?: number;
  maxScore?: number;
  percent?: number;
  passed?: boolean;
  reviewOpensAt: string | null;
}

/** The fields of a graded attempt the taker may see now, if any. */
function scoreIfShown(quiz: Pick<Quiz, 'review' | 'closesAt'>, attempt: Attempt, now: Date) {
  if (!isGraded(attempt) || reviewShows(quiz.review, quiz.closesAt, attempt, now) === 'nothing') return {};
  return { score: attempt.score, maxScore: attempt.maxScore, percent: attempt.percent, passed: attempt.passed };
}

export function attemptSummary(quiz: Pick<Quiz, 'review' | 'closesAt'>, attempt: Attempt, now: Date): AttemptSummary {
  return {
    attemptId: attempt.attemptId,
    number: attempt.number,
    state: attempt.state,
    startedAt: attempt.startedAt,
    deadline: attempt.deadline,
    ...(attempt.finishedAt ? { finishedAt: attempt.finishedAt } : {}),
    ...scoreIfShown(quiz, attempt, now),
    reviewOpensAt: attempt.state === 'open' ? null : reviewOpensAt(quiz.review, quiz.closesAt, attempt),
  };
}

/** What submitting answers: the attempt's state, when the review opens, what it shows now, and the score if shown. */
export function attemptResult(quiz: Pick<Quiz, 'review' | 'closesAt'>, attempt: Attempt, now: Date) {
  return {
    attemptId: attempt.attemptId,
    quizId: attempt.quizId,
    state: attempt.state,
    finishedAt: attempt.finishedAt ?? null,
    reviewOpensAt: attempt.state === 'open' ? null : reviewOpensAt(quiz.review, quiz.closesAt, attempt),
    shows: reviewShows(quiz.review, quiz.closesAt, attempt, now),
    ...scoreIfShown(quiz, attempt, now),
  };
}

/** Where a person stands in a quiz, as they may know it now. */
export type QuizStanding = 'notStarted' | 'inProgress' | 'passed' | 'notPassed' | 'awaitingResult';

/**
 * A person's standing in a quiz from their attempts at it: passed once an attempt is shown passed (its finish is
 * `passedAt`), else in progress while one is open, else not passed when every finished attempt is shown and none
 * passed, else awaiting the result the review policy holds back; not started without an attempt.
 */
export function standingOf(quiz: Pick<Quiz, 'review' | 'closesAt'>, attempts: readonly Attempt[], now: Date): { standing: QuizStanding; passedAt: string | null } {
  const summaries = attempts.map((attempt) => attemptSummary(quiz, attempt, now));
  const passed = summaries.filter((s) => s.passed === true && s.finishedAt).map((s) => s.finishedAt!).sort();
  if (passed.length > 0) return { standing: 'passed', passedAt: passed[0]! };
  if (summaries.some((s) => s.state === 'open')) return { standing: 'inProgress', passedAt: null };
  if (summaries.length === 0) return { standing: 'notStarted', passedAt: null };
  return { standing: summaries.every((s) => s.passed !== undefined) ? 'notPassed' : 'awaitingResult', passedAt: null };
}
