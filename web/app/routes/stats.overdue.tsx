import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { Notice, ProblemNotice } from '../components/notice';
import { UnitOptions } from '../components/unit-options';
import { translate, useLang, useT } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import { formatDate, formatDateTime } from '../lib/format';
import { readForm } from '../lib/form.server';
import { unitsReached } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { formText, requireCapability, throwApiError } from '../lib/respond.server';

/**
 * The overdue people of a unit within reach (the API's dry run), and one button that reminds them all — at most once
 * a day per unit (the API answers 409, in words, for a second time).
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'overdue.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireCapability(request, context, 'remindOverdue', 'overdue.forbidden');
  const units = (await context.api.GET('/units')).data?.items ?? [];
  const reach = unitsReached(me, 'remindOverdue', units);
  const choices = units.filter((unit) => !unit.retired && (reach === null || reach.has(unit.unitId)));
  const asked = new URL(request.url).searchParams.get('unitId') ?? '';
  const unitId = asked || (choices.find((unit) => unit.kind === 'branch') ?? choices[0])?.unitId || '';
  if (!unitId) throwApiError({ error: { code: 'FORBIDDEN', message: translate(context.lang, 'overdue.forbidden') } }, 403);
  const { data, error, response } = await context.api.POST('/units/{unitId}/overdue-reminders', { params: { path: { unitId } }, body: { dryRun: true } });
  if (!data) throwApiError(error, response.status);
  return { lang: context.lang, choices, unitId, overdue: data };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const unitId = formText(form, 'unitId');
  const { data, error, response } = await context.api.POST('/units/{unitId}/overdue-reminders', { params: { path: { unitId } }, body: { dryRun: false } });
  if (data) return { problem: null, sent: data.sent };
  return { problem: toApiProblem(error, response.status, translate(context.lang, 'error.generic.textNoId')), sent: 0 };
}

export default function OverdueReminders() {
  const { choices, unitId, overdue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const t = useT();
  const lang = useLang();
  const reminded = overdue.remindedToday;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('overdue.title')}</h1>
          <p className="lead">{t('overdue.lead')}</p>
        </div>
      </header>
      <Form method="get" className="filter-bar">
        <div className="field">
          <label htmlFor="overdue-unit">{t('overdue.unit')}</label>
          <select id="overdue-unit" name="unitId" className="select" defaultValue={unitId}>
            <UnitOptions units={choices} />
          </select>
        </div>
        <button type="submit" className="button button-quiet">
          {t('overdue.show')}
        </button>
      </Form>
      {result?.sent ? <Notice kind="ok">{t('overdue.sent', { count: result.sent })}</Notice> : null}
      <ProblemNotice problem={result?.problem} />
      {reminded ? (
        <Notice kind="notice" testId="overdue-reminded">
          <p>{t('overdue.remindedAt', { time: formatDateTime(reminded.at, lang), name: reminded.byName, count: reminded.people })}</p>
        </Notice>
      ) : null}
      {overdue.people.length === 0 ? (
        <p className="card">{t('overdue.none', { unit: overdue.unitName })}</p>
      ) : (
        <section className="card">
          <h2>{t('overdue.count', { count: overdue.people.length })}</h2>
          <ul className="inbox-list">
            {overdue.people.map((person) => (
              <li key={person.personId} className="inbox-item" data-testid="overdue-person">
                <div className="inbox-head">
                  <strong>{person.name}</strong>
                  <span className="hint">
                    {person.unitName} · {t('overdue.since', { date: formatDate(person.since, lang) })}
                  </span>
                </div>
                <ul className="inbox-lines">
                  {person.tasks.map((task, index) => (
                    <li key={index}>
                      {task.title}（{formatDate(task.dueAt, lang)}）
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {reminded ? null : (
            <Form method="post" className="button-row">
              <input type="hidden" name="unitId" value={unitId} />
              <button type="submit" className="button button-primary" disabled={busy}>
                {t('overdue.remind', { count: overdue.people.length })}
              </button>
            </Form>
          )}
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="overdue.forbidden" />;
}
