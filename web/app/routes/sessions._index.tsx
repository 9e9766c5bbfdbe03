import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { ArrowRightIcon } from '../components/course-icons';
import { PeriodPicker } from '../components/period-picker';
import { SessionCard } from '../components/session-card';
import { useLang, useT } from '../i18n';
import { may, unitsReached } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { requireCapability } from '../lib/respond.server';
import { byMonth, openMakeUps, shanghaiYear, splitByTime } from '../lib/sessions-member';
import { loadBranchSessions, loadMySessions, loadUnits } from '../lib/sessions-member.server';
import styles from '../styles/sessions.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessions.title');

/** How far back "my sessions" reach: a year of past ones is plenty on a phone; the branch view shows any year. */
const PAST_DAYS = 365;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireCapability(request, context, 'attendSessions', 'sessions.forbidden');
  const now = Date.now();
  const url = new URL(request.url);
  const from = new Date(now - PAST_DAYS * 86_400_000).toISOString().slice(0, 10);
  const manages = may(me, 'organizeSessions') || may(me, 'readCadence');
  const [mine, units] = await Promise.all([loadMySessions(context, from), manages ? loadUnits(context) : Promise.resolve([])]);

  // The branches the person keeps or reads (organizers, leaders): the picker's choices, in the tree's order.
  const reach = unitsReached(me, may(me, 'organizeSessions') ? 'organizeSessions' : 'readCadence', units);
  const branches = units.filter((unit) => unit.kind === 'branch' && !unit.retired && (!reach || reach.has(unit.unitId))).map((u) => ({ unitId: u.unitId, name: u.pathName || u.name }));
  const asked = url.searchParams.get('branch');
  const branch = branches.find((b) => b.unitId === asked) ?? branches[0] ?? null;
  const thisYear = shanghaiYear(now);
  const askedYear = Number(url.searchParams.get('year'));
  const year = Number.isInteger(askedYear) && askedYear >= 2000 && askedYear <= thisYear + 1 ? askedYear : thisYear;
  const branchSessions = branch ? await loadBranchSessions(context, branch.unitId, year) : [];
  const { upcoming, past } = splitByTime(mine, now);
  return {
    lang: context.lang,
    now,
    upcoming,
    past,
    makeUps: openMakeUps(mine),
    branches,
    branch,
    year,
    years: [thisYear + 1, thisYear, thisYear - 1, thisYear - 2],
    branchSessions: [...branchSessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
    mayOrganize: may(me, 'organizeSessions'),
    mayReadCadence: may(me, 'readCadence'),
  };
}

export default function Sessions() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const { upcoming, past, branch, branches, branchSessions, year } = data;
  return (
    <div className="page sessions-page">
      <header className="page-header">
        <div>
          <h1>{t('sessions.title')}</h1>
          <p className="lead">{t('sessions.lead')}</p>
        </div>
      </header>
      <nav aria-label={t('sessions.links')} className="session-links">
        <Link to="/me/check-in-code" className="button button-quiet">
          {t('sessions.personalCode')}
          <ArrowRightIcon className="icon icon-small" />
        </Link>
        {data.mayReadCadence ? (
          <Link to="/sessions/cadence" className="button button-quiet" data-testid="link-cadence">
            {t('sessions.cadence.title')}
            <ArrowRightIcon className="icon icon-small" />
          </Link>
        ) : null}
      </nav>

      {data.makeUps.length > 0 ? (
        <section aria-labelledby="makeups-heading" className="learn-section">
          <h2 id="makeups-heading">{t('sessions.makeUp.open')}</h2>
          <ul className="session-list" data-testid="sessions-makeups">
            {data.makeUps.map((session) => (
              <SessionCard key={session.sessionId} session={session} />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="upcoming-heading" className="learn-section">
        <h2 id="upcoming-heading">{t('sessions.upcoming')}</h2>
        {upcoming.length === 0 ? (
          <div className="card empty-state" data-testid="sessions-empty">
            <p>{t('sessions.upcomingEmpty')}</p>
          </div>
        ) : (
          <ul className="session-list" data-testid="sessions-upcoming">
            {upcoming.map((session) => (
              <SessionCard key={session.sessionId} session={session} />
            ))}
          </ul>
        )}
      </section>

      {past.length > 0 ? (
        <section aria-labelledby="past-heading" className="learn-section">
          <h2 id="past-heading">{t('sessions.past')}</h2>
          <ul className="session-list session-list-past" data-testid="sessions-past">
            {past.map((session) => (
              <SessionCard key={session.sessionId} session={session} />
            ))}
          </ul>
        </section>
      ) : null}

      {branches.length > 0 ? (
        <section aria-labelledby="branch-heading" className="learn-section session-branch" data-testid="branch-sessions">
          <h2 id="branch-heading">{t('sessions.branch.title')}</h2>
          <PeriodPicker
            id="pick"
            className="filter-bar session-branch-picker"
            branches={branches.map((b) => ({ value: b.unitId, name: b.name }))}
            branch={branch?.unitId}
            years={data.years}
            year={year}
            labels={{ branch: t('sessions.branch.pick'), year: t('sessions.branch.year'), show: t('sessions.branch.show') }}
          />
          {branch ? (
            <p className="button-row">
              {data.mayOrganize ? (
                <Link to={`/sessions/new?branchId=${branch.unitId}`} className="button button-primary" data-testid="link-new-session">
                  {t('sessions.branch.new')}
                </Link>
              ) : null}
              {data.mayReadCadence ? (
                <Link to={`/sessions/figures?unitId=${branch.unitId}&year=${year}`} className="button button-quiet">
                  {t('sessions.figures.title')}
                </Link>
              ) : null}
            </p>
          ) : null}
          {branchSessions.length === 0 ? (
            <div className="card empty-state">
              <p>{t('sessions.branch.empty', { year })}</p>
              {data.mayOrganize ? <p className="hint">{t('sessions.branch.emptyNext')}</p> : null}
            </div>
          ) : (
            byMonth(branchSessions, lang).map((month) => (
              <div key={month.key} className="session-month">
                <h3>{month.label}</h3>
                <ul className="session-list">
                  {month.sessions.map((session) => (
                    <SessionCard key={session.sessionId} session={session} branchView />
                  ))}
                </ul>
              </div>
            ))
          )}
        </section>
      ) : null}
    </div>
  );
}
