/**
 * (One file, a little over 300 lines, because it is one state machine: starting, saving, finishing and reviewing
 * read the same rules of time and state.)
 *
 * An attempt's life as pure functions; the store makes each transition one conditional write on the attempt's item
 * (docs: single-item atomicity), with the condition these functions name.
 *
 *   start ──► open ──save*──► open ──submit──► submitted (graded)
 *                 └──────── deadline + grace passed ──expire──► expired (graded on what was saved)
 *
 * - Starting: a person has at most one open attempt per quiz; `startDecision` resumes it (or says it must be expired
 *   first), and otherwise checks the quiz is published and open and that attempts are left.
 * - The deadline is the earlier of start + time limit and the quiz's closing time (null when neither applies).
 * - Saving (`save`) carries the attempt's save sequence `seq` as the client last saw it. Equal to the attempt's: the
 *   answers are merged (a patch: only the questions sent change; an empty list or empty text clears one) and `seq`
 *   goes up by one (the store writes on the condition `seq = expected and state = open`). Different: `stale`, with
 *   the current answers and seq, never a silent overwrite; except a repeat of a save already applied (every answer it
 *   carries is already stored), which is `accepted` without a write, so a retried request is not a conflict.
 *   Saves are accepted up to the deadline plus `SAVE_GRACE_MS` (60 s of network grace), inclusive; later is `closed`.
 * - Submitting (`submit`) is idempotent: a finished attempt answers its stored result, graded once. An open attempt
 *   past its grace is expired rather than submitted. The store writes on the condition `state = open`, so of two
 *   racing submits one writes and the other reads back the winner's result.
 * - Expiring (`expire`, the scheduled job) grades an open attempt whose deadline plus grace has passed, on the answers
 *   saved; its finishing time is its deadline.
 * - Which attempt counts (`countingAttempt`): `best` = the highest score (the earlier on a tie), `last` = the latest
 *   finished one.
 * - Review (`reviewShows`, `reviewOf`): nothing before the policy's moment (the attempt finished, or the quiz
 *   closed: a quiz with no closing time and review `afterClose` never shows one); then the score, or the score with
 *   the key, the explanations and what each answer earned. `takerView` is the only way questions reach a taker
 *   while the review is not open: it copies the fields a taker may see, one by one, into `QuestionForTaker`.
 */
import { AppError } from '../../platform/errors.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { quizEngineMessages } from './messages.js';
import { gradeAttempt, questionOf, type Grade } from './grading.js';
import type { Answers, Attempt, AttemptCounting, AttemptForTaker, AttemptQuestion, AttemptReview, Question, QuestionForTaker, Quiz, ReviewPolicy, TakerAnswer } from './schema.js';

/** Saves arriving this long after the deadline are still accepted (a phone on a bus), then the attempt closes. */
export const SAVE_GRACE_MS = 60_000;

const ms = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();

// ─── Starting ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** When a new attempt started at `now` must end: the earlier of the time limit and the closing time, or null. */
export function deadlineOf(quiz: Pick<Quiz, 'timeLimitMinutes' | 'closesAt'>, now: Date): string | null {
  const limits: number[] = [];
  if (quiz.timeLimitMinutes !== null) limits.push(now.getTime() + quiz.timeLimitMinutes * 60_000);
  if (quiz.closesAt !== null) limits.push(ms(quiz.closesAt));
  return limits.length === 0 ? null : iso(Math.min(...limits));
}

/** Whether an open attempt is past its deadline and grace (the job, or the next request, expires it). */
export function isOverdue(attempt: Pick<Attempt, 'state' | 'deadline'>, now: Date): boolean {
  return attempt.state === 'open' && attempt.deadline !== null && now.getTime() > ms(attempt.deadline) + SAVE_GRACE_MS;
}

export type StartDecision =
  /** The person's open attempt: answer it as it is. */
  | { outcome: 'resume'; attempt: Attempt }
  /** The person's open attempt is past its grace: expire it (graded), then decide again. */
  | { outcome: 'expireFirst'; attempt: Attempt }
  /** Create attempt number `number`. */
  | { outcome: 'new'; number: number };

/**
 * What `startAttempt` does for a person, given the quiz and all of the person's attempts at it. Refuses (409, in
 * words) a quiz that is not published, not open yet, closed, or whose attempts are used up.
 */
