import { z } from 'zod';

export const completionStates = ['done', 'inProgress', 'notStarted', 'overdue'] as const;
export const CompletionState = z.enum(completionStates);
export type CompletionState = z.infer<typeof CompletionState>;

export const Counts = z.object({
  total: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  notStarted: z.number().int(),
  overdue: z.number().int(),
});
export type Counts = z.infer<typeof Counts>;

/** What a completion rollup is about: one assignment, or a course across all its assignments. */
export type Subject = { kind: 'assignment'; id: string } | { kind: 'course'; id: string };

/** One unit's figures for one subject: its own people, and its whole subtree. */
export const UnitRollup = z.object({
  subject: z.string(),
  unitId: z.string(),
  direct: Counts,
  subtree: Counts,
  /** The unit's own people in the audience, with their state (the drill-down to names). */
  people: z.array(z.object({ personId: z.string(), name: z.string(), login: z.string(), state: CompletionState, completedAt: z.string().nullable() })),
  computedAt: z.iso.datetime(),
});
export type UnitRollup = z.infer<typeof UnitRollup>;
