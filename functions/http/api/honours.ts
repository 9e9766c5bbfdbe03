import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { decideHonour, listHonours, nominateHonour } from '../../domain/honours/service.js';
import { DecideHonourInput, HonourState, HonourType, ListHonoursQuery, NominateHonourInput } from '../../domain/honours/schema.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** Quarterly honours (红旗窗口, 群众满意窗口, 党员先锋岗, 最美服务之星): nominating, deciding, listing. */

const HonourView = z
  .object({
    honourId: z.string(),
    quarter: z.string(),
    honourType: HonourType,
    typeName: z.string(),
    nomineeKind: z.enum(['window', 'person']),
    name: z.string().openapi({ description: 'The person’s name, or the window’s.' }),
    personId: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
    reason: z.string(),
    state: HonourState,
    evidence: z.array(z.object({ fileName: z.string(), kind: z.enum(['photo', 'pdf']), url: z.string() })),
    nominatedByName: z.string().nullable(),
    nominatedAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    may: z.object({ decide: z.boolean() }),
  })
  .openapi('Honour');

const HonourList = z
  .object({
    quarters: z.array(z.string()).openapi({ description: 'The quarters listed, newest first.' }),
    types: z.array(z.object({ code: HonourType, name: z.string(), nominee: z.enum(['window', 'person']) })),
    items: z.array(HonourView),
    may: z.object({ nominate: z.boolean() }),
  })
  .openapi('HonourList');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/honours',
    operationId: 'listHonours',
    tags: ['honours'],
    summary: 'A quarter’s honours (default: this quarter and the one before): awarded ones for everyone, nominations for those who reach them',
    request: { query: ListHonoursQuery },
    responses: { 200: json(HonourList, 'The honours, newest quarter first.'), 404: errorResponse('No such unit.'), ...denied(), ...commonErrors },
  }),
  nominate: createRoute({
    method: 'post',
    path: '/honours',
    operationId: 'nominateHonour',
    tags: ['honours'],
    summary: 'Nominate a window (a unit in reach and the window’s name) or a person in reach for this quarter or the one before',
    request: body(NominateHonourInput),
    responses: { 201: json(HonourView, 'Nominated.'), 404: errorResponse('No such person or unit within reach.'), ...denied('Organizers and admins.'), ...commonErrors },
  }),
  decide: createRoute({
    method: 'post',
    path: '/honours/{honourId}/decision',
    operationId: 'decideHonour',
    tags: ['honours'],
    summary: 'Award or decline a nomination, once (leaders within reach of the nominee’s unit)',
    request: { params: z.object({ honourId: pathId('honourId') }), ...body(DecideHonourInput) },
    responses: {
      200: json(HonourView, 'Decided.'),
      404: errorResponse('No such nomination within reach.'),
      409: errorResponse('Decided already (`details.state`).'),
      ...denied('Leaders and admins.'),
      ...commonErrors,
    },
  }),
};

export const honourRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, async (c) => c.json(await listHonours(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.nominate, async (c) => c.json(await nominateHonour(c.get('actor'), c.req.valid('json')), 201))
  .openapi(routes.decide, async (c) => c.json(await decideHonour(c.get('actor'), c.req.valid('param').honourId, c.req.valid('json')), 200));
