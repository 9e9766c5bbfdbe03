/**
 * A person's progress as they read it, as pure functions: a lesson's state from its progress item, the item with
 * what the study clock holds beyond it, a course's lessons summarised for its page, and the record (学习档案).
 */
import { emptyLesson, type LessonState, type StudyClock } from './clock.js';
import type { ProgressRecord } from './schema.js';

/** A lesson's state as its progress item holds it (empty when it has none). */
export function storedLesson(progress: ProgressRecord | undefined, lessonId: string): LessonState {
  const stored = progress?.lessons[lessonId];
  return stored
    ? { studiedMs: stored.studiedMs, furthestSeconds: stored.furthestSeconds, positionSeconds: stored.positionSeconds, completedAt: stored.completedAt }
    : emptyLesson();
}

/**
 * The person's own view of their progress in a course: the progress item with what the clock holds beyond it (the
 * lesson studied now, and lessons left since whose item is not yet up to date).
 */
export function withClock(progress: ProgressRecord | undefined, studyClock: StudyClock | undefined, courseId: string): { lessons: Record<string, LessonState>; completedAt: string | null } | undefined {
  const lessons: Record<string, LessonState> = {};
  for (const lessonId of Object.keys(progress?.lessons ?? {})) lessons[lessonId] = storedLesson(progress, lessonId);
  let completedAt = progress?.completedAt ?? null;
  const slots = studyClock ? [...studyClock.pending, ...(studyClock.open ? [studyClock.open] : [])] : [];
  let touched = false;
  for (const slot of slots.filter((s) => s.courseId === courseId).sort((a, b) => a.seq - b.seq)) {
    if ((progress?.lessons[slot.lessonId]?.clockSeq ?? -1) >= slot.seq) continue;
    lessons[slot.lessonId] = { studiedMs: slot.studiedMs, furthestSeconds: slot.furthestSeconds, positionSeconds: slot.positionSeconds, completedAt: slot.completedAt };
    completedAt ??= slot.courseCompletedAt;
    touched = true;
  }
  return progress || touched ? { lessons, completedAt } : undefined;
}

/** Each lesson of a course with the reader's progress in it (a lesson not studied yet reads zero). */
export function summarise(progress: { lessons: Record<string, LessonState>; completedAt: string | null }, lessonIds: string[]) {
  return {
    completedAt: progress.completedAt,
    lessons: lessonIds.map((lessonId) => {
      const state = progress.lessons[lessonId];
      return {
        lessonId,
        studiedSeconds: Math.floor((state?.studiedMs ?? 0) / 1000),
        furthestSeconds: state?.furthestSeconds ?? 0,
        positionSeconds: state?.positionSeconds ?? 0,
        completedAt: state?.completedAt ?? null,
      };
    }),
  };
}

/** The year in Shanghai that an instant falls in. */
export function shanghaiYear(iso: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(iso)));
}

/**
 * The record (学习档案) of one person's progress items: courses done (latest first) and in progress (latest studied
 * first), final tests passed, and the 学时 of courses completed and final tests passed in `year`. Credit is derived
 * from set-once fields of the items, never added up.
 */
export function recordOf(items: ProgressRecord[], year: number, target: number) {
  const done = items.filter((p) => p.completedAt !== null).sort((a, b) => b.completedAt!.localeCompare(a.completedAt!));
  const inProgress = items.filter((p) => p.completedAt === null).sort((a, b) => b.lastStudiedAt.localeCompare(a.lastStudiedAt));
  const tests = items.filter((p) => p.testPassedAt !== null && p.testCredit !== undefined).sort((a, b) => b.testPassedAt!.localeCompare(a.testPassedAt!));
  const creditThisYear =
    done.filter((p) => shanghaiYear(p.completedAt!) === year).reduce((sum, p) => sum + p.credit, 0) +
    tests.filter((p) => shanghaiYear(p.testPassedAt!) === year).reduce((sum, p) => sum + p.testCredit!, 0);
  return {
    year,
    target,
    creditThisYear,
    completed: done.map((p) => ({ courseId: p.courseId, title: p.courseTitle, credit: p.credit, completedAt: p.completedAt! })),
    /** Final tests passed, each crediting its 学时 in the year it was first passed. */
    testsPassed: tests.map((p) => ({ courseId: p.courseId, title: p.courseTitle, quizId: p.testQuizId ?? null, credit: p.testCredit!, passedAt: p.testPassedAt! })),
    inProgress: inProgress.map((p) => ({
      courseId: p.courseId,
      title: p.courseTitle,
      credit: p.credit,
      lastStudiedAt: p.lastStudiedAt,
      lessonsDone: Object.values(p.lessons).filter((l) => l.completedAt).length,
    })),
  };
}
