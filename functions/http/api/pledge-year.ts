import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { listPledges, ratePledges, setReviewWindow } from '../../domain/pledges/judging-service.js';
import { getPledgeBoard, updatePledgeProfile } from '../../domain/pledges/board-service.js';
import { BoardQuery, ListPledgesQuery, ProfileInput, RatePledgesInput, ReviewWindowInput } from '../../domain/pledges/schema.js';
import { PledgeBoard, PledgeYear, ProfileView, ReviewWindowView } from './pledge-schemas.js';
import { body, commonErrors, denied, errorResponse, json } from './schemas.js';

/** A year's pledges as a whole: the member's or a branch's year, the ratings (评诺), the review window, the board, the card. */

const routes = {
  list: createRoute({
    method: 'get',
    path: '/pledges',
    operationId: 'listPledges',
    tags: ['pledges'],
    summary: 'A year’s pledges: the caller’s own (with their card and published rating), or with `branchId` a branch’s (its organizers and leaders)',
    request: { query: ListPledgesQuery },
    responses: { 200: json(PledgeYear, 'The year.'), 404: errorResponse('No such branch within the caller’s reach.'), ...denied(), ...commonErrors },
  }),
  rate: createRoute({
    method: 'put',
    path: '/pledge-ratings',
    operationId: 'ratePledges',
    tags: ['pledges'],
    summary: 'Propose ratings for members of a branch, or record the branch’s decisions (published to the member and, as a summary, to the board)',
    description: 'The answer is the branch’s year, with `ratings.warnExcellent` when more than a third of the members read 优秀.',
    request: body(RatePledgesInput),
    responses: { 200: json(PledgeYear, 'Saved.'), 404: errorResponse('No such branch within reach.'), 409: errorResponse('The review window is not open.'), ...denied('The branch’s organizers and admins.'), ...commonErrors },
  }),
  window: createRoute({
    method: 'put',
    path: '/pledge-windows',
    operationId: 'setReviewWindow',
    tags: ['pledges'],
    summary: 'Open (or move) a unit’s year-end review window (评诺); branches below it without their own follow it',
    request: body(ReviewWindowInput),
    responses: { 200: json(ReviewWindowView, 'Opened.'), ...denied('Administrators only.'), ...commonErrors },
  }),
  board: createRoute({
    method: 'get',
    path: '/pledge-board',
    operationId: 'getPledgeBoard',
    tags: ['pledges'],
    summary: 'The public board of a unit (its subtree): each member’s card (亮身份、亮岗位、亮承诺) and the quarter’s honours',
    description: 'Only public content: names, posts, Party status, photos chosen, approved pledges with progress counts, decided ratings. Never a login, a phone number or a comment.',
    request: { query: BoardQuery },
    responses: { 200: json(PledgeBoard, 'The board.'), 404: errorResponse('No such unit.'), ...denied(), ...commonErrors },
  }),
  profile: createRoute({
    method: 'put',
    path: '/me/pledge-profile',
    operationId: 'updatePledgeProfile',
    tags: ['pledges'],
    summary: 'The caller’s public card: post or window, an optional photo, days on duty (conditional on the version read)',
    request: body(ProfileInput),
    responses: { 200: json(ProfileView, 'Saved.'), 409: errorResponse('Changed since read.'), ...denied(), ...commonErrors },
  }),
};

export const pledgeYearRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, async (c) => c.json(await listPledges(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.rate, async (c) => c.json(await ratePledges(c.get('actor'), c.req.valid('json')), 200))
  .openapi(routes.window, async (c) => c.json(await setReviewWindow(c.get('actor'), c.req.valid('json')), 200))
  .openapi(routes.board, async (c) => c.json(await getPledgeBoard(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.profile, async (c) => c.json(await updatePledgeProfile(c.get('actor'), c.req.valid('json')), 200));
