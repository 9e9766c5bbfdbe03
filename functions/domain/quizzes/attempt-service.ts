/**
 * Use cases of attempts: starting (or resuming), reading, saving, submitting, reviewing, and closing overdue ones.
 * The rules are attempt.ts's (pure); here each becomes reads and one conditional write. An attempt is its taker's
 * alone (authz/quizzes.ts): anyone else's answers 404, as one that does not exist.
 *
 * A save is one DynamoDB call when this process knows the attempt's frame (its taker, questions and deadline, which
 * never change) and the client's seq is current: a write conditional on that seq and the open state. Otherwise, or
 * when that condition fails, two: the attempt read strongly consistent, then the write (or a 409 decided on it).
 * The key (answers, explanations) leaves the server only through `getAttemptReview`, and only as the policy allows.
 */
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { clock, nowIso } from '../../platform/clock.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { ownsAttempt } from '../authz/quizzes.js';
import { loadTree } from '../org/service.js';
import { notify } from '../notifications/service.js';
import { downloadUrl } from '../uploads/service.js';
import { SAVE_GRACE_MS, expire, isOverdue, newAttempt, planSave, reviewOf, reviewOpensAt, save, startDecision, submit, takerView } from './attempt.js';
import { attemptResult } from './attempt-view.js';
import { drawAttempt } from './draw.js';
import { quizEngineMessages, quizMessages } from './messages.js';
import { quizBank, takeableBy } from './quiz-service.js';
import { insertAttempt, insertAttemptSlot, queryAttemptSlots, queryAttemptsDue, knownFrame, readAttempt, readAttempts, readQuiz, writeAnswers, writeFinished, writePlannedSave } from './quiz-store.js';
import { SaveAnswersInput } from './quiz-schema.js';
import { questionsAt } from './service.js';
import type { Attempt, AttemptForTaker, Question, Quiz } from './schema.js';
import { finalTestPassed } from '../study/service.js';
import { markStale } from '../../platform/stale.js';
import { personSubjectKey } from '../stats/keys.js';

const quizNotFound = () => new AppError('NOT_FOUND', { messageKey: quizMessages.quizNotFound });
const attemptNotFound = () => new AppError('NOT_FOUND', { messageKey: quizMessages.attemptNotFound });

// ─── What the taker receives ───────────────────────────────────────────────────────────────────────────────────────

async function imageUrl(key: string | undefined): Promise<string | null> {
  return key ? downloadUrl(key) : null;
}

/** The attempt as the taker's browser may hold it: questions without keys, with image addresses. */
async function attemptView(attempt: Attempt, quiz: Quiz, versions: ReadonlyMap<string, Question>) {
  const view: AttemptForTaker = takerView(attempt, versions);
  const questions = await Promise.all(
    view.questions.map(async ({ stemImageKey, options, ...question }) => ({
      ...question,
      stemImageUrl: await imageUrl(stemImageKey),
      options: await Promise.all(options.map(async ({ imageKey, ...option }) => ({ ...option, imageUrl: await imageUrl(imageKey) }))),
    })),
  );
  return { ...view, questions, quizTitle: quiz.title, serverNow: nowIso(), saveGraceSeconds: SAVE_GRACE_MS / 1000 };
}

async function versionsOf(attempt: Attempt): Promise<Map<string, Question>> {
  const versions = await questionsAt(attempt.questions);
  for (const ref of attempt.questions) {
    if (!versions.has(`${ref.questionId}#${ref.version}`)) {
      throw new AppError('INTERNAL', { messageKey: quizEngineMessages.questionVersionMissing, params: { questionId: ref.questionId, version: ref.version } });
    }
  }
  return versions;
}

// ─── Finishing ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A passing attempt at a course's final test meets the course's test requirement and credits its 学时: the study
 * area records that once (set-once), so calling it again for the same or another passing attempt changes nothing.
 * Called directly (not through a listener that might not be registered) right after the grading is stored, and again
 * when a submit is repeated, so a grading whose call failed half-way is made good by the retry.
 */
async function creditCourseTest(attempt: Attempt, quiz: Quiz): Promise<void> {
  if (!quiz.courseId || attempt.passed !== true || !attempt.finishedAt) return;
  await finalTestPassed({ personId: attempt.personId, courseId: quiz.courseId, quizId: quiz.quizId, passedAt: attempt.finishedAt });
}

/**
 * Stores a finished attempt if it is still open; whoever loses the race reads the stored one and answers it, so an
 * attempt is graded once, and only the write that graded it credits a course's final test.
 */
