import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { createPerson, getPerson, listPeople, resetPassword, setPersonRoles, updatePerson } from '../../domain/people/service.js';
import { CreatePersonInput, ListPeopleQuery, ResetPasswordInput, SetPersonRolesInput, UpdatePersonInput } from '../../domain/people/schema.js';
import { commonErrors, denied, errorResponse, json } from './schemas.js';
import { Cursor, PersonIdParam, PersonView } from './people-schemas.js';


/** The domain's own query, as a query string carries it (booleans and numbers arrive as text). */
const ListQuery = ListPeopleQuery.extend({
  q: ListPeopleQuery.shape.q.meta({ description: 'Part of a name or login.' }),
  unitId: ListPeopleQuery.shape.unitId.meta({ description: 'Only this unit and the units under it.' }),
  includeDisabled: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const list = createRoute({
  method: 'get',
  path: '/people',
  operationId: 'listPeople',
  tags: ['people'],
  summary: 'People the caller may see, by login, searchable and paged',
  description: 'Organizers and leaders see the people of their part of the tree; admins see everyone.',
  request: { query: ListQuery },
  responses: { 200: json(z.object({ items: z.array(PersonView), cursor: Cursor }), 'A page of people.'), ...denied(), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/people/{personId}',
  operationId: 'getPerson',
  tags: ['people'],
  summary: 'One person',
  request: { params: PersonIdParam },
  responses: { 200: json(PersonView, 'The person.'), 404: errorResponse('No such person within the caller’s reach.'), ...denied(), ...commonErrors },
});

const create = createRoute({
  method: 'post',
  path: '/people',
  operationId: 'createPerson',
  tags: ['people'],
  summary: 'Create an account',
  description: 'The person must set a new password at first sign-in. Without `initialPassword` one is generated; it is returned once.',
  request: { body: { required: true, content: { 'application/json': { schema: CreatePersonInput } } } },
  responses: {
    201: json(z.object({ person: PersonView, initialPassword: z.string() }), 'Created.'),
    409: errorResponse('The login is taken.'),
    ...denied(),
    ...commonErrors,
  },
});

const update = createRoute({
  method: 'patch',
  path: '/people/{personId}',
  operationId: 'updatePerson',
  tags: ['people'],
  summary: 'Edit, disable or re-enable an account',
  description: 'Send the `version` you read. Disabling ends the person’s sessions at once; their records stay.',
  request: { params: PersonIdParam, body: { required: true, content: { 'application/json': { schema: UpdatePersonInput } } } },
  responses: {
    200: json(PersonView, 'Saved.'),
    404: errorResponse('No such person.'),
    409: errorResponse('Changed by someone else meanwhile, or the new login is taken.'),
    ...denied(),
    ...commonErrors,
  },
});

const roles = createRoute({
  method: 'put',
  path: '/people/{personId}/roles',
  operationId: 'setPersonRoles',
  tags: ['people'],
  summary: 'Grant and withdraw a person’s roles (the security administrator)',
  description:
    'Replaces the person’s roles (staff is always kept). 三员分立: at most one of sysadmin, secadmin and auditor per person; nobody changes their own roles; the last security administrator keeps the role. Send the `version` you read.',
  request: { params: PersonIdParam, body: { required: true, content: { 'application/json': { schema: SetPersonRolesInput } } } },
  responses: {
    200: json(PersonView, 'Saved.'),
    404: errorResponse('No such person.'),
    409: errorResponse('Changed by someone else meanwhile, or it would take the role of the last security administrator.'),
    ...denied(),
    ...commonErrors,
  },
});

const reset = createRoute({
  method: 'post',
  path: '/people/{personId}/password-reset',
  operationId: 'resetPassword',
  tags: ['people'],
  summary: 'Give a person a new one-time password',
  description: 'Ends the person’s sessions; they must set their own password at next sign-in.',
  request: { params: PersonIdParam, body: { required: false, content: { 'application/json': { schema: ResetPasswordInput } } } },
  responses: {
    200: json(z.object({ personId: z.string(), temporaryPassword: z.string(), version: z.number().int() }), 'The one-time password, shown once.'),
    404: errorResponse('No such person.'),
    ...denied(),
    ...commonErrors,
  },
});

export const peopleRoutes = new OpenAPIHono<AppEnv>()
  .openapi(list, async (c) => {
    const { includeDisabled, ...query } = c.req.valid('query');
    return c.json(await listPeople(c.get('actor'), { ...query, includeDisabled: includeDisabled === 'true' }), 200);
  })
  .openapi(get, async (c) => c.json(await getPerson(c.get('actor'), c.req.valid('param').personId), 200))
  .openapi(create, async (c) => c.json(await createPerson(c.get('actor'), c.req.valid('json')), 201))
  .openapi(update, async (c) => c.json(await updatePerson(c.get('actor'), c.req.valid('param').personId, c.req.valid('json')), 200))
  .openapi(roles, async (c) => c.json(await setPersonRoles(c.get('actor'), c.req.valid('param').personId, c.req.valid('json')), 200))
  .openapi(reset, async (c) => {
    const body = c.req.header('content-type')?.includes('application/json') ? c.req.valid('json') : {};
    return c.json(await resetPassword(c.get('actor'), c.req.valid('param').personId, body), 200);
  });
