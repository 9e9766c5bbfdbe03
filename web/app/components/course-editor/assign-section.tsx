import { Form, Link } from '@remix-run/react';
import { useLang, useT } from '../../i18n';
import type { ActionResult, EditorCourse, EditorUnit } from '../../lib/course-editor/types';
import { formatDate } from '../../lib/format';
import { CheckIcon } from '../course-icons';
import { AssignFields } from '../assign-fields';
import { Notice, ProblemNotice } from '../notice';

/**
 * Assigning a published course: to units within the editor's reach, to the Party members in them, or (for an
 * editor whose reach is the whole tree) to everyone, with a due date.
 */
export function AssignSection({
  course,
  units,
  reachesAll,
  today,
  suggestedDue,
  result,
}: {
  course: EditorCourse;
  units: EditorUnit[];
  reachesAll: boolean;
  today: string;
  suggestedDue: string;
  result: ActionResult | undefined;
}) {
  const t = useT();
  const lang = useLang();
  const values = result?.problem ? result.values : undefined;
  return (
    <section className="card form-card" aria-labelledby="assign-heading">
      <h2 id="assign-heading">{t('editor.assign.title')}</h2>
      {course.status !== 'published' ? (
        <p className="hint" data-testid="assign-unavailable">
          {t('editor.assign.publishFirst')}
        </p>
      ) : (
        <>
          <p className="hint">{t('editor.assign.lead')}</p>
          <ProblemNotice problem={result?.problem} />
          {result?.assignment ? (
            <Notice kind="ok" testId="assign-ok">
              <p>
                <CheckIcon className="icon icon-small" />
                {t('editor.assign.done', { date: formatDate(result.assignment.dueAt, lang) })}
              </p>
              <p>
                <Link to={`/learn/manage/${course.courseId}/completion?assignmentId=${result.assignment.assignmentId}`}>{t('editor.assign.toCompletion')}</Link>
              </p>
            </Notice>
          ) : null}
          <Form method="post" className="form" key={JSON.stringify(values ?? null)} data-testid="assign-form">
            <AssignFields units={units} reachesAll={reachesAll} today={today} suggestedDue={suggestedDue} values={values} problem={result?.problem} />
            <p className="form-foot">
              <button type="submit" name="intent" value="assign" className="button button-primary" data-testid="assign-submit">
                {t('editor.assign.submit')}
              </button>
            </p>
          </Form>
        </>
      )}
    </section>
  );
}