async function storeFinished(finished: Attempt, quiz: Quiz): Promise<Attempt> {
  if (!(await writeFinished(finished))) {
    const stored = await readAttempt(finished.attemptId);
    if (stored && stored.state !== 'open') return stored;
    throw new AppError('CONFLICT', { messageKey: quizEngineMessages.attemptClosed });
  }
  await creditCourseTest(finished, quiz);
  // The result reaches the quiz's figures and the overview within seconds (decision 042).
  await markStale(personSubjectKey('quiz', quiz.quizId, finished.personId), ...(quiz.courseId ? [personSubjectKey('course', quiz.courseId, finished.personId)] : []), 'overview');
  await notify([finished.personId], {
    kind: 'quizResult',
    variant: finished.passed ? 'passed' : 'failed',
    params: { quiz: quiz.title, percent: finished.percent ?? 0 },
    link: `/attempts/${finished.attemptId}/result`,
  });
  return finished;
}

/** Closes an open attempt past its deadline and grace, graded on what was saved; answers the attempt as it stands. */
async function expireIfOverdue(attempt: Attempt, quiz: Quiz, now: Date): Promise<Attempt> {
  if (!isOverdue(attempt, now)) return attempt;
  const result = expire(attempt, await versionsOf(attempt), attempt.passPercent, now);
  return result.outcome === 'graded' ? storeFinished(result.attempt, quiz) : result.attempt;
}

// ─── Starting ──────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Answers the actor's open attempt at the quiz, or starts a new one (201). One open attempt per person and quiz:
 * each attempt number has a create-once slot, so of two tabs starting at once one creates and the other resumes.
 */
export async function startAttempt(actor: Actor | null, quizId: string): Promise<{ created: boolean; attempt: Awaited<ReturnType<typeof attemptView>> }> {
  authorize(actor, 'startAttempt');
  const [tree, quiz] = await Promise.all([loadTree(), readQuiz(quizId)]);
  if (!quiz || !(await takeableBy(actor!, quiz, tree))) throw quizNotFound();
  for (let round = 0; round < 5; round++) {
    const now = clock.now();
    const slots = await queryAttemptSlots(quiz.quizId, actor!.personId);
    const stored = new Map((await readAttempts(slots.map((slot) => slot.attemptId))).map((a) => [a.attemptId, a]));
    // A slot whose attempt was never written (a crash between the two writes): write it now; the draw is seeded by the
    // attempt's id, so it is the attempt that would have been written.
    const attempts: Attempt[] = [];
    for (const slot of slots) {
      const found = stored.get(slot.attemptId) ?? (await createAttempt(quiz, actor!.personId, slot.number, slot.attemptId, now));
      attempts.push(found);
    }
    const decision = startDecision(quiz, attempts, now);
    if (decision.outcome === 'resume') return { created: false, attempt: await attemptView(decision.attempt, quiz, await versionsOf(decision.attempt)) };
    if (decision.outcome === 'expireFirst') {
      await expireIfOverdue(decision.attempt, quiz, now);
      continue;
    }
    const attemptId = newId();
    if (!(await insertAttemptSlot(quiz.quizId, actor!.personId, decision.number, attemptId, now.toISOString()))) continue;
    const attempt = await createAttempt(quiz, actor!.personId, decision.number, attemptId, now);
    return { created: true, attempt: await attemptView(attempt, quiz, await versionsOf(attempt)) };
  }
  throw new AppError('CONFLICT');
}

async function createAttempt(quiz: Quiz, personId: string, number: number, attemptId: string, now: Date): Promise<Attempt> {
  const questions = drawAttempt({ quiz, bank: await quizBank(quiz), seed: attemptId });
  const attempt = newAttempt({ attemptId, quiz, personId, number, questions, now });
  await insertAttempt(attempt);
  return (await readAttempt(attemptId)) ?? attempt;
}

// ─── Reading, saving, submitting ───────────────────────────────────────────────────────────────────────────────────

/** The actor's own attempt and its quiz; anyone else's is NOT_FOUND. */
async function ownAttempt(actor: Actor | null, operation: 'getAttempt' | 'submitAttempt' | 'getAttemptReview', attemptId: string) {
  authorize(actor, operation);
  const attempt = await readAttempt(attemptId);
  if (!attempt || !ownsAttempt(actor!, attempt)) throw attemptNotFound();
  const quiz = await readQuiz(attempt.quizId);
  if (!quiz) throw attemptNotFound();
  return { attempt, quiz };
}

/** The actor's attempt as they may see it (an overdue one is closed first, graded on what was saved). */
export async function getAttempt(actor: Actor | null, attemptId: string) {
  const found = await ownAttempt(actor, 'getAttempt', attemptId);
  const attempt = await expireIfOverdue(found.attempt, found.quiz, clock.now());
  return attemptView(attempt, found.quiz, await versionsOf(attempt));
}

/**
 * Saves changed answers. 200 with the new seq; 409 `stale` with the current answers and seq when the client's seq is
 * behind (another tab or device saved); 409 `closed` when the attempt is finished or past its deadline and grace.
 */
