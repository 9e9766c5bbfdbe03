import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Notice } from '../components/notice';
import { translate, useT } from '../i18n';
import { readForm } from '../lib/form.server';
import { toApiProblem } from '../lib/api-problem';
import { pageTitle } from '../lib/page-title';
import { safeRedirectPath } from '../lib/redirect';
import { formSecret, formText } from '../lib/respond.server';
import { getOptionalMe } from '../lib/session.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'login.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'));
  // Signed in already: nothing to do here.
  if (await getOptionalMe(context)) throw redirect(redirectTo);
  return { lang: context.lang, redirectTo };
}

/** Where to go after signing in: the page asked for, but first the password page for a person who must change it. */
function destination(redirectTo: string, mustChangePassword: boolean): string {
  if (!mustChangePassword) return redirectTo;
  return redirectTo === '/' ? '/me/password' : `/me/password?redirectTo=${encodeURIComponent(redirectTo)}`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const login = formText(form, 'login');
  const password = formSecret(form, 'password');
  const redirectTo = safeRedirectPath(form.get('redirectTo'));
  const { data, error, response } = await context.api.POST('/auth/login', { body: { login, password } });
  if (data) return redirect(destination(redirectTo, data.me.mustChangePassword));
  // 401 (wrong login or password), 429 (locked, in minutes), 400 (empty fields): the API's words, as said.
  // `attempt` renews the password field, so a refused password never stays typed in.
  return { login, attempt: Date.now(), problem: toApiProblem(error, response.status, translate(context.lang, 'error.generic.textNoId')) };
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state === 'submitting';
  return (
    <div className="page narrow-page">
      <section className="card form-card">
        <h1>{t('login.title')}</h1>
        <p className="lead">{t('login.lead')}</p>
        {result?.problem ? (
          <Notice kind="error" testId="form-error">
            <p className="alert-title">{result.problem.message}</p>
          </Notice>
        ) : null}
        <Form method="post" className="form" replace>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <div className="field">
            <label htmlFor="login-login">{t('login.login')}</label>
            <input
              id="login-login"
              name="login"
              className="input"
              required
              maxLength={100}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              defaultValue={result?.login ?? ''}
              aria-describedby="login-login-hint"
            />
            <p className="hint" id="login-login-hint">
              {t('login.loginHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input
              key={result?.attempt ?? 0}
              id="login-password"
              name="password"
              type="password"
              className="input"
              required
              maxLength={200}
              autoComplete="current-password"
              autoFocus={Boolean(result?.problem)}
            />
          </div>
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </Form>
        <p className="hint form-foot">{t('login.forgot')}</p>
      </section>
    </div>
  );
}
