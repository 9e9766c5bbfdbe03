/**
 * /sessions/new — an organizer schedules a session for a branch they keep (`?branchId=` preselects; with several
 * branches and none chosen, the page asks which first). Saving opens the new session's page. A plain form post.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { ProblemNotice } from '../components/notice';
import { SessionForm } from '../components/session-form';
import { translate, useT } from '../i18n';
import { readForm } from '../lib/form.server';
import { pageTitle } from '../lib/page-title';
import { throwApiError, throwForbidden } from '../lib/respond.server';
import { branchPeople, newSessionValues, problemOf, readSessionForm, schedulableBranches } from '../lib/session-host.server';
import { requireMe } from '../lib/session.server';
import styles from '../styles/session-host.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessionHost.new.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireMe(request, context);
  const branches = await schedulableBranches(context, me);
  if (branches.length === 0) throwForbidden(context, 'sessionHost.forbidden');
  const asked = new URL(request.url).searchParams.get('branchId') ?? '';
  const branchId = branches.some((branch) => branch.id === asked) ? asked : branches.length === 1 ? branches[0]!.id : '';
  if (!branchId) return { lang: context.lang, branches, branch: null, values: null };
  const branch = await branchPeople(context, branchId);
  if (!branch) throwApiError({ error: { code: 'NOT_FOUND', message: translate(context.lang, 'sessionHost.notFound.text') } }, 404);
  const hostId = branch.people.some((person) => person.id === me.personId) ? me.personId : '';
  return { lang: context.lang, branches, branch, values: newSessionValues(branchId, hostId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireMe(request, context);
  const form = await readForm(request, context);
  const read = readSessionForm(context, form, []);
  if (!read.body) return { values: read.values, problem: read.problem };
  const { data, error, response } = await context.api.POST('/sessions', { body: { branchId: read.values.branchId, ...read.body } });
  if (!data) return { values: read.values, problem: problemOf(context, error, response.status) };
  return redirect(`/sessions/${encodeURIComponent(data.sessionId)}`);
}

export default function NewSession() {
  const { branches, branch, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="page session-host-page">
      <BackLink to="/sessions">{t('sessionHost.backToList')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('sessionHost.new.title')}</h1>
          <p className="lead">{t('sessionHost.new.lead')}</p>
        </div>
      </header>
      {branch && values ? (
        <section className="card">
          {branches.length > 1 ? (
            <p className="session-branch-line">
              <span className="hint">{t('sessionHost.form.branch')}</span> <strong>{branch.branch.name}</strong> <a href="/sessions/new">{t('sessionHost.form.changeBranch')}</a>
            </p>
          ) : (
            <p className="session-branch-line">
              <span className="hint">{t('sessionHost.form.branch')}</span> <strong>{branch.branch.name}</strong>
            </p>
          )}
          <ProblemNotice problem={result?.problem} />
          <SessionForm values={result?.values ?? values} branch={branch} version={null} problem={result?.problem} submitLabel={t('sessionHost.form.create')} />
        </section>
      ) : (
        <Form method="get" className="card form form-limited" data-testid="session-branch-picker">
          <div className="field">
            <label htmlFor="session-branch">{t('sessionHost.form.branch')}</label>
            <select id="session-branch" name="branchId" className="select" required>
              {branches.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary">
              {t('sessionHost.form.next')}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError notFoundTitle="sessionHost.notFound.title" notFoundText="sessionHost.notFound.text" />;
}
