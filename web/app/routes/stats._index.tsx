/**
 * /stats — the overview (统计) for organizers and leaders: every unit they reach with the share of its people meeting
 * each requirement this year (colour and word), the monthly trend of the top of their reach, the Excel of exactly
 * this table. Units are compared by share only; nobody is ranked.
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { FiguresTable, RulesNote, TrendChart } from '../components/overview-parts';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { withCapability } from '../lib/learn.server';
import { may, useMe } from '../lib/me';
import { loadOverview, yearOf } from '../lib/overview.server';
import { pageTitle } from '../lib/page-title';
import styles from '../styles/overview.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'stats.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [, view] = await withCapability(request, context, 'readOverview', 'stats.forbidden', loadOverview(context, yearOf(request)));
  return { lang: context.lang, view };
}

export default function OverviewPage() {
  const { view } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const me = useMe();
  return (
    <div className="page overview-page">
      <header className="page-header">
        <div>
          <h1>{t('stats.title')}</h1>
          <p className="lead">{t('stats.lead', { year: view.year })}</p>
        </div>
        <a className="button button-primary" href={`/api/overview/export?year=${view.year}`} download data-testid="overview-excel">
          {t('stats.export')}
        </a>
      </header>
      <p className="hint" data-testid="overview-as-of">
        {view.asOf ? t('stats.asOf', { time: formatDateTime(view.asOf, lang) }) : t('stats.never')} · {t('stats.noRank')}
      </p>
      {may(me, 'readFlags') ? (
        <p>
          <Link to="/stats/flags">{t('stats.flags')}</Link>
        </p>
      ) : null}
      <FiguresTable units={view.units} labels={view.requirements} caption={t('stats.title')} year={view.year} />
      <RulesNote labels={view.requirements} />
      {view.trends.map((trend) => (
        <section key={trend.unitId} className="card" aria-labelledby={`trend-${trend.unitId}`}>
          <h2 id={`trend-${trend.unitId}`}>{t('stats.trendOf', { unit: trend.name })}</h2>
          <TrendChart points={trend.points} labels={view.requirements} title={t('stats.trendOf', { unit: trend.name })} />
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="stats.forbidden" notFoundTitle="stats.notFound.title" notFoundText="stats.notFound.text" />;
}
