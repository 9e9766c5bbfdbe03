import { readAssignment } from '../assign-form.server';
import type { EditorStep } from './step.server';
import type { ActionResult } from './types';

/** The course assigned to units, to the Party members in them, or to everyone, with a due date. */
export async function assignCourse({ context, courseId, form, intent, failed, local }: EditorStep): Promise<ActionResult> {
  const read = readAssignment(form);
  if ('refusal' in read) return local(read.refusal, read.values);
  const { data, error, response } = await context.api.POST('/courses/{courseId}/assignments', { params: { path: { courseId } }, body: read.body });
  if (!data) return failed(error, response.status, read.values);
  return { intent, done: 'editor.assign.done', assignment: { assignmentId: data.assignmentId, dueAt: data.dueAt, required: data.required } };
}
