/**
 * /stats/people/:personId — a person's record for those who reach them (and for the person themselves): where they
 * stand against each requirement this year, the tasks not done, and the year's facts as their review sheet gathers
 * them (pledges and rating, study, quizzes, sessions, honours).
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { MemberSheetView } from '../components/member-sheet';
import { useLang, useT } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { withMe } from '../lib/learn.server';
import { loadPersonRecord, yearOf } from '../lib/overview.server';
import { pageTitle } from '../lib/page-title';
import styles from '../styles/overview.css?url';
import reviewStyles from '../styles/review.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'stylesheet', href: reviewStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'stats.person.title', data?.view.person.name);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const [, view] = await withMe(request, context, loadPersonRecord(context, params.personId!, yearOf(request)));
  return { lang: context.lang, view };
}

export default function PersonRecordPage() {
  const { view } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const s = view.standing;
  const words = (value: boolean | null) => (value === null ? t('stats.notApplicable') : value ? `✓ ${t('stats.meets')}` : `✗ ${t('stats.notMeets')}`);
  return (
    <div className="page overview-page">
      <nav aria-label={t('stats.back')} className="breadcrumbs">
        <Link to={`/stats/units/${view.person.unitId}?year=${view.year}`}>{view.person.unitName}</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>{view.person.name}</h1>
          <p className="lead">{t('stats.person.title')} · {view.year}</p>
        </div>
      </header>
      <section className="card" aria-labelledby="standing-heading">
        <h2 id="standing-heading">{t('stats.person.standing')}</h2>
        {s ? (
          <>
            <dl className="standing-list" data-testid="person-standing">
              <dt>{t('home.kind.course')}</dt>
              <dd>
                {words(s.meets.courses)} · {s.courses.onTime}/{s.courses.required}
              </dd>
              <dt>{t('home.credit')}</dt>
              <dd>
                {words(s.meets.credit)} · {t('home.creditOf', { earned: s.credit.earned, target: s.credit.target })} · {t('home.creditExpected', { expected: s.credit.expectedByNow })}
              </dd>
              <dt>{t('home.kind.session')}</dt>
              <dd>
                {words(s.meets.sessions)} · {s.sessions.attended + s.sessions.madeUp}/{s.sessions.expected}
              </dd>
              <dt>{t('nav.pledges')}</dt>
              <dd>
                {words(s.meets.pledges)} · {s.pledges.approved}/{s.pledges.items}
              </dd>
            </dl>
            <h3>{t('stats.person.open')}</h3>
            {s.open.length === 0 ? (
              <p className="hint">{t('stats.person.openEmpty')}</p>
            ) : (
              <ul className="plain-list">
                {s.open.map((task) => (
                  <li key={task.assignmentId}>
                    <span className={`badge badge-${task.state === 'overdue' ? 'down' : 'quiet'}`}>{t(task.state === 'overdue' ? 'home.state.overdue' : 'home.state.upcoming')}</span> {task.title}{' '}
                    <span className="hint">{t('home.dueAt', { time: formatDate(task.dueAt, lang) })}</span>
                  </li>
                ))}
              </ul>
            )}
            <p className="hint">{view.asOf ? t('stats.asOf', { time: formatDateTime(view.asOf, lang) }) : null}</p>
          </>
        ) : (
          <p className="hint">{t('stats.person.notYet')}</p>
        )}
      </section>
      <MemberSheetView sheet={view.sheet} branchName={view.person.unitName} year={view.year} asOf={view.readAt} />
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="stats.forbidden" notFoundTitle="stats.notFound.title" notFoundText="stats.notFound.text" />;
}
