import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { dismissFlag, listFlags } from '../../domain/flags/service.js';
import { DismissFlagInput, FlagKind, FlagState, ListFlagsQuery } from '../../domain/flags/schema.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** Data that deserves a second look: the flags of the people within reach, and dismissing one. */

const FlagView = z
  .object({
    flagId: z.string(),
    kind: FlagKind,
    kindName: z.string(),
    summary: z.string().openapi({ description: 'What was measured, in words, in the reader’s language.' }),
    at: z.string().openapi({ description: 'When the fact happened (the attempt’s end, the last sign-in of the window, the stretch’s end).' }),
    raisedAt: z.string(),
    people: z
      .array(z.object({ personId: z.string().nullable(), name: z.string(), login: z.string().nullable(), unitName: z.string().nullable() }))
      .openapi({ description: 'The people it concerns; someone outside the reader’s reach is not named (`personId` null).' }),
    evidence: z
      .discriminatedUnion('kind', [
        z.object({
          kind: z.literal('fastQuiz'),
          attemptId: z.string(),
          quizId: z.string(),
          quizTitle: z.string(),
          questions: z.number(),
          seconds: z.number(),
          startedAt: z.string(),
          finishedAt: z.string(),
          percent: z.number().nullable(),
        }),
        z.object({
          kind: z.literal('sharedDevice'),
          device: z.string(),
          signIns: z.array(z.object({ personId: z.string().nullable(), login: z.string(), at: z.string() })),
        }),
        z.object({ kind: z.literal('longStretch'), startedAt: z.string(), endedAt: z.string(), creditedSeconds: z.number(), courseId: z.string(), lessonId: z.string() }),
      ])
      .openapi({ description: 'What was measured, per kind.' }),
    state: FlagState,
    dismissedByName: z.string().nullable(),
    dismissedAt: z.string().nullable(),
    dismissReason: z.string().nullable(),
    may: z.object({ dismiss: z.boolean().openapi({ description: 'Open, and every person it concerns is within the reader’s reach.' }) }),
  })
  .openapi('Flag');

const FlagList = z
  .object({
    state: FlagState,
    unitId: z.string().nullable(),
    items: z.array(FlagView),
    rules: z
      .object({
        fastQuiz: z.object({ secondsPerQuestion: z.number(), minQuestions: z.number() }),
        sharedDevice: z.object({ minAccounts: z.number(), windowMinutes: z.number() }),
        longStretch: z.object({ hours: z.number() }),
      })
      .openapi({ description: 'The thresholds the flags were raised by.' }),
  })
  .openapi('FlagList');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/flags',
    operationId: 'listFlags',
    tags: ['flags'],
    summary: 'The flags of the people within reach (open by default, or the newest 200 dismissed), optionally within a unit’s subtree',
    request: { query: ListFlagsQuery },
    responses: { 200: json(FlagList, 'The flags, newest first.'), 404: errorResponse('No such unit within reach.'), ...denied('Organizers, leaders and admins.'), ...commonErrors },
  }),
  dismiss: createRoute({
    method: 'post',
    path: '/flags/{flagId}/dismissal',
    operationId: 'dismissFlag',
    tags: ['flags'],
    summary: 'Dismiss an open flag with a reason, once (audited)',
    request: { params: z.object({ flagId: pathId('flagId') }), ...body(DismissFlagInput) },
    responses: {
      200: json(FlagView, 'Dismissed.'),
      404: errorResponse('No such flag within reach.'),
      409: errorResponse('Dismissed already.'),
      ...denied('Organizers, leaders and admins; 403 also when the flag concerns people outside the reader’s reach.'),
      ...commonErrors,
    },
  }),
};

export const flagRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, async (c) => c.json(await listFlags(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.dismiss, async (c) => c.json(await dismissFlag(c.get('actor'), c.req.valid('param').flagId, c.req.valid('json')), 200));
