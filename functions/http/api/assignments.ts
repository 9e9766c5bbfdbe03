import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { assignCourse, assignQuiz, listCourseAssignments, listMyTasks } from '../../domain/assignments/service.js';
import { AssignCourseInput, AssignQuizInput } from '../../domain/assignments/schema.js';
import { CourseParam, missing } from './courses.js';
import { QuizParam } from './quiz-definitions.js';
import { body, commonErrors, denied, errorResponse, json } from './schemas.js';

/** Assigning a course or a quiz to an audience, the assignments of a course, and one's own tasks. */

const taskStates = ['done', 'overdue', 'dueSoon', 'assigned'] as const;

const CourseTask = z
  .object({
    kind: z.literal('course'),
    assignmentId: z.string(),
    courseId: z.string(),
    courseTitle: z.string(),
    required: z.boolean(),
    dueAt: z.string(),
    state: z.enum(taskStates).openapi({ description: 'Done once the course is complete: its lessons, and its final test if it has one.' }),
    started: z.boolean(),
    completedAt: z.string().nullable(),
  })
  .openapi('CourseTask');

const QuizTask = z
  .object({
    kind: z.literal('quiz'),
    assignmentId: z.string(),
    quizId: z.string(),
    quizTitle: z.string(),
    required: z.boolean(),
    dueAt: z.string(),
    state: z.enum(taskStates).openapi({ description: 'Done once an attempt is shown passed.' }),
    standing: z.enum(['notStarted', 'inProgress', 'passed', 'notPassed', 'awaitingResult']).openapi({
      description: 'Where I stand: no attempt yet, an attempt open, passed, every result shown and none passed, or a result the review policy still holds back.',
    }),
    passedAt: z.string().nullable(),
  })
  .openapi('QuizTask');

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
  assignQuiz: createRoute({
    method: 'post',
    path: '/quizzes/{quizId}/assignments',
    operationId: 'assignQuiz',
    tags: ['quizzes'],
    summary: 'Assign a published quiz to an audience with a due date (as a course is assigned)',
    description: 'Its audience may then take it, and it is in their tasks. A draft is refused with 409.',
    request: { params: QuizParam, ...body(AssignQuizInput) },
    responses: {
      201: json(z.object({ assignmentId: z.string(), quizId: z.string(), dueAt: z.string(), required: z.boolean() }), 'Assigned.'),
      404: errorResponse('No such quiz, or not one the caller may see.'),
      409: errorResponse('The quiz is not published yet.'),
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
    summary: 'What is assigned to me, courses and quizzes: overdue, due soon, assigned, done',
    responses: {
      200: json(
        z.object({
          items: z.array(z.discriminatedUnion('kind', [CourseTask, QuizTask])),
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
  .openapi(routes.assignQuiz, async (c) => {
    const assignment = await assignQuiz(c.get('actor'), c.req.valid('param').quizId, c.req.valid('json'));
    return c.json({ assignmentId: assignment.assignmentId, quizId: assignment.quizId, dueAt: assignment.dueAt, required: assignment.required }, 201);
  })
  .openapi(routes.assignments, async (c) => c.json({ items: await listCourseAssignments(c.get('actor'), c.req.valid('param').courseId) }, 200))
  .openapi(routes.tasks, async (c) => c.json({ items: await listMyTasks(c.get('actor')) }, 200));
