import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { exportOverview, getOverview, getPersonRecord, getUnitOverview } from '../../domain/overview/service.js';
import { getHome } from '../../domain/home/service.js';
import { Home } from '../../domain/home/schema.js';
import { Overview, OverviewQuery, PersonRecord, UnitOverview, UnitOverviewQuery } from '../../domain/overview/schema.js';
import { download } from '../download.js';
import { commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

// Domain schemas may be made before the OpenAPI extension loads (the seed imports them): named here, made anew.

/** Each person's home, and the overview across requirements (统计) with its drill-down to a person's record. */

const readers = denied('Organizers and leaders (within their reach) and admins only.');
const outside = (what: string) => ({ 404: errorResponse(`No such ${what}, or one outside the caller’s reach.`) });

const routes = {
  home: createRoute({
    method: 'get',
    path: '/me/home',
    operationId: 'getHome',
    tags: ['overview'],
    summary: 'The caller’s home: what is due (overdue first), 学时 against the target, the lesson to continue; for organizers their branches’ worklists, for leaders the overview’s figures',
    responses: { 200: json(z.object(Home.shape).openapi('Home'), 'The home.'), ...commonErrors },
  }),
  overview: createRoute({
    method: 'get',
    path: '/overview',
    operationId: 'getOverview',
    tags: ['overview'],
    summary: 'Per unit within reach, the share of people meeting each requirement this year, with colours by rules that are data and the monthly trend',
    description: 'Units are compared only by the share of their people meeting requirements; no person is ranked. `asOf` is the oldest figure shown.',
    request: { query: OverviewQuery.pick({ year: true }) },
    responses: { 200: json(z.object(Overview.shape).openapi('Overview'), 'The overview.'), ...readers, ...commonErrors },
  }),
  unit: createRoute({
    method: 'get',
    path: '/overview/units/{unitId}',
    operationId: 'getUnitOverview',
    tags: ['overview'],
    summary: 'One unit: its figures, its sub-units’ figures and its own people (by name) with the requirements each meets',
    request: { params: z.object({ unitId: pathId('unitId') }), query: UnitOverviewQuery },
    responses: { 200: json(z.object(UnitOverview.shape).openapi('UnitOverview'), 'The unit.'), ...outside('unit'), ...readers, ...commonErrors },
  }),
  person: createRoute({
    method: 'get',
    path: '/overview/people/{personId}',
    operationId: 'getPersonRecord',
    tags: ['overview'],
    summary: 'A person’s record for the year: where they stand against each requirement, and their courses, quizzes, sessions and pledges',
    request: { params: z.object({ personId: pathId('personId') }), query: UnitOverviewQuery },
    responses: { 200: json(z.object(PersonRecord.shape).openapi('PersonRecord'), 'The record.'), ...outside('person'), ...commonErrors },
  }),
  export: createRoute({
    method: 'get',
    path: '/overview/export',
    operationId: 'exportOverview',
    tags: ['overview'],
    summary: 'Exactly what the overview shows as an Excel workbook: every unit within reach, or with `unitId` that unit, its sub-units and its people',
    request: { query: OverviewQuery },
    responses: {
      200: { description: 'A workbook in the caller’s language.', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } },
      ...outside('unit'),
      ...readers,
      ...commonErrors,
    },
  }),
};

export const overviewRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.home, async (c) => c.json(await getHome(c.get('actor')), 200))
  .openapi(routes.overview, async (c) => c.json(await getOverview(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.export, async (c) => download(c, await exportOverview(c.get('actor'), c.req.valid('query')), 'overview'))
  .openapi(routes.unit, async (c) => c.json(await getUnitOverview(c.get('actor'), c.req.valid('param').unitId, c.req.valid('query')), 200))
  .openapi(routes.person, async (c) => c.json(await getPersonRecord(c.get('actor'), c.req.valid('param').personId, c.req.valid('query')), 200));
