import { useId } from 'react';
import { useT } from '../i18n';
import type { ApiProblem } from '../lib/api-problem';
import { fieldProblem } from '../lib/api-problem';
import type { PersonFormValues, ScopedRole } from '../lib/person-form';
import { scopedRoles } from '../lib/person-form';
import { partyStatuses, partyStatusKey, roleKey, type UnitInTree } from '../lib/people-labels';
import { FieldError } from './notice';
import { UnitOptions } from './unit-options';

/**
 * The fields of a person (create and edit share them). Uncontrolled inputs with their starting values, so the form
 * works before JavaScript arrives and a refused submission comes back exactly as typed.
 */
export function PersonFields({
  values,
  units,
  mode,
  problem,
}: {
  values: PersonFormValues;
  units: UnitInTree[];
  mode: 'create' | 'edit';
  problem?: ApiProblem | null;
}) {
  const t = useT();
  const id = useId();
  const invalid = (field: string) => (fieldProblem(problem, field) ? true : undefined);
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('people.form.name')}</label>
        <input id={`${id}-name`} name="name" className="input" required maxLength={40} autoComplete="off" defaultValue={values.name} aria-invalid={invalid('name')} aria-describedby={`${id}-name-error`} />
        <FieldError problem={problem} field="name" id={`${id}-name-error`} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-login`}>{t('people.form.login')}</label>
        <input
          id={`${id}-login`}
          name="login"
          className="input"
          required
          minLength={2}
          maxLength={40}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          inputMode="text"
          defaultValue={values.login}
          aria-describedby={`${id}-login-error ${id}-login-hint`}
          aria-invalid={invalid('login')}
        />
        <FieldError problem={problem} field="login" id={`${id}-login-error`} />
        <p className="hint" id={`${id}-login-hint`}>
          {t('people.form.loginHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t('people.form.unit')}</label>
        <select id={`${id}-unit`} name="unitId" className="select" required defaultValue={values.unitId} aria-invalid={invalid('unitId')} aria-describedby={`${id}-unit-error`}>
          <option value="">{t('people.form.chooseUnit')}</option>
          <UnitOptions units={units} keep={values.unitId} />
        </select>
        <FieldError problem={problem} field="unitId" id={`${id}-unit-error`} />
      </div>
      <fieldset className="field fieldset">
        <legend>{t('people.form.partyStatus')}</legend>
        <div className="choice-row">
          {partyStatuses.map((status) => (
            <label key={status} className="check-row">
              <input type="radio" name="partyStatus" value={status} defaultChecked={values.partyStatus === status} />
              <span>{t(partyStatusKey(status))}</span>
            </label>
          ))}
        </div>
        <FieldError problem={problem} field="partyStatus" />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-branch`}>{t('people.form.branch')}</label>
        <select id={`${id}-branch`} name="branchId" className="select" defaultValue={values.branchId} aria-describedby={`${id}-branch-error ${id}-branch-hint`} aria-invalid={invalid('branchId')}>
          <option value="">{t('people.form.branchAuto')}</option>
          <UnitOptions units={units} kinds={['branch']} keep={values.branchId || undefined} />
        </select>
        <FieldError problem={problem} field="branchId" id={`${id}-branch-error`} />
        <p className="hint" id={`${id}-branch-hint`}>
          {t('people.form.branchHint')}
        </p>
      </div>
      <fieldset className="field fieldset">
        <legend>{t('people.form.roles')}</legend>
        <p className="hint">{t('people.form.rolesHint')}</p>
        {scopedRoles.map((role) => (
          <RoleRows key={role} role={role} rows={values.roles[role]} units={units} mode={mode} />
        ))}
        {values.adminRole ? (
          <p data-testid="admin-role">
            <input type="hidden" name="adminRole" value={values.adminRole} />
            {t(roleKey(values.adminRole))}
          </p>
        ) : null}
        <p className="hint">{t('people.form.adminBySecurity')}</p>
        <FieldError problem={problem} field="roles" />
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-lang`}>{t('people.form.lang')}</label>
        <select id={`${id}-lang`} name="lang" className="select" defaultValue={values.lang}>
          <option value="zh-CN" lang="zh-CN">
            简体中文
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </div>
      {mode === 'create' ? (
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('people.form.initialPassword')}</label>
          <input
            id={`${id}-password`}
            name="initialPassword"
            className="input"
            type="text"
            minLength={8}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            defaultValue={values.initialPassword}
            aria-describedby={`${id}-password-error ${id}-password-hint`}
            aria-invalid={invalid('initialPassword')}
          />
          <FieldError problem={problem} field="initialPassword" id={`${id}-password-error`} />
          <p className="hint" id={`${id}-password-hint`}>
            {t('people.form.initialPasswordHint')}
          </p>
        </div>
      ) : (
        <label className="check-row">
          <input type="checkbox" name="active" defaultChecked={values.active} />
          <span>{t('people.form.active')}</span>
        </label>
      )}
    </>
  );
}

function RoleRows({ role, rows, units, mode }: { role: ScopedRole; rows: PersonFormValues['roles'][ScopedRole]; units: UnitInTree[]; mode: 'create' | 'edit' }) {
  const t = useT();
  const id = useId();
  const roleName = t(roleKey(role));
  return (
    <div className="role-rows">
      <input type="hidden" name={`${role}Rows`} value={rows.length} />
      {rows.map((row, i) => {
        // In the edit form the last row is the empty one for adding another grant of the role.
        const adding = mode === 'edit' && i === rows.length - 1 && rows.length > 1;
        return (
          <div className="role-row" key={i}>
            <label className="check-row">
              <input type="checkbox" name={`${role}.${i}`} defaultChecked={row.on} />
              <span>{adding ? t('people.form.addRole', { role: roleName }) : roleName}</span>
            </label>
            <label className="visually-hidden" htmlFor={`${id}-${i}`}>
              {t('people.form.scopeUnit', { role: roleName })}
            </label>
            <select id={`${id}-${i}`} name={`${role}.${i}.unitId`} className="select" defaultValue={row.unitId}>
              <option value="">{t('people.form.chooseScope')}</option>
              <UnitOptions units={units} keep={row.unitId || undefined} />
            </select>
          </div>
        );
      })}
    </div>
  );
}
