/**
 * Use cases for courses, lessons, assignments and study. Each takes the acting person and checks permission itself.
 */
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { clock, nowIso } from '../../platform/clock.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import { config } from '../../platform/config.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { recordAudit, diff } from '../audit/service.js';
import { authorize, reachesPerson, reachesUnit, type Actor, type Grant } from '../authz/permissions.js';
import { actingPerson } from '../people/service.js';
import { loadTree } from '../org/service.js';
import { peopleByIds, personById } from '../people/directory.js';
import type { OrgTree } from '../org/tree.js';
import type { PublicPerson as Person } from '../people/schema.js';
import { isConditionFailure } from '../../platform/errors.js';
import { courseEntities } from './entities.js';
import {
  Assignment,
  Audience,
  Course,
  CourseCategory,
  CourseSummary,
  CourseTitle,
  Credit,
  DueDate,
  Id,
  Lesson,
  LessonBody,
  LessonKind,
  LessonTitle,
  LessonUrl,
  type Audience as AudienceT,
} from './schema.js';
import { applyBeat, beatPolicy, confirmFlushed, emptyClock, slotOf, type Beat, type LessonState, type Slot, type StudyClock } from './study.js';
import * as studyStore from './study-store.js';
import { downloadUrl, useUpload } from '../uploads/service.js';

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

const LessonFields = {
  title: LessonTitle,
  kind: LessonKind,
  body: LessonBody.optional(),
  url: LessonUrl.optional(),
  /** At least a minute: a lesson that needs no study is not a lesson (the platform's cap may still shorten it). */
  minSeconds: z.number().int().min(60, { error: () => apiMessage(currentLang(), 'lessonMinTooShort') }).max(4 * 3600),
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

export const AssignCourseInput = z
  .object({
    audience: Audience,
    required: z.boolean(),
    /** The due date: a day (YYYY-MM-DD, due at its end in Shanghai) or an instant. */
    dueAt: DueDate,
  })
  .strict();

export const StudyBeatInput = z
  .object({
    lessonId: Id,
    state: z.enum(['visible', 'hidden']),
    positionSeconds: z.number().min(0).max(12 * 3600).optional(),
  })
  .strict();

// ─── Reading and guarding ──────────────────────────────────────────────────────────────────────────────────────────

function fromCourseRecord(record: Record<string, unknown>): Course {
  return Course.parse({ ...record, coverKey: record.coverKey ?? null, publishedAt: record.publishedAt ?? null });
}

async function readCourse(courseId: string): Promise<Course | undefined> {
  if (!Id.safeParse(courseId).success) return undefined;
  const { data } = await courseEntities().course.get({ courseId }).go();
  return data ? fromCourseRecord(data as Record<string, unknown>) : undefined;
}

/** Whether the actor may edit courses owned by this unit (admins everywhere, organizers in their subtree). */
function mayEdit(grant: Grant | null, actor: Actor, ownerUnitId: string, tree: OrgTree): boolean {
  return grant !== null && reachesUnit(grant, actor, ownerUnitId, tree);
}

function editGrant(actor: Actor | null): Grant | null {
  try {
    return authorize(actor, 'updateCourse');
  } catch {
    return null;
  }
}

const notFound = () => new AppError('NOT_FOUND', { messageKey: 'courseNotFound' });

/** A course the actor may see: published ones for everyone signed in; drafts and archived ones for their editors. */
async function visibleCourse(actor: Actor, courseId: string, tree: OrgTree): Promise<Course> {
  const course = await readCourse(courseId);
  if (!course) throw notFound();
  if (course.status !== 'published' && !mayEdit(editGrant(actor), actor, course.ownerUnitId, tree)) throw notFound();
  return course;
}

async function saveCourse(next: Course, expectedVersion: number): Promise<Course> {
  const course = Course.parse({ ...next, version: expectedVersion + 1, updatedAt: nowIso() });
  const { coverKey, publishedAt, ...rest } = course;
  try {
    await courseEntities()
      .course.put({ ...rest, ...(coverKey ? { coverKey } : {}), ...(publishedAt ? { publishedAt } : {}) })
      .where((attr, op) => op.eq(attr.version, expectedVersion))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await readCourse(course.courseId);
    throw new AppError('CONFLICT', {
      messageKey: 'versionConflict',
      params: { expected: expectedVersion, actual: current?.version ?? '—' },
      details: { expectedVersion, currentVersion: current?.version ?? null },
    });
  }
  return course;
}

function courseLabel(course: Pick<Course, 'courseId' | 'title'>) {
  return { type: 'course' as const, id: course.courseId, label: course.title };
}

// ─── Courses ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function createCourse(actor: Actor | null, input: unknown): Promise<Course> {
  const grant = authorize(actor, 'createCourse');
  const data = CreateCourseInput.parse(input);
  const tree = await loadTree();
  const defaultOwner =
    grant.access === 'scope' ? grant.unitIds[0] : tree.roots()[0]?.unitId;
  const ownerUnitId = data.ownerUnitId ?? defaultOwner;
  if (!ownerUnitId || !tree.get(ownerUnitId)) throw new AppError('VALIDATION', { messageKey: 'unitNotFound', details: [{ path: 'ownerUnitId' }] });
  if (!mayEdit(grant, actor!, ownerUnitId, tree)) throw new AppError('FORBIDDEN');
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
  const { coverKey: _c, publishedAt: _p, ...item } = course;
  await courseEntities().course.create(item).go();
  await recordAudit({ action: 'createCourse', actor, target: courseLabel(course), changes: diff({}, course, ['courseId', 'lessons', 'createdBy']) });
  return course;
}

