import { z } from 'zod';
// Names this area's request fields in validation messages (its labels are registered when messages.ts loads).
import './messages.js';
import { MemberSheet } from '../review/schema.js';

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

export const OverviewYear = z.coerce.number().int().min(2000).max(2100);
export const UnitOverviewQuery = z.object({ year: OverviewYear.optional() });
export const OverviewQuery = z.object({ year: OverviewYear.optional(), unitId: z.ulid().optional() });

// ─── Answers ───────────────────────────────────────────────────────────────────────────────────────────────────────

const Colour = z.enum(['green', 'amber', 'red']).nullable();
export const RequirementFigure = z.object({ requirement: Requirement, met: z.number().int(), of: z.number().int(), share: z.number().nullable(), colour: Colour });
export const RequirementLabel = z.object({ requirement: Requirement, label: z.string(), green: z.number(), amber: z.number() });
export const OverviewUnit = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.string(),
  depth: z.number().int(),
  hasChildren: z.boolean(),
  people: z.number().int(),
  /** The unit's whole subtree. */
  figures: z.array(RequirementFigure),
  computedAt: z.string().nullable(),
});
export const TrendPoint = z.object({ month: z.string(), figures: z.array(RequirementFigure) });
export const Overview = z.object({
  year: z.number().int(),
  asOf: z.string().nullable(),
  requirements: z.array(RequirementLabel),
  units: z.array(OverviewUnit),
  trends: z.array(z.object({ unitId: z.string(), name: z.string(), points: z.array(TrendPoint) })),
});
export const PersonStanding = PersonRow.pick({ personId: true, name: true, meets: true, courses: true, credit: true, sessions: true, pledges: true }).extend({
  overdue: z.array(z.object({ kind: z.enum(['course', 'quiz']), subjectId: z.string(), title: z.string(), dueAt: z.string() })),
});
export const UnitOverview = z.object({
  year: z.number().int(),
  asOf: z.string().nullable(),
  requirements: z.array(RequirementLabel),
  unit: OverviewUnit,
  path: z.array(z.object({ unitId: z.string(), name: z.string() })),
  children: z.array(OverviewUnit),
  people: z.array(PersonStanding),
  trend: z.array(TrendPoint),
});
export const PersonRecord = z.object({
  year: z.number().int(),
  /** When the standing was computed; `readAt`: when the sheet's facts were read (now). */
  asOf: z.string().nullable(),
  readAt: z.string(),
  person: z.object({ personId: z.string(), name: z.string(), unitId: z.string(), unitName: z.string(), partyStatus: z.string() }),
  standing: PersonStanding.extend({ open: z.array(OpenTask) }).nullable(),
  sheet: MemberSheet,
});
