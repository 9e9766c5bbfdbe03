/**
 * Pledges (承诺践诺评诺): what a member promises for the year, item by item; the review that approves or returns each
 * item; the public card (亮身份、亮岗位、亮承诺) that shows the approved ones; the ledger of what was done (践诺); and the
 * year-end judgement (评诺): self-assessment, peers' comments, the organizer's proposal and the branch's decision.
 *
 * Categories and ratings are data (a county with other local rules changes the lists); codes are stable: they are
 * stored on items and sent by the API, the names are what people read.
 */
import { z } from 'zod';
import { Id, Timestamp, day, text } from '../../platform/fields.js';
import { pledgesLabels } from './messages.js';

/** Pledge categories, in the order a form offers them. */
export const PLEDGE_CATEGORIES = [
  { code: 'study', zh: '学习', en: 'study' },
  { code: 'work', zh: '工作', en: 'work' },
  { code: 'service', zh: '服务', en: 'service' },
  { code: 'discipline', zh: '自律', en: 'self-discipline' },
] as const;
export type PledgeCategory = (typeof PLEDGE_CATEGORIES)[number]['code'];
export const pledgeCategoryCodes = PLEDGE_CATEGORIES.map((c) => c.code) as [PledgeCategory, ...PledgeCategory[]];
export const PledgeCategory = z.enum(pledgeCategoryCodes);

/** The year-end ratings (评诺), best first. `excellent` is usually at most a third of a branch's members. */
export const PLEDGE_RATINGS = [
  { code: 'excellent', zh: '优秀', en: 'excellent' },
  { code: 'qualified', zh: '合格', en: 'qualified' },
  { code: 'basicallyQualified', zh: '基本合格', en: 'basically qualified' },
  { code: 'unqualified', zh: '不合格', en: 'unqualified' },
] as const;
export type PledgeRating = (typeof PLEDGE_RATINGS)[number]['code'];
export const pledgeRatingCodes = PLEDGE_RATINGS.map((r) => r.code) as [PledgeRating, ...PledgeRating[]];
export const PledgeRating = z.enum(pledgeRatingCodes);
/** The share of a branch's rated members above which the rating screen warns (优秀一般不超过三分之一). */
export const EXCELLENT_SHARE_WARNING = 1 / 3;

/**
 * An item's life: written (`draft`), handed in (`submitted`), then `approved` (public from then on) or `returned`
 * with a reason the owner answers by editing and handing in again; an approved item becomes `done` when its owner
 * says so (early, or at the end). Approved and done items are the public ones.
 */
export const PLEDGE_STATES = ['draft', 'submitted', 'returned', 'approved', 'done'] as const;
export const PledgeState = z.enum(PLEDGE_STATES);
export type PledgeState = z.infer<typeof PledgeState>;
export const PUBLIC_STATES: readonly PledgeState[] = ['approved', 'done'];

/** Whose pledge: a member's own, or a branch's as an organisation (made by its organizers). */
export const OWNER_KINDS = ['person', 'branch'] as const;
export const OwnerKind = z.enum(OWNER_KINDS);
export type OwnerKind = z.infer<typeof OwnerKind>;

/** Days of the week as ISO numbers (1 Monday … 7 Sunday). */
export const Weekday = z.number().int().min(1).max(7);

export const PledgeYear = z.coerce.number().int().min(2000).max(2100);

/** A file attached as evidence: a photo or a PDF, checked as a lesson's cover is (uploads area). */
export const EvidenceFile = z.object({ key: z.string(), fileName: z.string(), kind: z.enum(['photo', 'pdf']) });
export type EvidenceFile = z.infer<typeof EvidenceFile>;
/** What a form sends to attach a file: an upload it made and checked. */
export const EvidenceRef = z.object({ uploadId: z.string().min(1).max(64), kind: z.enum(['photo', 'pdf']) }).strict();
export type EvidenceRef = z.infer<typeof EvidenceRef>;

// ─── Stored shapes ─────────────────────────────────────────────────────────────────────────────────────────────────

