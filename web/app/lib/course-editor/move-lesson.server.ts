import { formInt } from '../learn.server';
import { formText } from '../respond.server';
import type { EditorStep } from './step.server';
import type { ActionResult } from './types';

/** A lesson one place up or down. */
export async function moveLesson({ context, courseId, form, intent, version, failed }: EditorStep): Promise<ActionResult> {
  const lessonId = formText(form, 'lessonId');
  const position = formInt(form, 'position') ?? 0;
  const { error, response } = await context.api.PATCH('/courses/{courseId}/lessons/{lessonId}', {
    params: { path: { courseId, lessonId } },
    body: { version, position },
  });
  return error ? failed(error, response.status) : { intent, done: 'editor.lesson.moved' };
}
