/**
 * The form that schedules a session and changes it: kind, topic, times (Shanghai), place or online, host, recorder,
 * who is expected (the branch's Party members, a Party group, or people named one by one), agenda and PDF materials.
 * A plain form post: everything but the uploads works without JavaScript.
 */
import { Form, useNavigation } from '@remix-run/react';
import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import type { ApiProblem } from '../lib/api-problem';
import type { BranchPeople, SessionFormValues } from '../lib/session-host.server';
import { sessionTypes, typeKey } from '../lib/session-host';
import { FieldError } from './notice';
import { SelectField } from './select-field';
import { SessionHostUploads } from './session-host-uploads';

export function SessionForm({
  values,
  branch,
  version,
  problem,
  submitLabel,
  children,
}: {
  values: SessionFormValues;
  branch: BranchPeople;
  /** The version read (edit), or null (new). */
  version: number | null;
  problem: ApiProblem | null | undefined;
  submitLabel: string;
  children?: ReactNode;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [uploading, setUploading] = useState(false);
  const [audienceKind, setAudienceKind] = useState(values.audienceKind);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const busy = navigation.state === 'submitting' || uploading;
  const id = 'session';
  return (
    <Form method="post" className="form form-limited session-form" data-testid="session-form">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="branchId" value={branch.branch.id} />
      {version === null ? null : <input type="hidden" name="version" value={version} />}
      {children}
      <div className="form-pair">
        <SelectField id={`${id}-type`} name="type" label={t('sessionHost.form.type')} choices={sessionTypes} textOf={(type) => t(typeKey(type))} defaultValue={values.type} />
        <div className="field">
          <label htmlFor={`${id}-topic`}>{t('sessionHost.form.topic')}</label>
          <input id={`${id}-topic`} name="topic" className="input" required maxLength={100} defaultValue={values.topic} aria-describedby={`${id}-topic-hint ${id}-topic-error`} />
          <p className="hint" id={`${id}-topic-hint`}>
            {t('sessionHost.form.topicHint')}
          </p>
          <FieldError problem={problem} field="topic" id={`${id}-topic-error`} />
        </div>
      </div>
      <div className="form-pair">
        <div className="field">
          <label htmlFor={`${id}-starts`}>{t('sessionHost.form.startsAt')}</label>
          <input id={`${id}-starts`} name="startsAt" type="datetime-local" className="input" required defaultValue={values.startsAt} aria-describedby={`${id}-time-hint ${id}-starts-error`} />
          <FieldError problem={problem} field="startsAt" id={`${id}-starts-error`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-ends`}>{t('sessionHost.form.endsAt')}</label>
          <input id={`${id}-ends`} name="endsAt" type="datetime-local" className="input" required defaultValue={values.endsAt} aria-describedby={`${id}-time-hint ${id}-ends-error`} />
          <FieldError problem={problem} field="endsAt" id={`${id}-ends-error`} />
        </div>
      </div>
      <p className="hint" id={`${id}-time-hint`}>
        {t('sessionHost.form.timeHint')}
      </p>
      <div className="field">
        <label htmlFor={`${id}-place`}>{t('sessionHost.form.place')}</label>
        <input id={`${id}-place`} name="place" className="input" maxLength={200} defaultValue={values.place} aria-describedby={`${id}-place-hint ${id}-place-error`} />
        <p className="hint" id={`${id}-place-hint`}>
          {t('sessionHost.form.placeHint')}
        </p>
        <FieldError problem={problem} field="place" id={`${id}-place-error`} />
      </div>
      <div className="field field-check">
        <label className="check-row">
          <input type="checkbox" name="online" value="true" defaultChecked={values.online} />
          {t('sessionHost.form.online')}
        </label>
      </div>
      <div className="form-pair">
        <div className="field">
          <label htmlFor={`${id}-host`}>{t('sessionHost.form.host')}</label>
          <select id={`${id}-host`} name="hostId" className="select" required defaultValue={values.hostId} aria-describedby={`${id}-host-error`}>
            <option value="">{t('sessionHost.form.choose')}</option>
            {branch.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} · {person.unitName}
              </option>
            ))}
          </select>
          <FieldError problem={problem} field="hostId" id={`${id}-host-error`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-recorder`}>{t('sessionHost.form.recorder')}</label>
          <select id={`${id}-recorder`} name="recorderId" className="select" defaultValue={values.recorderId}>
            <option value="">{t('sessionHost.form.noRecorder')}</option>
            {branch.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} · {person.unitName}
              </option>
            ))}
          </select>
          <FieldError problem={problem} field="recorderId" />
        </div>
      </div>

      <fieldset className="fieldset session-audience" aria-describedby={`${id}-audience-error`}>
        <legend>{t('sessionHost.form.audience')}</legend>
        {(['branch', 'group', 'people'] as const).map((kind) => (
          <label className="check-row" key={kind}>
            <input
              type="radio"
              name="audienceKind"
              value={kind}
              defaultChecked={values.audienceKind === kind}
              disabled={kind === 'group' && branch.groups.length === 0}
              onChange={() => setAudienceKind(kind)}
            />
            {t(`sessionHost.form.audience.${kind}`)}
          </label>
        ))}
        <FieldError problem={problem} field="audience" id={`${id}-audience-error`} />
        {/* Without JavaScript every choice shows; with it, only the one picked. */}
        <div className="field" hidden={hydrated && audienceKind !== 'group'} data-audience="group">
          {branch.groups.length === 0 ? (
            <p className="hint">{t('sessionHost.form.noGroups')}</p>
          ) : (
            <>
              <label htmlFor={`${id}-group`}>{t('sessionHost.form.group')}</label>
              <select id={`${id}-group`} name="groupId" className="select" defaultValue={values.groupId}>
                <option value="">{t('sessionHost.form.choose')}</option>
                {branch.groups.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
        <div className="field" hidden={hydrated && audienceKind !== 'people'} data-audience="people">
          <p className="field-label" id={`${id}-people-label`}>
            {t('sessionHost.form.people')}
          </p>
          <div className="session-people" role="group" aria-labelledby={`${id}-people-label`}>
            {branch.people.map((person) => (
              <label className="check-row" key={person.id}>
                <input type="checkbox" name="personIds" value={person.id} defaultChecked={values.personIds.includes(person.id)} />
                {person.name}
                <span className="hint">{person.unitName}</span>
              </label>
            ))}
          </div>
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-agenda`}>{t('sessionHost.form.agenda')}</label>
        <textarea id={`${id}-agenda`} name="agenda" className="input textarea" rows={5} maxLength={5000} defaultValue={values.agenda} aria-describedby={`${id}-agenda-hint ${id}-agenda-error`} />
        <p className="hint" id={`${id}-agenda-hint`}>
          {t('sessionHost.form.agendaHint')}
        </p>
        <FieldError problem={problem} field="agenda" id={`${id}-agenda-error`} />
      </div>

      <fieldset className="fieldset">
        <legend>{t('sessionHost.form.materials')}</legend>
        {values.materials.map((file) => (
          <label className="check-row" key={file.key}>
            <input type="checkbox" name="keepMaterial" value={file.key} defaultChecked={file.keep} />
            {t('sessionHost.form.keepMaterial', { name: file.fileName })}
          </label>
        ))}
        <SessionHostUploads id={`${id}-material`} purpose="pdf" name="materialUploadId" label={t('sessionHost.form.addMaterial')} hint={t('sessionHost.form.materialHint')} max={10} onBusyChange={setUploading} />
        <FieldError problem={problem} field="materials" />
      </fieldset>

      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="session-save">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
