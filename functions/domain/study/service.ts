/**
 * Use cases of study: heartbeats that earn study credit (the study clock, decision 012), a course as its learner opens
 * it with their progress, and the person's record. Each takes the acting person and checks the permission through
 * authz; the internal functions at the end (no actor) serve the other learning areas.
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import { config } from '../../platform/config.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { courseById, publishedCourse, readableCourse, requiredSeconds } from '../courses/service.js';
import type { Course } from '../courses/schema.js';
import { applyBeat, beatPolicy, confirmFlushed, emptyClock, slotOf, type Slot, type StudyClock } from './clock.js';
import { recordOf, shanghaiYear, storedLesson, summarise, withClock } from './progress.js';
import type { StudyBeat } from './schema.js';
import { flushLesson, queryCompletionOfCourse, readCompletionOfPeople, queryProgressOfCourse, queryProgressOfPerson, readClock, readProgress, recordTestPass, writeClock, type CourseFacts } from './store.js';
import { finalTestsOf, quizStandings } from '../quizzes/quiz-service.js';
import { coursesMessages } from '../courses/messages.js';
import { studyMessages } from './messages.js';
import { flagLongStretch } from '../flags/raise-service.js';

// ─── A course as its learner opens it ──────────────────────────────────────────────────────────────────────────────

/**
 * The course (as courses serves it to someone allowed to see it), the reader's progress in it and, when it has one,
 * its final test with where the reader stands in it, read side by side.
 */
export async function getCourse(actor: Actor | null, courseId: string) {
  authorize(actor, 'getCourse');
  const [{ course, editable }, progress, finalTest] = await Promise.all([
    readableCourse(actor!, courseId),
    ownProgress(actor!.personId, courseId),
    finalTestFor(actor!.personId, courseId),
  ]);
  return {
    course,
    progress: progress ? summarise(progress, course.lessons.map((lesson) => lesson.lessonId)) : null,
    finalTest,
    editable,
  };
}

/** The person's own progress in a course, with what their study clock holds beyond the progress item. */
async function ownProgress(personId: string, courseId: string) {
  const [progress, studyClock] = await Promise.all([readProgress(personId, courseId), readClock(personId)]);
  return withClock(progress, studyClock, courseId);
}

// ─── Heartbeats ────────────────────────────────────────────────────────────────────────────────────────────────────

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

function courseFacts(course: Course): CourseFacts {
  return {
    courseId: course.courseId,
    title: course.title,
    credit: course.credit,
    lessonIds: course.lessons.map((lesson) => lesson.lessonId),
    requiresTest: async () => (await publishedFinalTest(course.courseId)) !== undefined,
  };
}

// ─── A course's final test ─────────────────────────────────────────────────────────────────────────────────────────

/** The 学时 a course's final test credits when first passed, once per person and course. */
export const FINAL_TEST_CREDIT = 0.5;

/** The course's published final test, if it has one (the first published, should there be several). */
async function publishedFinalTest(courseId: string) {
  return (await finalTestsOf(courseId)).filter((quiz) => quiz.status === 'published').sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
}

/**
 * Records that a person passed a course's final test (the quizzes area calls it when it grades a passing attempt of
 * a course's quiz, and again for a repeated submit of one): the course's test requirement is met and 0.5 学时
 * credited, once (set-once fields of their progress item: a second pass, a regrade or a repeated call credits nothing
 * more); the course completes if its lessons are done. No actor: the caller graded the attempt.
 */
export async function finalTestPassed(pass: { personId: string; courseId: string; quizId: string; passedAt: string }): Promise<{ testPassedAt: string; completedAt: string | null } | undefined> {
  const course = await courseById(pass.courseId);
  if (!course) return undefined;
  return recordTestPass(pass.personId, courseFacts(course), { quizId: pass.quizId, passedAt: pass.passedAt, credit: FINAL_TEST_CREDIT });
}

