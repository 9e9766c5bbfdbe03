import { describe, expect, it } from 'vitest';
import { apiMessage } from '../../platform/i18n.js';
import {
  countingAttempt,
  deadlineOf,
  expire,
  frameOf,
  newAttempt,
  planSave,
  questionForTaker,
  reviewOf,
  reviewOpensAt,
  reviewShows,
  SAVE_GRACE_MS,
  save,
  startDecision,
  submit,
  takerView,
} from './attempt.js';
import { drawAttempt } from './draw.js';
import { quizEngineMessages } from './messages.js';
import { versionLookup } from './grading.js';
import { AttemptForTaker, AttemptReview, Question, QuestionForTaker, type Attempt, type Quiz } from './schema.js';
import { appErrorOf } from '../../../test/helpers/app-error.js';

const unit = '01J0000000000000000000ZZZZ';
const person = '01J00000000000000000000P01';
const created = '2027-02-01T00:00:00.000Z';
const t0 = new Date('2027-03-01T08:00:00.000Z');
const after = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

function question(id: string, fields: Record<string, unknown>): Question {
  const choice = fields.kind === 'single' || fields.kind === 'multiple';
  return Question.parse({
    questionId: id,
    version: 1,
    ownerUnitId: unit,
    stem: `题干 ${id}`,
    stemImageKey: 'questions/stem.png',
    explanation: `SECRET-EXPLANATION-${id}`,
    difficulty: 'medium',
    points: 2,
    tags: ['党章'],
    retired: false,
    createdAt: created,
    updatedAt: created,
    createdBy: unit,
    options: choice ? [{ text: '甲' }, { text: '乙', imageKey: 'questions/b.png' }, { text: '丙' }, { text: '丁' }] : [],
    ...fields,
  });
}

const S = '01J000000000000000000000S1';
const M = '01J000000000000000000000M1';
const T = '01J000000000000000000000T1';
const F = '01J000000000000000000000F1';
const bank = [
  question(S, { kind: 'single', answer: [2] }),
  question(M, { kind: 'multiple', answer: [0, 3] }),
  question(T, { kind: 'truefalse', answer: [0] }),
  question(F, { kind: 'fill', answer: ['为人民服务'] }),
];
const versions = versionLookup(bank);

const quiz: Quiz = {
  quizId: '01J000000000000000000000Q1',
  title: '期末测试',
  ownerUnitId: unit,
  items: bank.map((q) => ({ kind: 'fixed' as const, questionId: q.questionId })),
  shuffleQuestions: true,
  shuffleOptions: true,
  timeLimitMinutes: 30,
  opensAt: '2027-03-01T00:00:00.000Z',
  closesAt: '2027-03-10T00:00:00.000Z',
  attemptsAllowed: 2,
  passPercent: 60,
  counts: 'best',
  review: { when: 'afterSubmit', show: 'full' },
  status: 'published',
  version: 3,
  createdBy: unit,
  createdAt: created,
  updatedAt: created,
};

function started(attemptId = '01J000000000000000000000A1', number = 1, q: Quiz = quiz, now = t0): Attempt {
  return newAttempt({ attemptId, quiz: q, personId: person, number, questions: drawAttempt({ quiz: q, bank, seed: attemptId }), now });
}

