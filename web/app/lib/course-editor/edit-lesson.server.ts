import type { LessonKind } from '../learn';
import { formNumber } from '../learn.server';
import { formText } from '../respond.server';
import type { EditorStep } from './step.server';
import type { ActionResult } from './types';

/** A lesson's title, minimum time, and its text or address. */
export async function editLesson({ context, courseId, form, intent, version, failed, local }: EditorStep): Promise<ActionResult> {
  const lessonId = formText(form, 'lessonId');
  const kind = formText(form, 'kind') as LessonKind;
  const values = { lessonId, title: formText(form, 'title'), body: String(form.get('body') ?? ''), url: formText(form, 'url'), minutes: formText(form, 'minutes') };
  const minutes = formNumber(form, 'minutes');
  if (minutes === undefined || minutes < 1 || minutes > 240) return local('editor.lesson.minutesInvalid', values);
  const { error, response } = await context.api.PATCH('/courses/{courseId}/lessons/{lessonId}', {
    params: { path: { courseId, lessonId } },
    body: {
      version,
      title: values.title,
      minSeconds: Math.round(minutes * 60),
      ...(kind === 'text' ? { body: values.body } : {}),
      ...(kind === 'link' ? { url: values.url } : {}),
    },
  });
  return error ? failed(error, response.status, values) : { intent, done: 'editor.lesson.saved' };
}