/** The course's final test as its learner sees it on the course page: the quiz, their standing, the credit. */
async function finalTestFor(personId: string, courseId: string) {
  const quiz = await publishedFinalTest(courseId);
  if (!quiz) return null;
  const found = (await quizStandings(personId, [quiz.quizId])).get(quiz.quizId);
  return {
    quizId: quiz.quizId,
    title: quiz.title,
    passPercent: quiz.passPercent,
    credit: FINAL_TEST_CREDIT,
    standing: found?.standing ?? ('notStarted' as const),
    passedAt: found?.passedAt ?? null,
  };
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
      const completedAt = await flushLesson(personId, courseFacts(course), slot);
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
 * One heartbeat from a lesson page (`beat` as the API parsed it). Credits only real elapsed time, once per person
 * across all their lessons, tabs and devices (clock.ts); heartbeats faster than pages send them are refused with 429
 * and credit nothing; a lesson the person may not see is a 404. When the last lesson completes, the course completes
 * once, and its 学时 count from then on (the record derives credit from completed progress items, so it can never be
 * counted twice).
 *
 * A steady heartbeat is one conditional write of the person's clock. The lesson's progress item is written once that
 * write is stored when the lesson completes, the page stops, or the person starts on a course; a lesson left for
 * another, or studied a long while, is written alongside the clock. A heartbeat that keeps losing to others of the
 * same moment answers with the lesson as stored, crediting nothing.
 */
export async function recordStudy(actor: Actor | null, courseId: string, beat: StudyBeat) {
  authorize(actor, 'recordStudy');
  const course = await publishedCourse(courseId);
  const lesson = course?.lessons.find((l) => l.lessonId === beat.lessonId);
  if (!course || !lesson) throw new AppError('NOT_FOUND', { messageKey: coursesMessages.lessonNotFound });
  const rules = { kind: lesson.kind, minSeconds: requiredSeconds(lesson), durationSeconds: lesson.durationSeconds };
  const personId = actor!.personId;
  const key = clockKey(personId);
  const target = { courseId, lessonId: lesson.lessonId };
  const policy = beatPolicy(config().studyHeartbeatSeconds);
  const nowMs = clock.now().getTime();
  const flushed = new Set<string>();
  let previous = clocks.get(key);
  for (let attempt = 0; attempt < storeAttempts; attempt++) {
    previous ??= (await readClock(personId, attempt > 0)) ?? emptyClock();
    let seed: Parameters<typeof applyBeat>[2];
    if (!slotOf(previous, target)) {
      const progress = await readProgress(personId, courseId, true);
      seed = { state: storedLesson(progress, lesson.lessonId), courseCompletedAt: progress?.completedAt ?? null, hasItem: progress !== undefined };
    }
    const outcome = applyBeat(previous, target, seed, beat, rules, policy, nowMs);
    if (outcome.refused) {
      const seconds = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000));
      throw new AppError('RATE_LIMITED', { messageKey: studyMessages.studyTooFrequent, params: { seconds }, headers: { 'retry-after': String(seconds) } });
    }
    const alongside = outcome.flushAlongside.filter((slot) => !flushed.has(`${slot.lessonId}@${slot.seq}`));
    for (const slot of alongside) flushed.add(`${slot.lessonId}@${slot.seq}`);
    const [stored, early] = await Promise.all([writeClock(personId, outcome.next, previous.seq), flushAll(personId, alongside, course)]);
    if (!stored) {
      // Another heartbeat of this person got there first (or this process remembered an old clock): read it again
      // and apply this one on top (it credits from that one, never twice).
      clocks.delete(key);
      previous = undefined;
      continue;
    }
    let next = confirmFlushed(outcome.next, early.done, early.completions);
    if (outcome.flushAfter && next.open) {
      const completedAt = await flushLesson(personId, courseFacts(course), next.open, seed?.hasItem !== false);
      next = confirmFlushed(next, [next.open], new Map([[courseId, completedAt]]));
    }
    // At a flush (never on a steady heartbeat): a stretch of hours without a break is worth a second look.
    if (outcome.stretch && (alongside.length > 0 || outcome.flushAfter)) {
      const { personId: id, name, login, unitId, branchId } = actor!;
      await flagLongStretch({ personId: id, name, login, unitId, branchId }, { personId: id, startedAtMs: outcome.stretch.startedAt, endedAtMs: outcome.stretch.endedAt, creditedMs: outcome.stretch.creditedMs, ...target });
    }
    // Unless a later heartbeat of this person, served here meanwhile, stored a newer clock.
    if ((clocks.get(key)?.seq ?? 0) <= next.seq) clocks.set(key, next);
    return studyAnswer(next.open!, outcome.creditedMs);
  }
  // Lost every race to heartbeats of the same moment: nothing credited; the lesson as it stands.
  const [current, progress] = await Promise.all([readClock(personId, true), readProgress(personId, courseId, true)]);
  const held = current && slotOf(current, target);
  return studyAnswer(held ?? { lessonId: lesson.lessonId, ...storedLesson(progress, lesson.lessonId), courseCompletedAt: progress?.completedAt ?? null }, 0);
}