export function startDecision(quiz: Pick<Quiz, 'status' | 'opensAt' | 'closesAt' | 'attemptsAllowed'>, attempts: readonly Attempt[], now: Date): StartDecision {
  const open = attempts.find((a) => a.state === 'open');
  if (open) return isOverdue(open, now) ? { outcome: 'expireFirst', attempt: open } : { outcome: 'resume', attempt: open };
  if (quiz.status !== 'published') throw new AppError('CONFLICT', { messageKey: quizEngineMessages.quizNotPublished });
  if (quiz.opensAt !== null && now.getTime() < ms(quiz.opensAt)) throw new AppError('CONFLICT', { messageKey: quizEngineMessages.quizNotOpenYet, params: { opensAt: quiz.opensAt } });
  if (quiz.closesAt !== null && now.getTime() >= ms(quiz.closesAt)) throw new AppError('CONFLICT', { messageKey: quizEngineMessages.quizClosed, params: { closesAt: quiz.closesAt } });
  if (quiz.attemptsAllowed !== null && attempts.length >= quiz.attemptsAllowed) throw new AppError('CONFLICT', { messageKey: quizEngineMessages.noAttemptsLeft, params: { allowed: quiz.attemptsAllowed } });
  return { outcome: 'new', number: attempts.reduce((max, a) => Math.max(max, a.number), 0) + 1 };
}

export interface NewAttempt {
  attemptId: string;
  quiz: Pick<Quiz, 'quizId' | 'version' | 'timeLimitMinutes' | 'closesAt' | 'passPercent'>;
  personId: string;
  number: number;
  /** From draw.ts. */
  questions: AttemptQuestion[];
  now: Date;
}

/** A new open attempt: no answers, seq 0, its deadline fixed now. */
export function newAttempt({ attemptId, quiz, personId, number, questions, now }: NewAttempt): Attempt {
  return {
    attemptId,
    quizId: quiz.quizId,
    quizVersion: quiz.version,
    passPercent: quiz.passPercent,
    personId,
    number,
    questions,
    answers: {},
    seq: 0,
    startedAt: iso(now.getTime()),
    deadline: deadlineOf(quiz, now),
    state: 'open',
  };
}

// ─── Saving ────────────────────────────────────────────────────────────────────────────────────────────────────────

export type SaveResult =
  /** Store `attempt` on the condition `seq = expectedSeq` (unless `changed` is false: nothing to write). */
  | { outcome: 'accepted'; attempt: Attempt; changed: boolean; expectedSeq: number }
  /** The client's seq is not the attempt's: answer 409 with the current answers and seq. */
  | { outcome: 'stale'; answers: Answers; seq: number }
  /** Finished, or past its grace (then `overdue`: expire it): answer 409, no change. */
  | { outcome: 'closed'; overdue: boolean };

export interface Save {
  /** The answers that changed since the last confirmed save. */
  answers: Answers;
  /** The seq the client last saw confirmed. */
  seq: number;
}

/** One save of answers to an attempt. Throws a 400 naming the question when an answer does not fit it. */
export function save(attempt: Attempt, { answers, seq }: Save, now: Date): SaveResult {
  if (attempt.state !== 'open') return { outcome: 'closed', overdue: false };
  if (isOverdue(attempt, now)) return { outcome: 'closed', overdue: true };
  checkAnswers(attempt, answers);
  if (seq !== attempt.seq) {
    const alreadyApplied = seq < attempt.seq && Object.entries(answers).every(([id, given]) => sameAnswer(attempt.answers[id], given));
    return alreadyApplied ? { outcome: 'accepted', attempt, changed: false, expectedSeq: attempt.seq } : { outcome: 'stale', answers: attempt.answers, seq: attempt.seq };
  }
  const merged: Answers = { ...attempt.answers };
  for (const [id, given] of Object.entries(answers)) {
    if (isEmpty(given)) delete merged[id];
    else merged[id] = normalised(given);
  }
  return { outcome: 'accepted', attempt: { ...attempt, answers: merged, seq: attempt.seq + 1 }, changed: true, expectedSeq: attempt.seq };
}

/** What of an attempt never changes once it started: enough to check a save and write it without reading first. */
export type AttemptFrame = Pick<Attempt, 'attemptId' | 'personId' | 'questions' | 'deadline'>;

export const frameOf = ({ attemptId, personId, questions, deadline }: Attempt): AttemptFrame => ({ attemptId, personId, questions, deadline });

/** A save written blind: these answers set, these cleared, on the condition `seq = expectedSeq and state = open`. */
export interface PlannedSave {
  set: Answers;
  clear: string[];
  expectedSeq: number;
  nextSeq: number;
}

