import type { LessonKind } from '../learn';
import { formInt, formNumber } from '../learn.server';
import { formText } from '../respond.server';
import type { EditorStep } from './step.server';
import type { ActionResult } from './types';

/** A new lesson at the end: text, a link, or an uploaded video or PDF. */
export async function addLesson({ context, courseId, form, intent, version, failed, local }: EditorStep): Promise<ActionResult> {
  const kind = formText(form, 'kind') as LessonKind;
  const values = { title: formText(form, 'title'), kind, body: String(form.get('body') ?? ''), url: formText(form, 'url'), minutes: formText(form, 'minutes') };
  const minutes = formNumber(form, 'minutes');
  if (minutes === undefined || minutes < 1 || minutes > 240) return local('editor.lesson.minutesInvalid', values);
  const uploadId = kind === 'video' ? formText(form, 'videoUploadId') : kind === 'pdf' ? formText(form, 'pdfUploadId') : '';
  if ((kind === 'video' || kind === 'pdf') && !uploadId) return local('editor.lesson.fileMissing', values);
  const duration = formInt(form, 'durationSeconds');
  const { error, response } = await context.api.POST('/courses/{courseId}/lessons', {
    params: { path: { courseId } },
    body: {
      version,
      title: values.title,
      kind,
      minSeconds: Math.round(minutes * 60),
      ...(kind === 'text' ? { body: values.body } : {}),
      ...(kind === 'link' ? { url: values.url } : {}),
      ...(kind === 'video' || kind === 'pdf' ? { uploadId } : {}),
      ...(kind === 'video' && duration ? { durationSeconds: duration } : {}),
    },
  });
  return error ? failed(error, response.status, values) : { intent, done: 'editor.lesson.added' };
}