export const Pledge = z.object({
  pledgeId: Id,
  year: z.number().int(),
  ownerKind: OwnerKind,
  /** The person, or the branch for an organisation's pledge. */
  ownerId: Id,
  /** The branch the pledge belongs to (the owner's branch when written; the branch itself for its own). */
  branchId: Id,
  /** The owner's unit when written (the branch for its own): where the board lists it. */
  unitId: Id,
  pledgeCategory: PledgeCategory,
  content: z.string(),
  measures: z.string(),
  dueDate: z.string(),
  state: PledgeState,
  returnReason: z.string().nullable(),
  reviewedBy: Id.nullable(),
  reviewedAt: Timestamp.nullable(),
  submittedAt: Timestamp.nullable(),
  doneAt: Timestamp.nullable(),
  progressCount: z.number().int().min(0),
  lastProgressAt: Timestamp.nullable(),
  /** The owner's self-assessment at year end (评诺), once written. */
  assessment: z.string().nullable(),
  assessedAt: Timestamp.nullable(),
  createdBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().min(1),
});
export type Pledge = z.infer<typeof Pledge>;

/** One entry of the ledger (践诺): what was done, on which day, with optional evidence. */
export const ProgressEntry = z.object({
  entryId: Id,
  pledgeId: Id,
  text: z.string(),
  doneOn: z.string(),
  evidence: z.array(EvidenceFile),
  createdBy: Id,
  createdAt: Timestamp,
});
export type ProgressEntry = z.infer<typeof ProgressEntry>;

/** A comment: an organizer's through the year (`guidance`), or a branch member's during the review window (`peer`). */
export const COMMENT_KINDS = ['guidance', 'peer'] as const;
export const PledgeComment = z.object({
  commentId: Id,
  pledgeId: Id,
  kind: z.enum(COMMENT_KINDS),
  text: z.string(),
  authorId: Id,
  authorName: z.string(),
  createdAt: Timestamp,
});
export type PledgeComment = z.infer<typeof PledgeComment>;

/** A person's public card (亮身份、亮岗位): the post or window they serve at, an optional photo, the days on duty. */
export const PledgeProfile = z.object({
  personId: Id,
  post: z.string(),
  photo: EvidenceFile.nullable(),
  dutyDays: z.array(Weekday),
  updatedAt: Timestamp,
  version: z.number().int().min(1),
});
export type PledgeProfile = z.infer<typeof PledgeProfile>;

/** A rating's step: who said what, why, and when. */
export const RatingStep = z.object({ rating: PledgeRating, reason: z.string(), by: Id, byName: z.string(), at: Timestamp });
export type RatingStep = z.infer<typeof RatingStep>;

/** A member's year-end rating: the organizer's proposal, then the branch's decision (published to the member and the board). */
export const PledgeRatingRecord = z.object({
  personId: Id,
  branchId: Id,
  year: z.number().int(),
  proposal: RatingStep.nullable(),
  decision: RatingStep.nullable(),
  updatedAt: Timestamp,
});
export type PledgeRatingRecord = z.infer<typeof PledgeRatingRecord>;

/** The review window (评诺) a unit's admin opens for a year: members assess and comment between these days (Shanghai). */
export const ReviewWindow = z.object({
  unitId: Id,
  year: z.number().int(),
  opensOn: z.string(),
  closesOn: z.string(),
  openedBy: Id,
  openedAt: Timestamp,
});
export type ReviewWindow = z.infer<typeof ReviewWindow>;

/**
 * One owner's public card for a year, rewritten from their pledges, profile and rating by every write to them (one
 * item, idempotent): what the board and the hall's display read, one item per person shown. Holds nothing private:
 * no login, no phone, no comment, no return reason.
 */
export const BoardEntry = z.object({
  ownerKind: OwnerKind,
  ownerId: Id,
  year: z.number().int(),
  name: z.string(),
  branchId: Id,
  unitId: Id,
  /** 亮身份: 正式党员 / 预备党员 / 群众 (a branch's own card: null). */
  partyStatus: z.enum(['full', 'probationary', 'none']).nullable(),
  /** 亮岗位: the post or window, as the person wrote it. */
  post: z.string(),
  photo: EvidenceFile.nullable(),
  dutyDays: z.array(Weekday),
  pledges: z.array(
    z.object({
      pledgeId: Id,
      pledgeCategory: PledgeCategory,
      content: z.string(),
      measures: z.string(),
      dueDate: z.string(),
      state: z.enum(['approved', 'done']),
      progressCount: z.number().int(),
      lastProgressAt: Timestamp.nullable(),
    }),
  ),
  /** The branch's decision, once recorded (the summary only: never the reasons or the comments). */
  rating: PledgeRating.nullable(),
  updatedAt: Timestamp,
});
export type BoardEntry = z.infer<typeof BoardEntry>;