/**
 * A save planned on the attempt's frame alone, for the common case that the client's seq is current and the attempt
 * open: the store writes it on that condition, and only if the condition fails is the attempt read and `save`
 * decides (stale, a repeat, closed). Null when the frame already says the attempt is past its grace. Throws the same
 * 400 as `save` for an answer that does not fit its question.
 */
export function planSave(frame: AttemptFrame, { answers, seq }: Save, now: Date): PlannedSave | null {
  if (isOverdue({ state: 'open', deadline: frame.deadline }, now)) return null;
  checkAnswers(frame, answers);
  const set: Answers = {};
  const clear: string[] = [];
  for (const [id, given] of Object.entries(answers)) {
    if (isEmpty(given)) clear.push(id);
    else set[id] = normalised(given);
  }
  return { set, clear, expectedSeq: seq, nextSeq: seq + 1 };
}

/** One stored form: text in NFC and trimmed (as the API's schema gives it), choices ascending without repeats. */
const normalised = (given: TakerAnswer): TakerAnswer => (typeof given === 'string' ? given.normalize('NFC').trim() : [...new Set(given)].sort((a, b) => a - b));
const isEmpty = (given: TakerAnswer) => {
  const value = normalised(given);
  return typeof value === 'string' ? value === '' : value.length === 0;
};

