import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import {
  checkIn,
  checkInPerson,
  confirmMakeUp,
  decideLeave,
  getCheckInCode,
  getPersonalCode,
  getRoster,
  markAttendance,
  requestLeave,
  submitMakeUp,
} from '../../domain/sessions/attendance-service.js';
import { CheckInInput, CheckInPersonInput, DecideLeaveInput, MarkAttendanceInput, RequestLeaveInput, SubmitMakeUpInput } from '../../domain/sessions/schema.js';
import { CheckInCode, CheckInResult, PersonalCode, Roster, SessionView } from './session-schemas.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** Attendance: check-in by a rotating code, the roster that is the record, leave, and make-up study (补学). */

const params = z.object({ sessionId: pathId('sessionId') });
const personParams = params.extend({ personId: pathId('personId') });
const missing = { 404: errorResponse('No such session (or person on it), or not one the caller may see.') };
const hosts = denied('The session’s host and recorder, the branch’s organizers, admins.');
const organizers = denied('The branch’s organizers and admins only.');

const routes = {
  code: createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/check-in-code',
    operationId: 'getCheckInCode',
    tags: ['attendance'],
    summary: 'The check-in view’s code: six digits and a QR token that change every 15 s (an HMAC of the session and the window, not stored), and the live count',
    request: { params },
    responses: { 200: json(CheckInCode, 'The current code; ask again at `windowEndsAt`.'), ...missing, ...hosts, ...commonErrors },
  }),
  checkIn: createRoute({
    method: 'post',
    path: '/check-ins',
    operationId: 'checkIn',
    tags: ['attendance'],
    summary: 'Check in with a scanned token or the six digits on the screen (current or previous window); once per person and session',
    description: 'A second check-in answers the same record (`outcome: already`). A token whose window has gone answers 409 `stale` (“scan again”). No location is asked for.',
    request: body(CheckInInput),
    responses: {
      200: json(CheckInResult, 'Recorded, or already recorded.'),
      ...missing,
      409: errorResponse('The code is stale, wrong, or check-in is not open (`details.reason`: stale, invalid, malformed, notYet, over, closed, cancelled).'),
      ...denied('Not on the session’s list.'),
      ...commonErrors,
    },
  }),
  personal: createRoute({
    method: 'get',
    path: '/me/check-in-code',
    operationId: 'getPersonalCode',
    tags: ['attendance'],
    summary: 'My own rotating code for a host to scan (reverse check-in), changing every 15 s',
    responses: { 200: json(PersonalCode, 'My current code.'), ...denied(), ...commonErrors },
  }),
  checkInPerson: createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/check-ins',
    operationId: 'checkInPerson',
    tags: ['attendance'],
    summary: 'The host checks a member in by scanning their personal code (or typing its six digits)',
    request: { params, ...body(CheckInPersonInput) },
    responses: { 200: json(CheckInResult, 'Recorded, or already recorded.'), ...missing, 409: errorResponse('Stale or unknown code, or check-in not open (`details.reason`).'), ...hosts, ...commonErrors },
  }),
  roster: createRoute({
    method: 'get',
    path: '/sessions/{sessionId}/roster',
    operationId: 'getRoster',
    tags: ['attendance'],
    summary: 'The roster: every expected person with their mark, check-in time, leave and make-up',
    request: { params },
    responses: { 200: json(Roster, 'The roster now.'), ...missing, ...hosts, ...commonErrors },
  }),
  mark: createRoute({
    method: 'put',
    path: '/sessions/{sessionId}/roster',
    operationId: 'markAttendance',
    tags: ['attendance'],
    summary: 'Set marks (出席/迟到/请假/缺席) for one or more people; the host’s mark wins over a check-in (whose time is kept)',
    request: { params, ...body(MarkAttendanceInput) },
    responses: { 200: json(Roster, 'The roster after the marks.'), ...missing, 409: errorResponse('The session is cancelled.'), ...hosts, ...commonErrors },
  }),
  leave: createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/leave',
    operationId: 'requestLeave',
    tags: ['attendance'],
    summary: 'Ask for leave before the session, with a reason (asking again replaces a pending request’s reason)',
    request: { params, ...body(RequestLeaveInput) },
    responses: { 200: json(SessionView, 'Asked.'), ...missing, 409: errorResponse('The session has begun, or the caller has checked in, or it was decided.'), ...denied('Not on the session’s list.'), ...commonErrors },
  }),
  decideLeave: createRoute({
    method: 'put',
    path: '/sessions/{sessionId}/leave/{personId}',
    operationId: 'decideLeave',
    tags: ['attendance'],
    summary: 'Approve (the roster reads 请假 and a make-up task appears) or refuse a leave request',
    request: { params: personParams, ...body(DecideLeaveInput) },
    responses: { 200: json(Roster, 'Decided.'), ...missing, 409: errorResponse('Already decided, or the person has checked in.'), ...organizers, ...commonErrors },
  }),
  submitMakeUp: createRoute({
    method: 'put',
    path: '/sessions/{sessionId}/make-up',
    operationId: 'submitMakeUp',
    tags: ['attendance'],
    summary: 'Hand in my make-up study (补学): a reflection on the minutes and materials',
    request: { params, ...body(SubmitMakeUpInput) },
    responses: { 200: json(SessionView, 'Handed in.'), ...missing, 409: errorResponse('No make-up is due, or it is already confirmed.'), ...denied(), ...commonErrors },
  }),
  confirmMakeUp: createRoute({
    method: 'post',
    path: '/sessions/{sessionId}/make-up/{personId}/confirm',
    operationId: 'confirmMakeUp',
    tags: ['attendance'],
    summary: 'Confirm a person’s make-up; the roster reads “made up”',
    request: { params: personParams },
    responses: { 200: json(Roster, 'Confirmed.'), ...missing, 409: errorResponse('No make-up, or already confirmed.'), ...organizers, ...commonErrors },
  }),
};

export const sessionAttendanceRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.code, async (c) => c.json(await getCheckInCode(c.get('actor'), c.req.valid('param').sessionId), 200))
  .openapi(routes.checkIn, async (c) => c.json(await checkIn(c.get('actor'), c.req.valid('json')), 200))
  .openapi(routes.personal, async (c) => c.json(await getPersonalCode(c.get('actor')), 200))
  .openapi(routes.checkInPerson, async (c) => c.json(await checkInPerson(c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200))
  .openapi(routes.roster, async (c) => c.json(await getRoster(c.get('actor'), c.req.valid('param').sessionId), 200))
  .openapi(routes.mark, async (c) => c.json(await markAttendance(c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200))
  .openapi(routes.leave, async (c) => c.json(await requestLeave(c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200))
  .openapi(routes.decideLeave, async (c) => {
    const { sessionId, personId } = c.req.valid('param');
    return c.json(await decideLeave(c.get('actor'), sessionId, personId, c.req.valid('json')), 200);
  })
  .openapi(routes.submitMakeUp, async (c) => c.json(await submitMakeUp(c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200))
  .openapi(routes.confirmMakeUp, async (c) => {
    const { sessionId, personId } = c.req.valid('param');
    return c.json(await confirmMakeUp(c.get('actor'), sessionId, personId), 200);
  });
