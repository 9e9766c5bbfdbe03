/**
 * /sessions/:id/minutes — the recorder writes the minutes (会议记录): text with headings (lines starting with #),
 * decisions (one a line), and optional photos and files; photos are never a condition of anything. The attendance
 * summary comes from the roster. Saved with the version read: a stale save says "changed by someone else, reload".
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { FieldError, Notice, ProblemNotice } from '../components/notice';
import { SessionConflict } from '../components/session-host-conflict';
import { SessionHostUploads } from '../components/session-host-uploads';
import { useLang, useT } from '../i18n';
import type { ApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { formText, throwForbidden } from '../lib/respond.server';
import { minutesBlocks, typeKey } from '../lib/session-host';
import { loadSession, problemOf } from '../lib/session-host.server';
import { requireMe } from '../lib/session.server';
import styles from '../styles/session-host.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessionHost.minutes.title', data?.session.topic);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMe(request, context);
  const sessionId = params.sessionId ?? '';
  const session = await loadSession(context, sessionId);
  if (!session.may.record) throwForbidden(context, 'sessionHost.minutes.forbidden');
  // The attendance as the roster reads it now (a recorder who may not read the roster sees the closing tally).
  const roster = session.may.readRoster ? (await context.api.GET('/sessions/{sessionId}/roster', { params: { path: { sessionId } } })).data : undefined;
  return { lang: context.lang, session, counts: roster?.counts ?? (session.tally ? { ...session.tally, unmarked: 0, pendingLeave: 0 } : null) };
}

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

export interface MinutesValues {
  text: string;
  decisions: string;
}

export async function action({ request, context, params }: ActionFunctionArgs): Promise<{ ok: true } | { ok: false; problem: ApiProblem; values: MinutesValues }> {
  await requireMe(request, context);
  const sessionId = params.sessionId ?? '';
  const form = await readForm(request, context);
  const values = { text: formText(form, 'text'), decisions: formText(form, 'decisions') };
  const ids = (name: string) => form.getAll(name).filter((value): value is string => typeof value === 'string' && value !== '');
  const files = [
    ...ids('keepFile').map((key) => ({ key })),
    ...ids('photoUploadId').map((uploadId) => ({ uploadId, kind: 'photo' as const })),
    ...ids('fileUploadId').map((uploadId) => ({ uploadId, kind: 'pdf' as const })),
  ];
  const version = Number(formText(form, 'version'));
  const { data, error, response } = await context.api.PUT('/sessions/{sessionId}/minutes', {
    params: { path: { sessionId } },
    body: { version: Number.isInteger(version) && version >= 0 ? version : 0, text: values.text, decisions: lines(values.decisions), files },
  });
  if (!data) return { ok: false, problem: problemOf(context, error, response.status), values };
  return { ok: true };
}

export default function MinutesPage() {
  const { session, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const [uploading, setUploading] = useState(false);
  const busy = useNavigation().state === 'submitting' || uploading;
  const minutes = session.minutes;
  const failed = result && !result.ok ? result : null;
  const values = failed?.values ?? { text: minutes?.text ?? '', decisions: (minutes?.decisions ?? []).join('\n') };

  return (
    <div className="page session-host-page minutes-page">
      <BackLink to={`/sessions/${session.sessionId}`}>{t('sessionHost.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('sessionHost.minutes.title')}</h1>
          <p className="lead">
            {session.topic} · {t(typeKey(session.type))}
          </p>
        </div>
      </header>

      {result?.ok ? (
        <Notice kind="ok" testId="minutes-saved">
          <p>{t('sessionHost.minutes.saved')}</p>
        </Notice>
      ) : null}
      {failed ? failed.problem.status === 409 ? <SessionConflict /> : <ProblemNotice problem={failed.problem} /> : null}

      {counts ? (
        <section className="card" aria-labelledby="minutes-attendance">
          <h2 id="minutes-attendance">{t('sessionHost.minutes.attendance')}</h2>
          <p data-testid="minutes-attendance">
            {t('sessionHost.sheet.counts', { expected: counts.expected, present: counts.present, late: counts.late, leave: counts.leave, absent: counts.absent, madeUp: counts.madeUp })}
          </p>
        </section>
      ) : null}

      <section className="card">
        <p className="hint">{t('sessionHost.minutes.lead')}</p>
        {minutes ? (
          <p className="hint" data-testid="minutes-saved-by">
            {t('sessionHost.minutes.savedBy', { name: minutes.savedByName, time: formatDateTime(minutes.savedAt, lang) })}
          </p>
        ) : null}
        <Form method="post" className="form" key={`${minutes?.version ?? 0}-${failed ? 'kept' : 'fresh'}`} data-testid="minutes-form">
          <input type="hidden" name="version" value={minutes?.version ?? 0} />
          <div className="field">
            <label htmlFor="minutes-text">{t('sessionHost.minutes.text')}</label>
            <textarea id="minutes-text" name="text" className="input textarea minutes-text" rows={14} maxLength={20000} defaultValue={values.text} aria-describedby="minutes-text-hint minutes-text-error" />
            <p className="hint" id="minutes-text-hint">
              {t('sessionHost.minutes.textHint')}
            </p>
            <FieldError problem={failed?.problem} field="text" id="minutes-text-error" />
          </div>
          <div className="field">
            <label htmlFor="minutes-decisions">{t('sessionHost.minutes.decisions')}</label>
            <textarea id="minutes-decisions" name="decisions" className="input textarea" rows={4} defaultValue={values.decisions} aria-describedby="minutes-decisions-hint minutes-decisions-error" />
            <p className="hint" id="minutes-decisions-hint">
              {t('sessionHost.minutes.decisionsHint')}
            </p>
            <FieldError problem={failed?.problem} field="decisions" id="minutes-decisions-error" />
          </div>
          <fieldset className="fieldset">
            <legend>{t('sessionHost.minutes.files')}</legend>
            {(minutes?.files ?? []).map((file) => (
              <div className="minutes-file" key={file.key}>
                {file.kind === 'photo' ? <img src={file.url} alt={file.fileName} className="minutes-photo" loading="lazy" /> : null}
                <label className="check-row">
                  <input type="checkbox" name="keepFile" value={file.key} defaultChecked />
                  {t('sessionHost.minutes.keepFile', { name: file.fileName })}
                </label>
              </div>
            ))}
            <SessionHostUploads id="minutes-photo" purpose="cover" name="photoUploadId" label={t('sessionHost.minutes.addPhoto')} max={10} onBusyChange={setUploading} />
            <SessionHostUploads id="minutes-file" purpose="pdf" name="fileUploadId" label={t('sessionHost.minutes.addFile')} max={10} onBusyChange={setUploading} />
            <FieldError problem={failed?.problem} field="files" />
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="minutes-save">
              {t('sessionHost.minutes.save')}
            </button>
          </div>
        </Form>
      </section>

      {minutes && (minutes.text || minutes.decisions.length > 0) ? (
        <section className="card minutes-preview" aria-labelledby="minutes-preview" data-testid="minutes-preview">
          <h2 id="minutes-preview">{t('sessionHost.minutes.preview')}</h2>
          {minutesBlocks(minutes.text).map((block, i) => (block.kind === 'heading' ? <h3 key={i}>{block.text}</h3> : <p key={i}>{block.text}</p>))}
          {minutes.decisions.length > 0 ? (
            <>
              <h3>{t('sessionHost.minutes.decisions')}</h3>
              <ol>
                {minutes.decisions.map((decision, i) => (
                  <li key={i}>{decision}</li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError notFoundTitle="sessionHost.notFound.title" notFoundText="sessionHost.notFound.text" />;
}
