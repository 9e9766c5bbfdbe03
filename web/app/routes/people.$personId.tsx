import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { Notice, ProblemNotice } from '../components/notice';
import { OneTimePassword } from '../components/one-time-password';
import { PersonFields } from '../components/person-form';
import { translate, useLang, useT } from '../i18n';
import { readForm } from '../lib/form.server';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { formatDateTime } from '../lib/format';
import { may } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { joinList, partyStatusKey, roleKey, roleText, visibleRoles } from '../lib/people-labels';
import { adminRoles, missingScope, personBody, personValues, readPersonForm, type AdminRole, type PersonFormValues } from '../lib/person-form';
import { formText, formVersion, throwApiError } from '../lib/respond.server';
import { requireMe } from '../lib/session.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'people.title', data?.person.name);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const me = await requireMe(request, context);
  const personId = params.personId ?? '';
  const isAdmin = may(me, 'managePeople');
  // 三员分立: the security administrator grants roles here; the audit administrator reads the audit log.
  const grantsRoles = may(me, 'grantRoles');
  const readsAudit = may(me, 'readAudit');
  const [person, units] = await Promise.all([
    context.api.GET('/people/{personId}', { params: { path: { personId } } }),
    isAdmin ? context.api.GET('/units') : Promise.resolve(null),
  ]);
  // Someone outside the viewer's reach is, to them, nobody: the API says 404 and so does the page.
  if (!person.data) throwApiError(person.error, person.response.status);
  return { lang: context.lang, isAdmin, grantsRoles, readsAudit, isSelf: person.data.personId === me.personId, person: person.data, units: units?.data?.items ?? [] };
}

type Outcome =
  | { intent: 'save'; ok: true }
  | { intent: 'save'; ok: false; problem: ApiProblem; values: PersonFormValues }
  | { intent: 'setActive'; ok: true; active: boolean }
  | { intent: 'setActive' | 'reset'; ok: false; problem: ApiProblem }
  | { intent: 'reset'; ok: true; password: string }
  | { intent: 'roles'; ok: true }
  | { intent: 'roles'; ok: false; problem: ApiProblem; checked: string[] };

export async function action({ request, context, params }: ActionFunctionArgs): Promise<Outcome> {
  const personId = params.personId ?? '';
  const form = await readForm(request, context);
  const intent = formText(form, 'intent');
  const fallback = translate(context.lang, 'error.generic.textNoId');
  const path = { params: { path: { personId } } };

  if (intent === 'reset') {
    const { data, error, response } = await context.api.POST('/people/{personId}/password-reset', path);
    if (!data) return { intent, ok: false, problem: toApiProblem(error, response.status, fallback) };
    return { intent, ok: true, password: data.temporaryPassword };
  }

  if (intent === 'roles') {
    // The administrator roles ticked, with the person's other grants as they are (the account form keeps those).
    const checked = form.getAll('adminRole').filter((value): value is AdminRole => typeof value === 'string' && (adminRoles as string[]).includes(value));
    const current = await context.api.GET('/people/{personId}', path);
    if (!current.data) return { intent, ok: false, checked, problem: toApiProblem(current.error, current.response.status, fallback) };
    const kept = current.data.roles.filter((grant) => grant.role === 'organizer' || grant.role === 'leader').map(({ role, unitId }) => ({ role, ...(unitId ? { unitId } : {}) }));
    const { data, error, response } = await context.api.PUT('/people/{personId}/roles', { ...path, body: { version: formVersion(form), roles: [...kept, ...checked.map((role) => ({ role }))] } });
    if (!data) return { intent, ok: false, checked, problem: toApiProblem(error, response.status, fallback) };
    return { intent, ok: true };
  }

  if (intent === 'setActive') {
    const active = formText(form, 'active') === 'true';
    const { data, error, response } = await context.api.PATCH('/people/{personId}', { ...path, body: { version: formVersion(form), active } });
    if (!data) return { intent, ok: false, problem: toApiProblem(error, response.status, fallback) };
    return { intent, ok: true, active: data.active };
  }

  if (intent !== 'save') throw new Response(null, { status: 400 });
  const values = readPersonForm(form, context.lang);
  const missing = missingScope(values);
  if (missing) {
    const role = translate(context.lang, roleKey(missing.role));
    return { intent, ok: false, values, problem: { status: 400, code: 'VALIDATION', message: translate(context.lang, missing.key, { role }), fields: [] } };
  }
  const { data, error, response } = await context.api.PATCH('/people/{personId}', {
    ...path,
    body: {
      version: formVersion(form),
      ...personBody(values),
      active: values.active,
    },
  });
  // A 409 (someone else saved first, or the login is taken) keeps what was typed; the facts above show the latest.
  if (!data) return { intent, ok: false, values, problem: toApiProblem(error, response.status, fallback) };
  return { intent, ok: true };
}

