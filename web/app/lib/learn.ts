/**
 * Shapes and small helpers shared by the learning pages (safe in the browser: no server code here).
 */
import type { Lang } from '../../../functions/shared/constants';
import type { MessageKey, Translate } from '../i18n';
import type { components, paths } from './api-types';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Course = components['schemas']['Course'];
export type Lesson = components['schemas']['Lesson'];
export type CourseCategory = Course['category'];
export type CourseStatus = Course['status'];
export type LessonKind = Lesson['kind'];
export type CourseDetail = Json<paths['/courses/{courseId}']['get']['responses'][200]>;
export type LessonProgress = NonNullable<CourseDetail['progress']>['lessons'][number];
export type Task = Json<paths['/me/tasks']['get']['responses'][200]>['items'][number];
export type TaskState = Task['state'];
export type QuizStanding = Extract<Task, { kind: 'quiz' }>['standing'];
export type MyRecord = Json<paths['/me/record']['get']['responses'][200]>;
export type Completion = components['schemas']['Completion'];
export type CompletionState = NonNullable<Completion['people']>[number]['state'];

export const courseCategories: CourseCategory[] = ['required', 'thematic', 'service', 'party', 'elective'];
export const lessonKinds: LessonKind[] = ['text', 'video', 'pdf', 'link'];

export const categoryKey = (category: CourseCategory): MessageKey => `course.category.${category}`;
export const statusKey = (status: CourseStatus): MessageKey => `course.status.${status}`;
export const kindKey = (kind: LessonKind): MessageKey => `lesson.kind.${kind}`;
export const taskStateKey = (state: TaskState): MessageKey => `learn.task.state.${state}`;
export const quizStandingKey = (standing: QuizStanding): MessageKey => `learn.quiz.standing.${standing}`;
export const completionStateKey = (state: CompletionState): MessageKey => `completion.state.${state}`;

/** Badge colours of a task's state: overdue stands out, done is calm. */
export const taskStateClass: Record<TaskState, string> = {
  overdue: 'badge badge-down',
  dueSoon: 'badge badge-gold',
  assigned: 'badge badge-muted',
  done: 'badge badge-ok',
};

export const completionStateClass: Record<CompletionState, string> = {
  done: 'badge badge-ok',
  inProgress: 'badge badge-gold',
  notStarted: 'badge badge-muted',
  overdue: 'badge badge-down',
};

/** 学时 as people write them: 1, 0.5, 0.25, 12.75. */
export function formatCredit(credit: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 }).format(credit);
}

/** A share as a whole percentage (0 when there is nothing to share). */
export function percent(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((part / total) * 100)));
}

/** A length of study: seconds under a minute, whole minutes above (rounded down for time done, up for time needed). */
export function formatDuration(t: Translate, seconds: number, round: 'down' | 'up' = 'down'): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('learn.seconds', { n: s });
  const minutes = round === 'up' ? Math.ceil(s / 60) : Math.floor(s / 60);
  return t('learn.minutes', { n: minutes });
}

const timeZone = 'Asia/Shanghai';

/** The day in Shanghai as a date input wants it (YYYY-MM-DD). */
export function shanghaiDay(date: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** The month an instant falls in, in Shanghai (YYYY-MM). */
export function shanghaiMonth(iso: string): string {
  return shanghaiDay(new Date(iso)).slice(0, 7);
}

/** 2026年11月 / Nov 2026. */
export function formatMonth(month: string, lang: Lang): string {
  const date = new Date(`${month}-15T12:00:00+08:00`);
  return lang === 'zh-CN'
    ? new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: 'long' }).format(date)
    : new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short' }).format(date);
}

/** The lesson to go on with: the first one not yet completed (none when all are). */
export function nextUnfinished(lessons: { lessonId: string }[], progress: CourseDetail['progress']): string | null {
  const done = new Set((progress?.lessons ?? []).filter((l) => l.completedAt).map((l) => l.lessonId));
  return lessons.find((lesson) => !done.has(lesson.lessonId))?.lessonId ?? null;
}

/** Minutes needed by all lessons of a course (for the catalogue). */
export function totalMinutes(lessons: { minSeconds: number }[]): number {
  return Math.ceil(lessons.reduce((sum, lesson) => sum + lesson.minSeconds, 0) / 60);
}

/** What a course page's header shows of a course (the reader's page and the editor's). */
export function courseHeader(course: CourseDetail['course']) {
  const { courseId, title, summary, category, credit, status, version, coverUrl } = course;
  return { courseId, title, summary, category, credit, status, version, coverUrl };
}
