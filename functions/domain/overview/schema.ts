import { z } from 'zod';
// Names this area's request fields in validation messages (its labels are registered when messages.ts loads).
import './messages.js';

/** What the overview measures, each a share of the people it applies to (DOMAIN.md, "What leaders need"). */
export const requirements = ['courses', 'credit', 'sessions', 'pledges'] as const;
export const Requirement = z.enum(requirements);
export type Requirement = z.infer<typeof Requirement>;

/** One task of a person's: a course or quiz assigned to them that is not done. */
export const OpenTask = z.object({
  kind: z.enum(['course', 'quiz']),
  assignmentId: z.string(),
  /** The course's or quiz's id. */
  subjectId: z.string(),
  title: z.string(),
  required: z.boolean(),
  dueAt: z.iso.datetime(),
  state: z.enum(['overdue', 'inProgress', 'notStarted']),
});
export type OpenTask = z.infer<typeof OpenTask>;

/**
 * One person's standing this year, as the overview computed it from the areas' records (what the overview's
 * drill-down, the reminders and the home's due list read). `meets` is null where a requirement does not apply to
 * the person (no required assignment yet, not a member of a branch).
 */
export const PersonRow = z.object({
  personId: z.string(),
  name: z.string(),
  unitId: z.string(),
  branchId: z.string().nullable(),
  /** Required assignments due this year or still open, and how many of them are done on time or not yet due. */
  courses: z.object({ required: z.number().int(), onTime: z.number().int(), overdue: z.number().int() }),
  /** Tasks not done (required or not), the nearest due first. */
  open: z.array(OpenTask),
  /** 学时 this year, the year's target, and the target pro rata for the day. */
  credit: z.object({ earned: z.number(), target: z.number(), expectedByNow: z.number() }),
  /** Sessions of the year that expected the person. `makeUpDue`: absences or leave not yet made up. */
  sessions: z.object({ expected: z.number().int(), attended: z.number().int(), leave: z.number().int(), absent: z.number().int(), madeUp: z.number().int(), makeUpDue: z.number().int() }),
  /** This year's pledge items by state, and the year's rating once decided. */
  pledges: z.object({ items: z.number().int(), approved: z.number().int(), returned: z.number().int(), draft: z.number().int(), rating: z.string().nullable() }),
  meets: z.object({ courses: z.boolean().nullable(), credit: z.boolean(), sessions: z.boolean().nullable(), pledges: z.boolean().nullable() }),
});
export type PersonRow = z.infer<typeof PersonRow>;