export default function PersonPage() {
  const { isAdmin, grantsRoles, readsAudit, isSelf, person, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const lang = useLang();
  const busy = navigation.state === 'submitting';
  const saveFailed = result?.intent === 'save' && !result.ok ? result : null;
  const formValues = saveFailed ? saveFailed.values : personValues(person);

  return (
    <div className="page">
      <BackLink to="/people">{t('people.detail.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{person.name}</h1>
          <p className="lead">{person.unitPath}</p>
        </div>
        <p className="badge-row">
          <span className={person.active ? 'badge badge-ok' : 'badge badge-muted'} data-testid="person-status">
            {person.active ? t('people.active') : t('people.disabled')}
          </span>
          {person.mustChangePassword && person.active ? <span className="badge badge-gold">{t('people.mustChange')}</span> : null}
        </p>
      </header>

      <section aria-labelledby="person-facts">
        <h2 id="person-facts">{t('people.detail.facts')}</h2>
        <dl className="facts" data-testid="person-facts">
          <div>
            <dt>{t('me.login')}</dt>
            <dd translate="no">{person.login}</dd>
          </div>
          <div>
            <dt>{t('me.unit')}</dt>
            <dd>{person.unitPath}</dd>
          </div>
          <div>
            <dt>{t('me.branch')}</dt>
            <dd>{person.branchName ?? t('me.noBranch')}</dd>
          </div>
          <div>
            <dt>{t('me.partyStatus')}</dt>
            <dd>{t(partyStatusKey(person.partyStatus))}</dd>
          </div>
          <div>
            <dt>{t('me.roles')}</dt>
            <dd>{joinList(lang, visibleRoles(person.roles).map((grant) => roleText(t, grant)))}</dd>
          </div>
          <div>
            <dt>{t('people.form.lang')}</dt>
            <dd>{person.lang === 'en' ? 'English' : '简体中文'}</dd>
          </div>
          <div>
            <dt>{t('people.detail.createdAt')}</dt>
            <dd>
              <time dateTime={person.createdAt}>{formatDateTime(person.createdAt, lang)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('people.detail.updatedAt')}</dt>
            <dd>
              <time dateTime={person.updatedAt}>{formatDateTime(person.updatedAt, lang)}</time>
            </dd>
          </div>
        </dl>
      </section>

      {grantsRoles ? <RolesForm person={person} isSelf={isSelf} result={result?.intent === 'roles' ? result : undefined} busy={busy} /> : null}
      {readsAudit ? (
        <p>
          <Link to={`/admin/audit?targetId=${encodeURIComponent(person.personId)}`}>{t('people.detail.audit')}</Link>
        </p>
      ) : null}

      {!isAdmin ? (
        grantsRoles ? null : <p className="hint">{t('people.detail.readOnly')}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="person-account">
            <h2 id="person-account">{t('people.detail.account')}</h2>
            {result?.intent === 'setActive' ? (
              result.ok ? (
                <Notice kind="ok">
                  <p>{t(result.active ? 'people.detail.enabledDone' : 'people.detail.disabledDone', { name: person.name })}</p>
                </Notice>
              ) : (
                <ProblemNotice problem={result.problem} />
              )
            ) : null}
            {result?.intent === 'reset' ? (
              result.ok ? (
                <Notice kind="ok" testId="reset-done">
                  <p>{t('people.detail.resetDone', { name: person.name })}</p>
                  <OneTimePassword password={result.password} label={t('people.detail.tempPassword')} />
                </Notice>
              ) : (
                <ProblemNotice problem={result.problem} />
              )
            ) : null}
            <div className="action-list">
              {isSelf ? null : (
                <Form method="post" className="action-item">
                  <input type="hidden" name="intent" value="setActive" />
                  <input type="hidden" name="version" value={person.version} />
                  <input type="hidden" name="active" value={person.active ? 'false' : 'true'} />
                  <p className="hint">{person.active ? t('people.detail.disableHint') : t('people.detail.enableHint')}</p>
                  <button type="submit" className="button button-quiet" disabled={busy}>
                    {person.active ? t('people.detail.disable') : t('people.detail.enable')}
                  </button>
                </Form>
              )}
              <Form method="post" className="action-item">
                <input type="hidden" name="intent" value="reset" />
                <p className="hint">{t('people.detail.resetHint')}</p>
                <button type="submit" className="button button-quiet" disabled={busy}>
                  {t('people.detail.reset')}
                </button>
              </Form>
            </div>
          </section>

          <section className="card" aria-labelledby="person-edit">
            <h2 id="person-edit">{t('people.detail.edit')}</h2>
            {result?.intent === 'save' && result.ok ? (
              <Notice kind="ok" testId="saved">
                <p>{t('people.detail.saved')}</p>
              </Notice>
            ) : null}
            {saveFailed ? (
              <>
                <ProblemNotice problem={saveFailed.problem} />
                {saveFailed.problem.status === 409 ? <p className="hint">{t('people.detail.conflictHint')}</p> : null}
              </>
            ) : null}
            {/* A new version (saved here or elsewhere) starts the form afresh from what was read, unless a refusal keeps the input. */}
            <Form method="post" className="form form-limited" key={`${person.version}-${saveFailed ? 'kept' : 'fresh'}`}>
              <input type="hidden" name="intent" value="save" />
              <input type="hidden" name="version" value={person.version} />
              <PersonFields values={formValues} units={units} mode="edit" problem={saveFailed?.problem} />
              <div className="button-row">
                <button type="submit" className="button button-primary" disabled={busy}>
                  {t('people.form.save')}
                </button>
              </div>
            </Form>
          </section>
        </>
      )}
    </div>
  );
}

/**
 * The security administrator's form: the three administrator roles (三员), each a box. The API refuses a person two
 * of them and anyone their own roles; the refusal is shown above the boxes, which keep what was ticked.
 */
function RolesForm({ person, isSelf, result, busy }: { person: { version: number; roles: { role: string }[] }; isSelf: boolean; result: Outcome | undefined; busy: boolean }) {
  const t = useT();
  const failed = result && result.intent === 'roles' && !result.ok ? result : null;
  const held = failed ? failed.checked : person.roles.map((grant) => grant.role);
  return (
    <section className="card" aria-labelledby="person-roles">
      <h2 id="person-roles">{t('people.detail.rolesTitle')}</h2>
      {result && result.intent === 'roles' && result.ok ? (
        <Notice kind="ok" testId="roles-saved">
          <p>{t('people.detail.rolesDone')}</p>
        </Notice>
      ) : null}
      {failed ? <ProblemNotice problem={failed.problem} /> : null}
      {isSelf ? <p className="hint">{t('people.detail.ownRoles')}</p> : null}
      <Form method="post" className="form form-limited" key={`${person.version}-${failed ? 'kept' : 'fresh'}`}>
        <input type="hidden" name="intent" value="roles" />
        <input type="hidden" name="version" value={person.version} />
        <fieldset className="field fieldset">
          <legend>{t('people.detail.adminRoles')}</legend>
          <p className="hint">{t('people.detail.rolesHint')}</p>
          {adminRoles.map((role) => (
            <label className="check-row" key={role}>
              <input type="checkbox" name="adminRole" value={role} defaultChecked={held.includes(role)} disabled={isSelf} />
              <span>{t(roleKey(role))}</span>
            </label>
          ))}
        </fieldset>
        {isSelf ? null : (
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="roles-save">
              {t('people.detail.rolesSave')}
            </button>
          </div>
        )}
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <AreaError notFoundTitle="people.notFound.title" notFoundText="people.notFound.text" />;
}
