import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { createDisplayLink, getDisplay, listDisplayLinks, revokeDisplayLink } from '../../domain/display/service.js';
import { CreateDisplayLinkInput } from '../../domain/display/schema.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** The hall's display: links (administrators) and the display itself, read by its token with no sign-in. */

const DisplayLinkView = z
  .object({
    linkId: z.string(),
    label: z.string(),
    units: z.array(z.object({ unitId: z.string(), name: z.string() })),
    createdByName: z.string(),
    createdAt: z.string(),
    validUntil: z.string(),
    revokedAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    status: z.enum(['active', 'revoked', 'expired']),
  })
  .openapi('DisplayLink');

const DisplayPledge = z.object({ pledgeCategory: z.string(), categoryName: z.string(), content: z.string(), state: z.enum(['approved', 'done']), progressCount: z.number().int() });

const Display = z
  .object({
    title: z.string(),
    generatedAt: z.string(),
    day: z.string().openapi({ description: 'Today in Shanghai.' }),
    weekday: z.number().int(),
    refreshSeconds: z.number().int().openapi({ description: 'Ask again after this many seconds.' }),
    rotateSeconds: z.number().int().openapi({ description: 'Show each page this long.' }),
    people: z.array(
      z.object({
        name: z.string(),
        partyStatus: z.enum(['full', 'probationary', 'none']).nullable(),
        post: z.string(),
        photoUrl: z.string().nullable(),
        rating: z.string().nullable(),
        pledges: z.array(DisplayPledge),
      }),
    ),
    branches: z.array(z.object({ name: z.string(), pledges: z.array(DisplayPledge) })),
    honours: z.array(z.object({ type: z.string(), typeName: z.string(), quarter: z.string(), nomineeKind: z.enum(['window', 'person']), name: z.string(), unitName: z.string(), reason: z.string() })),
  })
  .openapi('Display');

const admins = denied('Administrators only.');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/display-links',
    operationId: 'listDisplayLinks',
    tags: ['display'],
    summary: 'The hall display links: label, units, who made it, until when, revoked, last seen (never the secret)',
    responses: { 200: json(z.object({ items: z.array(DisplayLinkView) }), 'The links, newest first.'), ...admins, ...commonErrors },
  }),
  create: createRoute({
    method: 'post',
    path: '/display-links',
    operationId: 'createDisplayLink',
    tags: ['display'],
    summary: 'Make a display link for chosen units (1–20, subtrees count), valid 1–365 days; the token is answered this once',
    request: body(CreateDisplayLinkInput),
    responses: {
      201: json(z.object({ link: DisplayLinkView, token: z.string(), path: z.string().openapi({ description: 'The display’s address on this site.' }) }), 'Made; keep the address now: it is not shown again.'),
      ...admins,
      ...commonErrors,
    },
  }),
  revoke: createRoute({
    method: 'post',
    path: '/display-links/{linkId}/revoke',
    operationId: 'revokeDisplayLink',
    tags: ['display'],
    summary: 'Revoke a display link: its screen shows "ask for a new link" at its next refresh',
    request: { params: z.object({ linkId: pathId('linkId') }) },
    responses: { 200: json(DisplayLinkView, 'Revoked (or already so).'), 404: errorResponse('No such link.'), ...admins, ...commonErrors },
  }),
  get: createRoute({
    method: 'get',
    path: '/display/{token}',
    operationId: 'getDisplay',
    tags: ['display'],
    summary: 'What the hall’s screen shows now (no sign-in: the token is the key, and opens nothing else)',
    request: { params: z.object({ token: z.string().max(200).openapi({ param: { name: 'token', in: 'path' } }) }) },
    responses: { 200: json(Display, 'The people on duty today with their pledges, the branches’ pledges and the latest quarter’s honours.'), 404: errorResponse('The link is wrong, revoked or expired.'), ...commonErrors },
  }),
};

export const displayRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, async (c) => c.json(await listDisplayLinks(c.get('actor')), 200))
  .openapi(routes.create, async (c) => c.json(await createDisplayLink(c.get('actor'), c.req.valid('json')), 201))
  .openapi(routes.revoke, async (c) => c.json(await revokeDisplayLink(c.get('actor'), c.req.valid('param').linkId), 200))
  .openapi(routes.get, async (c) => {
    const answer = await getDisplay(c.req.valid('param').token);
    c.header('cache-control', 'no-store');
    return c.json(answer, 200);
  });
