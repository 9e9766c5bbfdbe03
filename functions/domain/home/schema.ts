import { z } from 'zod';
import { PersonRow, RequirementFigure } from '../overview/schema.js';

export const DueItem = z.object({
  kind: z.enum(['course', 'quiz', 'session', 'makeUp', 'pledges']),
  id: z.string().nullable(),
  title: z.string().nullable(),
  required: z.boolean(),
  dueAt: z.string().nullable(),
  state: z.enum(['overdue', 'dueSoon', 'upcoming', 'waiting']),
  count: z.number().int(),
  started: z.boolean(),
});

const Figures = z.object({ people: z.number().int(), figures: z.array(RequirementFigure), computedAt: z.string().nullable() });

export const Home = z.object({
  now: z.string(),
  year: z.number().int(),
  /** When the person's due list and credit were computed (null: not yet). */
  asOf: z.string().nullable(),
  due: z.array(DueItem),
  credit: PersonRow.shape.credit.nullable(),
  continueLesson: z.object({ courseId: z.string(), courseTitle: z.string(), lessonId: z.string(), lessonTitle: z.string(), completed: z.boolean() }).nullable(),
  branches: z.array(
    z.object({
      branchId: z.string(),
      name: z.string(),
      leaveToDecide: z.number().int(),
      makeUpsToConfirm: z.number().int(),
      pledgesToReview: z.number().int(),
      cadence: z.object({ summary: z.record(z.string(), z.number()), computedAt: z.string() }).nullable(),
      figures: Figures.nullable(),
    }),
  ),
  overview: z.array(Figures.extend({ unitId: z.string(), name: z.string() })),
});
