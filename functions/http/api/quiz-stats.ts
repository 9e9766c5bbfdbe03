import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { exportQuizStats, getQuizStats } from '../../domain/quizzes/stats-service.js';
import { questionKinds } from '../../domain/quizzes/schema.js';
import { download } from '../download.js';
import { CompletionFigures } from './completion.js';
import { commonErrors, denied, errorResponse, json, pathId, queryId } from './schemas.js';

/** A quiz's results for organizers and leaders: figures, never a ranking of people by score. */

const itemWarnings = ['fewTakers', 'negativeDiscrimination', 'poorDiscrimination', 'veryEasy', 'veryHard'] as const;
const rate = z.number().nullable().openapi({ description: '0–1; null when nobody has a result.' });

const TimedAttempt = z
  .object({
    attemptId: z.string(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    state: z.enum(['submitted', 'expired']),
    seconds: z.number().int(),
    questions: z.number().int(),
    percent: z.number(),
    finishedAt: z.string(),
  })
  .openapi('QuizStatsAttempt');

const QuizStats = z
  .object({
    quizId: z.string(),
    quizTitle: z.string(),
    counts: z.enum(['best', 'last']),
    passPercent: z.number(),
    unitId: z.string().nullable().openapi({ description: 'The unit viewed (drilled down, or the reader’s one unit); null for several.' }),
    unitName: z.string(),
    computedAt: z.string(),
    minTakers: z.number().int().openapi({ description: 'Below this many people with a result, the figures carry a warning.' }),
    summary: z.object({
      takers: z.number().int(),
      attempts: z.number().int(),
      finishedAttempts: z.number().int(),
      openAttempts: z.number().int(),
      graded: z.number().int().openapi({ description: 'People with a finished attempt: each counts once, by the attempt that counts (best or last).' }),
      passed: z.number().int(),
      passRate: rate,
      meanPercent: z.number().nullable(),
      medianPercent: z.number().nullable(),
      fewTakers: z.boolean(),
    }),
    distribution: z.object({
      bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
      svg: z.string().openapi({ description: 'The distribution as an accessible SVG chart (role="img", <title>, axis labels, no script), in the reader’s language.' }),
    }),
    questions: z.array(
      z.object({
        questionId: z.string(),
        version: z.number().int(),
        kind: z.enum(questionKinds).nullable(),
        stem: z.string(),
        takers: z.number().int(),
        correct: z.number().int(),
        facility: z.number().nullable().openapi({ description: 'Share right, 0–1.' }),
        discrimination: z.number().nullable().openapi({ description: 'Upper–lower 27 % index, −1–1; negative usually means a wrong key.' }),
        fewTakers: z.boolean(),
        warnings: z.array(z.enum(itemWarnings)),
      }),
    ),
    units: z.array(
      z.object({
        unitId: z.string(),
        name: z.string(),
        depth: z.number().int(),
        own: z.boolean().openapi({ description: 'The people who sit in the viewed unit itself.' }),
        hasChildren: z.boolean(),
        takers: z.number().int(),
        graded: z.number().int(),
        passed: z.number().int(),
        passRate: rate,
      }),
    ),
    slowest: z.array(TimedAttempt).openapi({ description: 'The 5 slowest finished attempts, slowest first.' }),
    fastest: z.array(TimedAttempt).openapi({ description: 'The 5 fastest finished attempts, fastest first.' }),
    tooFast: z.array(TimedAttempt).openapi({ description: 'Submitted in under 2 s a question: for a look, not a penalty.' }),
    completion: CompletionFigures.nullable().openapi({
      description:
        'For a quiz assigned through assignments: each unit in view with the people it was assigned to, done (passed), in progress (attempted), not started and overdue, from the rollup items the completion job computes (as for courses); with `unitId`, that unit’s people. Null when the quiz is not assigned.',
    }),
  })
  .openapi('QuizStats');

const params = z.object({ quizId: pathId('quizId') });
const query = z.object({ unitId: queryId('Narrow to this unit’s subtree (a unit within the caller’s reach).') });
const refused = { ...denied('Organizers, leaders and admins only.'), 404: errorResponse('No such quiz, or a unit outside the caller’s reach.') };

const get = createRoute({
  method: 'get',
  path: '/quizzes/{quizId}/stats',
  operationId: 'getQuizStats',
  tags: ['statistics'],
  summary: 'A quiz’s results for the takers within the caller’s reach: pass rate, distribution, item analysis, per unit, timing',
  request: { params, query },
  responses: { 200: json(QuizStats, 'Figures computed now from the attempts.'), ...refused, ...commonErrors },
});

const exportFile = createRoute({
  method: 'get',
  path: '/quizzes/{quizId}/stats.xlsx',
  operationId: 'exportQuizStats',
  tags: ['statistics'],
  summary: 'The same figures as an Excel workbook: summary, questions, units, attempts finished implausibly fast',
  request: { params, query },
  responses: {
    200: { description: 'A workbook in the caller’s language, offered for download.', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...refused,
    ...commonErrors,
  },
});

export const quizStatsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(exportFile, async (c) => download(c, await exportQuizStats(c.get('actor'), c.req.valid('param').quizId, c.req.valid('query')), 'quiz-stats'))
  .openapi(get, async (c) => c.json(await getQuizStats(c.get('actor'), c.req.valid('param').quizId, c.req.valid('query')), 200));
