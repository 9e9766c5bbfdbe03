import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { checkHealth } from '../../platform/health.js';
import { commonErrors } from './schemas.js';

const Check = z.object({
  ok: z.boolean(),
  ms: z.number().openapi({ description: 'How long the check took, in milliseconds.' }),
  reason: z.string().optional().openapi({ description: 'Why the check failed.' }),
});

const Health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    version: z.string(),
    time: z.string().openapi({ format: 'date-time' }),
    checks: z.object({ table: Check, bucket: Check }),
  })
  .openapi('Health');

const getHealth = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['platform'],
  summary: 'Whether the table and the uploads bucket are reachable, and the running version',
  responses: {
    200: { description: 'Everything the platform needs is reachable.', content: { 'application/json': { schema: Health } } },
    503: { description: 'Something the platform needs is not reachable; `checks` says what and why.', content: { 'application/json': { schema: Health } } },
    500: commonErrors[500],
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(getHealth, async (c) => {
  const health = await checkHealth();
  return c.json(health, health.status === 'ok' ? 200 : 503);
});