function accepted(result: ReturnType<typeof save>): Attempt {
  if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${result.outcome}`);
  return result.attempt;
}

describe('starting', () => {
  it('sets the deadline to the earlier of the time limit and the closing time, or none', () => {
    expect(deadlineOf(quiz, t0)).toBe('2027-03-01T08:30:00.000Z');
    expect(deadlineOf({ timeLimitMinutes: 30, closesAt: '2027-03-01T08:10:00.000Z' }, t0)).toBe('2027-03-01T08:10:00.000Z');
    expect(deadlineOf({ timeLimitMinutes: null, closesAt: '2027-03-02T00:00:00.000Z' }, t0)).toBe('2027-03-02T00:00:00.000Z');
    expect(deadlineOf({ timeLimitMinutes: null, closesAt: null }, t0)).toBeNull();
  });

  it('creates an open attempt holding its questions, versions and option order, with no answers', () => {
    const attempt = started();
    expect(attempt).toMatchObject({ state: 'open', seq: 0, answers: {}, quizVersion: 3, number: 1, startedAt: t0.toISOString() });
    expect(attempt.questions.map((q) => q.questionId).sort()).toEqual([F, M, S, T]);
    expect(attempt.questions.every((q) => q.version === 1)).toBe(true);
  });

  it('resumes the open attempt (one per person per quiz), or asks to expire it first when past its grace', () => {
    const open = started();
    expect(startDecision(quiz, [open], after(5 * MIN))).toEqual({ outcome: 'resume', attempt: open });
    expect(startDecision(quiz, [open], after(30 * MIN + SAVE_GRACE_MS + 1))).toEqual({ outcome: 'expireFirst', attempt: open });
  });

  it('numbers a new attempt after the previous ones, up to the attempts allowed', () => {
    const first = (submit(started(), versions, 60, after(MIN)) as { attempt: Attempt }).attempt;
    expect(startDecision(quiz, [], t0)).toEqual({ outcome: 'new', number: 1 });
    expect(startDecision(quiz, [first], after(2 * MIN))).toEqual({ outcome: 'new', number: 2 });
    const second = { ...first, attemptId: '01J000000000000000000000A2', number: 2 };
    const error = appErrorOf(() => startDecision(quiz, [first, second], after(3 * MIN)));
    expect(error.status).toBe(409);
    expect(apiMessage('zh-CN', error.messageKey, error.params)).toBe('这份测验最多可作答 2 次，您的次数已用完。');
    expect(startDecision({ ...quiz, attemptsAllowed: null }, [first, second], after(3 * MIN))).toEqual({ outcome: 'new', number: 3 });
  });

  it('refuses a draft, a quiz not open yet and a closed one; opens at its opening instant and closes at its closing instant', () => {
    expect(appErrorOf(() => startDecision({ ...quiz, status: 'draft' }, [], t0)).messageKey).toBe(quizEngineMessages.quizNotPublished);
    expect(appErrorOf(() => startDecision(quiz, [], new Date('2027-02-28T23:59:59.999Z'))).messageKey).toBe(quizEngineMessages.quizNotOpenYet);
    expect(startDecision(quiz, [], new Date(quiz.opensAt!)).outcome).toBe('new');
    expect(startDecision(quiz, [], new Date('2027-03-09T23:59:59.999Z')).outcome).toBe('new');
    expect(appErrorOf(() => startDecision(quiz, [], new Date(quiz.closesAt!))).messageKey).toBe(quizEngineMessages.quizClosed);
  });
});

describe('saving', () => {
  it('accepts a save with the current seq: merges the answers and moves seq on by one', () => {
    const one = accepted(save(started(), { seq: 0, answers: { [S]: [2] } }, after(MIN)));
    expect(one.seq).toBe(1);
    const result = save(one, { seq: 1, answers: { [M]: [3, 0, 3], [F]: ' 为人民服务 ' } }, after(2 * MIN));
    expect(result).toMatchObject({ outcome: 'accepted', changed: true, expectedSeq: 1 });
    expect(accepted(result).answers).toEqual({ [S]: [2], [M]: [0, 3], [F]: '为人民服务' });
    expect(accepted(result).seq).toBe(2);
  });

  it('clears an answer sent as an empty list or empty text', () => {
    const two = accepted(save(started(), { seq: 0, answers: { [S]: [2], [F]: 'x' } }, after(MIN)));
    expect(accepted(save(two, { seq: 1, answers: { [S]: [], [F]: '' } }, after(MIN))).answers).toEqual({});
  });

  it('answers a save from a stale tab with the current answers and seq, never overwriting', () => {
    const current = accepted(save(accepted(save(started(), { seq: 0, answers: { [S]: [2] } }, after(MIN))), { seq: 1, answers: { [S]: [1] } }, after(MIN)));
    expect(save(current, { seq: 1, answers: { [S]: [0] } }, after(MIN))).toEqual({ outcome: 'stale', answers: { [S]: [1] }, seq: 2 });
    expect(save(current, { seq: 0, answers: { [T]: [0] } }, after(MIN))).toEqual({ outcome: 'stale', answers: { [S]: [1] }, seq: 2 });
    expect(save(current, { seq: 7, answers: { [S]: [0] } }, after(MIN))).toMatchObject({ outcome: 'stale', seq: 2 }); // from the future
  });

  it('accepts a repeat of a save already applied without writing (a retried request is not a conflict)', () => {
    const once = accepted(save(started(), { seq: 0, answers: { [S]: [2], [M]: [0, 3] } }, after(MIN)));
    expect(save(once, { seq: 0, answers: { [M]: [3, 0], [S]: [2] } }, after(MIN))).toEqual({ outcome: 'accepted', attempt: once, changed: false, expectedSeq: 1 });
  });

  it('accepts saves up to the deadline plus 60 s inclusive, then is closed and asks for the attempt to be expired', () => {
    const attempt = started();
    const deadline = 30 * MIN;
    expect(save(attempt, { seq: 0, answers: { [S]: [1] } }, after(deadline)).outcome).toBe('accepted');
    expect(save(attempt, { seq: 0, answers: { [S]: [1] } }, after(deadline + SAVE_GRACE_MS)).outcome).toBe('accepted');
    expect(save(attempt, { seq: 0, answers: { [S]: [1] } }, after(deadline + SAVE_GRACE_MS + 1))).toEqual({ outcome: 'closed', overdue: true });
  });

  it('never closes an attempt that has no deadline', () => {
    const attempt = started(undefined, 1, { ...quiz, timeLimitMinutes: null, closesAt: null });
    expect(attempt.deadline).toBeNull();
    expect(save(attempt, { seq: 0, answers: { [S]: [1] } }, after(1000 * 24 * 60 * MIN)).outcome).toBe('accepted');
  });

  it('is closed to a submitted attempt', () => {
    const done = (submit(started(), versions, 60, after(MIN)) as { attempt: Attempt }).attempt;
    expect(save(done, { seq: 0, answers: { [S]: [1] } }, after(2 * MIN))).toEqual({ outcome: 'closed', overdue: false });
  });

  it('refuses, naming the question, an answer to a question not in the attempt or one that does not fit', () => {
    const attempt = started();
    const notHere = appErrorOf(() => save(attempt, { seq: 0, answers: { '01J000000000000000000000X9': [0] } }, after(MIN)));
    expect(notHere.status).toBe(400);
    expect(notHere.messageKey).toBe(quizEngineMessages.answerNotInAttempt);
    const shapes: [string, Attempt['answers'][string]][] = [
      [S, [0, 1]],
      [S, [4]],
      [S, 'B'],
      [T, [2]],
      [M, [8]],
      [F, [0]],
    ];
    for (const [id, given] of shapes) {
      const error = appErrorOf(() => save(attempt, { seq: 0, answers: { [id]: given } }, after(MIN)));
      expect(error.messageKey).toBe(quizEngineMessages.answerShapeWrong);
      expect(error.params.questionId).toBe(id);
    }
    expect(save(attempt, { seq: 0, answers: { [M]: [0, 1, 2, 3] } }, after(MIN)).outcome).toBe('accepted');
  });
});

describe('a save planned on the frame alone', () => {
  it('writes what `save` would have stored, on the condition of the client’s seq', () => {
    const attempt = accepted(save(started(), { seq: 0, answers: { [S]: [2], [F]: 'x' } }, after(MIN)));
    const request = { seq: 1, answers: { [M]: [3, 0, 3], [F]: '  ', [S]: [1] } };
    const plan = planSave(frameOf(attempt), request, after(2 * MIN))!;
    expect(plan).toEqual({ set: { [M]: [0, 3], [S]: [1] }, clear: [F], expectedSeq: 1, nextSeq: 2 });
    // Applied to the stored answers, the plan gives exactly the full path's result.
    const applied = { ...attempt.answers, ...plan.set };
    for (const id of plan.clear) delete applied[id];
    expect(applied).toEqual(accepted(save(attempt, request, after(2 * MIN))).answers);
  });

  it('refuses a misfit answer as `save` does, and leaves an attempt past its grace to the full path', () => {
    const frame = frameOf(started());
    expect(appErrorOf(() => planSave(frame, { seq: 0, answers: { [S]: [0, 1] } }, after(MIN))).messageKey).toBe(quizEngineMessages.answerShapeWrong);
    expect(appErrorOf(() => planSave(frame, { seq: 0, answers: { '01J000000000000000000000X9': [0] } }, after(MIN))).messageKey).toBe(quizEngineMessages.answerNotInAttempt);
    expect(planSave(frame, { seq: 0, answers: { [S]: [1] } }, after(30 * MIN + SAVE_GRACE_MS))).not.toBeNull();
    expect(planSave(frame, { seq: 0, answers: { [S]: [1] } }, after(30 * MIN + SAVE_GRACE_MS + 1))).toBeNull();
  });
});

describe('submitting and expiring', () => {
  const answered = () => accepted(save(started(), { seq: 0, answers: { [S]: [2], [M]: [0, 3], [F]: '为人民服务', [T]: [1] } }, after(MIN)));

  it('grades on submit: score, pass, and each question', () => {
    const result = submit(answered(), versions, 60, after(10 * MIN));
    expect(result.outcome).toBe('graded');
    expect(result.attempt).toMatchObject({ state: 'submitted', score: 6, maxScore: 8, percent: 75, passed: true, finishedAt: after(10 * MIN).toISOString() });
    expect(result.attempt.results).toHaveLength(4);
  });

  it('answers a second submit (a double click, a retry, a second tab) with the first result, graded once', () => {
    const first = submit(answered(), versions, 60, after(10 * MIN)).attempt;
    const second = submit(first, versions, 60, after(11 * MIN));
    expect(second).toEqual({ outcome: 'already', attempt: first });
    expect(second.attempt.gradedAt).toBe(after(10 * MIN).toISOString());
  });

  it('submits within the grace, and expires instead after it, graded on what was saved, finished at the deadline', () => {
    expect(submit(answered(), versions, 60, after(30 * MIN + SAVE_GRACE_MS)).attempt.state).toBe('submitted');
    const late = submit(answered(), versions, 60, after(30 * MIN + SAVE_GRACE_MS + 1));
    expect(late.outcome).toBe('graded');
    expect(late.attempt).toMatchObject({ state: 'expired', score: 6, finishedAt: '2027-03-01T08:30:00.000Z' });
  });

  it('expires only past the deadline and grace, and only once', () => {
    const attempt = answered();
    expect(expire(attempt, versions, 60, after(30 * MIN + SAVE_GRACE_MS)).outcome).toBe('notDue');
    const expired = expire(attempt, versions, 60, after(45 * MIN));
    expect(expired.attempt).toMatchObject({ state: 'expired', score: 6, passed: true, gradedAt: after(45 * MIN).toISOString() });
    expect(expire(expired.attempt, versions, 60, after(50 * MIN))).toEqual({ outcome: 'already', attempt: expired.attempt });
    expect(submit(expired.attempt, versions, 60, after(50 * MIN)).outcome).toBe('already');
  });

  it('expires an attempt with nothing saved to a score of 0', () => {
    expect(expire(started(), versions, 60, after(40 * MIN)).attempt).toMatchObject({ state: 'expired', score: 0, passed: false });
  });
});

describe('which attempt counts', () => {
  const finished = (number: number, percent: number, state: Attempt['state'] = 'submitted'): Attempt => ({
    ...started(`01J000000000000000000000A${number}`, number),
    state,
    score: percent,
    maxScore: 100,
    percent,
    passed: percent >= 60,
    gradedAt: after(number * MIN).toISOString(),
    finishedAt: after(number * MIN).toISOString(),
  });

  it('best: the highest score, the earlier on a tie; last: the latest finished; an open attempt never counts', () => {
    const attempts = [finished(1, 70), finished(2, 90), finished(3, 90), finished(4, 40, 'expired'), { ...started(), number: 5 }];
    expect(countingAttempt(attempts, 'best')?.number).toBe(2);
    expect(countingAttempt(attempts, 'last')?.number).toBe(4);
    expect(countingAttempt([started()], 'best')).toBeUndefined();
    expect(countingAttempt([], 'last')).toBeUndefined();
  });
});

describe('what a taker sees', () => {
  it('a question for a taker carries no key and no explanation, with options in the attempt order', () => {
    const view = questionForTaker(versions.get(`${S}#1`)!, [3, 1, 0, 2]);
    expect(view.options).toEqual([
      { choice: 3, text: '丁' },
      { choice: 1, text: '乙', imageKey: 'questions/b.png' },
      { choice: 0, text: '甲' },
      { choice: 2, text: '丙' },
    ]);
    expect(QuestionForTaker.parse(view)).toEqual(view);
    expect(Object.keys(view)).not.toContain('answer');
    expect(Object.keys(view)).not.toContain('explanation');
  });

  it('the type system refuses a question with its key where a taker view is expected, and parsing refuses it too', () => {
    const full = versions.get(`${S}#1`)!;
    // @ts-expect-error a Question carries `answer` and `explanation`, which a QuestionForTaker may not.
    const leaked: QuestionForTaker = full;
    expect(QuestionForTaker.safeParse(leaked).success).toBe(false);
    expect(QuestionForTaker.safeParse({ ...questionForTaker(full, [0, 1, 2, 3]), difficulty: 'easy' }).success).toBe(false);
  });

  it('an open attempt as the taker sees it holds no key: searched for every answer and explanation', () => {
    const attempt = accepted(save(started(), { seq: 0, answers: { [F]: '为人民' } }, after(MIN)));
    const json = JSON.stringify(takerView(attempt, versions));
    expect(AttemptForTaker.safeParse(JSON.parse(json)).success).toBe(true);
    expect(json).not.toContain('SECRET-EXPLANATION');
    expect(json).not.toContain('为人民服务');
    expect(json).not.toMatch(/"(answer|explanation|results|score|passed|percent|difficulty|tags)"/);
    expect(JSON.parse(json).answers).toEqual({ [F]: '为人民' });
  });
});

