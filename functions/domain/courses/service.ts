/**
 * Use cases of the catalogue: courses and their lessons. Each use case takes the acting person and checks the
 * permission through authz; the internal functions at the end (no actor) serve the other learning areas.
 */
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/clock.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import { config } from '../../platform/config.js';
import { sharedRead } from '../../platform/request-scope.js';
import { recordAudit, diff } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { courseOwner, editGrant, mayEdit, mayEditCourse, maySeeCourse } from '../authz/courses.js';
import { downloadUrl, useUpload } from '../uploads/service.js';
import { insertCourse, queryCoursesByStatus, readCourse, writeCourse } from './store.js';
import { checkLesson, placeLesson } from './lessons.js';
import {
  Course,
  CreateCourseInput,
  CreateLessonInput,
  PublishCourseInput,
  UpdateCourseInput,
  UpdateLessonInput,
  type Lesson,
} from './schema.js';
import { coursesMessages } from './messages.js';

const notFound = () => new AppError('NOT_FOUND', { messageKey: coursesMessages.courseNotFound });

function courseLabel(course: Pick<Course, 'courseId' | 'title'>) {
  return { type: 'course' as const, id: course.courseId, label: course.title };
}

// ─── Editing ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function createCourse(actor: Actor | null, input: unknown): Promise<Course> {
  const grant = authorize(actor, 'createCourse');
  const data = CreateCourseInput.parse(input);
  const ownerUnitId = courseOwner(grant, actor!, data.ownerUnitId, await loadTree());
  const now = nowIso();
  const course = Course.parse({
    courseId: newId(),
    title: data.title,
    summary: data.summary,
    category: data.category,
    coverKey: null,
    credit: data.credit,
    status: 'draft',
    ownerUnitId,
    lessons: [],
    createdBy: actor!.personId,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
    version: 1,
  });
  await insertCourse(course);
  await recordAudit({ action: 'createCourse', actor, target: courseLabel(course), changes: diff({}, course, ['courseId', 'lessons', 'createdBy']) });
  return course;
}

/** A course the actor may edit under this operation; any other answers as if it did not exist. */
async function editableCourse(actor: Actor | null, operation: 'updateCourse' | 'publishCourse' | 'createLesson' | 'updateLesson', courseId: string) {
  const grant = authorize(actor, operation);
  const [tree, course] = await Promise.all([loadTree(), readCourse(courseId)]);
  if (!course || !mayEdit(grant, actor!, course.ownerUnitId, tree)) throw notFound();
  return course;
}

export async function updateCourse(actor: Actor | null, courseId: string, input: unknown): Promise<Course> {
  const data = UpdateCourseInput.parse(input);
  const course = await editableCourse(actor, 'updateCourse', courseId);
  const { version, coverUploadId, ...changes } = data;
  const coverKey = coverUploadId ? await useUpload(actor!, coverUploadId, 'cover') : course.coverKey;
  const saved = await writeCourse({ ...course, ...changes, coverKey }, version);
  await recordAudit({ action: 'updateCourse', actor, target: courseLabel(saved), changes: diff(course, saved, ['lessons']) });
  return saved;
}

/** Publishes a draft: it needs at least one lesson, and every video or PDF lesson its material. */
export async function publishCourse(actor: Actor | null, courseId: string, input: unknown): Promise<Course> {
  const { version } = PublishCourseInput.parse(input);
  const course = await editableCourse(actor, 'publishCourse', courseId);
  if (course.lessons.length === 0) throw new AppError('VALIDATION', { messageKey: coursesMessages.courseHasNoLessons });
  const missing = course.lessons.find((lesson) => (lesson.kind === 'video' || lesson.kind === 'pdf') && !lesson.materialKey);
  if (missing) throw new AppError('VALIDATION', { messageKey: coursesMessages.lessonMaterialMissing, params: { title: missing.title } });
  const saved = await writeCourse({ ...course, status: 'published', publishedAt: course.publishedAt ?? nowIso() }, version);
  await recordAudit({ action: 'publishCourse', actor, target: courseLabel(saved) });
  return saved;
}

/** The checked S3 key of an upload for a video or PDF lesson (other kinds take none). */
async function materialFor(actor: Actor, kind: Lesson['kind'], uploadId: string | undefined): Promise<string | undefined> {
  if (!uploadId) return undefined;
  if (kind !== 'video' && kind !== 'pdf') throw new AppError('VALIDATION', { details: [{ path: 'uploadId', message: kind }] });
  return useUpload(actor, uploadId, kind);
}

export async function createLesson(actor: Actor | null, courseId: string, input: unknown): Promise<Course> {
  const { version, uploadId, ...data } = CreateLessonInput.parse(input);
  const course = await editableCourse(actor, 'createLesson', courseId);
  const materialKey = await materialFor(actor!, data.kind, uploadId);
  const lesson = checkLesson({ lessonId: newId(), durationSeconds: 0, ...data, ...(materialKey ? { materialKey } : {}) });
  const saved = await writeCourse({ ...course, lessons: [...course.lessons, lesson] }, version);
  await recordAudit({ action: 'updateCourse', actor, target: courseLabel(saved), changes: { lessons: { before: course.lessons.length, after: saved.lessons.length } }, details: { lesson: lesson.title } });
  return saved;
}