// ─── The record ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The person's record (学习档案): courses done and in progress, 学时 this year against the target, a timeline.
 * One query: every progress item of the person carries what the page shows.
 */
export async function getMyRecord(actor: Actor | null, query: { year?: number } = {}) {
  authorize(actor, 'getMyRecord');
  const year = query.year ?? shanghaiYear(nowIso());
  return recordOf(await queryProgressOfPerson(actor!.personId), year, config().yearlyCreditTarget);
}

// ─── For the other learning areas (no actor: callers are trusted system code) ─────────────────────────────────────

/** One person's courses: courseId → when they completed it (null while in progress; absent: never started). */
export async function coursesStartedBy(personId: string): Promise<Map<string, string | null>> {
  return new Map((await queryProgressOfPerson(personId)).map((p) => [p.courseId, p.completedAt]));
}

/** Everyone's progress in one course: personId → when they completed it (null while in progress). */
export async function completionOfCourse(courseId: string): Promise<Map<string, string | null>> {
  return queryCompletionOfCourse(courseId);
}

/** Some people's standing in one course (the refresher's read after their progress changed): started → completed or null. */
export async function completionOfPeople(courseId: string, personIds: readonly string[]): Promise<Map<string, string | null>> {
  return readCompletionOfPeople(courseId, personIds);
}

/**
 * For the year's review sheet (no actor): one person's year of study — 学时 credited in `year` against the target,
 * and the courses completed and final tests passed — read from their progress items (one query).
 */
export async function studyYearOf(personId: string, year: number) {
  const record = recordOf(await queryProgressOfPerson(personId), year, config().yearlyCreditTarget);
  return {
    credit: record.creditThisYear,
    target: record.target,
    coursesCompleted: record.completed.filter((course) => shanghaiYear(course.completedAt) === year),
  };
}

/**
 * For the overview (no actor): everyone's standing in one course from one query — personId → when they completed
 * it (null while in progress) and the 学时 it credited in `year` (the course when completed in that year, its final
 * test when first passed in it; the same rule as the record's).
 */
export async function courseStandings(courseId: string, year: number): Promise<Map<string, { completedAt: string | null; credit: number }>> {
  const items = await queryProgressOfCourse(courseId);
  return new Map(
    items.map((p) => {
      const course = p.completedAt !== null && shanghaiYear(p.completedAt) === year ? p.credit : 0;
      const test = p.testPassedAt !== null && p.testCredit !== undefined && shanghaiYear(p.testPassedAt) === year ? p.testCredit : 0;
      return [p.personId, { completedAt: p.completedAt, credit: course + test }];
    }),
  );
}

/**
 * For a person's home (no actor): the lesson they studied last, to continue with one tap — read from their study
 * clock (one GetItem): the lesson open now or the last one left. Null before any study, or when the course is gone.
 */
export async function lastLessonOf(personId: string): Promise<{ courseId: string; courseTitle: string; lessonId: string; lessonTitle: string; completed: boolean } | null> {
  const clockNow = await readClock(personId);
  const slot = clockNow?.open ?? clockNow?.pending.at(-1);
  if (!slot) return null;
  const course = await courseById(slot.courseId);
  const lesson = course?.lessons.find((l) => l.lessonId === slot.lessonId);
  if (!course || !lesson || course.status !== 'published') return null;
  return { courseId: course.courseId, courseTitle: course.title, lessonId: lesson.lessonId, lessonTitle: lesson.title, completed: slot.completedAt !== null };
}