describe('review', () => {
  const done = () => submit(accepted(save(started(), { seq: 0, answers: { [S]: [2], [T]: [1] } }, after(MIN))), versions, 60, after(10 * MIN)).attempt;
  const policy = (when: 'afterSubmit' | 'afterClose', show: 'scoreOnly' | 'full') => ({ review: { when, show }, closesAt: quiz.closesAt });

  it('shows nothing of an open attempt, whatever the policy', () => {
    expect(reviewShows({ when: 'afterSubmit', show: 'full' }, null, started(), after(MIN))).toBe('nothing');
    expect(reviewOf(policy('afterSubmit', 'full'), started(), versions, after(MIN))).toBeNull();
  });

  it('after submit, score only: the score and no question', () => {
    const review = reviewOf(policy('afterSubmit', 'scoreOnly'), done(), versions, after(11 * MIN))!;
    expect(review).toEqual({ attemptId: done().attemptId, state: 'submitted', score: 2, maxScore: 8, percent: 25, passed: false });
    expect(JSON.stringify(review)).not.toContain('SECRET-EXPLANATION');
  });

  it('after close: nothing until the closing instant, then the answers and explanations', () => {
    expect(reviewOf(policy('afterClose', 'full'), done(), versions, new Date('2027-03-09T23:59:59.999Z'))).toBeNull();
    const review = reviewOf(policy('afterClose', 'full'), done(), versions, new Date(quiz.closesAt!))!;
    expect(AttemptReview.parse(review)).toBeTruthy();
    const single = review.questions!.find((q) => q.question.questionId === S)!;
    expect(single).toMatchObject({ given: [2], earned: 2, correct: true });
    expect(single.question.explanation).toBe(`SECRET-EXPLANATION-${S}`);
    expect(review.questions!.find((q) => q.question.questionId === M)).toMatchObject({ earned: 0, correct: false });
    expect(review.questions!.find((q) => q.question.questionId === M)!.given).toBeUndefined();
  });

  it('after close with no closing time never opens, and says so', () => {
    expect(reviewShows({ when: 'afterClose', show: 'full' }, null, done(), after(1000 * MIN))).toBe('nothing');
    expect(reviewOpensAt({ when: 'afterClose', show: 'full' }, null, done())).toBeNull();
    expect(reviewOpensAt({ when: 'afterSubmit', show: 'full' }, null, done())).toBe(after(10 * MIN).toISOString());
  });
});