export async function updateLesson(actor: Actor | null, courseId: string, lessonId: string, input: unknown): Promise<Course> {
  const { version, position, uploadId, ...changes } = UpdateLessonInput.parse(input);
  const course = await editableCourse(actor, 'updateLesson', courseId);
  const index = course.lessons.findIndex((lesson) => lesson.lessonId === lessonId);
  if (index < 0) throw new AppError('NOT_FOUND', { messageKey: coursesMessages.lessonNotFound });
  const current = course.lessons[index]!;
  const materialKey = (await materialFor(actor!, current.kind, uploadId)) ?? current.materialKey;
  const updated = checkLesson({ ...current, ...changes, ...(materialKey ? { materialKey } : {}) });
  const saved = await writeCourse({ ...course, lessons: placeLesson(course.lessons, index, updated, position) }, version);
  await recordAudit({ action: 'updateCourse', actor, target: courseLabel(saved), changes: diff(current, updated, ['lessonId']), details: { lesson: updated.title } });
  return saved;
}

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** The study time a lesson needs here: its own minimum, unless the platform caps every lesson's (demos, tests). */
export function requiredSeconds(lesson: Pick<Lesson, 'minSeconds'>): number {
  const cap = config().studyMinSecondsCap;
  return cap === undefined ? lesson.minSeconds : Math.min(lesson.minSeconds, cap);
}

/** What a catalogue card needs of a course: its cover's address, no lesson bodies, no storage keys. */
async function courseSummary(course: Course) {
  const { lessons, coverKey, ...rest } = course;
  return {
    ...rest,
    coverUrl: coverKey ? await downloadUrl(coverKey) : null,
    lessonCount: lessons.length,
    requiredSeconds: lessons.reduce((sum, lesson) => sum + requiredSeconds(lesson), 0),
  };
}

/** The catalogue: published courses for everyone; editors also see their drafts and archived courses. */
export async function listCourses(actor: Actor | null, query: { status?: 'draft' | 'published' | 'archived' } = {}) {
  authorize(actor, 'listCourses');
  const status = query.status ?? 'published';
  const courses = await queryCoursesByStatus(status);
  if (status === 'published') return Promise.all(courses.map(courseSummary));
  const tree = await loadTree();
  const grant = editGrant(actor);
  return Promise.all(courses.filter((course) => mayEdit(grant, actor!, course.ownerUnitId, tree)).map(courseSummary));
}

/**
 * The course as someone allowed to see it receives it (getCourse, with the reader's progress beside it: study
 * service): short-lived addresses of its cover and materials, and each lesson's required study time. Storage keys go
 * only to its editors (the editor shows which lessons have material). A course the actor may not see is NOT_FOUND.
 */
export async function readableCourse(actor: Actor, courseId: string) {
  const [tree, course] = await Promise.all([loadTree(), readCourse(courseId)]);
  if (!course || !maySeeCourse(actor, course, tree)) throw notFound();
  const editable = mayEditCourse(actor, course, tree);
  const { coverKey, ...rest } = course;
  const reading = {
    ...rest,
    ...(editable && coverKey ? { coverKey } : {}),
    coverUrl: coverKey ? await downloadUrl(coverKey) : null,
    lessons: await Promise.all(
      course.lessons.map(async ({ materialKey, ...lesson }) => ({
        ...lesson,
        ...(editable && materialKey ? { materialKey } : {}),
        ...(materialKey ? { materialUrl: await downloadUrl(materialKey, lesson.title) } : {}),
        requiredSeconds: requiredSeconds(lesson),
      })),
    ),
  };
  return { course: reading, editable };
}

// ─── For the other learning areas (no actor: callers are trusted system code, or check the actor themselves) ──────

/** A course by id, whatever its status: read once for all the API calls of one page (the completion page makes several). */
export async function courseById(courseId: string): Promise<Course | undefined> {
  return sharedRead(`course#${courseId}`, () => readCourse(courseId));
}

/** A course the actor may see (published, or one they edit), read with the tree it was judged by; else NOT_FOUND. */
export async function courseVisibleTo(actor: Actor, courseId: string, tree: OrgTree): Promise<Course> {
  const course = await courseById(courseId);
  if (!course || !maySeeCourse(actor, course, tree)) throw notFound();
  return course;
}

/**
 * Published courses as heartbeats see them, kept 15 s per process: a heartbeat arrives every 15 s from every learner,
 * and a course's lessons change rarely (an edit reaches heartbeats within 15 s; drafts and archived courses, never).
 */
const publishedTtlMs = 15_000;
const published = new BoundedMap<string, { course: Promise<Course | undefined>; at: number }>(500);

export async function publishedCourse(courseId: string): Promise<Course | undefined> {
  const key = `${config().tableName}|${courseId}`;
  const hit = published.get(key);
  if (hit && Date.now() - hit.at < publishedTtlMs) return hit.course;
  // Heartbeats arriving together while the entry is renewed share one read.
  const course = readCourse(courseId).then((found) => (found?.status === 'published' ? found : undefined));
  published.set(key, { course, at: Date.now() });
  course.catch(() => {
    if (published.get(key)?.course === course) published.delete(key);
  });
  return course;
}

/** For the overview (no actor): every course that can credit study — the published and the archived (one query each). */
export async function creditingCourseIds(): Promise<string[]> {
  const [published, archived] = await Promise.all([queryCoursesByStatus('published'), queryCoursesByStatus('archived')]);
  return [...published, ...archived].map((course) => course.courseId);
}
