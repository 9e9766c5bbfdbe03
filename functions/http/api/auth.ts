import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { changePassword, signIn, signOut } from '../../domain/access/service.js';
import { ChangePasswordInput, SignInInput } from '../../domain/access/schema.js';
import { getMe } from '../../domain/people/service.js';
import { capabilitiesOf, capabilityNames, reachOf } from '../../domain/authz/capabilities.js';
import type { Actor } from '../../domain/authz/permissions.js';
import { clientAddress } from '../client-address.js';
import { clearSessionCookie, writeSessionCookie } from '../session-cookie.js';
import { deviceIdOf } from '../device-cookie.js';
import { rememberLanguage } from './preferences.js';
import { getCookie } from 'hono/cookie';
import { langCookie } from '../../platform/i18n.js';
import { commonErrors, denied, errorResponse, json } from './schemas.js';
import { PersonView } from './people-schemas.js';


/** The signed-in person, with what the interface may offer them (read off the permission table). */
const MeView = PersonView.extend({
  capabilities: z.array(z.enum(capabilityNames)).openapi({
    description:
      'What this person may do, as parts of the interface: `study` (courses, tasks, record), `ownAccount` (profile, password), ' +
      '`readPeople` (the people list), `managePeople` (new accounts, edits, password resets), `editCourses` (courses, lessons, ' +
      'assignments), `readQuizStats` (quiz results and statistics), `readCompletion` (completion figures), `administer` (units, accounts, imports, audit log, system status, API reference), `attendSessions` (study sessions: check-in, leave, make-up), `organizeSessions` (scheduling sessions, rosters, leave and make-up decisions), `readCadence` (the branches’ meeting cadence, attendance figures, archives). ' +
      'Computed from the permission table; a client shows only what is listed here.',
  }),
  reach: z.partialRecord(z.enum(capabilityNames), z.union([z.literal('all'), z.array(z.string())])).openapi({
    description:
      'For each capability listed, how far it reaches in the organisation tree: `"all"`, or the units whose subtrees it reaches ' +
      '(an empty list: only the person’s own records). A client offers only units within reach; the API decides again.',
  }),
  unreadNotifications: z.number().int().openapi({ description: 'Notifications in the person’s inbox not yet read (the bell in the header).' }),
}).openapi('Me');

/** The answer about oneself: the person as described for display (getMe checks the session), and their capabilities. */
async function describeMe(actor: Actor | null) {
  const me = await getMe(actor);
  return { ...me, capabilities: capabilitiesOf(actor!), reach: reachOf(actor!) };
}


const login = createRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'login',
  tags: ['access'],
  summary: 'Sign in with a login (employee number or mobile) and password',
  description: 'Sets an HttpOnly session cookie (and a device cookie when the browser has none: its hash is recorded with each successful sign-in). Five failures on one account within 15 minutes lock it for 15 minutes (429 with Retry-After).',
  request: { body: { required: true, content: { 'application/json': { schema: SignInInput } } } },
  responses: {
    200: json(z.object({ me: MeView }), 'Signed in; the session cookie is set.'),
    401: errorResponse('The login or password is not correct (the answer never says which).'),
    429: errorResponse('Too many failed attempts; see Retry-After.'),
    ...commonErrors,
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  operationId: 'logout',
  tags: ['access'],
  summary: 'Sign out of this browser',
  responses: { 204: { description: 'Signed out; the session is ended and the cookie cleared.' }, ...denied(), ...commonErrors },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags: ['access'],
  summary: 'The signed-in person',
  responses: { 200: json(MeView, 'The signed-in person, with unit and role names and what they may do.'), ...denied(), ...commonErrors },
});

const password = createRoute({
  method: 'post',
  path: '/me/password',
  operationId: 'changePassword',
  tags: ['access'],
  summary: 'Change one’s own password',
  description: 'Ends every other session of the person; this browser gets a new session cookie.',
  request: { body: { required: true, content: { 'application/json': { schema: ChangePasswordInput } } } },
  responses: { 200: json(z.object({ me: MeView }), 'Changed.'), ...denied(), ...commonErrors },
});

export const authRoutes = new OpenAPIHono<AppEnv>()
  .openapi(login, async (c) => {
    const result = await signIn(c.req.valid('json'), {
      address: clientAddress(c),
      userAgent: c.req.header('user-agent'),
      previousToken: c.get('sessionToken'),
      deviceId: deviceIdOf(c),
    });
    writeSessionCookie(c, result.token);
    // The person's own language follows them to a browser that has made no choice of its own.
    if (!getCookie(c, langCookie)) rememberLanguage(c, result.me.lang);
    const described = await describeMe({ ...result.me, sessionId: result.session.sessionId });
    return c.json({ me: described }, 200);
  })
  .openapi(logout, async (c) => {
    await signOut(c.get('actor'), c.get('sessionToken'));
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(me, async (c) => c.json(await describeMe(c.get('actor')), 200))
  .openapi(password, async (c) => {
    const result = await changePassword(c.get('actor'), c.req.valid('json'), {
      address: clientAddress(c),
      userAgent: c.req.header('user-agent'),
      previousToken: c.get('sessionToken'),
    });
    writeSessionCookie(c, result.token);
    const described = await describeMe({ ...result.me, sessionId: '' });
    return c.json({ me: described }, 200);
  });
