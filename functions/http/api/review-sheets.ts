import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { exportReviewSheet, getReviewSheet } from '../../domain/review/service.js';
import { ReviewExportQuery, ReviewSheets } from '../../domain/review/schema.js';
import { download } from '../download.js';
import { commonErrors, denied, errorResponse, json, queryId } from './schemas.js';

/** The year's review sheets (民主评议) of a branch: one per member, as a page and as a workbook. */

const readers = denied('Organizers and leaders (within their reach) and admins only.');
const outside = { 404: errorResponse('No such branch, or one outside the caller’s reach.') };
const year = z.coerce.number().int().min(2000).max(2100);

const routes = {
  sheets: createRoute({
    method: 'get',
    path: '/review-sheets',
    operationId: 'getReviewSheet',
    tags: ['pledges'],
    summary: 'A branch’s review sheets for a year: per member their pledges and rating, study credit, courses, quizzes, sessions and honours',
    description:
      'Facts for the branch meeting (民主评议); grades are the branch’s decision and the sheet only informs. Without `branchId`, the caller’s own branch if in reach, else the first in reach; without `year`, this year. `branches` lists the branches the caller may open; `asOf` says when the facts were read.',
    request: { query: z.object({ branchId: queryId('The branch.'), year: year.optional() }) },
    responses: { 200: json(z.object(ReviewSheets.shape).openapi('ReviewSheets'), 'The sheets, by name.'), ...outside, ...readers, ...commonErrors },
  }),
  export: createRoute({
    method: 'get',
    path: '/review-sheets/export',
    operationId: 'exportReviewSheet',
    tags: ['pledges'],
    summary: 'The same review sheets as a workbook: a summary sheet (one row per member), then one worksheet per member',
    request: { query: ReviewExportQuery },
    responses: {
      200: { description: 'A workbook in the caller’s language.', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } },
      ...outside,
      ...readers,
      ...commonErrors,
    },
  }),
};

export const reviewSheetRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.sheets, async (c) => c.json(await getReviewSheet(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.export, async (c) => download(c, await exportReviewSheet(c.get('actor'), c.req.valid('query')), 'review-sheets'));
