import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { createCourse, createLesson, listCourses, publishCourse, updateCourse, updateLesson } from '../../domain/courses/service.js';
import { courseCategories, courseStatuses, CreateCourseInput, CreateLessonInput, lessonKinds, UpdateCourseInput, UpdateLessonInput } from '../../domain/courses/schema.js';
import { getCourse } from '../../domain/study/service.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** The catalogue and its lessons. Assigning lives in assignments.ts, study and one's record in study.ts. */

export const missing = { 404: errorResponse('No such course or lesson within the caller’s reach.') };
const conflict = { 409: errorResponse('Changed by someone else meanwhile: reload and try again.') };

const LessonView = z
  .object({
    lessonId: z.string(),
    title: z.string(),
    kind: z.enum(lessonKinds),
    body: z.string().optional(),
    materialKey: z.string().optional().openapi({ description: 'Where the video or PDF is stored (editors only).' }),
    url: z.string().optional(),
    minSeconds: z.number().int().openapi({ description: 'The minimum study time the editor set.' }),
    durationSeconds: z.number().int(),
  })
  .openapi('Lesson');

const CourseFields = {
  courseId: z.string(),
  title: z.string(),
  summary: z.string(),
  category: z.enum(courseCategories),
  credit: z.number(),
  status: z.enum(courseStatuses),
  ownerUnitId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
};

/** A course as its editors save it. */
/** A course's final test on its page: passing it is part of completing the course, and credits 0.5 学时 once. */
const FinalTestView = z
  .object({
    quizId: z.string(),
    title: z.string(),
    passPercent: z.number(),
    credit: z.number().openapi({ description: 'The 学时 its first pass credits.' }),
    standing: z.enum(['notStarted', 'inProgress', 'passed', 'notPassed', 'awaitingResult']),
    passedAt: z.string().nullable(),
  })
  .nullable()
  .openapi('CourseFinalTest', { description: 'The course’s published final test and where I stand in it; null when it has none.' });

const CourseView = z.object({ ...CourseFields, coverKey: z.string().nullable(), lessons: z.array(LessonView) }).openapi('Course');

/** A catalogue entry: what a card shows, without lesson bodies or storage keys. */
const CourseSummaryView = z
  .object({
    ...CourseFields,
    coverUrl: z.string().nullable().openapi({ description: 'A short-lived address of the cover image.' }),
    lessonCount: z.number().int(),
    requiredSeconds: z.number().int().openapi({ description: 'The study time all its lessons need, as heartbeats count it.' }),
  })
  .openapi('CourseSummary');

/** A course as someone allowed to see it reads it (getCourse). */
const CourseReading = z
  .object({
    ...CourseFields,
    coverKey: z.string().optional().openapi({ description: 'Editors only.' }),
    coverUrl: z.string().nullable().openapi({ description: 'A short-lived address of the cover image.' }),
    lessons: z.array(
      LessonView.extend({
        materialUrl: z.string().optional().openapi({ description: 'A short-lived address of the video or PDF.' }),
        requiredSeconds: z.number().int().openapi({ description: 'The study time that completes it, as heartbeats count it.' }),
      }),
    ),
  })
  .openapi('CourseReading');

/** Where a person stands in one lesson (getCourse, and the heartbeat's answer). */
export const LessonProgressView = z.object({
  lessonId: z.string(),
  studiedSeconds: z.number(),
  furthestSeconds: z.number(),
  positionSeconds: z.number(),
  completedAt: z.string().nullable(),
});

export const CourseParam = z.object({ courseId: pathId('courseId') });
const LessonParam = CourseParam.extend({ lessonId: pathId('lessonId') });
const Version = z.object({ version: z.number().int().min(1) }).strict();

