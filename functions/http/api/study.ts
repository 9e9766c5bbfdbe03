import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { getMyRecord, recordStudy } from '../../domain/study/service.js';
import { StudyBeatInput } from '../../domain/study/schema.js';
import { CourseParam, LessonProgressView, missing } from './courses.js';
import { body, commonErrors, denied, errorResponse, json } from './schemas.js';

/** The lesson page's heartbeat and one's record of study (学习档案). */

const routes = {
  study: createRoute({
    method: 'post',
    path: '/courses/{courseId}/study',
    operationId: 'recordStudy',
    tags: ['study'],
    summary: 'A heartbeat from a lesson page while it is visible and in focus',
    description:
      'Credits only the real time since the person’s previous heartbeat, whatever lesson, tab or device it came from (at most 45 s); `hidden` stops the clock. ' +
      'Heartbeats faster than a page sends them (four at once, then one per half heartbeat interval) answer 429 with Retry-After and change nothing.',
    request: { params: CourseParam, ...body(StudyBeatInput) },
    responses: {
      200: json(
        z.object({ creditedSeconds: z.number(), lesson: LessonProgressView.omit({ positionSeconds: true }), courseCompletedAt: z.string().nullable() }),
        'What was credited, and where the lesson and course stand.',
      ),
      429: errorResponse('Sooner after the previous heartbeats than pages send them: nothing credited; try again after Retry-After seconds.'),
      ...missing,
      ...denied(),
      ...commonErrors,
    },
  }),
  record: createRoute({
    method: 'get',
    path: '/me/record',
    operationId: 'getMyRecord',
    tags: ['study'],
    summary: 'My record (学习档案): courses done and in progress, 学时 this year against the target',
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
    responses: {
      200: json(
        z.object({
          year: z.number().int(),
          target: z.number(),
          creditThisYear: z.number(),
          completed: z.array(z.object({ courseId: z.string(), title: z.string(), credit: z.number(), completedAt: z.string() })),
          inProgress: z.array(z.object({ courseId: z.string(), title: z.string(), credit: z.number(), lastStudiedAt: z.string(), lessonsDone: z.number().int() })),
          testsPassed: z
            .array(z.object({ courseId: z.string(), title: z.string(), quizId: z.string().nullable(), credit: z.number(), passedAt: z.string() }))
            .openapi({ description: 'Courses’ final tests passed, each crediting its 学时 (0.5) once, in the year first passed.' }),
        }),
        'My record.',
      ),
      ...denied(),
      ...commonErrors,
    },
  }),
};

export const studyRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.study, async (c) => c.json(await recordStudy(c.get('actor'), c.req.valid('param').courseId, c.req.valid('json')), 200))
  .openapi(routes.record, async (c) => c.json(await getMyRecord(c.get('actor'), c.req.valid('query')), 200));;