function sameAnswer(stored: TakerAnswer | undefined, given: TakerAnswer): boolean {
  if (stored === undefined) return isEmpty(given);
  const a = normalised(stored);
  const b = normalised(given);
  return typeof a === 'string' || typeof b === 'string' ? a === b : a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Every answer names a question of the attempt and fits its kind and options. */
function checkAnswers(attempt: Pick<Attempt, 'questions'>, answers: Answers): void {
  const byId = new Map(attempt.questions.map((q) => [q.questionId, q]));
  for (const [questionId, given] of Object.entries(answers)) {
    const question = byId.get(questionId);
    if (!question) throw new AppError('VALIDATION', { messageKey: quizEngineMessages.answerNotInAttempt, params: { questionId } });
    const expected = answerProblem(question, given);
    if (expected) throw new AppError('VALIDATION', { messageKey: quizEngineMessages.answerShapeWrong, params: { questionId, expected: apiMessage(currentLang(), expected) } });
  }
}

/** What the answer should have been, when it does not fit the question. */
function answerProblem(question: AttemptQuestion, given: TakerAnswer) {
  if (question.kind === 'fill') return typeof given === 'string' ? undefined : quizEngineMessages.expectText;
  const one = question.kind !== 'multiple';
  const wrong = one ? quizEngineMessages.expectOneChoice : quizEngineMessages.expectChoices;
  if (typeof given === 'string') return wrong;
  const count = question.kind === 'truefalse' ? 2 : question.optionOrder.length;
  if (given.some((index) => index >= count)) return wrong;
  if (one && new Set(given).size > 1) return wrong;
  return undefined;
}

// ─── Finishing ─────────────────────────────────────────────────────────────────────────────────────────────────────

export type FinishResult =
  /** Store `attempt` on the condition `state = open`; if that fails, read the attempt back and answer it. */
  | { outcome: 'graded'; attempt: Attempt }
  /** Already finished: answer the stored result (graded once). */
  | { outcome: 'already'; attempt: Attempt }
  /** `expire` only: the attempt is open and not past its grace. */
  | { outcome: 'notDue'; attempt: Attempt };

function graded(attempt: Attempt, state: 'submitted' | 'expired', finishedAt: string, grade: Grade, now: Date): Attempt {
  return {
    ...attempt,
    state,
    finishedAt,
    score: grade.score,
    maxScore: grade.maxScore,
    percent: grade.percent,
    passed: grade.passed,
    gradedAt: iso(now.getTime()),
    results: grade.results,
  };
}

/** The taker submits: graded on the saved answers. A repeat answers the first result; past the grace it expires. */
export function submit(attempt: Attempt, versions: ReadonlyMap<string, Question>, passPercent: number, now: Date): FinishResult {
  if (attempt.state !== 'open') return { outcome: 'already', attempt };
  if (isOverdue(attempt, now)) return expire(attempt, versions, passPercent, now);
  return { outcome: 'graded', attempt: graded(attempt, 'submitted', iso(now.getTime()), gradeAttempt(attempt, versions, passPercent), now) };
}

/** The scheduled job (or the next request) closes an attempt past its deadline and grace, graded on what was saved. */
export function expire(attempt: Attempt, versions: ReadonlyMap<string, Question>, passPercent: number, now: Date): FinishResult {
  if (attempt.state !== 'open') return { outcome: 'already', attempt };
  if (!isOverdue(attempt, now)) return { outcome: 'notDue', attempt };
  return { outcome: 'graded', attempt: graded(attempt, 'expired', attempt.deadline!, gradeAttempt(attempt, versions, passPercent), now) };
}

/** Whether an attempt is finished and graded. */
export function isGraded(attempt: Attempt): attempt is Attempt & Required<Pick<Attempt, 'score' | 'maxScore' | 'percent' | 'passed' | 'gradedAt' | 'finishedAt'>> {
  return attempt.state !== 'open' && attempt.score !== undefined && attempt.gradedAt !== undefined;
}

/** The attempt whose result stands for the person: the best (earliest on a tie) or the last finished one. */
export function countingAttempt<T extends Attempt>(attempts: readonly T[], counts: AttemptCounting): T | undefined {
  let chosen: T | undefined;
  for (const attempt of attempts) {
    if (!isGraded(attempt)) continue;
    if (!chosen) chosen = attempt;
    else if (counts === 'last' ? attempt.number > chosen.number : attempt.percent! > chosen.percent! || (attempt.percent === chosen.percent && attempt.number < chosen.number)) chosen = attempt;
  }
  return chosen;
}

// ─── What a taker may see ──────────────────────────────────────────────────────────────────────────────────────────

/** One question as a taker sees it: options in the attempt's order, each with its original index; no key. */
export function questionForTaker(question: Question, optionOrder: readonly number[]): QuestionForTaker {
  const view: QuestionForTaker = {
    questionId: question.questionId,
    version: question.version,
    kind: question.kind,
    stem: question.stem,
    options: optionOrder.map((choice) => {
      const option = question.options[choice]!;
      return option.imageKey === undefined ? { choice, text: option.text } : { choice, text: option.text, imageKey: option.imageKey };
    }),
    points: question.points,
  };
  if (question.stemImageKey !== undefined) view.stemImageKey = question.stemImageKey;
  return view;
}

/** The attempt as its taker sees it: questions without their keys, answers saved so far, no score. */
export function takerView(attempt: Attempt, versions: ReadonlyMap<string, Question>): AttemptForTaker {
  const view: AttemptForTaker = {
    attemptId: attempt.attemptId,
    quizId: attempt.quizId,
    number: attempt.number,
    questions: attempt.questions.map((ref) => questionForTaker(questionOf(versions, ref), ref.optionOrder)),
    answers: attempt.answers,
    seq: attempt.seq,
    startedAt: attempt.startedAt,
    deadline: attempt.deadline,
    state: attempt.state,
  };
  if (attempt.finishedAt !== undefined) view.finishedAt = attempt.finishedAt;
  return view;
}

/** What the review shows now: nothing, the score, or everything (the key and the explanations). */
export function reviewShows(policy: ReviewPolicy, closesAt: string | null, attempt: Attempt, now: Date): 'nothing' | 'score' | 'full' {
  if (!isGraded(attempt)) return 'nothing';
  if (policy.when === 'afterClose' && (closesAt === null || now.getTime() < ms(closesAt))) return 'nothing';
  return policy.show === 'full' ? 'full' : 'score';
}

/** When the review opens for a finished attempt (for "成绩将于…公布"); null when it never will. */
export function reviewOpensAt(policy: ReviewPolicy, closesAt: string | null, attempt: Attempt): string | null {
  if (policy.when === 'afterClose') return closesAt;
  return attempt.finishedAt ?? null;
}

/** The review the policy allows now, or null when it shows nothing yet. */
export function reviewOf(quiz: Pick<Quiz, 'review' | 'closesAt'>, attempt: Attempt, versions: ReadonlyMap<string, Question>, now: Date): AttemptReview | null {
  const shows = reviewShows(quiz.review, quiz.closesAt, attempt, now);
  if (shows === 'nothing' || !isGraded(attempt)) return null;
  const review: AttemptReview = { attemptId: attempt.attemptId, state: attempt.state, score: attempt.score, maxScore: attempt.maxScore, percent: attempt.percent, passed: attempt.passed };
  if (shows === 'full') {
    const results = new Map((attempt.results ?? []).map((r) => [r.questionId, r]));
    review.questions = attempt.questions.map((ref) => {
      const result = results.get(ref.questionId);
      const given = attempt.answers[ref.questionId];
      return {
        question: questionOf(versions, ref),
        optionOrder: ref.optionOrder,
        ...(given === undefined ? {} : { given }),
        earned: result?.earned ?? 0,
        correct: result?.correct ?? false,
      };
    });
  }
  return review;
}

