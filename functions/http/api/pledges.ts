import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { addPledgeProgress, assessPledge, commentPledge, createPledge, getPledge, reviewPledge, submitPledges, updatePledge } from '../../domain/pledges/service.js';
import { AddProgressInput, AssessPledgeInput, CommentPledgeInput, CreatePledgeInput, ReviewPledgeInput, SubmitPledgesInput, UpdatePledgeInput } from '../../domain/pledges/schema.js';
import { PledgeDetail, PledgeView } from './pledge-schemas.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

/** Pledges (承诺践诺评诺), one item at a time: write, hand in, review, keep, comment, assess. The year's view is in pledge-year.ts. */

const params = z.object({ pledgeId: pathId('pledgeId') });
const missing = { 404: errorResponse('No such pledge, or not one the caller may see.') };
const stale = { 409: errorResponse('Changed since the caller read it (`details.currentVersion` is the version now), or not in a state that allows this.') };

const routes = {
  create: createRoute({
    method: 'post',
    path: '/pledges',
    operationId: 'createPledge',
    tags: ['pledges'],
    summary: 'Write a pledge for a year (a draft): the caller’s own, or with `branchId` the branch’s as an organisation',
    request: body(CreatePledgeInput),
    responses: { 201: json(PledgeView, 'Written.'), ...denied('Not a Party member, or not an organizer of that branch.'), ...commonErrors },
  }),
  submit: createRoute({
    method: 'post',
    path: '/pledge-submissions',
    operationId: 'submitPledges',
    tags: ['pledges'],
    summary: 'Hand in every draft and returned pledge of a year for review',
    request: body(SubmitPledgesInput),
    responses: { 200: json(z.object({ items: z.array(PledgeView) }), 'Handed in.'), 409: errorResponse('Nothing to hand in.'), ...denied(), ...commonErrors },
  }),
  get: createRoute({
    method: 'get',
    path: '/pledges/{pledgeId}',
    operationId: 'getPledge',
    tags: ['pledges'],
    summary: 'One pledge with its record of what was done (践诺) and the comments the caller may see',
    request: { params },
    responses: { 200: json(PledgeDetail, 'The pledge.'), ...missing, ...denied(), ...commonErrors },
  }),
  update: createRoute({
    method: 'put',
    path: '/pledges/{pledgeId}',
    operationId: 'updatePledge',
    tags: ['pledges'],
    summary: 'Change a draft or returned pledge (conditional on the version read)',
    request: { params, ...body(UpdatePledgeInput) },
    responses: { 200: json(PledgeView, 'Saved.'), ...missing, ...stale, ...denied('Only its owner.'), ...commonErrors },
  }),
  review: createRoute({
    method: 'post',
    path: '/pledges/{pledgeId}/review',
    operationId: 'reviewPledge',
    tags: ['pledges'],
    summary: 'Approve a pledge (it becomes public) or return it with a reason its owner sees',
    request: { params, ...body(ReviewPledgeInput) },
    responses: { 200: json(PledgeView, 'Reviewed.'), ...missing, ...stale, ...denied('Organizers and leaders in reach; never one’s own.'), ...commonErrors },
  }),
  progress: createRoute({
    method: 'post',
    path: '/pledges/{pledgeId}/progress',
    operationId: 'addPledgeProgress',
    tags: ['pledges'],
    summary: 'Record what was done for an approved pledge, with optional photos or PDFs; `markDone` marks it kept in full',
    request: { params, ...body(AddProgressInput) },
    responses: { 201: json(PledgeDetail, 'Recorded.'), ...missing, ...stale, ...denied('Only its owner.'), ...commonErrors },
  }),
  comment: createRoute({
    method: 'post',
    path: '/pledges/{pledgeId}/comments',
    operationId: 'commentPledge',
    tags: ['pledges'],
    summary: 'Comment on a pledge: its organizers at any time, the branch’s members on public pledges while the review is open',
    request: { params, ...body(CommentPledgeInput) },
    responses: { 201: json(PledgeDetail, 'Added.'), ...missing, ...denied('Not an organizer in reach, nor a member of its branch during the review.'), ...commonErrors },
  }),
  assess: createRoute({
    method: 'put',
    path: '/pledges/{pledgeId}/assessment',
    operationId: 'assessPledge',
    tags: ['pledges'],
    summary: 'The owner’s self-assessment of an approved pledge, while the review window is open',
    request: { params, ...body(AssessPledgeInput) },
    responses: { 200: json(PledgeView, 'Saved.'), ...missing, 409: errorResponse('Not approved, or the review is not open.'), ...denied('Only its owner.'), ...commonErrors },
  }),
};

export const pledgeRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.create, async (c) => c.json(await createPledge(c.get('actor'), c.req.valid('json')), 201))
  .openapi(routes.submit, async (c) => c.json(await submitPledges(c.get('actor'), c.req.valid('json')), 200))
  .openapi(routes.get, async (c) => c.json(await getPledge(c.get('actor'), c.req.valid('param').pledgeId), 200))
  .openapi(routes.update, async (c) => c.json(await updatePledge(c.get('actor'), c.req.valid('param').pledgeId, c.req.valid('json')), 200))
  .openapi(routes.review, async (c) => c.json(await reviewPledge(c.get('actor'), c.req.valid('param').pledgeId, c.req.valid('json')), 200))
  .openapi(routes.progress, async (c) => c.json(await addPledgeProgress(c.get('actor'), c.req.valid('param').pledgeId, c.req.valid('json')), 201))
  .openapi(routes.comment, async (c) => c.json(await commentPledge(c.get('actor'), c.req.valid('param').pledgeId, c.req.valid('json')), 201))
  .openapi(routes.assess, async (c) => c.json(await assessPledge(c.get('actor'), c.req.valid('param').pledgeId, c.req.valid('json')), 200));
