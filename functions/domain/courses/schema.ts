/**
 * Courses (课程) with their ordered lessons (课时): the shapes the domain and the API speak, and the inputs of their
 * use cases. Storage shapes live in entities.ts.
 */
import { z } from 'zod';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { plainCharacters, text } from '../../platform/fields.js';
import { coursesLabels, coursesMessages } from './messages.js';

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
export const CourseTitle = text({ label: coursesLabels.courseTitle, max: 80 });
export const CourseSummary = text({ label: coursesLabels.courseSummary, max: 2000, min: 0, multiline: true });
export const LessonTitle = text({ label: coursesLabels.lessonTitle, max: 80 });
/** Markdown for a text lesson (rendered sanitised). */
export const LessonBody = text({ label: coursesLabels.lessonBody, max: 50_000, min: 0, multiline: true });
/** An outside page, for a link lesson. */
export const LessonUrl = z.url({ protocol: /^https?$/ }).max(2000).check(plainCharacters(coursesLabels.url));

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

// ─── Inputs ────────────────────────────────────────────────────────────────────────────────────────────────────────

export const CreateCourseInput = z
  .object({
    title: CourseTitle,
    summary: CourseSummary.default(''),
    category: CourseCategory,
    credit: Credit,
    /** The unit whose organizers may edit it; defaults to the creator's organizing unit (or the root for admins). */
    ownerUnitId: Id.optional(),
  })
  .strict();

export const UpdateCourseInput = z
  .object({
    version: z.number().int().min(1),
    /** A checked cover image (from createUpload with purpose `cover`). */
    coverUploadId: z.string().max(40).optional(),
    title: CourseTitle.optional(),
    summary: CourseSummary.optional(),
    category: CourseCategory.optional(),
    credit: Credit.optional(),
    status: z.enum(['draft', 'archived']).optional(),
  })
  .strict();

export const PublishCourseInput = z.object({ version: z.number().int().min(1) }).strict();

const LessonFields = {
  title: LessonTitle,
  kind: LessonKind,
  body: LessonBody.optional(),
  url: LessonUrl.optional(),
  /** At least a minute: a lesson that needs no study is not a lesson (the platform's cap may still shorten it). */
  minSeconds: z.number().int().min(60, { error: () => apiMessage(currentLang(), coursesMessages.lessonMinTooShort) }).max(4 * 3600),
  durationSeconds: z.number().int().min(0).max(12 * 3600).optional(),
};

export const CreateLessonInput = z
  .object({ version: z.number().int().min(1), ...LessonFields, /** The material of a video or PDF lesson (createUpload). */ uploadId: z.string().max(40).optional() })
  .strict();

export const UpdateLessonInput = z
  .object({
    version: z.number().int().min(1),
    title: LessonFields.title.optional(),
    body: LessonFields.body,
    url: LessonFields.url,
    minSeconds: LessonFields.minSeconds.optional(),
    durationSeconds: LessonFields.durationSeconds,
    /** Move the lesson to this position (0-based). */
    position: z.number().int().min(0).max(99).optional(),
    /** New material for a video or PDF lesson (createUpload). */
    uploadId: z.string().max(40).optional(),
  })
  .strict();
