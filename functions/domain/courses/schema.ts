/**
 * Courses (课程) with ordered lessons (课时), assignments (学习任务) and each person's progress.
 * Storage shapes live in entities.ts; these are the shapes the domain and the API speak.
 */
import { z } from 'zod';
import { dayOrInstant, plainCharacters, text } from '../../platform/fields.js';

export const Id = z.ulid();
const Timestamp = z.iso.datetime();

export const courseCategories = ['thematic', 'elective', 'required', 'service', 'party'] as const;
export const CourseCategory = z.enum(courseCategories);

export const courseStatuses = ['draft', 'published', 'archived'] as const;
export const CourseStatus = z.enum(courseStatuses);

export const lessonKinds = ['text', 'video', 'pdf', 'link'] as const;
export const LessonKind = z.enum(lessonKinds);

/** 学时 in quarters: micro-course 0.25, 15–30 min 0.5, 30 min and more 1, and so on. */
export const Credit = z.number().min(0.25).max(50).multipleOf(0.25);

// Free text and dates, by the platform's one schema for each (docs/decisions/015).
export const CourseTitle = text({ label: 'courseTitle', max: 80 });
export const CourseSummary = text({ label: 'courseSummary', max: 2000, min: 0, multiline: true });
export const LessonTitle = text({ label: 'lessonTitle', max: 80 });
/** Markdown for a text lesson (rendered sanitised). */
export const LessonBody = text({ label: 'lessonBody', max: 50_000, min: 0, multiline: true });
/** An outside page, for a link lesson. */
export const LessonUrl = z.url({ protocol: /^https?$/ }).max(2000).check(plainCharacters('url'));
/** A due date: a day (YYYY-MM-DD, due at its end in Shanghai) or an instant; it must exist on the calendar. */
export const DueDate = dayOrInstant('dueAt');

export const Lesson = z.object({
  lessonId: Id,
  title: LessonTitle,
  kind: LessonKind,
  body: LessonBody.optional(),
  /** The S3 key of a video or PDF, after the upload was checked. */
  materialKey: z.string().max(300).optional(),
  url: LessonUrl.optional(),
  /** Seconds of study needed to complete the lesson. */
  minSeconds: z.number().int().min(0).max(4 * 3600),
  /** A video's length in seconds (0 when unknown). */
  durationSeconds: z.number().int().min(0).max(12 * 3600),
});
export type Lesson = z.infer<typeof Lesson>;

export const Course = z.object({
  courseId: Id,
  title: CourseTitle,
  summary: CourseSummary,
  category: CourseCategory,
  coverKey: z.string().max(300).nullable(),
  credit: Credit,
  status: CourseStatus,
  /** The unit whose organizers may edit it (an admin's courses belong to the root). */
  ownerUnitId: Id,
  lessons: z.array(Lesson).max(100),
  createdBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  publishedAt: Timestamp.nullable(),
  version: z.number().int().min(1),
});
export type Course = z.infer<typeof Course>;

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