const routes = {
  list: createRoute({
    method: 'get',
    path: '/courses',
    operationId: 'listCourses',
    tags: ['courses'],
    summary: 'The catalogue (published courses; editors may ask for their drafts or archived ones)',
    request: { query: z.object({ status: z.enum(courseStatuses).optional() }) },
    responses: { 200: json(z.object({ items: z.array(CourseSummaryView) }), 'Courses, newest change first.'), ...denied(), ...commonErrors },
  }),
  get: createRoute({
    method: 'get',
    path: '/courses/{courseId}',
    operationId: 'getCourse',
    tags: ['courses'],
    summary: 'A course with its lessons and the caller’s progress',
    request: { params: CourseParam },
    responses: {
      200: json(z.object({ course: CourseReading, progress: z.object({ completedAt: z.string().nullable(), lessons: z.array(LessonProgressView) }).nullable(), finalTest: FinalTestView, editable: z.boolean() }), 'The course.'),
      ...missing,
      ...denied(),
      ...commonErrors,
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/courses',
    operationId: 'createCourse',
    tags: ['courses'],
    summary: 'Create a course (a draft)',
    request: body(CreateCourseInput),
    responses: { 201: json(CourseView, 'Created.'), ...denied(), ...commonErrors },
  }),
  update: createRoute({
    method: 'patch',
    path: '/courses/{courseId}',
    operationId: 'updateCourse',
    tags: ['courses'],
    summary: 'Edit a course, or set it back to draft or archive it',
    description: 'Send the `version` you read; a 409 means someone else saved in between and nothing was overwritten.',
    request: { params: CourseParam, ...body(UpdateCourseInput) },
    responses: { 200: json(CourseView, 'Saved.'), ...missing, ...conflict, ...denied(), ...commonErrors },
  }),
  publish: createRoute({
    method: 'post',
    path: '/courses/{courseId}/publish',
    operationId: 'publishCourse',
    tags: ['courses'],
    summary: 'Publish a course',
    request: { params: CourseParam, ...body(Version) },
    responses: { 200: json(CourseView, 'Published.'), ...missing, ...conflict, ...denied(), ...commonErrors },
  }),
  createLesson: createRoute({
    method: 'post',
    path: '/courses/{courseId}/lessons',
    operationId: 'createLesson',
    tags: ['courses'],
    summary: 'Add a lesson at the end of a course',
    request: { params: CourseParam, ...body(CreateLessonInput) },
    responses: { 201: json(CourseView, 'The course with the new lesson.'), ...missing, ...conflict, ...denied(), ...commonErrors },
  }),
  updateLesson: createRoute({
    method: 'patch',
    path: '/courses/{courseId}/lessons/{lessonId}',
    operationId: 'updateLesson',
    tags: ['courses'],
    summary: 'Edit or move a lesson',
    request: { params: LessonParam, ...body(UpdateLessonInput) },
    responses: { 200: json(CourseView, 'The course.'), ...missing, ...conflict, ...denied(), ...commonErrors },
  }),
};

export const courseRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, async (c) => c.json({ items: await listCourses(c.get('actor'), c.req.valid('query')) }, 200))
  .openapi(routes.get, async (c) => c.json(await getCourse(c.get('actor'), c.req.valid('param').courseId), 200))
  .openapi(routes.create, async (c) => c.json(await createCourse(c.get('actor'), c.req.valid('json')), 201))
  .openapi(routes.update, async (c) => c.json(await updateCourse(c.get('actor'), c.req.valid('param').courseId, c.req.valid('json')), 200))
  .openapi(routes.publish, async (c) => c.json(await publishCourse(c.get('actor'), c.req.valid('param').courseId, c.req.valid('json')), 200))
  .openapi(routes.createLesson, async (c) => c.json(await createLesson(c.get('actor'), c.req.valid('param').courseId, c.req.valid('json')), 201))
  .openapi(routes.updateLesson, async (c) => {
    const { courseId, lessonId } = c.req.valid('param');
    return c.json(await updateLesson(c.get('actor'), courseId, lessonId, c.req.valid('json')), 200);
  });
