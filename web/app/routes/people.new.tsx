import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { ProblemNotice } from '../components/notice';
import { OneTimePassword } from '../components/one-time-password';
import { PersonFields } from '../components/person-form';
import { translate, useT } from '../i18n';
import { readForm } from '../lib/form.server';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { pageTitle } from '../lib/page-title';
import { roleKey } from '../lib/people-labels';
import { blankPersonValues, missingScope, personBody, readPersonForm } from '../lib/person-form';
import { requireAdmin, throwApiError } from '../lib/respond.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'people.new.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const units = await context.api.GET('/units');
  if (!units.data) throwApiError(units.error, units.response.status);
  return { lang: context.lang, units: units.data.items };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = readPersonForm(await readForm(request, context), context.lang);
  const fail = (problem: ApiProblem) => ({ values, problem, created: null });
  const missing = missingScope(values);
  if (missing) {
    const role = translate(context.lang, roleKey(missing.role));
    return fail({ status: 400, code: 'VALIDATION', message: translate(context.lang, missing.key, { role }), fields: [] });
  }
  const { data, error, response } = await context.api.POST('/people', {
    body: {
      ...personBody(values),
      ...(values.initialPassword ? { initialPassword: values.initialPassword } : {}),
    },
  });
  if (!data) return fail(toApiProblem(error, response.status, translate(context.lang, 'error.generic.textNoId')));
  // Shown once, from this answer only: the password is nowhere else to be read again.
  return { values: null, problem: null, created: { personId: data.person.personId, name: data.person.name, login: data.person.login, password: data.initialPassword } };
}

export default function NewPerson() {
  const { units, lang } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();

  if (result?.created) {
    const { created } = result;
    return (
      <div className="page narrow-page">
        <section className="card form-card" data-testid="person-created">
          <h1>{t('people.created.title', { name: created.name })}</h1>
          <p>{t('people.created.login', { login: created.login })}</p>
          <OneTimePassword password={created.password} label={t('people.created.passwordLabel')} />
          <div className="button-row">
            <Link to={`/people/${created.personId}`} className="button button-primary">
              {t('people.created.view')}
            </Link>
            <Link to="/people/new" className="button button-quiet">
              {t('people.created.another')}
            </Link>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="page narrow-page">
      <BackLink to="/people">{t('people.detail.back')}</BackLink>
      <section className="card form-card">
        <h1>{t('people.new.title')}</h1>
        <p className="hint">{t('people.new.lead')}</p>
        <ProblemNotice problem={result?.problem} />
        <Form method="post" className="form">
          <PersonFields values={result?.values ?? blankPersonValues(lang)} units={units} mode="create" problem={result?.problem} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={navigation.state === 'submitting'}>
              {t('people.form.create')}
            </button>
            <Link to="/people" className="button button-quiet">
              {t('people.form.cancel')}
            </Link>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError />;
}
