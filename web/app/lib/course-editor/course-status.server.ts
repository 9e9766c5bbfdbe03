import { formText } from '../respond.server';
import type { EditorStep } from './step.server';
import type { ActionResult } from './types';

/** A draft published for learners. */
export async function publishCourse({ context, courseId, intent, version, failed }: EditorStep): Promise<ActionResult> {
  const { error, response } = await context.api.POST('/courses/{courseId}/publish', { params: { path: { courseId } }, body: { version } });
  return error ? failed(error, response.status) : { intent, done: 'editor.published' };
}

/** A published course archived, or an archived one back to draft. */
export async function setCourseStatus({ context, courseId, form, intent, version, failed }: EditorStep): Promise<ActionResult> {
  const status = formText(form, 'status') === 'archived' ? 'archived' : 'draft';
  const { error, response } = await context.api.PATCH('/courses/{courseId}', { params: { path: { courseId } }, body: { version, status } });
  return error ? failed(error, response.status) : { intent, done: status === 'archived' ? 'editor.archived' : 'editor.backToDraft' };
}
