/** The course editor's actions, one module each, by the intent their form posts. */
import { addLesson } from './add-lesson.server';
import { assignCourse } from './assign-course.server';
import { publishCourse, setCourseStatus } from './course-status.server';
import { editLesson } from './edit-lesson.server';
import { moveLesson } from './move-lesson.server';
import type { EditorStep } from './step.server';
import type { ActionResult, Intent } from './types';
import { updateCourse } from './update-course.server';

export const editorActions: Record<Intent, (step: EditorStep) => Promise<ActionResult>> = {
  update: updateCourse,
  addLesson,
  editLesson,
  move: moveLesson,
  publish: publishCourse,
  status: setCourseStatus,
  assign: assignCourse,
};

export function isIntent(value: string): value is Intent {
  return Object.hasOwn(editorActions, value);
}
