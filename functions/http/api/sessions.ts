import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import {
  cancelSession,
  closeSession,
  createSession,
  getSession,
  getSessionCalendar,
  listSessions,
  reopenSession,
  saveMinutes,
  updateSession,
} from '../../domain/sessions/service.js';
import { CancelSessionInput, CloseSessionInput, CreateSessionInput, ListSessionsQuery, ReopenSessionInput, SaveMinutesInput, UpdateSessionInput } from '../../domain/sessions/schema.js';
import { download } from '../download.js';
import { SessionSummary, SessionView } from './session-schemas.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** Study sessions (组织生活): scheduling, reading, closing, and the minutes. Attendance is in session-attendance.ts. */

const params = z.object({ sessionId: pathId('sessionId') });
const missing = { 404: errorResponse('No such session, or not one the caller may see.') };
const stale = { 409: errorResponse('Changed since the caller read it (`details.current` is the version now), or no longer scheduled.') };
const organizers = denied('The branch’s organizers and admins only.');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/sessions',
    operationId: 'listSessions',
    tags: ['sessions'],
    summary: 'Sessions by start time: a branch’s (organizers and leaders within reach), or with `mine=true` those the caller is expected at',
    description: 'Without `branchId`, a member sees their own branch’s sessions that expect them. `from`/`to` are days in Shanghai, inclusive.',
    request: { query: ListSessionsQuery },
    responses: { 200: json(z.object({ items: z.array(SessionSummary) }), 'The sessions, earliest first.'), ...missing, ...denied(), ...commonErrors },
  }),
  create: createRoute({
    method: 'post',
    path: '/sessions',
    operationId: 'createSession',
    tags: ['sessions'],
    summary: 'Schedule a session for a branch (or a Party group in it)',
    request: body(CreateSessionInput),
    responses: { 201: json(SessionView, 'Scheduled.'), ...organizers, ...commonErrors },
  }),
  get: createRoute({
    method: 'get',
    path: '/sessions/{sessionId}',
    operationId: 'getSession',
    tags: ['sessions'],
    summary: 'One session: its plan, materials, minutes, and the caller’s own attendance, leave and make-up',
    request: { params },
    responses: { 200: json(SessionView, 'The session.'), ...missing, ...denied(), ...commonErrors },
  }),
  update: createRoute({
    method: 'put',
    path: '/sessions/{sessionId}',
    operationId: 'updateSession',
    tags: ['sessions'],
    summary: 'Change a scheduled session (conditional on the version read)',
    request: { params, ...body(UpdateSessionInput) },
    responses: { 200: json(SessionView, 'Saved.'), ...missing, ...stale, ...organizers, ...commonErrors },
  }),
  cancel: createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/cancel',
    operationId: 'cancelSession',
    tags: ['sessions'],
    summary: 'Cancel a scheduled session with a reason its people see; it is kept and never counts for the cadence',
    request: { params, ...body(CancelSessionInput) },
    responses: { 200: json(SessionView, 'Cancelled.'), ...missing, ...stale, ...organizers, ...commonErrors },
  }),
  close: createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/close',
    operationId: 'closeSession',
    tags: ['sessions'],
    summary: 'Close a session that has begun: the unmarked are marked absent (with a make-up task) and the attendance is counted',
    request: { params, ...body(CloseSessionInput) },
    responses: { 200: json(SessionView, 'Closed.'), ...missing, ...stale, ...organizers, ...commonErrors },
  }),
  reopen: createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/reopen',
    operationId: 'reopenSession',
    tags: ['sessions'],
    summary: 'Reopen a closed session (administrators; audited with the reason)',
    request: { params, ...body(ReopenSessionInput) },
    responses: { 200: json(SessionView, 'Reopened.'), ...missing, ...stale, ...denied('Administrators only.'), ...commonErrors },
  }),
  calendar: createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/calendar.ics',
    operationId: 'getSessionCalendar',
    tags: ['sessions'],
    summary: 'The session as a calendar file (iCalendar) to add to a phone’s calendar, with a reminder an hour before',
    request: { params },
    responses: {
      200: { description: 'An iCalendar file.', content: { 'text/calendar': { schema: z.string() } } },
      ...missing,
      ...denied(),
      ...commonErrors,
    },
  }),
  minutes: createRoute({
    method: 'put',
    path: '/sessions/{sessionId}/minutes',
    operationId: 'saveMinutes',
    tags: ['sessions'],
    summary: 'Write the minutes (会议记录): text with headings, decisions, optional photos and files (never required)',
    request: { params, ...body(SaveMinutesInput) },
    responses: { 200: json(SessionView, 'Saved.'), ...missing, 409: errorResponse('Someone else saved the minutes since the version sent.'), ...denied('The recorder, the host and the branch’s organizers.'), ...commonErrors },
  }),
};

export const sessionRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, async (c) => c.json(await listSessions(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.create, async (c) => c.json(await createSession(c.get('actor'), c.req.valid('json')), 201))
  .openapi(routes.get, async (c) => c.json(await getSession(c.get('actor'), c.req.valid('param').sessionId), 200))
  .openapi(routes.update, async (c) => c.json(await updateSession(c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200))
  .openapi(routes.cancel, async (c) => c.json(await cancelSession(c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200))
  .openapi(routes.close, async (c) => c.json(await closeSession(c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200))
  .openapi(routes.reopen, async (c) => c.json(await reopenSession(c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200))
  .openapi(routes.calendar, async (c) => download(c, await getSessionCalendar(c.get('actor'), c.req.valid('param').sessionId), 'session'))
  .openapi(routes.minutes, async (c) => c.json(await saveMinutes(c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200));