export async function saveAnswers(actor: Actor | null, attemptId: string, input: unknown) {
  authorize(actor, 'saveAnswers');
  const request = SaveAnswersInput.parse(input);
  // The common case in one write: this process knows the attempt's frame (it served the start or a read), the
  // client's seq is current and the attempt open — the write's condition says whether that held.
  const frame = knownFrame(attemptId);
  if (frame && ownsAttempt(actor!, frame)) {
    const now = clock.now();
    const plan = planSave(frame, request, now);
    if (plan && (await writePlannedSave(attemptId, plan))) return { seq: plan.nextSeq, savedAt: now.toISOString(), serverNow: nowIso() };
  }
  for (let round = 0; round < 2; round++) {
    const attempt = await readAttempt(attemptId);
    if (!attempt || !ownsAttempt(actor!, attempt)) throw attemptNotFound();
    const now = clock.now();
    const result = save(attempt, request, now);
    if (result.outcome === 'closed') {
      if (result.overdue) {
        const quiz = await readQuiz(attempt.quizId);
        if (quiz) await expireIfOverdue(attempt, quiz, now);
      }
      throw new AppError('CONFLICT', { messageKey: quizEngineMessages.attemptClosed, details: { reason: 'closed', state: result.overdue ? 'expired' : attempt.state } });
    }
    if (result.outcome === 'stale') {
      throw new AppError('CONFLICT', { messageKey: quizEngineMessages.attemptStale, details: { reason: 'stale', seq: result.seq, answers: result.answers } });
    }
    if (!result.changed || (await writeAnswers(result.attempt, result.expectedSeq))) {
      return { seq: result.attempt.seq, savedAt: now.toISOString(), serverNow: nowIso() };
    }
    // Another save or a finish came between the read and the write: decide again on what is stored now.
  }
  throw new AppError('CONFLICT');
}

/** Submits the attempt: graded once; a repeat (double click, retry, second tab) answers the same result. */
export async function submitAttempt(actor: Actor | null, attemptId: string) {
  const { attempt, quiz } = await ownAttempt(actor, 'submitAttempt', attemptId);
  const now = clock.now();
  let finished = attempt;
  if (attempt.state === 'open') {
    const result = submit(attempt, await versionsOf(attempt), attempt.passPercent, now);
    finished = result.outcome === 'graded' ? await storeFinished(result.attempt, quiz) : result.attempt;
  } else {
    // A repeated submit: the grading is not repeated, but a course test's credit the first call may have missed is.
    await creditCourseTest(finished, quiz);
  }
  return attemptResult(quiz, finished, now);
}

/** The review the quiz's policy allows now; 409 `notYet` (with when it opens) before then. */
export async function getAttemptReview(actor: Actor | null, attemptId: string) {
  const found = await ownAttempt(actor, 'getAttemptReview', attemptId);
  const now = clock.now();
  const attempt = await expireIfOverdue(found.attempt, found.quiz, now);
  const versions = await versionsOf(attempt);
  const review = reviewOf(found.quiz, attempt, versions, now);
  if (!review) {
    const opensAt = attempt.state === 'open' ? null : reviewOpensAt(found.quiz.review, found.quiz.closesAt, attempt);
    throw new AppError('CONFLICT', {
      messageKey: opensAt ? quizMessages.reviewNotYet : quizMessages.reviewNever,
      params: { reviewOpensAt: opensAt ?? '' },
      details: { reason: 'notYet', reviewOpensAt: opensAt },
    });
  }
  const { questions, ...score } = review;
  if (!questions) return score;
  return {
    ...score,
    questions: await Promise.all(
      questions.map(async ({ question, ...item }) => ({
        ...item,
        question: {
          questionId: question.questionId,
          version: question.version,
          kind: question.kind,
          stem: question.stem,
          stemImageUrl: await imageUrl(question.stemImageKey),
          options: await Promise.all(question.options.map(async (option) => ({ text: option.text, imageUrl: await imageUrl(option.imageKey) }))),
          answer: question.answer as Array<number | string>,
          explanation: question.explanation,
          difficulty: question.difficulty,
          points: question.points,
        },
      })),
    ),
  };
}

// ─── The scheduled job ─────────────────────────────────────────────────────────────────────────────────────────────

/** Closes every open attempt past its deadline and grace, graded on what was saved (idempotent). */
export async function closeOverdueAttempts(now: Date = clock.now()): Promise<{ checked: number; expired: number }> {
  const ids = await queryAttemptsDue(new Date(now.getTime() - SAVE_GRACE_MS));
  const attempts = await readAttempts(ids);
  const quizzes = new Map<string, Quiz | undefined>();
  let expired = 0;
  for (const attempt of attempts) {
    if (!quizzes.has(attempt.quizId)) quizzes.set(attempt.quizId, await readQuiz(attempt.quizId));
    const quiz = quizzes.get(attempt.quizId);
    if (!quiz || !isOverdue(attempt, now)) continue;
    const after = await expireIfOverdue(attempt, quiz, now);
    if (after.state === 'expired') expired++;
  }
  return { checked: attempts.length, expired };
}
