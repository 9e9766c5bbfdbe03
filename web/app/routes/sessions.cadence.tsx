import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Notice, ProblemNotice } from '../components/notice';
import { toApiProblem } from '../lib/api-problem';
import { formText } from '../lib/respond.server';
import { readForm } from '../lib/form.server';
import { translate } from '../i18n';
import { BackLink } from '../components/back-link';
import { useLang, useT, type MessageKey } from '../i18n';
import { formatDateTime } from '../lib/format';
import { withCapability } from '../lib/learn.server';
import { pageTitle } from '../lib/page-title';
import { throwApiError } from '../lib/respond.server';
import { everyKey, periodKey, typeKey, type CadenceView } from '../lib/sessions-member';
import { percent } from '../lib/format';
import type { AppLoadContext } from '@remix-run/server-runtime';
import styles from '../styles/sessions.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessions.cadence.title');

async function loadCadence(context: AppLoadContext): Promise<CadenceView> {
  const { data, error, response } = await context.api.GET('/sessions/cadence', { params: { query: {} } });
  if (!data) throwApiError(error, response.status);
  return data;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [, cadence] = await withCapability(request, context, 'readCadence', 'sessions.cadence.forbidden', loadCadence(context));
  return { lang: context.lang, cadence };
}

type Standing = CadenceView['branches'][number]['standings'][number];
type Rule = CadenceView['rules'][number];

const typeCodes = ['committee', 'groupMeeting', 'themeDay', 'branchCongress', 'partyLecture', 'lifeMeeting', 'democraticReview', 'topicStudy', 'oathRenewal', 'other'] as const;
const periods = ['month', 'quarter', 'year'] as const;

