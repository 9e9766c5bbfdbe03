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
        <>
          <p className="hint">{t('editor.status.publishedHint')}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="version" value={course.version} />
            <input type="hidden" name="status" value="archived" />
            <button type="submit" name="intent" value="status" className="button button-quiet">
              {t('editor.archive')}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p className="hint">{t('editor.status.archivedHint')}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="version" value={course.version} />
            <input type="hidden" name="status" value="draft" />
            <button type="submit" name="intent" value="status" className="button button-quiet">
              {t('editor.restore')}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
