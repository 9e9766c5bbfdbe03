import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FieldError, Notice, ProblemNotice } from '../components/notice';
import { translate, useT } from '../i18n';
import { readForm } from '../lib/form.server';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { pageTitle } from '../lib/page-title';
import { safeRedirectPath } from '../lib/redirect';
import { formSecret } from '../lib/respond.server';
import { requireMe } from '../lib/session.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'me.password.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireMe(request, context);
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'));
  return { lang: context.lang, login: me.login, mustChange: me.mustChangePassword, redirectTo: redirectTo.startsWith('/me/password') ? '/' : redirectTo };
}


export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const currentPassword = formSecret(form, 'currentPassword');
  const newPassword = formSecret(form, 'newPassword');
  const repeat = formSecret(form, 'repeatPassword');
  const redirectTo = safeRedirectPath(form.get('redirectTo'));
  // Passwords are never sent back to the page: a refused attempt starts the fields empty again (`attempt` renews them).
  if (newPassword !== repeat) {
    const problem: ApiProblem = { status: 400, code: 'VALIDATION', message: translate(context.lang, 'me.password.mismatch'), fields: [] };
    return { problem, attempt: Date.now() };
  }
  const { data, error, response } = await context.api.POST('/me/password', { body: { currentPassword, newPassword } });
  // The API rotated the session: its new cookie rides on this redirect.
  if (data) return redirect(redirectTo.startsWith('/me/password') ? '/' : redirectTo);
  return { problem: toApiProblem(error, response.status, translate(context.lang, 'error.generic.textNoId')), attempt: Date.now() };
}

export default function ChangePassword() {
  const { login, mustChange, redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  return (
    <div className="page narrow-page">
      <section className="card form-card">
        <h1>{t('me.password.title')}</h1>
        {mustChange ? (
          <Notice kind="notice" testId="must-change">
            <p>{t('me.password.mustChange')}</p>
          </Notice>
        ) : null}
        <p className="hint">{t('me.password.lead')}</p>
        <ProblemNotice problem={result?.problem} />
        <Form method="post" className="form" replace key={result?.attempt ?? 0}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          {/* Lets a password manager tie the new password to the right account. */}
          <input type="text" name="username" value={login} autoComplete="username" readOnly hidden />
          <div className="field">
            <label htmlFor="pw-current">{mustChange ? t('me.password.currentInitial') : t('me.password.current')}</label>
            <input id="pw-current" name="currentPassword" type="password" className="input" required maxLength={200} autoComplete="current-password" aria-describedby="pw-current-error" />
            <FieldError problem={result?.problem} field="currentPassword" id="pw-current-error" />
          </div>
          <div className="field">
            <label htmlFor="pw-new">{t('me.password.new')}</label>
            <input id="pw-new" name="newPassword" type="password" className="input" required minLength={8} maxLength={200} autoComplete="new-password" aria-describedby="pw-new-error" />
            <FieldError problem={result?.problem} field="newPassword" id="pw-new-error" />
          </div>
          <div className="field">
            <label htmlFor="pw-repeat">{t('me.password.repeat')}</label>
            <input id="pw-repeat" name="repeatPassword" type="password" className="input" required minLength={8} maxLength={200} autoComplete="new-password" />
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={navigation.state === 'submitting'}>
              {t('me.password.submit')}
            </button>
            {mustChange ? null : (
              <Link to="/me" className="button button-quiet">
                {t('me.password.cancel')}
              </Link>
            )}
          </div>
        </Form>
        {mustChange ? (
          <Form method="post" action="/logout" className="form-foot">
            <button type="submit" className="button button-link">
              {t('me.password.signOutInstead')}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
