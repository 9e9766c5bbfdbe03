import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { createQuiz, getQuiz, listQuizzes, publishQuiz, updateQuiz } from '../../domain/quizzes/quiz-service.js';
import { CreateQuizInput, ListQuizzesQuery, PublishQuizInput, UpdateQuizInput } from '../../domain/quizzes/quiz-schema.js';
import { attemptCounting, attemptStates, QuizItem, quizStatuses, reviewContents, reviewTimes } from '../../domain/quizzes/schema.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** Quizzes: listing, reading, writing, publishing (attempts are in attempts.ts, the bank in quizzes.ts). */

const missing = { 404: errorResponse('No such quiz, or not one the caller may see.') };
const conflict = { 409: errorResponse('Changed by someone else meanwhile (reload and try again), or already published.') };

export const AttemptSummaryView = z
  .object({
    attemptId: z.string(),
    number: z.number().int(),
    state: z.enum(attemptStates),
    startedAt: z.string(),
    deadline: z.string().nullable(),
    finishedAt: z.string().optional(),
    score: z.number().optional().openapi({ description: 'Present once the review policy lets the taker see the score (as are maxScore, percent, passed).' }),
    maxScore: z.number().optional(),
    percent: z.number().optional(),
    passed: z.boolean().optional(),
    reviewOpensAt: z.string().nullable(),
  })
  .openapi('AttemptSummary');

const Settings = {
  quizId: z.string(),
  title: z.string(),
  ownerUnitId: z.string(),
  courseId: z.string().optional().openapi({ description: 'Set when the quiz is this course’s final test.' }),
  status: z.enum(quizStatuses),
  questionCount: z.number().int(),
  timeLimitMinutes: z.number().int().nullable(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  attemptsAllowed: z.number().int().nullable(),
  passPercent: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

const QuizView = z
  .object({
    ...Settings,
    shuffleQuestions: z.boolean(),
    shuffleOptions: z.boolean(),
    counts: z.enum(attemptCounting),
    review: z.object({ when: z.enum(reviewTimes), show: z.enum(reviewContents) }),
    version: z.number().int(),
    mayEdit: z.boolean(),
    items: z.array(QuizItem).optional().openapi({ description: 'Fixed questions and draw rules: for the quiz’s editors only.' }),
    mine: z.object({ attempts: z.array(AttemptSummaryView), openAttemptId: z.string().nullable(), attemptsLeft: z.number().int().nullable() }),
  })
  .openapi('Quiz');

const QuizSummary = z
  .object({
    ...Settings,
    dueAt: z.string().optional(),
    mine: z.object({ attemptsUsed: z.number().int(), openAttemptId: z.string().nullable(), passed: z.boolean().nullable() }).optional(),
  })
  .openapi('QuizSummary');

export const QuizParam = z.object({ quizId: pathId('quizId') });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/quizzes',
    operationId: 'listQuizzes',
    tags: ['quizzes'],
    summary: 'Quizzes open to me (view=take, with how my attempts stand), or those I manage (view=manage)',
    request: { query: ListQuizzesQuery },
    responses: { 200: json(z.object({ items: z.array(QuizSummary), cursor: z.string().nullable() }), 'A page of quizzes.'), ...denied(), ...commonErrors },
  }),
  get: createRoute({
    method: 'get',
    path: '/quizzes/{quizId}',
    operationId: 'getQuiz',
    tags: ['quizzes'],
    summary: 'A quiz’s rules and my attempts (its items for its editors)',
    request: { params: QuizParam },
    responses: { 200: json(QuizView, 'The quiz.'), ...missing, ...denied(), ...commonErrors },
  }),
  create: createRoute({
    method: 'post',
    path: '/quizzes',
    operationId: 'createQuiz',
    tags: ['quizzes'],
    summary: 'Create a quiz (a draft): fixed questions and draw rules, time limit, window, attempts, pass mark, review policy',
    request: body(CreateQuizInput),
    responses: { 201: json(QuizView, 'Created.'), ...denied(), ...commonErrors },
  }),
  update: createRoute({
    method: 'patch',
    path: '/quizzes/{quizId}',
    operationId: 'updateQuiz',
    tags: ['quizzes'],
    summary: 'Change a quiz’s settings (attempts already started keep theirs)',
    description: 'Send the `version` you read; a 409 means someone else saved in between and nothing was overwritten.',
    request: { params: QuizParam, ...body(UpdateQuizInput) },
    responses: { 200: json(QuizView, 'Saved.'), ...missing, ...conflict, ...denied(), ...commonErrors },
  }),
  publish: createRoute({
    method: 'post',
    path: '/quizzes/{quizId}/publish',
    operationId: 'publishQuiz',
    tags: ['quizzes'],
    summary: 'Publish a quiz; a draw rule its banks cannot meet is a 400 naming the rule',
    request: { params: QuizParam, ...body(PublishQuizInput) },
    responses: { 200: json(QuizView, 'Published.'), ...missing, ...conflict, ...denied(), ...commonErrors },
  }),
};

export const quizDefinitionRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, async (c) => c.json(await listQuizzes(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.get, async (c) => c.json(await getQuiz(c.get('actor'), c.req.valid('param').quizId), 200))
  .openapi(routes.create, async (c) => c.json(await createQuiz(c.get('actor'), c.req.valid('json')), 201))
  .openapi(routes.update, async (c) => c.json(await updateQuiz(c.get('actor'), c.req.valid('param').quizId, c.req.valid('json')), 200))
  .openapi(routes.publish, async (c) => c.json(await publishQuiz(c.get('actor'), c.req.valid('param').quizId, c.req.valid('json')), 200));
