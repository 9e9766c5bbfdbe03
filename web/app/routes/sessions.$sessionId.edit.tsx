/**
 * /sessions/:id/edit — the organizer changes a scheduled session (sent with the version read: a stale edit gets
 * "changed by someone else, reload"), cancels it with a reason, or closes it. Plain form posts.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { useActionData, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { Notice, ProblemNotice } from '../components/notice';
import { SessionForm } from '../components/session-form';
import { SessionLifecycle } from '../components/session-host-lifecycle';
import { SessionConflict } from '../components/session-host-conflict';
import { translate, useT } from '../i18n';
import { readForm } from '../lib/form.server';
import { pageTitle } from '../lib/page-title';
import { formText, throwApiError, throwForbidden } from '../lib/respond.server';
import { stateKey } from '../lib/session-host';
import { branchPeople, hostAction, loadSession, problemOf, readSessionForm, sessionValues, type HostOutcome, type SessionFormValues } from '../lib/session-host.server';
import { requireMe } from '../lib/session.server';
import type { ApiProblem } from '../lib/api-problem';
import styles from '../styles/session-host.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessionHost.edit.title', data?.session.topic);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMe(request, context);
  const session = await loadSession(context, params.sessionId ?? '');
  if (!session.may.edit) throwForbidden(context, 'sessionHost.forbidden');
  const branch = await branchPeople(context, session.branchId);
  if (!branch) throwApiError({ error: { code: 'NOT_FOUND', message: translate(context.lang, 'sessionHost.notFound.text') } }, 404);
  return { lang: context.lang, session, branch, values: sessionValues(session) };
}

type Outcome = HostOutcome | { intent: 'save'; ok: false; problem: ApiProblem; values: SessionFormValues };

export async function action({ request, context, params }: ActionFunctionArgs): Promise<Outcome> {
  await requireMe(request, context);
  const sessionId = params.sessionId ?? '';
  const form = await readForm(request, context);
  if (formText(form, 'intent') !== 'save') {
    const outcome = await hostAction(context, sessionId, form);
    if (!outcome) throw new Response(null, { status: 400 });
    return outcome;
  }
  // Kept materials are named by key; their file names come from the session as it is now.
  const session = await loadSession(context, sessionId);
  const read = readSessionForm(context, form, sessionValues(session).materials);
  if (!read.body) return { intent: 'save', ok: false, problem: read.problem!, values: read.values };
  const { data, error, response } = await context.api.PUT('/sessions/{sessionId}', {
    params: { path: { sessionId } },
    body: { version: Number(formText(form, 'version')), ...read.body },
  });
  if (!data) return { intent: 'save', ok: false, problem: problemOf(context, error, response.status), values: read.values };
  return { intent: 'save', ok: true, message: translate(context.lang, 'sessionHost.saved') };
}

export default function EditSession() {
  const { session, branch, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const failed = result && !result.ok ? result : null;
  const scheduled = session.state === 'scheduled';
  // A refused save keeps what was typed; anything else starts from the session as read.
  const kept = failed && 'values' in failed ? (failed.values as SessionFormValues) : null;
  return (
    <div className="page session-host-page">
      <BackLink to={`/sessions/${session.sessionId}`}>{t('sessionHost.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('sessionHost.edit.title')}</h1>
          <p className="lead">{session.topic}</p>
        </div>
      </header>
      {result?.ok && result.message ? (
        <Notice kind="ok" testId="session-done">
          <p>{result.message}</p>
        </Notice>
      ) : null}
      {failed ? failed.problem.status === 409 ? <SessionConflict /> : <ProblemNotice problem={failed.problem} /> : null}
      {scheduled ? (
        <>
          <section className="card">
            <p className="hint">{t('sessionHost.edit.lead')}</p>
            <SessionForm
              key={`${session.version}-${kept ? 'kept' : 'fresh'}`}
              values={kept ?? values}
              branch={branch}
              version={session.version}
              problem={failed?.problem}
              submitLabel={t('sessionHost.form.save')}
            />
          </section>
          <SessionLifecycle version={session.version} canCancel canClose={Date.parse(session.startsAt) <= Date.now()} />
        </>
      ) : (
        <Notice kind="notice" testId="session-not-scheduled">
          <p>{t('sessionHost.edit.notScheduled', { state: t(stateKey(session.state)) })}</p>
        </Notice>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError notFoundTitle="sessionHost.notFound.title" notFoundText="sessionHost.notFound.text" />;
}
