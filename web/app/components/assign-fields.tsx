import { useT } from '../i18n';
import type { ApiProblem } from '../lib/api-problem';
import { FieldError } from './notice';

/** A unit an editor may assign to, with its depth below the shallowest such unit (for indenting). */
export interface AssignableUnit {
  unitId: string;
  name: string;
  depth: number;
}

/**
 * The fields of an assignment (a course's or a quiz's): the audience (units within the editor's reach, the Party
 * members in them, or — for an editor whose reach is the whole tree — everyone), whether it is required, and the
 * due date. The form around them posts to the page's action, which reads them with readAssignment.
 */
export function AssignFields({
  units,
  reachesAll,
  today,
  suggestedDue,
  values,
  problem,
}: {
  units: AssignableUnit[];
  reachesAll: boolean;
  today: string;
  suggestedDue: string;
  /** What was posted, shown again after a refusal. */
  values: Record<string, string | string[]> | undefined;
  problem: ApiProblem | undefined;
}) {
  const t = useT();
  const chosen = new Set(Array.isArray(values?.unitIds) ? values.unitIds : []);
  const audience = typeof values?.audience === 'string' ? values.audience : 'units';
  return (
    <>
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
        <FieldError problem={problem} field="audience" />
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
          <FieldError problem={problem} field="dueAt" id="assign-due-error" />
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
    </>
  );
}