// ─── Inputs ────────────────────────────────────────────────────────────────────────────────────────────────────────

const PledgeFields = {
  pledgeCategory: PledgeCategory,
  content: text({ label: pledgesLabels.content, max: 300 }),
  measures: text({ label: pledgesLabels.measures, max: 500, multiline: true }),
  dueDate: day(pledgesLabels.dueDate),
};

export const CreatePledgeInput = z
  .object({
    year: PledgeYear,
    ...PledgeFields,
    /** Omitted: the caller's own pledge. A branch's id: the branch's pledge as an organisation (its organizers). */
    branchId: Id.optional(),
  })
  .strict();

export const UpdatePledgeInput = z.object({ version: z.number().int().min(1), ...PledgeFields }).strict();

export const SubmitPledgesInput = z
  .object({
    year: PledgeYear,
    /** Omitted: the caller's own items. A branch's id: the branch's own items (its organizers). */
    branchId: Id.optional(),
  })
  .strict();

export const ReviewPledgeInput = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approve'), version: z.number().int().min(1) }).strict(),
  z.object({ outcome: z.literal('return'), version: z.number().int().min(1), reason: text({ label: pledgesLabels.returnReason, max: 300 }) }).strict(),
]);

export const AddProgressInput = z
  .object({
    text: text({ label: pledgesLabels.progressText, max: 1000, multiline: true }),
    doneOn: day(pledgesLabels.doneOn),
    evidence: z.array(EvidenceRef).max(6).default([]),
    /** True: the pledge is kept in full (践诺完成) with this entry. */
    markDone: z.boolean().default(false),
  })
  .strict();

export const CommentPledgeInput = z.object({ text: text({ label: pledgesLabels.commentText, max: 200, multiline: true }) }).strict();

export const AssessPledgeInput = z.object({ text: text({ label: pledgesLabels.assessment, max: 1000, multiline: true }) }).strict();

export const RatePledgesInput = z
  .object({
    year: PledgeYear,
    branchId: Id,
    ratings: z
      .array(
        z
          .object({
            personId: Id,
            /** `proposal`: the organizer's proposal; `decision`: what the branch meeting decided (published). */
            stage: z.enum(['proposal', 'decision']),
            rating: PledgeRating,
            reason: text({ label: pledgesLabels.ratingReason, max: 300, min: 0 }).default(''),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();

export const ReviewWindowInput = z
  .object({ unitId: Id, year: PledgeYear, opensOn: day(pledgesLabels.opensOn), closesOn: day(pledgesLabels.closesOn) })
  .strict();

export const ProfileInput = z
  .object({
    version: z.number().int().min(0),
    post: text({ label: pledgesLabels.post, max: 60, min: 0 }),
    /** A checked photo upload, the photo kept as it is (`keep`), or none. */
    photo: z.union([z.object({ uploadId: z.string().min(1).max(64) }).strict(), z.literal('keep'), z.null()]),
    dutyDays: z.array(Weekday).max(7).default([1, 2, 3, 4, 5]),
  })
  .strict();

export const ListPledgesQuery = z
  .object({
    year: PledgeYear.optional(),
    /** A branch's pledges (its organizers and leaders in reach); omitted: the caller's own. */
    branchId: Id.optional(),
    /** Within a branch: one person's. */
    personId: Id.optional(),
    state: PledgeState.optional(),
  })
  .strict();

export const BoardQuery = z
  .object({
    year: PledgeYear.optional(),
    /** The unit whose board (its subtree); omitted: the caller's branch, or the bureau's for someone outside any. */
    unitId: Id.optional(),
    /** Where the page starts: the `cursor` the previous page answered. */
    cursor: z.string().max(400).optional(),
    /** Cards on a page: 1–200, 60 when not asked. */
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();