async function editableCourse(actor: Actor | null, operation: 'updateCourse' | 'publishCourse' | 'createLesson' | 'updateLesson', courseId: string) {
  const grant = authorize(actor, operation);
  const tree = await loadTree();
  const course = await readCourse(courseId);
  if (!course || !mayEdit(grant, actor!, course.ownerUnitId, tree)) throw notFound();
  return course;
}

export async function updateCourse(actor: Actor | null, courseId: string, input: unknown): Promise<Course> {
  const data = UpdateCourseInput.parse(input);
  const course = await editableCourse(actor, 'updateCourse', courseId);
  const { version, coverUploadId, ...changes } = data;
  const coverKey = coverUploadId ? await useUpload(actor!, coverUploadId, 'cover') : course.coverKey;
  const saved = await saveCourse({ ...course, ...changes, coverKey }, version);
  await recordAudit({ action: 'updateCourse', actor, target: courseLabel(saved), changes: diff(course, saved, ['lessons']) });
  return saved;
}

/** Publishes a draft: it needs at least one lesson, and every video or PDF lesson its material. */
export async function publishCourse(actor: Actor | null, courseId: string, input: unknown): Promise<Course> {
  const { version } = z.object({ version: z.number().int().min(1) }).strict().parse(input);
  const course = await editableCourse(actor, 'publishCourse', courseId);
  if (course.lessons.length === 0) throw new AppError('VALIDATION', { messageKey: 'courseHasNoLessons' });
  const missing = course.lessons.find((lesson) => (lesson.kind === 'video' || lesson.kind === 'pdf') && !lesson.materialKey);
  if (missing) throw new AppError('VALIDATION', { messageKey: 'lessonMaterialMissing', params: { title: missing.title } });
  const saved = await saveCourse({ ...course, status: 'published', publishedAt: course.publishedAt ?? nowIso() }, version);
  await recordAudit({ action: 'publishCourse', actor, target: courseLabel(saved) });
  return saved;
}

/** The checked S3 key of an upload for a video or PDF lesson (other kinds take none). */
async function materialFor(actor: Actor, kind: Lesson['kind'], uploadId: string | undefined): Promise<string | undefined> {
  if (!uploadId) return undefined;
  if (kind !== 'video' && kind !== 'pdf') throw new AppError('VALIDATION', { details: [{ path: 'uploadId', message: kind }] });
  return useUpload(actor, uploadId, kind);
}

