import { Form, Link } from '@remix-run/react';
import { useLang, useT } from '../../i18n';
import type { ActionResult, EditorCourse, EditorUnit } from '../../lib/course-editor/types';
import { formatDate } from '../../lib/format';
import { CheckIcon } from '../course-icons';
import { FieldError, Notice, ProblemNotice } from '../notice';

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
  const chosen = new Set(Array.isArray(values?.unitIds) ? values.unitIds : []);
  const audience = typeof values?.audience === 'string' ? values.audience : 'units';
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
            <fieldset className="fieldset">
              <legend>{t('editor.assign.audience')}</legend>
              <div className="choice-row">
                <label className="check-row">
                  <input type="radio" name="audience" value="units" defaultChecked={audience === 'units'} />
                  <span>{t('editor.assign.audience.units')}</span>
                </label>
                <label className="check-row">
                  <input type="radio" name="audience" value="members" defaultChecked={audience === 'members'} />
                  <span>{t('editor.assign.audience.members')}</span>
                </label>
                {reachesAll ? (
                  <label className="check-row">
                    <input type="radio" name="audience" value="everyone" defaultChecked={audience === 'everyone'} />
                    <span>{t('editor.assign.audience.everyone')}</span>
                  </label>
                ) : null}
              </div>
              <FieldError problem={result?.problem} field="audience" />
            </fieldset>
            <fieldset className="fieldset unit-picker">
              <legend>{t('editor.assign.units')}</legend>
              <p className="hint">{t('editor.assign.unitsHint')}</p>
              <div className="unit-choices">
                {units.map((unit) => (
                  <label key={unit.unitId} className={`check-row unit-choice depth-${Math.min(unit.depth, 4)}`}>
                    <input type="checkbox" name="unitIds" value={unit.unitId} defaultChecked={chosen.has(unit.unitId)} />
                    <span>{unit.name}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="form-pair">
              <div className="field">
                <label htmlFor="assign-due">{t('editor.assign.due')}</label>
                <input id="assign-due" name="dueAt" type="date" className="input" required min={today} defaultValue={typeof values?.dueAt === 'string' ? values.dueAt : suggestedDue} aria-describedby="assign-due-error" />
                <FieldError problem={result?.problem} field="dueAt" id="assign-due-error" />
              </div>
              <fieldset className="fieldset">
                <legend>{t('editor.assign.kind')}</legend>
                <div className="choice-row">
                  <label className="check-row">
                    <input type="radio" name="required" value="true" defaultChecked={values?.required !== 'false'} />
                    <span>{t('learn.task.required')}</span>
                  </label>
                  <label className="check-row">
                    <input type="radio" name="required" value="false" defaultChecked={values?.required === 'false'} />
                    <span>{t('learn.task.elective')}</span>
                  </label>
                </div>
              </fieldset>
            </div>
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
