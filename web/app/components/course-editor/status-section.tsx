import { Form } from '@remix-run/react';
import { useT } from '../../i18n';
import type { ActionResult, EditorCourse } from '../../lib/course-editor/types';
import { ProblemNotice } from '../notice';
import { Done } from './result';

/** Publishing a draft, archiving a published course, restoring an archived one. */
export function StatusSection({ course, result }: { course: EditorCourse; result: ActionResult | undefined }) {
  const t = useT();
  return (
    <section className="card form-card" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('editor.status.title')}</h2>
      <ProblemNotice problem={result?.problem} />
      <Done result={result} />
      {course.status === 'draft' ? (
        <>
          <p className="hint">{t('editor.status.draftHint')}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="version" value={course.version} />
            <button type="submit" name="intent" value="publish" className="button button-primary" data-testid="publish">
              {t('editor.publish')}
            </button>
          </Form>
        </>
      ) : course.status === 'published' ? (
        <StatusChange version={course.version} hint={t('editor.status.publishedHint')} to="archived" label={t('editor.archive')} />
      ) : (
        <StatusChange version={course.version} hint={t('editor.status.archivedHint')} to="draft" label={t('editor.restore')} />
      )}
    </section>
  );
}

/** A hint and the one button that moves the course to another status (archive, restore). */
function StatusChange({ version, hint, to, label }: { version: number; hint: string; to: 'archived' | 'draft'; label: string }) {
  return (
    <>
      <p className="hint">{hint}</p>
      <Form method="post" className="button-row">
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="status" value={to} />
        <button type="submit" name="intent" value="status" className="button button-quiet">
          {label}
        </button>
      </Form>
    </>
  );
}
