/**
 * Study (学习): each person's progress in a course and the heartbeats that earn it. The shapes the domain and the API
 * speak; storage shapes live in entities.ts.
 */
import { z } from 'zod';
// Names this area's request fields in validation messages (its labels are registered when messages.ts loads).
import './messages.js';

export const Id = z.ulid();

/** One heartbeat from a lesson page, as the API parses it (once: the service takes it as parsed). */
export const StudyBeatInput = z
  .object({
    lessonId: Id,
    state: z.enum(['visible', 'hidden']),
    positionSeconds: z.number().min(0).max(12 * 3600).optional(),
  })
  .strict();
export type StudyBeat = z.infer<typeof StudyBeatInput>;

const LessonStateRecord = z.object({
  studiedMs: z.number(),
  furthestSeconds: z.number(),
  positionSeconds: z.number(),
  completedAt: z.string().nullable(),
});

/** A lesson's state in its progress item; `clockSeq` is the clock version it came from (absent in older items). */
export const StoredLesson = LessonStateRecord.extend({ clockSeq: z.number().int().optional() });

/** One person's progress in one course, with snapshots of the course for the record page. */
export const ProgressRecord = z.object({
  personId: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  credit: z.number(),
  lessons: z.record(z.string(), StoredLesson),
  startedAt: z.string(),
  lastStudiedAt: z.string(),
  completedAt: z.string().nullable(),
  version: z.number().int(),
  /** When the course's final test was first passed (set once; absent before). */
  testPassedAt: z.string().nullable().default(null),
  /** The final test passed, and the 学时 its pass credits (set with `testPassedAt`, once). */
  testQuizId: z.string().optional(),
  testCredit: z.number().optional(),
});
export type ProgressRecord = z.infer<typeof ProgressRecord>;
