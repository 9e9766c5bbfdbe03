import { formText } from '../respond.server';
import type { EditorStep } from './step.server';
import type { ActionResult } from './types';

/** The course assigned to units, to the Party members in them, or to everyone, with a due date. */
export async function assignCourse({ context, courseId, form, intent, failed, local }: EditorStep): Promise<ActionResult> {
  const kind = formText(form, 'audience');
  const unitIds = form.getAll('unitIds').filter((value): value is string => typeof value === 'string' && value !== '');
  const dueAt = formText(form, 'dueAt');
  const required = formText(form, 'required') !== 'false';
  const values = { audience: kind, unitIds, dueAt, required: String(required) };
  if (kind !== 'everyone' && unitIds.length === 0) return local('editor.assign.pickUnit', values);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueAt)) return local('editor.assign.pickDate', values);
  const audience = kind === 'everyone' ? { kind: 'everyone' as const } : { kind: kind === 'members' ? ('members' as const) : ('units' as const), unitIds };
  const { data, error, response } = await context.api.POST('/courses/{courseId}/assignments', { params: { path: { courseId } }, body: { audience, required, dueAt } });
  if (!data) return failed(error, response.status, values);
  return { intent, done: 'editor.assign.done', assignment: { assignmentId: data.assignmentId, dueAt: data.dueAt, required: data.required } };
}
