/**
 * A course's lessons, as pure functions: what each kind of lesson needs, and moving one within the list.
 */
import { AppError } from '../../platform/errors.js';
import { Lesson } from './schema.js';
import { coursesMessages } from './messages.js';

/** A lesson as it may be saved: a link needs its address, a text lesson its body. */
export function checkLesson(lesson: Lesson): Lesson {
  if (lesson.kind === 'link' && !lesson.url) throw new AppError('VALIDATION', { messageKey: coursesMessages.lessonNeedsUrl, details: [{ path: 'url' }] });
  if (lesson.kind === 'text' && !lesson.body?.trim()) throw new AppError('VALIDATION', { messageKey: coursesMessages.lessonNeedsBody, details: [{ path: 'body' }] });
  return Lesson.parse(lesson);
}

/** The lessons with the one at `index` replaced by `updated`, moved to `position` (0-based; past the end: last). */
export function placeLesson(lessons: readonly Lesson[], index: number, updated: Lesson, position: number | undefined): Lesson[] {
  const rest = lessons.filter((_, i) => i !== index);
  rest.splice(Math.min(position ?? index, rest.length), 0, updated);
  return rest;
}