/**
 * An administrator replaces the rules: per session type, a period (or none) and how many. A type's note is kept. A
 * county with two rules for one type (monthly and yearly) keeps them through the API; this form edits one per type.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const current = await loadCadence(context);
  const rules: Rule[] = [];
  for (const type of typeCodes) {
    const period = formText(form, `period.${type}`);
    const count = Number(formText(form, `count.${type}`));
    if (!periods.includes(period as (typeof periods)[number])) continue;
    const note = current.rules.find((rule) => rule.type === type)?.note;
    rules.push({ type, period: period as Rule['period'], count: Number.isInteger(count) ? count : 0, ...(note ? { note } : {}) });
  }
  const { error, response } = await context.api.PUT('/sessions/cadence/rules', { body: { rules } });
  if (response.ok) return { saved: true, problem: null };
  return { saved: false, problem: toApiProblem(error, response.status, translate(context.lang, 'error.generic.textNoId')) };
}

const statusWords: Record<Standing['status'], MessageKey> = {
  held: 'sessions.cadence.held',
  scheduled: 'sessions.cadence.scheduled',
  missing: 'sessions.cadence.missing',
};

/** Each branch in reach against the rules for this month, quarter and year; a branch links to its figures. */
export default function Cadence() {
  const { cadence } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="page cadence-page">
      <BackLink to="/sessions">{t('sessions.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('sessions.cadence.title')}</h1>
          <p className="lead">{t('sessions.cadence.lead')}</p>
        </div>
      </header>
      {result?.saved ? <Notice kind="ok">{t('sessions.rules.saved')}</Notice> : <ProblemNotice problem={result?.problem} />}
      <details className="card cadence-rules" open={result ? true : undefined}>
        <summary>{t('sessions.cadence.rules')}</summary>
        {cadence.mayChangeRules ? (
          <Form method="post" className="cadence-rules-form" data-testid="cadence-rules-form">
            <p className="hint">{t('sessions.rules.lead')}</p>
            <table className="cadence-table">
              <thead>
                <tr>
                  <th scope="col">{t('sessions.rules.type')}</th>
                  <th scope="col">{t('sessions.rules.period')}</th>
                  <th scope="col">{t('sessions.rules.count')}</th>
                </tr>
              </thead>
              <tbody>
                {typeCodes.map((type) => {
                  const rule = cadence.rules.find((r) => r.type === type);
                  return (
                    <tr key={type}>
                      <th scope="row">
                        <label htmlFor={`period-${type}`}>{t(typeKey(type))}</label>
                      </th>
                      <td>
                        <select id={`period-${type}`} name={`period.${type}`} className="select" defaultValue={rule?.period ?? ''}>
                          <option value="">{t('sessions.rules.none')}</option>
                          {periods.map((period) => (
                            <option key={period} value={period}>
                              {t(everyKey(period))}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          type="number"
                          name={`count.${type}`}
                          min={1}
                          max={31}
                          defaultValue={rule?.count ?? 1}
                          className="input cadence-count"
                          aria-label={t('sessions.rules.countOf', { type: t(typeKey(type)) })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <button type="submit" className="button button-primary">
              {t('sessions.rules.save')}
            </button>
          </Form>
        ) : (
          <ul>
            {cadence.rules.map((rule) => (
              <li key={`${rule.type}-${rule.period}`}>
                {t('sessions.cadence.rule', { type: t(typeKey(rule.type)), period: t(everyKey(rule.period)), n: rule.count })}
                {rule.note ? <span className="hint"> · {rule.note}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </details>
      {cadence.branches.length === 0 ? (
        <div className="card empty-state">
          <p>{t('sessions.cadence.empty')}</p>
        </div>
      ) : null}
      <ul className="cadence-branches" data-testid="cadence-branches">
        {cadence.branches.map((branch) => (
          <li key={branch.branchId} className="card cadence-branch" data-testid="cadence-branch">
            <header className="cadence-branch-head">
              <h2>{branch.name}</h2>
              <p className="badge-row">
                <span className="badge badge-ok">{t('sessions.cadence.summaryHeld', { n: branch.summary.held })}</span>
                {branch.summary.scheduled > 0 ? <span className="badge badge-muted">{t('sessions.cadence.summaryScheduled', { n: branch.summary.scheduled })}</span> : null}
                {branch.summary.missing > 0 ? <span className="badge badge-down">{t('sessions.cadence.summaryMissing', { n: branch.summary.missing })}</span> : null}
                {branch.summary.atRisk > 0 ? (
                  <span className="badge badge-gold" data-testid="cadence-at-risk">
                    {t('sessions.cadence.summaryAtRisk', { n: branch.summary.atRisk })}
                  </span>
                ) : null}
              </p>
            </header>
            <table className="data-table cadence-table">
              <caption className="visually-hidden">{t('sessions.cadence.caption', { branch: branch.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sessions.cadence.colType')}</th>
                  <th scope="col">{t('sessions.cadence.colPeriod')}</th>
                  <th scope="col" className="num">
                    {t('sessions.cadence.colCount')}
                  </th>
                  <th scope="col">{t('sessions.cadence.colStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {branch.standings.map((standing) => (
                  <tr key={`${standing.type}-${standing.period}`} className={standing.atRisk ? 'cadence-risk-row' : undefined}>
                    <th scope="row">{t(typeKey(standing.type))}</th>
                    <td data-label={t('sessions.cadence.colPeriod')}>
                      {t(periodKey(standing.period))} <span className="hint">{standing.key}</span>
                    </td>
                    <td data-label={t('sessions.cadence.colCount')} className="num">
                      {t('sessions.cadence.count', { held: standing.held, required: standing.required })}
                    </td>
                    <td data-label={t('sessions.cadence.colStatus')}>
                      <span className={`badge cadence-${standing.status}`}>{t(statusWords[standing.status])}</span>
                      {standing.atRisk ? <span className="badge badge-gold">{t('sessions.cadence.atRisk')}</span> : null}
                      {standing.unclosed > 0 ? <span className="hint"> {t('sessions.cadence.unclosed', { n: standing.unclosed })}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="cadence-foot">
              <span>{t('sessions.cadence.rate', { rate: percent(branch.attendance.rate) })}</span>
              {branch.attendance.outstanding > 0 ? <span>{t('sessions.cadence.outstanding', { n: branch.attendance.outstanding })}</span> : null}
              <span className="hint completion-asof">
                {branch.computedAt ? t('sessions.asOf', { time: formatDateTime(branch.computedAt, lang) }) : t('sessions.cadence.noneYet')}
              </span>
            </p>
            <p>
              <Link to={`/sessions/figures?unitId=${branch.branchId}&year=${cadence.year}`} className="button button-quiet" data-testid="cadence-figures-link">
                {t('sessions.cadence.toFigures', { branch: branch.name })}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
