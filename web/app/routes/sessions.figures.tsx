import type { AppLoadContext, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { BackLink } from '../components/back-link';
import { PeriodPicker } from '../components/period-picker';
import { useLang, useT } from '../i18n';
import { formatDate } from '../lib/format';
import { withCapability } from '../lib/learn.server';
import { may } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { throwApiError } from '../lib/respond.server';
import { shanghaiYear, stateKey, typeKey, type AttendanceFigures } from '../lib/sessions-member';
import { percent } from '../lib/format';
import styles from '../styles/sessions.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessions.figures.title', data ? `${data.figures.branchName} · ${data.figures.year}` : undefined);

async function loadFigures(context: AppLoadContext, unitId: string | undefined, year: number): Promise<AttendanceFigures> {
  const { data, error, response } = await context.api.GET('/sessions/figures', { params: { query: { ...(unitId ? { unitId } : {}), year } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const thisYear = shanghaiYear(Date.now());
  const asked = Number(url.searchParams.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const unitId = url.searchParams.get('unitId') || undefined;
  const [me, figures] = await withCapability(request, context, 'readCadence', 'sessions.cadence.forbidden', loadFigures(context, unitId, year));
  // By name, never by rate: the figures are for following people up, not for ranking them. Sorted here, once, so
  // the browser's collation cannot reorder the rows on hydration.
  const people = [...figures.people].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.personId.localeCompare(b.personId));
  const sessions = [...figures.sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return { lang: context.lang, figures: { ...figures, people, sessions }, years: [thisYear, thisYear - 1, thisYear - 2], linkPeople: may(me, 'readPeople') };
}

/** A branch's year: attendance per person (by name) and per session, and the archive for inspection. */
/** The per-person count columns, in order. */
const countColumns = ['sessions.figures.attended', 'sessions.figures.leave', 'sessions.figures.absent', 'sessions.figures.madeUp', 'sessions.figures.outstanding'] as const;

export default function Figures() {
  const { figures, years, linkPeople } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const { totals } = figures;
  const showInactive = figures.people.some((person) => person.inactive !== null);
  return (
    <div className="page figures-page">
      <BackLink to="/sessions/cadence">{t('sessions.cadence.title')}</BackLink>
      <header className="page-header">
        <div>
          <h1 data-testid="figures-title">{t('sessions.figures.heading', { branch: figures.branchName, year: figures.year })}</h1>
          <p className="lead">{t('sessions.figures.lead')}</p>
        </div>
      </header>
      <div className="filter-bar session-year-bar">
        <PeriodPicker id="figures" className="inline-form" years={years} year={figures.year} labels={{ year: t('sessions.branch.year'), show: t('sessions.branch.show') }}>
          <input type="hidden" name="unitId" value={figures.branchId} />
        </PeriodPicker>
        <a href={`/api/sessions/archive.xlsx?branchId=${figures.branchId}&year=${figures.year}`} className="button button-primary" download data-testid="archive-link">
          {t('sessions.figures.archive')}
        </a>
      </div>

      <dl className="card figures-totals" data-testid="figures-totals">
        <div>
          <dt>{t('sessions.figures.sessions')}</dt>
          <dd>{totals.sessions}</dd>
        </div>
        <div>
          <dt>{t('sessions.figures.rate')}</dt>
          <dd>{percent(totals.rate)}</dd>
        </div>
        <div>
          <dt>{t('sessions.figures.leave')}</dt>
          <dd>{totals.leave}</dd>
        </div>
        <div>
          <dt>{t('sessions.figures.absent')}</dt>
          <dd>{totals.absent}</dd>
        </div>
        <div>
          <dt>{t('sessions.figures.madeUp')}</dt>
          <dd>{totals.madeUp}</dd>
        </div>
        <div>
          <dt>{t('sessions.figures.outstanding')}</dt>
          <dd className={totals.outstanding > 0 ? 'num-alert' : undefined}>{totals.outstanding}</dd>
        </div>
      </dl>

      <section aria-labelledby="people-heading" className="learn-section">
        <h2 id="people-heading">{t('sessions.figures.people')}</h2>
        {figures.people.length === 0 ? (
          <p className="card empty-state">{t('sessions.figures.noPeople')}</p>
        ) : (
          <table className="data-table figures-people" data-testid="figures-people">
            <caption className="visually-hidden">{t('sessions.figures.peopleCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.figures.name')}</th>
                {countColumns.map((key) => (
                  <th key={key} scope="col" className="num">
                    {t(key)}
                  </th>
                ))}
                <th scope="col">{t('sessions.figures.lastAttended')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.people.map((person) => (
                <tr key={person.personId} data-testid="figures-person">
                  <th scope="row">
                    {linkPeople ? <Link to={`/people/${person.personId}`}>{person.name}</Link> : person.name}
                    <span className="hint figures-unit"> {person.unitName}</span>
                    {showInactive && person.inactive ? (
                      <span className="badge badge-down" data-testid="figures-inactive">
                        {t('sessions.figures.inactive')}
                      </span>
                    ) : null}
                  </th>
                  <td data-label={t('sessions.figures.attended')} className="num">
                    {t('sessions.figures.ofExpected', { n: person.attended, of: person.expected })}
                  </td>
                  <td data-label={t('sessions.figures.leave')} className="num">
                    {person.leave}
                  </td>
                  <td data-label={t('sessions.figures.absent')} className="num">
                    {person.absent}
                  </td>
                  <td data-label={t('sessions.figures.madeUp')} className="num">
                    {person.madeUp}
                  </td>
                  <td data-label={t('sessions.figures.outstanding')} className={`num${person.outstanding > 0 ? ' num-alert' : ''}`}>
                    {person.outstanding}
                  </td>
                  <td data-label={t('sessions.figures.lastAttended')}>{person.lastAttendedAt ? formatDate(person.lastAttendedAt, lang) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="figures-sessions-heading" className="learn-section">
        <h2 id="figures-sessions-heading">{t('sessions.figures.sessionsHeading')}</h2>
        {figures.sessions.length === 0 ? (
          <p className="card empty-state">{t('sessions.branch.empty', { year: figures.year })}</p>
        ) : (
          <table className="data-table figures-sessions" data-testid="figures-sessions">
            <caption className="visually-hidden">{t('sessions.figures.sessionsHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.figures.topic')}</th>
                <th scope="col">{t('sessions.figures.type')}</th>
                <th scope="col">{t('sessions.figures.date')}</th>
                <th scope="col">{t('sessions.figures.state')}</th>
                <th scope="col" className="num">
                  {t('sessions.figures.attended')}
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.sessions.map((session) => (
                <tr key={session.sessionId}>
                  <th scope="row" className="cell-title">
                    <Link to={`/sessions/${session.sessionId}`}>{session.topic}</Link>
                  </th>
                  <td data-label={t('sessions.figures.type')}>{t(typeKey(session.type))}</td>
                  <td data-label={t('sessions.figures.date')}>{formatDate(session.startsAt, lang)}</td>
                  <td data-label={t('sessions.figures.state')}>{t(stateKey(session.state))}</td>
                  <td data-label={t('sessions.figures.attended')} className="num">
                    {session.tally ? t('sessions.figures.ofExpected', { n: session.tally.present + session.tally.late, of: session.tally.expected }) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
