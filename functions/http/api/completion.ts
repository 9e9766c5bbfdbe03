import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { exportCourseCompletion, getCourseCompletion, refreshCourseCompletion } from '../../domain/stats/service.js';
import { download } from '../download.js';
import { completionStates } from '../../domain/stats/schema.js';
import { commonErrors, denied, errorResponse, pathId, queryId } from './schemas.js';

const Counts = z.object({ total: z.number().int(), done: z.number().int(), inProgress: z.number().int(), notStarted: z.number().int(), overdue: z.number().int() }).openapi('CompletionCounts');
/** Figures per unit from the rollup items, as courses and assigned quizzes answer them. */
export const CompletionFigures = z.object({
  asOf: z.string().nullable().openapi({ description: 'When the oldest figure shown was computed; null if never.' }),
  units: z.array(z.object({ unitId: z.string(), name: z.string(), depth: z.number().int(), direct: Counts, subtree: Counts, computedAt: z.string().nullable() })),
  people: z
    .array(z.object({ personId: z.string(), name: z.string(), login: z.string(), state: z.enum(completionStates), completedAt: z.string().nullable() }))
    .nullable()
    .openapi({ description: 'With `unitId`: that unit’s own people and their states.' }),
});
const Completion = z
  .object({
    courseId: z.string(),
    courseTitle: z.string(),
    assignmentId: z.string().nullable(),
    ...CompletionFigures.shape,
  })
  .openapi('Completion');

const CourseParam = z.object({ courseId: pathId('courseId') });
const refused = { ...denied('Organizers, leaders and admins only.'), 404: errorResponse('No such course, or a unit outside the caller’s reach.') };

const get = createRoute({
  method: 'get',
  path: '/courses/{courseId}/completion',
  operationId: 'getCourseCompletion',
  tags: ['statistics'],
  summary: 'Completion of a course or one of its assignments, per unit of the caller’s part of the tree',
  request: {
    params: CourseParam,
    query: z.object({ assignmentId: queryId(), unitId: queryId('Drill down to this unit’s people.') }),
  },
  responses: { 200: { description: 'Figures, each with the time it was computed.', content: { 'application/json': { schema: Completion } } }, ...refused, ...commonErrors },
});

const exportFile = createRoute({
  method: 'get',
  path: '/courses/{courseId}/completion/export',
  operationId: 'exportCourseCompletion',
  tags: ['statistics'],
  summary: 'The same figures as a spreadsheet: an Excel workbook (a sheet per unit and a sheet of people), or one of them as CSV',
  request: {
    params: CourseParam,
    query: z.object({
      assignmentId: queryId(),
      format: z.enum(['xlsx', 'csv']).default('xlsx'),
      part: z
        .enum(['units', 'people'])
        .default('units')
        .openapi({ description: 'For CSV: `units`, a row per unit; `people`, a row per person, the unfinished first. A workbook has both.' }),
    }),
  },
  responses: {
    200: {
      description: 'A file in the caller’s language, offered for download.',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
        'text/csv': { schema: z.string() },
      },
    },
    ...refused,
    ...commonErrors,
  },
});

const refresh = createRoute({
  method: 'post',
  path: '/courses/{courseId}/completion/refresh',
  operationId: 'refreshCourseCompletion',
  tags: ['statistics'],
  summary: 'Recompute a course’s completion figures now (the schedule does it every 15 minutes)',
  request: { params: CourseParam },
  responses: {
    200: { description: 'Recomputed.', content: { 'application/json': { schema: z.object({ assignments: z.number().int(), units: z.number().int() }) } } },
    ...refused,
    ...commonErrors,
  },
});

export const completionRoutes = new OpenAPIHono<AppEnv>()
  .openapi(get, async (c) => c.json(await getCourseCompletion(c.get('actor'), c.req.valid('param').courseId, c.req.valid('query')), 200))
  .openapi(exportFile, async (c) => download(c, await exportCourseCompletion(c.get('actor'), c.req.valid('param').courseId, c.req.valid('query')), 'completion'))
  .openapi(refresh, async (c) => c.json(await refreshCourseCompletion(c.get('actor'), c.req.valid('param').courseId), 200));