function checkLesson(lesson: Lesson): Lesson {
  if (lesson.kind === 'link' && !lesson.url) throw new AppError('VALIDATION', { messageKey: 'lessonNeedsUrl', details: [{ path: 'url' }] });
  if (lesson.kind === 'text' && !lesson.body?.trim()) throw new AppError('VALIDATION', { messageKey: 'lessonNeedsBody', details: [{ path: 'body' }] });
  return Lesson.parse(lesson);
}

export async function createLesson(actor: Actor | null, courseId: string, input: unknown): Promise<Course> {
  const { version, uploadId, ...data } = CreateLessonInput.parse(input);
  const course = await editableCourse(actor, 'createLesson', courseId);
  const materialKey = await materialFor(actor!, data.kind, uploadId);
  const lesson = checkLesson({ lessonId: newId(), durationSeconds: 0, ...data, ...(materialKey ? { materialKey } : {}) });
  const saved = await saveCourse({ ...course, lessons: [...course.lessons, lesson] }, version);
  await recordAudit({ action: 'updateCourse', actor, target: courseLabel(saved), changes: { lessons: { before: course.lessons.length, after: saved.lessons.length } }, details: { lesson: lesson.title } });
  return saved;
}

export async function updateLesson(actor: Actor | null, courseId: string, lessonId: string, input: unknown): Promise<Course> {
  const { version, position, uploadId, ...changes } = UpdateLessonInput.parse(input);
  const course = await editableCourse(actor, 'updateLesson', courseId);
  const index = course.lessons.findIndex((lesson) => lesson.lessonId === lessonId);
  if (index < 0) throw new AppError('NOT_FOUND', { messageKey: 'lessonNotFound' });
  const current = course.lessons[index]!;
  const materialKey = (await materialFor(actor!, current.kind, uploadId)) ?? current.materialKey;
  const updated = checkLesson({ ...current, ...changes, ...(materialKey ? { materialKey } : {}) });
  const lessons = course.lessons.filter((_, i) => i !== index);
  lessons.splice(Math.min(position ?? index, lessons.length), 0, updated);
  const saved = await saveCourse({ ...course, lessons }, version);
  await recordAudit({ action: 'updateCourse', actor, target: courseLabel(saved), changes: diff(course.lessons[index]!, updated, ['lessonId']), details: { lesson: updated.title } });
  return saved;
}

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
  const { data } = await courseEntities().course.query.byStatus({ status }).go({ order: 'desc', pages: 'all' });
  const courses = data.map((record) => fromCourseRecord(record as Record<string, unknown>));
  if (status === 'published') return Promise.all(courses.map(courseSummary));
  const tree = await loadTree();
  const grant = editGrant(actor);
  return Promise.all(courses.filter((course) => mayEdit(grant, actor!, course.ownerUnitId, tree)).map(courseSummary));
}

export async function getCourse(actor: Actor | null, courseId: string) {
  authorize(actor, 'getCourse');
  const tree = await loadTree();
  const course = await visibleCourse(actor!, courseId, tree);
  const progress = await ownProgress(actor!.personId, courseId);
  const editable = mayEdit(editGrant(actor), actor!, course.ownerUnitId, tree);
  return {
    course: await withDownloadUrls(course, editable),
    progress: progress ? summarise(progress, course) : null,
    editable,
  };
}

/**
 * The course as someone allowed to see it receives it: short-lived addresses of its cover and materials, and each
 * lesson's required study time. Storage keys go only to its editors (the editor shows which lessons have material).
 */
