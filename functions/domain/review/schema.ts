/**
 * The year's review sheet (民主评议): for a branch and a year, one sheet per member gathering what the branch meeting
 * needs — pledges and their rating, study credit against the target, courses and quizzes, sessions attended, honours.
 * Grades are the branch's decision; the sheet only informs. Names of codes come in the reader's language.
 */
import { z } from 'zod';
import { Id } from '../../platform/fields.js';
import { PledgeCategory, PledgeRating, PledgeState } from '../pledges/schema.js';
import './messages.js';

export const ReviewYear = z.coerce.number().int().min(2000).max(2100);

/** Omitted branch: the reader's own if in reach, else the first in reach; omitted year: this year (Shanghai). */
export const ReviewSheetQuery = z.object({ branchId: Id.optional(), year: ReviewYear.optional() });
export const ReviewExportQuery = z.object({ branchId: Id, year: ReviewYear });

const RatingStepView = z.object({ rating: PledgeRating, ratingName: z.string(), reason: z.string(), byName: z.string(), at: z.string() });

export const MemberSheet = z.object({
  personId: z.string(),
  name: z.string(),
  unitName: z.string(),
  /** 亮身份. */
  partyStatus: z.enum(['full', 'probationary', 'none']),
  partyStatusName: z.string(),
  /** 亮岗位: the post or window from the person's public card; null when they wrote none. */
  post: z.string().nullable(),
  pledges: z.array(
    z.object({
      pledgeId: z.string(),
      pledgeCategory: PledgeCategory,
      categoryName: z.string(),
      content: z.string(),
      state: PledgeState,
      stateName: z.string(),
      dueDate: z.string(),
      progressCount: z.number().int(),
      assessment: z.string().nullable(),
    }),
  ),
  /** The organizer's proposal and the branch's decision, each with its reason. */
  rating: z.object({ proposal: RatingStepView.nullable(), decision: RatingStepView.nullable() }),
  study: z.object({
    credit: z.number(),
    target: z.number(),
    met: z.boolean(),
    courses: z.array(z.object({ courseId: z.string(), title: z.string(), credit: z.number(), completedAt: z.string() })),
  }),
  quizzes: z.object({
    taken: z.number().int(),
    passed: z.number().int(),
    items: z.array(z.object({ quizId: z.string(), title: z.string(), passed: z.boolean(), lastFinishedAt: z.string() })),
  }),
  sessions: z.object({ expected: z.number().int(), attended: z.number().int(), leave: z.number().int(), absent: z.number().int(), madeUp: z.number().int() }),
  honours: z.array(z.object({ honourId: z.string(), type: z.string(), typeName: z.string(), quarter: z.string(), reason: z.string() })),
});
export type MemberSheet = z.infer<typeof MemberSheet>;

export const ReviewSheets = z.object({
  branchId: z.string(),
  branchName: z.string(),
  year: z.number().int(),
  /** When the facts were read. */
  asOf: z.string(),
  /** The branches the reader may open, in tree order (for a picker). */
  branches: z.array(z.object({ branchId: z.string(), name: z.string() })),
  /** One sheet per member, by name. */
  sheets: z.array(MemberSheet),
});
export type ReviewSheets = z.infer<typeof ReviewSheets>;
