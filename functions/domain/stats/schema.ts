import { z } from 'zod';
// Names this area's request fields in validation messages (its labels are registered when messages.ts loads).
import './messages.js';

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

/** What a completion rollup is about: one assignment (of a course or a quiz), or a course or quiz across all of its. */
export type Subject = { kind: 'assignment'; id: string } | { kind: 'course'; id: string } | { kind: 'quiz'; id: string };

export const PersonState = z.object({ personId: z.string(), name: z.string(), login: z.string(), state: CompletionState, completedAt: z.string().nullable() });
export type PersonState = z.infer<typeof PersonState>;

/** One unit's figures for one subject: its own people, and its whole subtree. */
export const UnitFigures = z.object({ subject: z.string(), unitId: z.string(), part: z.literal('UNIT'), direct: Counts, subtree: Counts, computedAt: z.iso.datetime() });
export type UnitFigures = z.infer<typeof UnitFigures>;

/** The unit's own people in the audience, with their state (the drill-down to names). */
export const UnitPeople = z.object({ subject: z.string(), unitId: z.string(), part: z.literal('PEOPLE'), people: z.array(PersonState), computedAt: z.iso.datetime() });
export type UnitPeople = z.infer<typeof UnitPeople>;
