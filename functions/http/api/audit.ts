import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { exportAudit, listAudit } from '../../domain/audit/service.js';
import { download } from '../download.js';
import { AuditFilter, auditActions, targetTypes } from '../../domain/audit/schema.js';
import { commonErrors, denied, json } from './schemas.js';
import { Cursor } from './people-schemas.js';

const AuditEntryView = z
  .object({
    auditId: z.string(),
    at: z.string(),
    action: z.enum(auditActions),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    target: z.object({ type: z.enum(targetTypes), id: z.string(), label: z.string() }),
    changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).optional(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .openapi('AuditEntry');

/** The domain's own filter (the same checks on the same fields), with paging. */
const Query = AuditFilter.extend({
  actorId: AuditFilter.shape.actorId.meta({ description: 'Only what this person did.' }),
  targetId: AuditFilter.shape.targetId.meta({ description: 'Only what happened to this person, unit, login or import.' }),
  from: AuditFilter.shape.from.meta({ description: 'From this date (YYYY-MM-DD, Shanghai) or instant.' }),
  to: AuditFilter.shape.to.meta({ description: 'Up to this date (inclusive) or instant.' }),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const list = createRoute({
  method: 'get',
  path: '/audit',
  operationId: 'listAudit',
  tags: ['audit'],
  summary: 'The audit log, newest first',
  request: { query: Query },
  responses: {
    200: json(z.object({ items: z.array(AuditEntryView), cursor: Cursor }), 'A page of entries.'),
    ...denied('The audit administrator only.'),
    ...commonErrors,
  },
});

const exportLog = createRoute({
  method: 'get',
  path: '/audit/export',
  operationId: 'exportAudit',
  tags: ['audit'],
  summary: 'The entries the filter selects as an Excel workbook, newest first (the export is itself recorded)',
  request: { query: Query.omit({ cursor: true, limit: true }) },
  responses: {
    200: { description: 'A workbook in the caller’s language.', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...denied('The audit administrator only.'),
    ...commonErrors,
  },
});

export const auditRoutes = new OpenAPIHono<AppEnv>()
  .openapi(list, async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query');
    return c.json(await listAudit(c.get('actor'), filter, { cursor: cursor ?? null, ...(limit ? { limit } : {}) }), 200);
  })
  .openapi(exportLog, async (c) => download(c, await exportAudit(c.get('actor'), c.req.valid('query')), 'audit'));
