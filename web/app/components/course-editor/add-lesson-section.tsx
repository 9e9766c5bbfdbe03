import { Form, useNavigation } from '@remix-run/react';
import { useCallback, useState } from 'react';
import { useT } from '../../i18n';
import type { ActionResult, EditorCourse } from '../../lib/course-editor/types';
import { kindKey, lessonKinds } from '../../lib/learn';
import { FieldError, ProblemNotice } from '../notice';
import { SelectField } from '../select-field';
import { UploadField } from '../upload-field';
import { Done } from './result';

/** A new lesson: text, a link, or a video or PDF uploaded straight to storage. */
export function AddLessonSection({ course, result }: { course: EditorCourse; result: ActionResult | undefined }) {
  const navigation = useNavigation();
  const t = useT();
  const [uploading, setUploading] = useState(false);
  const [duration, setDuration] = useState(0);
  const onBusy = useCallback((busy: boolean) => setUploading(busy), []);
  const values = result?.problem ? (result.values as Record<string, string> | undefined) : undefined;
  const submitting = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'addLesson';
  // A new, empty form once a lesson was added; the same input back when the API refused it.
  const formKey = `${course.version}:${values ? JSON.stringify(values) : ''}`;
  return (
    <section className="card form-card" aria-labelledby="add-lesson-heading">
      <h2 id="add-lesson-heading">{t('editor.lesson.title')}</h2>
      <ProblemNotice problem={result?.problem} />
      <Done result={result} />
      <Form method="post" className="form lesson-form" key={formKey} data-testid="add-lesson-form">
        <input type="hidden" name="version" value={course.version} />
        <input type="hidden" name="durationSeconds" value={duration || ''} />
        <div className="form-pair">
          <div className="field">
            <label htmlFor="lesson-title">{t('editor.lesson.field.title')}</label>
            <input id="lesson-title" name="title" className="input" required maxLength={80} defaultValue={values?.title ?? ''} aria-describedby="lesson-title-error" />
            <FieldError problem={result?.problem} field="title" id="lesson-title-error" />
          </div>
          <SelectField
            id="lesson-kind"
            name="kind"
            className="lesson-kind-select"
            label={t('editor.lesson.field.kind')}
            choices={lessonKinds}
            textOf={(kind) => t(kindKey(kind))}
            defaultValue={values?.kind ?? 'text'}
          />
        </div>
        <div className="field only-text">
          <label htmlFor="lesson-body">{t('editor.lesson.field.body')}</label>
          <textarea id="lesson-body" name="body" className="input textarea textarea-tall" rows={10} maxLength={50000} defaultValue={values?.body ?? ''} aria-describedby="lesson-body-error" />
          <FieldError problem={result?.problem} field="body" id="lesson-body-error" />
          <p className="hint">{t('editor.lesson.bodyHint')}</p>
        </div>
        <div className="field only-link">
          <label htmlFor="lesson-url">{t('editor.lesson.field.url')}</label>
          <input id="lesson-url" name="url" type="url" inputMode="url" className="input" maxLength={2000} placeholder="https://" defaultValue={values?.url ?? ''} aria-describedby="lesson-url-error" />
          <FieldError problem={result?.problem} field="url" id="lesson-url-error" />
        </div>
        <div className="only-video">
          <UploadField id="lesson-video-file" purpose="video" name="videoUploadId" label={t('editor.lesson.field.video')} hint={t('editor.lesson.videoHint')} onBusyChange={onBusy} onDuration={setDuration} />
        </div>
        <div className="only-pdf">
          <UploadField id="lesson-pdf-file" purpose="pdf" name="pdfUploadId" label={t('editor.lesson.field.pdf')} hint={t('editor.lesson.pdfHint')} onBusyChange={onBusy} />
        </div>
        <div className="field field-short">
          <label htmlFor="lesson-minutes">{t('editor.lesson.field.minutes')}</label>
          <input id="lesson-minutes" name="minutes" type="number" inputMode="decimal" min={1} max={240} step={0.5} className="input" required defaultValue={values?.minutes ?? '5'} />
          <p className="hint">{t('editor.lesson.minutesHint')}</p>
        </div>
        <p className="form-foot">
          <button type="submit" name="intent" value="addLesson" className="button button-primary" disabled={uploading || submitting}>
            {uploading ? t('editor.upload.wait') : t('editor.lesson.submit')}
          </button>
        </p>
      </Form>
    </section>
  );
}
