import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { getAttempt, getAttemptReview, saveAnswers, startAttempt, submitAttempt } from '../../domain/quizzes/attempt-service.js';
import { SaveAnswersInput } from '../../domain/quizzes/quiz-schema.js';
import { attemptStates, difficulties, questionKinds } from '../../domain/quizzes/schema.js';
import { QuizParam } from './quiz-definitions.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** Taking a quiz: an attempt is its taker's own; the key leaves the server only in a review the policy allows. */

const missing = { 404: errorResponse('No such attempt, or not the caller’s.') };
const AttemptParam = z.object({ attemptId: pathId('attemptId') });
const AnswerValue = z.union([z.array(z.number().int()), z.string()]).openapi({
  description: 'Choice and true/false questions: ORIGINAL option indices (the `choice` of each option; true/false: [0] true, [1] false). Fill-in: the text.',
});

const TakerQuestion = z
  .object({
    questionId: z.string(),
    version: z.number().int(),
    kind: z.enum(questionKinds),
    stem: z.string(),
    stemImageUrl: z.string().nullable(),
    options: z.array(z.object({ choice: z.number().int(), text: z.string(), imageUrl: z.string().nullable() })).openapi({ description: 'In the order shown to this taker.' }),
    points: z.number(),
  })
  .openapi('TakerQuestion', { description: 'A question as a taker sees it: never its answer or explanation.' });

const AttemptView = z
  .object({
    attemptId: z.string(),
    quizId: z.string(),
    quizTitle: z.string(),
    number: z.number().int(),
    questions: z.array(TakerQuestion),
    answers: z.record(z.string(), AnswerValue),
    seq: z.number().int().openapi({ description: 'The save sequence: send it with the next save.' }),
    startedAt: z.string(),
    deadline: z.string().nullable(),
    state: z.enum(attemptStates),
    finishedAt: z.string().optional(),
    serverNow: z.string().openapi({ description: 'The server’s clock, to correct the page’s timer.' }),
    saveGraceSeconds: z.number().int(),
  })
  .openapi('Attempt');

const AttemptResult = z
  .object({
    attemptId: z.string(),
    quizId: z.string(),
    state: z.enum(attemptStates),
    finishedAt: z.string().nullable(),
    reviewOpensAt: z.string().nullable(),
    shows: z.enum(['nothing', 'score', 'full']),
    score: z.number().optional(),
    maxScore: z.number().optional(),
    percent: z.number().optional(),
    passed: z.boolean().optional(),
  })
  .openapi('AttemptResult');

const ReviewQuestion = z.object({
  questionId: z.string(),
  version: z.number().int(),
  kind: z.enum(questionKinds),
  stem: z.string(),
  stemImageUrl: z.string().nullable(),
  options: z.array(z.object({ text: z.string(), imageUrl: z.string().nullable() })).openapi({ description: 'In the order the author wrote them (answers index into it).' }),
  answer: z.array(z.union([z.number().int(), z.string()])),
  explanation: z.string(),
  difficulty: z.enum(difficulties),
  points: z.number(),
});

const AttemptReview = z
  .object({
    attemptId: z.string(),
    state: z.enum(attemptStates),
    score: z.number(),
    maxScore: z.number(),
    percent: z.number(),
    passed: z.boolean(),
    questions: z
      .array(z.object({ question: ReviewQuestion, optionOrder: z.array(z.number().int()), given: AnswerValue.optional(), earned: z.number(), correct: z.boolean() }))
      .optional()
      .openapi({ description: 'Only when the policy shows answers and explanations.' }),
  })
  .openapi('AttemptReview');

const routes = {
  start: createRoute({
    method: 'post',
    path: '/quizzes/{quizId}/attempts',
    operationId: 'startAttempt',
    tags: ['attempts'],
    summary: 'Start an attempt, or resume my open one (one open attempt per person and quiz)',
    request: { params: QuizParam },
    responses: {
      200: json(AttemptView, 'My open attempt, resumed.'),
      201: json(AttemptView, 'A new attempt: its questions and deadline are fixed now.'),
      404: errorResponse('No such quiz, or not one open to the caller.'),
      409: errorResponse('Not published, not open yet, closed, or no attempts left.'),
      ...denied(),
      ...commonErrors,
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/attempts/{attemptId}',
    operationId: 'getAttempt',
    tags: ['attempts'],
    summary: 'My attempt: its questions (no key), my saved answers, its seq and deadline',
    request: { params: AttemptParam },
    responses: { 200: json(AttemptView, 'The attempt.'), ...missing, ...denied(), ...commonErrors },
  }),
  save: createRoute({
    method: 'put',
    path: '/attempts/{attemptId}/answers',
    operationId: 'saveAnswers',
    tags: ['attempts'],
    summary: 'Save changed answers (a patch), carrying the seq last confirmed',
    description:
      'Accepted up to the deadline plus `saveGraceSeconds`. 409 with `details.reason = "stale"` (and the current `seq` and `answers`) when another tab or device saved meanwhile: nothing is overwritten. ' +
      '409 with `details.reason = "closed"` once the attempt is over. A repeat of a save already applied answers 200.',
    request: { params: AttemptParam, ...body(SaveAnswersInput) },
    responses: {
      200: json(z.object({ seq: z.number().int(), savedAt: z.string(), serverNow: z.string() }), 'Saved.'),
      409: errorResponse('Stale (details: reason, seq, answers) or closed (details: reason, state).'),
      ...missing,
      ...denied(),
      ...commonErrors,
    },
  }),
  submit: createRoute({
    method: 'post',
    path: '/attempts/{attemptId}/submit',
    operationId: 'submitAttempt',
    tags: ['attempts'],
    summary: 'Submit: graded once on the server; a repeat answers the same result',
    request: { params: AttemptParam },
    responses: { 200: json(AttemptResult, 'The result, as far as the review policy shows it now.'), ...missing, ...denied(), ...commonErrors },
  }),
  review: createRoute({
    method: 'get',
    path: '/attempts/{attemptId}/review',
    operationId: 'getAttemptReview',
    tags: ['attempts'],
    summary: 'The review of my finished attempt, as the quiz’s policy allows now',
    request: { params: AttemptParam },
    responses: {
      200: json(AttemptReview, 'The review.'),
      409: errorResponse('Not yet (details: reason "notYet", reviewOpensAt), or the attempt is still open.'),
      ...missing,
      ...denied(),
      ...commonErrors,
    },
  }),
};

export const attemptRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.start, async (c) => {
    const { created, attempt } = await startAttempt(c.get('actor'), c.req.valid('param').quizId);
    return created ? c.json(attempt, 201) : c.json(attempt, 200);
  })
  .openapi(routes.get, async (c) => c.json(await getAttempt(c.get('actor'), c.req.valid('param').attemptId), 200))
  .openapi(routes.save, async (c) => c.json(await saveAnswers(c.get('actor'), c.req.valid('param').attemptId, c.req.valid('json')), 200))
  .openapi(routes.submit, async (c) => c.json(await submitAttempt(c.get('actor'), c.req.valid('param').attemptId), 200))
  .openapi(routes.review, async (c) => c.json(await getAttemptReview(c.get('actor'), c.req.valid('param').attemptId), 200));