async function withDownloadUrls(course: Course, editable: boolean) {
  const { coverKey, ...rest } = course;
  return {
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
}

// ─── Assignments ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The instant a due date means: a day is due at its end in Shanghai. */
export function dueInstant(value: string): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999+08:00`) : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new AppError('VALIDATION', { details: [{ path: 'dueAt', message: value }] });
  return instant.toISOString();
}

export async function assignCourse(actor: Actor | null, courseId: string, input: unknown): Promise<Assignment> {
  const grant = authorize(actor, 'assignCourse');
  const data = AssignCourseInput.parse(input);
  const dueAt = dueInstant(data.dueAt);
  if (dueAt <= clock.now().toISOString()) throw new AppError('VALIDATION', { messageKey: 'dueInPast', details: [{ path: 'dueAt' }] });
  const tree = await loadTree();
  const course = await visibleCourse(actor!, courseId, tree);
  if (course.status !== 'published') throw new AppError('VALIDATION', { messageKey: 'courseNotPublished' });
  const ownerUnitId = await checkAudience(grant, actor!, data.audience, tree);
  const assignment = Assignment.parse({
    assignmentId: newId(),
    courseId,
    courseTitle: course.title,
    audience: data.audience,
    required: data.required,
    dueAt,
    ownerUnitId,
    createdBy: actor!.personId,
    createdAt: nowIso(),
  });
  await courseEntities().assignment.create(assignment).go();
  await recordAudit({ action: 'assignCourse', actor, target: courseLabel(course), details: { assignmentId: assignment.assignmentId, dueAt, required: data.required } });
  return assignment;
}

/** Organizers assign within their subtree only; returns the unit the assignment belongs to. */
async function checkAudience(grant: Grant, actor: Actor, audience: AudienceT, tree: OrgTree): Promise<string> {
  const root = tree.roots()[0]?.unitId ?? actor.unitId;
  if (audience.kind === 'everyone') {
    if (grant.access !== 'all') throw new AppError('FORBIDDEN');
    return root;
  }
  if (audience.kind === 'people') {
    const people = await Promise.all(audience.personIds.map((id) => personById(id)));
    for (const person of people) {
      // For an organizer, someone outside their reach answers exactly like someone who does not exist (403): ids
      // cannot be probed. An admin reaches everyone, so for them a missing person is plain bad input.
      if (grant.access !== 'all' && (!person || !reachesPerson(grant, actor, person, tree))) throw new AppError('FORBIDDEN');
      if (!person) throw new AppError('VALIDATION', { messageKey: 'personNotFound', details: [{ path: 'audience.personIds' }] });
    }
    return grant.access === 'scope' ? grant.unitIds[0]! : root;
  }
  for (const unitId of audience.unitIds) {
    if (!tree.get(unitId)) throw new AppError('VALIDATION', { messageKey: 'unitNotFound', details: [{ path: 'audience.unitIds' }] });
    if (!reachesUnit(grant, actor, unitId, tree)) throw new AppError('FORBIDDEN');
  }
  return audience.unitIds.length === 1 ? audience.unitIds[0]! : grant.access === 'scope' ? grant.unitIds[0]! : root;
}

/** Whether an assignment's audience includes a person. */
export function inAudience(audience: AudienceT, person: { personId: string; unitId: string; branchId: string | null; partyStatus: string }, tree: OrgTree): boolean {
  switch (audience.kind) {
    case 'everyone':
      return true;
    case 'people':
      return audience.personIds.includes(person.personId);
    case 'units':
      return audience.unitIds.some((unitId) => tree.isWithin(person.unitId, unitId));
    case 'members':
      return (
        person.partyStatus !== 'none' &&
        audience.unitIds.some((unitId) => tree.isWithin(person.unitId, unitId) || (person.branchId !== null && tree.isWithin(person.branchId, unitId)))
      );
  }
}

// ─── Progress ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The person's own progress in a course, with what their study clock holds beyond the progress item. */
async function ownProgress(personId: string, courseId: string) {
  const [progress, studyClock] = await Promise.all([studyStore.readProgress(personId, courseId), studyStore.readClock(personId)]);
  return studyStore.withClock(progress, studyClock, courseId);
}

function summarise(progress: { lessons: Record<string, LessonState>; completedAt: string | null }, course: Course) {
  return {
    completedAt: progress.completedAt,
    lessons: course.lessons.map((lesson) => {
      const state = progress.lessons[lesson.lessonId];
      return {
        lessonId: lesson.lessonId,
        studiedSeconds: Math.floor((state?.studiedMs ?? 0) / 1000),
        furthestSeconds: state?.furthestSeconds ?? 0,
        positionSeconds: state?.positionSeconds ?? 0,
        completedAt: state?.completedAt ?? null,
      };
    }),
  };
}

/**
 * The study clocks this process last stored (with what it has since confirmed of their flushes), so that a learner's
 * next heartbeat (15 s later, usually to the same warm instance) is one conditional write and no read. Safe because
 * every write is conditional on the version it builds on: if anything else wrote the clock since (another instance,
 * another device), the write fails, the entry is dropped and the heartbeat reads the clock afresh. Bounded.
 */
const clocks = new BoundedMap<string, StudyClock>(5_000);

const clockKey = (personId: string) => `${config().tableName}|${personId}`;

/** Attempts at storing a heartbeat against other heartbeats of the same person arriving at the same moment. */
const storeAttempts = 6;

function courseFacts(course: Course): studyStore.CourseFacts {
  return { courseId: course.courseId, title: course.title, credit: course.credit, lessonIds: course.lessons.map((lesson) => lesson.lessonId) };
}

/** Brings progress items up to stored clock states; returns those done and the courses they found completed. */
async function flushAll(personId: string, slots: Slot[], current: Course) {
  const done: Slot[] = [];
  const completions = new Map<string, string | null>();
  if (slots.length === 0) return { done, completions };
  await Promise.all(
    slots.map(async (slot) => {
      const course = slot.courseId === current.courseId ? current : await courseById(slot.courseId);
      if (!course) return;
      const completedAt = await studyStore.flushLesson(personId, courseFacts(course), slot);
      done.push(slot);
      if (completedAt) completions.set(slot.courseId, completedAt);
    }),
  );
  return { done, completions };
}

function studyAnswer(slot: Pick<Slot, 'lessonId' | 'studiedMs' | 'furthestSeconds' | 'completedAt' | 'courseCompletedAt'>, creditedMs: number) {
  return {
    creditedSeconds: Math.round(creditedMs) / 1000,
    lesson: { lessonId: slot.lessonId, studiedSeconds: Math.floor(slot.studiedMs / 1000), furthestSeconds: slot.furthestSeconds, completedAt: slot.completedAt },
    courseCompletedAt: slot.courseCompletedAt,
  };
}

/**
 * One heartbeat from a lesson page. Credits only real elapsed time, once per person across all their lessons, tabs
 * and devices (study.ts); heartbeats faster than pages send them are refused with 429 and credit nothing; a lesson
 * the person may not see is a 404. When the last lesson completes, the course completes once, and its 学时 count from
 * then on (the record derives credit from completed progress items, so it can never be counted twice).
 *
 * A steady heartbeat is one conditional write of the person's clock. The lesson's progress item is written once that
 * write is stored when the lesson completes, the page stops, or the person starts on a course; a lesson left for
 * another, or studied a long while, is written alongside the clock. A heartbeat that keeps losing to others of the
 * same moment answers with the lesson as stored, crediting nothing.
 */
export async function recordStudy(actor: Actor | null, courseId: string, input: unknown) {
  authorize(actor, 'recordStudy');
  const beat = StudyBeatInput.parse(input);
  const course = await publishedCourse(courseId);
  if (!course) throw new AppError('NOT_FOUND', { messageKey: 'lessonNotFound' });
  const lesson = course.lessons.find((l) => l.lessonId === beat.lessonId);
  if (!lesson) throw new AppError('NOT_FOUND', { messageKey: 'lessonNotFound' });
  const rules = { kind: lesson.kind, minSeconds: requiredSeconds(lesson), durationSeconds: lesson.durationSeconds };
  const personId = actor!.personId;
  const key = clockKey(personId);
  const target = { courseId, lessonId: lesson.lessonId };
  const policy = beatPolicy(config().studyHeartbeatSeconds);
  const nowMs = clock.now().getTime();
  const flushed = new Set<string>();
  let previous = clocks.get(key);
  for (let attempt = 0; attempt < storeAttempts; attempt++) {
    previous ??= (await studyStore.readClock(personId, attempt > 0)) ?? emptyClock();
    let seed: Parameters<typeof applyBeat>[2];
    if (!slotOf(previous, target)) {
      const progress = await studyStore.readProgress(personId, courseId, true);
      seed = { state: studyStore.storedLesson(progress, lesson.lessonId), courseCompletedAt: progress?.completedAt ?? null, hasItem: progress !== undefined };
    }
    const outcome = applyBeat(previous, target, seed, beat as Beat, rules, policy, nowMs);
    if (outcome.refused) {
      const seconds = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000));
      throw new AppError('RATE_LIMITED', { messageKey: 'studyTooFrequent', params: { seconds }, headers: { 'retry-after': String(seconds) } });
    }
    const alongside = outcome.flushAlongside.filter((slot) => !flushed.has(`${slot.lessonId}@${slot.seq}`));
    for (const slot of alongside) flushed.add(`${slot.lessonId}@${slot.seq}`);
    const [stored, early] = await Promise.all([studyStore.writeClock(personId, outcome.next, previous.seq), flushAll(personId, alongside, course)]);
    if (!stored) {
      // Another heartbeat of this person got there first (or this process remembered an old clock): read it again
      // and apply this one on top (it credits from that one, never twice).
      clocks.delete(key);
      previous = undefined;
      continue;
    }
    let next = confirmFlushed(outcome.next, early.done, early.completions);
    if (outcome.flushAfter && next.open) {
      const completedAt = await studyStore.flushLesson(personId, courseFacts(course), next.open, seed?.hasItem !== false);
      next = confirmFlushed(next, [next.open], new Map([[courseId, completedAt]]));
    }
    // Unless a later heartbeat of this person, served here meanwhile, stored a newer clock.
    if ((clocks.get(key)?.seq ?? 0) <= next.seq) clocks.set(key, next);
    return studyAnswer(next.open!, outcome.creditedMs);
  }
  // Lost every race to heartbeats of the same moment: nothing credited; the lesson as it stands.
  const [current, progress] = await Promise.all([studyStore.readClock(personId, true), studyStore.readProgress(personId, courseId, true)]);
  const held = current && slotOf(current, target);
  return studyAnswer(held ?? { lessonId: lesson.lessonId, ...studyStore.storedLesson(progress, lesson.lessonId), courseCompletedAt: progress?.completedAt ?? null }, 0);
}

/**
 * Published courses as heartbeats see them, kept 15 s per process: a heartbeat arrives every 15 s from every learner,
 * and a course's lessons change rarely (an edit reaches heartbeats within 15 s; drafts and archived courses, never).
 */
const publishedTtlMs = 15_000;
const published = new BoundedMap<string, { course: Promise<Course | undefined>; at: number }>(500);

async function publishedCourse(courseId: string): Promise<Course | undefined> {
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

/** The year in Shanghai that an instant falls in. */
export function shanghaiYear(iso: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(iso)));
}

/**
 * The person's record (学习档案): courses done and in progress, 学时 this year against the target, a timeline.
 * One query: every progress item of the person carries what the page shows.
 */
export async function getMyRecord(actor: Actor | null, query: { year?: number } = {}) {
  authorize(actor, 'getMyRecord');
  const year = query.year ?? shanghaiYear(nowIso());
  const { data } = await courseEntities().progress.query.byPerson({ personId: actor!.personId }).go({ pages: 'all' });
  const items = data.map((record) => studyStore.progressFrom(record as Record<string, unknown>));
  const done = items.filter((p) => p.completedAt !== null).sort((a, b) => b.completedAt!.localeCompare(a.completedAt!));
  const inProgress = items.filter((p) => p.completedAt === null).sort((a, b) => b.lastStudiedAt.localeCompare(a.lastStudiedAt));
  const creditThisYear = done.filter((p) => shanghaiYear(p.completedAt!) === year).reduce((sum, p) => sum + p.credit, 0);
  return {
    year,
    target: config().yearlyCreditTarget,
    creditThisYear,
    completed: done.map((p) => ({ courseId: p.courseId, title: p.courseTitle, credit: p.credit, completedAt: p.completedAt! })),
    inProgress: inProgress.map((p) => ({
      courseId: p.courseId,
      title: p.courseTitle,
      credit: p.credit,
      lastStudiedAt: p.lastStudiedAt,
      lessonsDone: Object.values(p.lessons).filter((l) => l.completedAt).length,
    })),
  };
}

// ─── My tasks ──────────────────────────────────────────────────────────────────────────────────────────────────────

const dueSoonMs = 7 * 24 * 3600 * 1000;
/** How far back "my tasks" looks: assignments due within the last year, and all that are still to come. */
const tasksLookBackMs = 366 * 24 * 3600 * 1000;

/**
 * What is assigned to the actor, each with its state: done, overdue, due soon (within a week) or assigned.
 * Reads the assignments due from a year ago on (one partition, a range of its sort key: a few hundred) and the
 * person's progress (one query); the person comes with the session check.
 */
export async function listMyTasks(actor: Actor | null) {
  authorize(actor, 'listMyTasks');
  const since = new Date(clock.now().getTime() - tasksLookBackMs).toISOString();
  const [person, tree, assignments, progress] = await Promise.all([
    actingPerson(actor!),
    loadTree(),
    courseEntities().assignment.query.byDue({}).gte({ dueAt: since }).go({ pages: 'all' }),
    courseEntities().progress.query.byPerson({ personId: actor!.personId }).go({ pages: 'all' }),
  ]);
  if (!person) throw new AppError('UNAUTHENTICATED');
  const completedAt = new Map(progress.data.map((p) => [p.courseId, p.completedAt ?? null]));
  const now = clock.now().getTime();
  const tasks = assignments.data
    .map((record) => Assignment.parse(record))
    .filter((assignment) => inAudience(assignment.audience, person, tree))
    .map((assignment) => {
      const done = completedAt.get(assignment.courseId) ?? null;
      const due = Date.parse(assignment.dueAt);
      const state = done ? 'done' : due < now ? 'overdue' : due - now <= dueSoonMs ? 'dueSoon' : 'assigned';
      return {
        assignmentId: assignment.assignmentId,
        courseId: assignment.courseId,
        courseTitle: assignment.courseTitle,
        required: assignment.required,
        dueAt: assignment.dueAt,
        state: state as 'done' | 'overdue' | 'dueSoon' | 'assigned',
        started: completedAt.has(assignment.courseId),
        completedAt: done,
      };
    });
  const order = { overdue: 0, dueSoon: 1, assigned: 2, done: 3 } as const;
  return tasks.sort((a, b) => order[a.state] - order[b.state] || a.dueAt.localeCompare(b.dueAt));
}

/**
 * Whether an assignment concerns the actor's part of the organisation (everything, for those who see it all): made
 * in their name, for everyone, for units within or above their reach, or naming someone within it (`named`: the
 * people that `people` audiences name, read once for the whole list).
 */
function concerns(grant: Grant, actor: Actor, assignment: Assignment, tree: OrgTree, named: Map<string, Person>): boolean {
  if (grant.access === 'all' || reachesUnit(grant, actor, assignment.ownerUnitId, tree)) return true;
  const audience = assignment.audience;
  if (audience.kind === 'everyone') return true;
  if (audience.kind === 'people') {
    return audience.personIds.some((personId) => {
      const person = named.get(personId);
      return person !== undefined && reachesPerson(grant, actor, person, tree);
    });
  }
  // A unit audience concerns the actor if it lies within their reach or contains it.
  const reach = grant.access === 'scope' ? grant.unitIds : [];
  return audience.unitIds.some((unitId) => reachesUnit(grant, actor, unitId, tree) || reach.some((own) => tree.isWithin(own, unitId)));
}

/** How an audience reads in a list: its kind and the names of its units, or how many people it names. */
function describeAudience(audience: AudienceT, tree: OrgTree): { kind: AudienceT['kind']; units: { unitId: string; name: string }[]; people: number } {
  switch (audience.kind) {
    case 'everyone':
      return { kind: audience.kind, units: [], people: 0 };
    case 'people':
      return { kind: audience.kind, units: [], people: audience.personIds.length };
    default:
      return { kind: audience.kind, units: audience.unitIds.map((unitId) => ({ unitId, name: tree.get(unitId)?.name ?? '—' })), people: 0 };
  }
}

/**
 * The assignments of one course that concern the actor's part of the organisation, latest due first: what the
 * completion page offers to narrow its figures to one assignment.
 */
export async function listCourseAssignments(actor: Actor | null, courseId: string) {
  const grant = authorize(actor, 'listCourseAssignments');
  const tree = await loadTree();
  const course = await readCourse(courseId);
  if (!course || !mayReadFigures(actor!, course, tree)) throw notFound();
  const assignments = await assignmentsOfCourse(courseId);
  const namedIds = grant.access === 'all' ? [] : assignments.flatMap((a) => (a.audience.kind === 'people' && !reachesUnit(grant, actor!, a.ownerUnitId, tree) ? a.audience.personIds : []));
  const named = new Map((await peopleByIds(namedIds)).map((person) => [person.personId, person]));
  return assignments
    .filter((assignment) => concerns(grant, actor!, assignment, tree, named))
    .sort((a, b) => b.dueAt.localeCompare(a.dueAt))
    .map((assignment) => ({
      assignmentId: assignment.assignmentId,
      required: assignment.required,
      dueAt: assignment.dueAt,
      createdAt: assignment.createdAt,
      audience: describeAudience(assignment.audience, tree),
    }));
}

// ─── Reads for jobs (no actor: callers are trusted system code) ───────────────────────────────────────────────────

export async function courseById(courseId: string): Promise<Course | undefined> {
  return readCourse(courseId);
}

/** Whether the actor may see a course's figures: drafts only for their editors; published and archived for readers. */
export function mayReadFigures(actor: Actor, course: Course, tree: OrgTree): boolean {
  return course.status !== 'draft' || mayEdit(editGrant(actor), actor, course.ownerUnitId, tree);
}

export async function assignmentById(assignmentId: string): Promise<Assignment | undefined> {
  if (!Id.safeParse(assignmentId).success) return undefined;
  const { data } = await courseEntities().assignment.get({ assignmentId }).go();
  return data ? Assignment.parse(data) : undefined;
}

export async function assignmentsOfCourse(courseId: string): Promise<Assignment[]> {
  const { data } = await courseEntities().assignment.query.byCourse({ courseId }).go({ pages: 'all' });
  return data.map((record) => Assignment.parse(record));
}

export async function allAssignments(): Promise<Assignment[]> {
  const { data } = await courseEntities().assignment.query.byDue({}).go({ pages: 'all' });
  return data.map((record) => Assignment.parse(record));
}

/** Everyone's progress in one course: personId → when they completed it (null while in progress). */
export async function progressOfCourse(courseId: string): Promise<Map<string, string | null>> {
  const { data } = await courseEntities().progress.query.byCourse({ courseId }).go({ pages: 'all' });
  return new Map(data.map((record) => [record.personId, record.completedAt ?? null]));
}
