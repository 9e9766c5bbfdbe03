import { Form } from '@remix-run/react';
import { useCallback, useState } from 'react';
import { useLang, useT } from '../../i18n';
import type { ActionResult, EditorCourse } from '../../lib/course-editor/types';
import { formatDate } from '../../lib/format';
import { CourseFields } from '../course-form';
import { ProblemNotice } from '../notice';
import { UploadField } from '../upload-field';
import { Done } from './result';

/** The course's details (the same fields as a new course's) and its cover. */
export function DetailsSection({ course, result }: { course: EditorCourse; result: ActionResult | undefined }) {
  const t = useT();
  const lang = useLang();
  const [uploading, setUploading] = useState(false);
  const onBusy = useCallback((busy: boolean) => setUploading(busy), []);
  const values = result?.problem ? (result.values as Record<string, string> | undefined) : undefined;
  return (
    <section className="card form-card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t('editor.details.title')}</h2>
      <p className="hint">{t('editor.details.updated', { date: formatDate(course.updatedAt, lang), version: course.version })}</p>
      <ProblemNotice problem={result?.problem} />
      <Done result={result} />
      <Form method="post" className="form" key={`${course.version}:${values ? JSON.stringify(values) : ''}`} data-testid="details-form">
        <input type="hidden" name="version" value={course.version} />
        <CourseFields
          idPrefix="details"
          values={{
            title: values?.title ?? course.title,
            category: values?.category ?? course.category,
            credit: values?.credit ?? String(course.credit),
            summary: values?.summary ?? course.summary,
          }}
          problem={result?.problem}
          summaryRows={4}
          ownCredit={course.credit}
        >
          {course.coverUrl ? <img className="editor-cover" src={course.coverUrl} alt={t('editor.field.coverNow')} width="320" height="180" /> : null}
          <UploadField id="details-cover" purpose="cover" name="coverUploadId" label={t('editor.field.cover')} hint={t('editor.field.coverHint')} onBusyChange={onBusy} />
        </CourseFields>
        <p className="form-foot">
          <button type="submit" name="intent" value="update" className="button button-primary" disabled={uploading}>
            {uploading ? t('editor.upload.wait') : t('editor.details.submit')}
          </button>
        </p>
      </Form>
    </section>
  );
}
