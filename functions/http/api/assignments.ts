import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { assignCourse, listCourseAssignments, listMyTasks } from '../../domain/assignments/service.js';
import { AssignCourseInput } from '../../domain/assignments/schema.js';
import { CourseParam, missing } from './courses.js';
import { body, commonErrors, denied, json } from './schemas.js';

/** Assigning a course to an audience, the assignments of a course, and one's own tasks. */

const AssignmentListItem = z
  .object({
    assignmentId: z.string(),
    required: z.boolean(),
    dueAt: z.string(),
    createdAt: z.string(),
    audience: z.object({
      kind: z.enum(['everyone', 'units', 'members', 'people']),
      units: z.array(z.object({ unitId: z.string(), name: z.string() })),
      people: z.number().int().openapi({ description: 'How many people a `people` audience names.' }),
    }),
  })
  .openapi('CourseAssignment');

const routes = {
  assign: createRoute({
    method: 'post',
    path: '/courses/{courseId}/assignments',
    operationId: 'assignCourse',
    tags: ['courses'],
    summary: 'Assign a published course to an audience with a due date',
    request: { params: CourseParam, ...body(AssignCourseInput) },
    responses: {
      201: json(z.object({ assignmentId: z.string(), courseId: z.string(), dueAt: z.string(), required: z.boolean() }), 'Assigned.'),
      ...missing,
      ...denied(),
      ...commonErrors,
    },
  }),
  assignments: createRoute({
    method: 'get',
    path: '/courses/{courseId}/assignments',
    operationId: 'listCourseAssignments',
    tags: ['courses'],
    summary: 'The assignments of a course that concern the caller’s part of the organisation, latest due first',
    request: { params: CourseParam },
    responses: { 200: json(z.object({ items: z.array(AssignmentListItem) }), 'Assignments.'), ...missing, ...denied(), ...commonErrors },
  }),
  tasks: createRoute({
    method: 'get',
    path: '/me/tasks',
    operationId: 'listMyTasks',
    tags: ['study'],
    summary: 'What is assigned to me: overdue, due soon, assigned, done',
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({
              assignmentId: z.string(),
              courseId: z.string(),
              courseTitle: z.string(),
              required: z.boolean(),
              dueAt: z.string(),
              state: z.enum(['done', 'overdue', 'dueSoon', 'assigned']),
              started: z.boolean(),
              completedAt: z.string().nullable(),
            }),
          ),
        }),
        'My tasks, most urgent first.',
      ),
      ...denied(),
      ...commonErrors,
    },
  }),
};

export const assignmentRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.assign, async (c) => {
    const assignment = await assignCourse(c.get('actor'), c.req.valid('param').courseId, c.req.valid('json'));
    return c.json({ assignmentId: assignment.assignmentId, courseId: assignment.courseId, dueAt: assignment.dueAt, required: assignment.required }, 201);
  })
  .openapi(routes.assignments, async (c) => c.json({ items: await listCourseAssignments(c.get('actor'), c.req.valid('param').courseId) }, 200))
  .openapi(routes.tasks, async (c) => c.json({ items: await listMyTasks(c.get('actor')) }, 200));
