import { z } from '@hono/zod-openapi';
import { COMMENT_KINDS, OWNER_KINDS, PLEDGE_STATES, pledgeCategoryCodes, pledgeRatingCodes } from '../../domain/pledges/schema.js';

/** The shapes the pledge routes answer with (pledges.ts, pledge-year.ts). */

const Category = z.enum(pledgeCategoryCodes);
const Rating = z.enum(pledgeRatingCodes);
const State = z.enum(PLEDGE_STATES);
const PartyStatus = z.enum(['full', 'probationary', 'none']).nullable();

export const PledgeView = z
  .object({
    pledgeId: z.string(),
    year: z.number().int(),
    ownerKind: z.enum(OWNER_KINDS),
    ownerId: z.string(),
    ownerName: z.string(),
    branchId: z.string(),
    branchName: z.string(),
    pledgeCategory: Category,
    content: z.string(),
    measures: z.string(),
    dueDate: z.string(),
    state: State,
    returnReason: z.string().nullable().openapi({ description: 'Why it was returned: for its owner and reviewers only.' }),
    submittedAt: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    progressCount: z.number().int(),
    lastProgressAt: z.string().nullable(),
    assessment: z.string().nullable().openapi({ description: 'The owner’s self-assessment: for the owner, reviewers, and the branch’s members during the review.' }),
    assessedAt: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
    may: z.object({
      edit: z.boolean(),
      review: z.boolean().openapi({ description: 'Approve or return it now (a reviewer in reach who did not write it, while it waits).' }),
      addProgress: z.boolean(),
      comment: z.boolean(),
      assess: z.boolean(),
    }),
  })
  .openapi('PledgeView');

const FileLink = z.object({ fileName: z.string(), kind: z.enum(['photo', 'pdf']), url: z.string() });

export const PledgeDetail = PledgeView.extend({
  progress: z.array(
    z.object({ entryId: z.string(), text: z.string(), doneOn: z.string(), evidence: z.array(FileLink), authorName: z.string(), createdAt: z.string() }),
  ),
  comments: z.array(
    z.object({
      commentId: z.string(),
      kind: z.enum(COMMENT_KINDS),
      text: z.string(),
      authorName: z.string().nullable().openapi({ description: 'Null for a peer’s comment read by the pledge’s owner.' }),
      createdAt: z.string(),
    }),
  ),
}).openapi('PledgeDetail');

const RatingStep = z.object({ rating: Rating, reason: z.string(), byName: z.string(), at: z.string() }).nullable();

export const ProfileView = z
  .object({
    post: z.string(),
    photo: z.object({ fileName: z.string(), url: z.string() }).nullable(),
    dutyDays: z.array(z.number().int()),
    version: z.number().int().openapi({ description: '0 until first saved.' }),
  })
  .openapi('PledgeProfileView');

export const WindowView = z
  .object({ unitId: z.string(), opensOn: z.string(), closesOn: z.string(), open: z.boolean() })
  .nullable()
  .openapi('PledgeWindowView');

export const PledgeYear = z
  .object({
    year: z.number().int(),
    scope: z.enum(['own', 'branch']),
    branch: z.object({ unitId: z.string(), name: z.string() }).nullable(),
    window: WindowView,
    owners: z.array(
      z.object({
        ownerKind: z.enum(OWNER_KINDS),
        ownerId: z.string(),
        name: z.string(),
        partyStatus: PartyStatus,
        items: z.array(PledgeView),
        counts: z.object({ draft: z.number().int(), submitted: z.number().int(), returned: z.number().int(), approved: z.number().int(), done: z.number().int() }),
        rating: z
          .object({ proposal: RatingStep, decision: RatingStep })
          .nullable()
          .openapi({ description: 'Reviewers see the proposal and the decision; the member sees the decision once recorded.' }),
      }),
    ),
    profile: ProfileView.nullable(),
    ratings: z
      .object({
        members: z.number().int(),
        proposed: z.number().int(),
        decided: z.number().int(),
        excellent: z.number().int(),
        excellentShare: z.number(),
        warnExcellent: z.boolean().openapi({ description: 'More than a third of the members read 优秀 (decided, or proposed where not decided).' }),
      })
      .nullable(),
    may: z.object({ create: z.boolean(), rate: z.boolean(), review: z.boolean() }),
  })
  .openapi('PledgeYear');

export const BoardCard = z
  .object({
    ownerKind: z.enum(OWNER_KINDS),
    ownerId: z.string(),
    name: z.string(),
    unitName: z.string(),
    branchName: z.string(),
    partyStatus: PartyStatus,
    post: z.string(),
    photoUrl: z.string().nullable(),
    dutyDays: z.array(z.number().int()),
    pledges: z.array(
      z.object({
        pledgeId: z.string(),
        pledgeCategory: Category,
        content: z.string(),
        measures: z.string(),
        dueDate: z.string(),
        state: z.enum(['approved', 'done']),
        progressCount: z.number().int(),
        lastProgressAt: z.string().nullable(),
      }),
    ),
    rating: Rating.nullable(),
  })
  .openapi('PledgeBoardCard');

export const BoardHonour = z
  .object({
    honourId: z.string(),
    type: z.string(),
    typeName: z.string(),
    quarter: z.string(),
    nomineeKind: z.enum(['window', 'person']),
    name: z.string(),
    unitName: z.string(),
    reason: z.string(),
  })
  .openapi('PledgeBoardHonour');

export const PledgeBoard = z
  .object({
    year: z.number().int(),
    unit: z.object({ unitId: z.string(), name: z.string(), kind: z.string() }),
    path: z.array(z.object({ unitId: z.string(), name: z.string() })),
    children: z.array(z.object({ unitId: z.string(), name: z.string(), kind: z.string(), cards: z.number().int() })),
    cards: z.array(BoardCard),
    honours: z.array(BoardHonour),
    asOf: z.string(),
  })
  .openapi('PledgeBoard');

export const ReviewWindowView = z
  .object({ unitId: z.string(), year: z.number().int(), opensOn: z.string(), closesOn: z.string(), openedBy: z.string(), openedAt: z.string() })
  .openapi('ReviewWindow');
