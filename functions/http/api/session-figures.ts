import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { exportSessionArchive, getAttendanceFigures, getCadence, setCadenceRules } from '../../domain/sessions/figures-service.js';
import { ArchiveQuery, FiguresQuery, SetCadenceRulesInput } from '../../domain/sessions/schema.js';
import { download } from '../download.js';
import { AttendanceFigures, CadenceView } from './session-schemas.js';
import { body, commonErrors, denied, errorResponse, json, queryId } from './schemas.js';

/** The cadence (三会一课) of every branch in reach, attendance figures, and the year-end archive. */

const readers = denied('Organizers, leaders and admins only.');
const outside = { 404: errorResponse('No such branch, or one outside the caller’s reach.') };

const routes = {
  cadence: createRoute({
    method: 'get',
    path: '/sessions/cadence',
    operationId: 'getCadence',
    tags: ['sessions'],
    summary: 'Each branch in reach against the cadence rules in the current month, quarter and year, with its attendance this year',
    description: 'Read from one rollup item per branch and year (kept by every session write), whatever the number of sessions; `computedAt` says “as of”.',
    request: { query: z.object({ unitId: queryId('Only the branches within this unit.') }) },
    responses: { 200: json(CadenceView, 'The branches, in tree order.'), ...outside, ...readers, ...commonErrors },
  }),
  rules: createRoute({
    method: 'put',
    path: '/sessions/cadence/rules',
    operationId: 'setCadenceRules',
    tags: ['sessions'],
    summary: 'Replace the cadence rules (type → period, count): a county with other local rules sets its own',
    request: body(SetCadenceRulesInput),
    responses: { 200: json(CadenceView, 'The cadence under the new rules.'), ...denied('Administrators only.'), ...commonErrors },
  }),
  figures: createRoute({
    method: 'get',
    path: '/sessions/figures',
    operationId: 'getAttendanceFigures',
    tags: ['sessions'],
    summary: 'A branch’s attendance in a year, per person and per session (drill down from the cadence)',
    request: { query: FiguresQuery.extend({ unitId: queryId('The branch.') }) },
    responses: { 200: json(AttendanceFigures, 'The figures.'), ...outside, ...readers, ...commonErrors },
  }),
  archive: createRoute({
    method: 'get',
    path: '/sessions/archive.xlsx',
    operationId: 'exportSessionArchive',
    tags: ['sessions'],
    summary: 'A branch’s year for inspection: every session with type, date, topic, host and attendance; each roster; each person’s figures',
    request: { query: ArchiveQuery },
    responses: {
      200: { description: 'A workbook in the caller’s language.', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } },
      ...outside,
      ...readers,
      ...commonErrors,
    },
  }),
};

export const sessionFigureRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.cadence, async (c) => c.json(await getCadence(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.rules, async (c) => c.json(await setCadenceRules(c.get('actor'), c.req.valid('json')), 200))
  .openapi(routes.figures, async (c) => c.json(await getAttendanceFigures(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.archive, async (c) => download(c, await exportSessionArchive(c.get('actor'), c.req.valid('query')), 'sessions'));
