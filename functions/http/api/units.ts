import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { createUnit, listUnits, updateUnit } from '../../domain/org/service.js';
import { CreateUnitInput, UpdateUnitInput } from '../../domain/org/schema.js';
import { commonErrors, denied, errorResponse, json } from './schemas.js';
import { UnitIdParam, UnitInTree, UnitView } from './people-schemas.js';


const list = createRoute({
  method: 'get',
  path: '/units',
  operationId: 'listUnits',
  tags: ['organisation'],
  summary: 'The organisation tree, depth first, with each unit’s depth and path of names',
  responses: { 200: json(z.object({ items: z.array(UnitInTree) }), 'Every unit, retired ones included.'), ...denied(), ...commonErrors },
});

const create = createRoute({
  method: 'post',
  path: '/units',
  operationId: 'createUnit',
  tags: ['organisation'],
  summary: 'Create a unit under another',
  request: { body: { required: true, content: { 'application/json': { schema: CreateUnitInput } } } },
  responses: { 201: json(UnitView, 'Created.'), ...denied(), ...commonErrors },
});

const update = createRoute({
  method: 'patch',
  path: '/units/{unitId}',
  operationId: 'updateUnit',
  tags: ['organisation'],
  summary: 'Rename, move, reorder, retire or reinstate a unit',
  description: 'Send the `version` you read: if someone changed the unit since, the answer is 409 and nothing is overwritten.',
  request: { params: UnitIdParam, body: { required: true, content: { 'application/json': { schema: UpdateUnitInput } } } },
  responses: {
    200: json(UnitView, 'Saved.'),
    404: errorResponse('No such unit.'),
    409: errorResponse('Changed by someone else meanwhile, or a unit with people cannot retire.'),
    ...denied(),
    ...commonErrors,
  },
});

export const unitRoutes = new OpenAPIHono<AppEnv>()
  .openapi(list, async (c) => c.json({ items: await listUnits(c.get('actor')) }, 200))
  .openapi(create, async (c) => c.json(await createUnit(c.get('actor'), c.req.valid('json')), 201))
  .openapi(update, async (c) => c.json(await updateUnit(c.get('actor'), c.req.valid('param').unitId, c.req.valid('json')), 200));
