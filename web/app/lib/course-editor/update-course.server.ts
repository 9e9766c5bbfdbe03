import type { CourseCategory } from '../learn';
import { formNumber } from '../learn.server';
import { formText } from '../respond.server';
import type { EditorStep } from './step.server';
import type { ActionResult } from './types';

/** The course's details: title, summary, category, credit and, when one was uploaded, a new cover. */
export async function updateCourse({ context, courseId, form, intent, version, failed, local }: EditorStep): Promise<ActionResult> {
  const values = { title: formText(form, 'title'), summary: formText(form, 'summary'), category: formText(form, 'category'), credit: formText(form, 'credit') };
  const credit = formNumber(form, 'credit');
  if (credit === undefined) return local('editor.creditInvalid', values);
  const coverUploadId = formText(form, 'coverUploadId');
  const { error, response } = await context.api.PATCH('/courses/{courseId}', {
    params: { path: { courseId } },
    body: { version, title: values.title, summary: values.summary, category: values.category as CourseCategory, credit, ...(coverUploadId ? { coverUploadId } : {}) },
  });
  return error ? failed(error, response.status, values) : { intent, done: 'editor.saved' };
}
