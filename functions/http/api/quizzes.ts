import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { createQuestion, getQuestion, listQuestions, retireQuestion, updateQuestion } from '../../domain/quizzes/service.js';
import { CreateQuestionInput, ListQuestionsQuery, RetireQuestionInput, UpdateQuestionInput } from '../../domain/quizzes/bank-schema.js';
import { difficulties, questionKinds } from '../../domain/quizzes/schema.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** The question bank (quizzes, attempts and practice join here). */

const missing = { 404: errorResponse('No such question, or a unit, within the caller’s reach.') };
const conflict = { 409: errorResponse('Changed by someone else meanwhile (reload and try again), or retired.') };

/** A question as its editors read it: its key included (a bank is read only by those who edit it). */
const QuestionView = z
  .object({
    questionId: z.string(),
    version: z.number().int().openapi({ description: 'Each edit makes a new version; attempts keep the one they were given.' }),
    ownerUnitId: z.string(),
    kind: z.enum(questionKinds),
    stem: z.string(),
    stemImageKey: z.string().optional(),
    stemImageUrl: z.string().nullable().openapi({ description: 'A short-lived address of the question’s image.' }),
    options: z.array(z.object({ text: z.string(), imageKey: z.string().optional(), imageUrl: z.string().nullable() })),
    answer: z.array(z.union([z.number().int(), z.string()])).openapi({
      description: 'Choice questions: the indices of the correct options (0 is A). True/false: [0] true, [1] false. Fill-in: the accepted answers.',
    }),
    explanation: z.string(),
    difficulty: z.enum(difficulties),
    points: z.number(),
    tags: z.array(z.string()),
    retired: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Question');

const QuestionParam = z.object({ questionId: pathId('questionId') });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/questions',
    operationId: 'listQuestions',
    tags: ['questions'],
    summary: 'The question banks within the caller’s reach, filtered, a page at a time',
    description: 'Unit after unit in the tree’s order, newest question first within a unit. A page may hold fewer than `limit` items; follow `cursor` until it is null.',
    request: { query: ListQuestionsQuery },
    responses: { 200: json(z.object({ items: z.array(QuestionView), cursor: z.string().nullable() }), 'A page of questions.'), ...missing, ...denied(), ...commonErrors },
  }),
  get: createRoute({
    method: 'get',
    path: '/questions/{questionId}',
    operationId: 'getQuestion',
    tags: ['questions'],
    summary: 'One question as its editors read it: its latest version, with its key',
    request: { params: QuestionParam },
    responses: { 200: json(QuestionView, 'The question.'), ...missing, ...denied(), ...commonErrors },
  }),
  create: createRoute({
    method: 'post',
    path: '/questions',
    operationId: 'createQuestion',
    tags: ['questions'],
    summary: 'Add a question to a bank (version 1)',
    request: body(CreateQuestionInput),
    responses: { 201: json(QuestionView, 'Created.'), ...denied(), ...commonErrors },
  }),
  update: createRoute({
    method: 'patch',
    path: '/questions/{questionId}',
    operationId: 'updateQuestion',
    tags: ['questions'],
    summary: 'Edit a question: saved as a new version',
    description: 'Send the `version` you read; a 409 means someone else saved in between and nothing was overwritten. Older versions stay as they were for the attempts that used them.',
    request: { params: QuestionParam, ...body(UpdateQuestionInput) },
    responses: { 200: json(QuestionView, 'Saved.'), ...missing, ...conflict, ...denied(), ...commonErrors },
  }),
  retire: createRoute({
    method: 'post',
    path: '/questions/{questionId}/retire',
    operationId: 'retireQuestion',
    tags: ['questions'],
    summary: 'Retire a question: never drawn again, kept for the attempts that used it (nothing is deleted)',
    request: { params: QuestionParam, ...body(RetireQuestionInput) },
    responses: { 200: json(QuestionView, 'Retired.'), ...missing, ...conflict, ...denied(), ...commonErrors },
  }),
};

export const quizRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, async (c) => c.json(await listQuestions(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.get, async (c) => c.json(await getQuestion(c.get('actor'), c.req.valid('param').questionId), 200))
  .openapi(routes.create, async (c) => c.json(await createQuestion(c.get('actor'), c.req.valid('json')), 201))
  .openapi(routes.update, async (c) => c.json(await updateQuestion(c.get('actor'), c.req.valid('param').questionId, c.req.valid('json')), 200))
  .openapi(routes.retire, async (c) => c.json(await retireQuestion(c.get('actor'), c.req.valid('param').questionId, c.req.valid('json')), 200));
