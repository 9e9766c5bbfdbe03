/**
 * Assignments (学习任务): a published course or quiz assigned to an audience with a due date. The shapes the domain and
 * the API speak, and the input of assigning. Storage shapes live in entities.ts.
 */
import { z } from 'zod';
import { dayOrInstant } from '../../platform/fields.js';
import { assignmentsLabels } from './messages.js';

export const Id = z.ulid();
const Timestamp = z.iso.datetime();

/** A due date: a day (YYYY-MM-DD, due at its end in Shanghai) or an instant; it must exist on the calendar. */
export const DueDate = dayOrInstant(assignmentsLabels.dueAt);

export const audienceKinds = ['units', 'members', 'everyone', 'people'] as const;

export const Audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  /** People in these units and their subtrees. */
  z.object({ kind: z.literal('units'), unitIds: z.array(Id).min(1).max(100) }),
  /** Party members (正式 and 预备) in these units and their subtrees. */
  z.object({ kind: z.literal('members'), unitIds: z.array(Id).min(1).max(100) }),
  z.object({ kind: z.literal('people'), personIds: z.array(Id).min(1).max(500) }),
]);
export type Audience = z.infer<typeof Audience>;

export const Assignment = z.object({
  assignmentId: Id,
  courseId: Id,
  courseTitle: z.string(),
  audience: Audience,
  required: z.boolean(),
  dueAt: Timestamp,
  /** The unit in whose name it was assigned (its organizers may see its completion). */
  ownerUnitId: Id,
  createdBy: Id,
  createdAt: Timestamp,
});
export type Assignment = z.infer<typeof Assignment>;

/** A published quiz assigned to an audience: the same audience, due date and owner rules as a course's. */
export const QuizAssignment = Assignment.omit({ courseId: true, courseTitle: true }).extend({
  quizId: Id,
  /** The quiz's title when it was assigned (a snapshot, as a course assignment keeps its course's). */
  quizTitle: z.string(),
});
export type QuizAssignment = z.infer<typeof QuizAssignment>;

/** What an assignment is of: a course (its lessons, and its final test if it has one) or a quiz on its own. */
export type AssignmentSubject = { kind: 'course'; courseId: string } | { kind: 'quiz'; quizId: string };

export const AssignCourseInput = z
  .object({
    audience: Audience,
    required: z.boolean(),
    /** The due date: a day (YYYY-MM-DD, due at its end in Shanghai) or an instant. */
    dueAt: DueDate,
  })
  .strict();

/** Assigning a quiz takes exactly what assigning a course takes. */
export const AssignQuizInput = AssignCourseInput;
