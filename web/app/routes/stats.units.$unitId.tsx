/**
 * /stats/units/:unitId — one unit of the overview: its figures, its sub-units', and its own people by name with the
 * requirements each meets (never ordered by a score), each opening the person's record; the trend; the Excel.
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { FiguresTable, RulesNote, TrendChart } from '../components/overview-parts';
import { useLang, useT } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { withCapability } from '../lib/learn.server';
import { loadUnitOverview, yearOf } from '../lib/overview.server';
import { pageTitle } from '../lib/page-title';
import styles from '../styles/overview.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'stats.title', data?.view.unit.name);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const [, view] = await withCapability(request, context, 'readOverview', 'stats.forbidden', loadUnitOverview(context, params.unitId!, yearOf(request)));
  return { lang: context.lang, view };
}

function Meets({ value }: { value: boolean | null }) {
  const t = useT();
  if (value === null) return <td className="meets meets-none">{t('stats.notApplicable')}</td>;
  return (
    <td className={value ? 'meets meets-yes' : 'meets meets-no'}>
      <span aria-hidden="true">{value ? '✓' : '✗'}</span> {value ? t('stats.meets') : t('stats.notMeets')}
    </td>
  );
}

export default function UnitOverviewPage() {
  const { view } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="page overview-page">
      <nav aria-label={t('stats.back')} className="breadcrumbs">
        <Link to={`/stats?year=${view.year}`}>{t('stats.title')}</Link>
        {view.path.slice(0, -1).map((p) => (
          <span key={p.unitId}>
            {' / '}
            <Link to={`/stats/units/${p.unitId}?year=${view.year}`}>{p.name}</Link>
          </span>
        ))}
      </nav>
      <header className="page-header">
        <div>
          <h1>{view.unit.name}</h1>
          <p className="lead">{t('stats.lead', { year: view.year })}</p>
        </div>
        <a className="button button-primary" href={`/api/overview/export?unitId=${view.unit.unitId}&year=${view.year}`} download data-testid="unit-excel">
          {t('stats.export')}
        </a>
      </header>
      <p className="hint">
        {view.asOf ? t('stats.asOf', { time: formatDateTime(view.asOf, lang) }) : t('stats.never')} · {t('stats.noRank')}
      </p>
      <FiguresTable units={[view.unit, ...view.children]} labels={view.requirements} caption={view.unit.name} year={view.year} />
      <RulesNote labels={view.requirements} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('stats.members')}</h2>
        {view.people.length === 0 ? (
          <p className="hint">{t('stats.membersEmpty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="overview-table people-table" data-testid="unit-people">
              <thead>
                <tr>
                  <th scope="col">{t('stats.person.title')}</th>
                  {view.requirements.map((l) => (
                    <th scope="col" key={l.requirement}>
                      {l.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.people.map((p) => (
                  <tr key={p.personId}>
                    <th scope="row">
                      <Link to={`/stats/people/${p.personId}?year=${view.year}`}>{p.name}</Link>
                      {p.overdue.length > 0 ? (
                        <span className="hint overdue-list">{t('stats.overdue', { titles: p.overdue.map((o) => `${o.title}（${formatDate(o.dueAt, lang)}）`).join('、') })}</span>
                      ) : null}
                    </th>
                    {view.requirements.map((l) => (
                      <Meets key={l.requirement} value={p.meets[l.requirement]} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="unit-trend">
        <h2 id="unit-trend">{t('stats.trend')}</h2>
        <TrendChart points={view.trend} labels={view.requirements} title={t('stats.trendOf', { unit: view.unit.name })} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="stats.forbidden" notFoundTitle="stats.notFound.title" notFoundText="stats.notFound.text" />;
}
