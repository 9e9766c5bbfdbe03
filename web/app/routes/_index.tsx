/**
 * / — signed in, each person's home: what is due (overdue first, then by date), this year's 学时 against the target,
 * the lesson to continue; an organizer's branches and what waits for them; a leader's figures. Visitors see what the
 * platform is for.
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { CourseProgressBar } from '../components/course-progress-bar';
import { BookIcon, ChartIcon, FlagIcon, UsersIcon } from '../components/icons';
import { translate, useLang, useT } from '../i18n';
import type { components } from '../lib/api-types';
import { formatDate, formatDateTime, formatDayTime, percent } from '../lib/format';
import { loadHealth } from '../lib/health.server';
import { may, useMe } from '../lib/me';
import styles from '../styles/overview.css?url';

type Home = components['schemas']['Home'];
type Due = Home['due'][number];

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.lang, 'home.title')} · ${translate(data.lang, 'app.name')}` : '党建学习' },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const { data } = await context.api.GET('/me/home');
  if (data) return { lang: context.lang, home: data, healthy: true };
  const health = await loadHealth(context.api);
  return { lang: context.lang, home: null, healthy: health.status === 'ok' };
}

const areas = [
  { title: 'home.area.learning', text: 'home.area.learning.text', Icon: BookIcon },
  { title: 'home.area.sessions', text: 'home.area.sessions.text', Icon: UsersIcon },
  { title: 'home.area.pledges', text: 'home.area.pledges.text', Icon: FlagIcon },
  { title: 'home.area.stats', text: 'home.area.stats.text', Icon: ChartIcon },
] as const;

export default function HomePage() {
  const { home, healthy } = useLoaderData<typeof loader>();
  return home ? <PersonHome home={home} /> : <Brochure healthy={healthy} />;
}

/** Where a due item leads. */
function hrefOf(item: Due): string {
  switch (item.kind) {
    case 'course':
      return `/learn/courses/${item.id}`;
    case 'quiz':
      return `/quizzes/${item.id}`;
    case 'session':
      return `/sessions/${item.id}`;
    case 'makeUp':
      return '/sessions';
    case 'pledges':
      return '/pledges';
  }
}

function DueRow({ item }: { item: Due }) {
  const t = useT();
  const lang = useLang();
  const title =
    item.kind === 'makeUp' ? t('home.makeUp', { n: item.count }) : item.kind === 'pledges' ? t('home.pledges', { n: item.count }) : item.title;
  const when = item.dueAt ? (item.kind === 'session' ? t('home.startsAt', { time: formatDayTime(item.dueAt, lang) }) : t('home.dueAt', { time: formatDate(item.dueAt, lang) })) : null;
  return (
    <li className={`due-${item.state}`} data-kind={item.kind} data-state={item.state}>
      <Link to={hrefOf(item)}>
        <span className="due-state">{t(`home.state.${item.state}`)}</span>
        {item.kind === 'course' || item.kind === 'quiz' || item.kind === 'session' ? <span className="hint">{t(`home.kind.${item.kind}`)}</span> : null}
        <span className="due-title">{title}</span>
        {when ? <span className="hint">{when}</span> : null}
      </Link>
    </li>
  );
}

function PersonHome({ home }: { home: Home }) {
  const t = useT();
  const lang = useLang();
  const me = useMe();
  const credit = home.credit;
  return (
    <div className="page home-page">
      <header className="page-header">
        <h1>{t('home.hello', { name: me?.name ?? '' })}</h1>
      </header>
      <div className="home-grid">
        <section className="card" aria-labelledby="due-heading">
          <h2 id="due-heading">{t('home.due')}</h2>
          {home.due.length === 0 ? (
            <p className="hint" data-testid="home-due-empty">
              {home.asOf ? t('home.dueEmpty') : t('home.notYet')}
            </p>
          ) : (
            <ul className="home-due" data-testid="home-due">
              {home.due.map((item) => (
                <DueRow key={`${item.kind}-${item.id ?? item.state}`} item={item} />
              ))}
            </ul>
          )}
          {home.asOf ? <p className="hint">{t('home.asOf', { time: formatDateTime(home.asOf, lang) })}</p> : null}
        </section>
        <div>
          {home.continueLesson ? (
            <section className="card" aria-labelledby="continue-heading">
              <h2 id="continue-heading">{t('home.continue')}</h2>
              <Link className="button button-primary" to={`/learn/courses/${home.continueLesson.courseId}/lessons/${home.continueLesson.lessonId}`} data-testid="home-continue">
                {t('home.continueLesson', { course: home.continueLesson.courseTitle, lesson: home.continueLesson.lessonTitle })}
              </Link>
            </section>
          ) : null}
          {credit ? (
            <section className="card" aria-labelledby="credit-heading">
              <h2 id="credit-heading">{t('home.credit')}</h2>
              <p data-testid="home-credit">
                <strong>{t('home.creditOf', { earned: credit.earned, target: credit.target })}</strong>
              </p>
              <CourseProgressBar value={credit.earned} max={credit.target} label={t('home.credit')} />
              <p className="hint">{t('home.creditExpected', { expected: credit.expectedByNow })}</p>
            </section>
          ) : null}
        </div>
      </div>
      {home.branches.length > 0 ? (
        <section aria-labelledby="branches-heading">
          <h2 id="branches-heading">{t('home.branches')}</h2>
          {home.branches.map((b) => (
            <article key={b.branchId} className="card" data-testid="home-branch">
              <h3>{b.name}</h3>
              <ul className="home-counts">
                <li>
                  <strong>{b.leaveToDecide}</strong>
                  <Link to={`/sessions?branchId=${b.branchId}`}>{t('home.leave')}</Link>
                </li>
                <li>
                  <strong>{b.makeUpsToConfirm}</strong>
                  <Link to={`/sessions?branchId=${b.branchId}`}>{t('home.makeUps')}</Link>
                </li>
                <li>
                  <strong>{b.pledgesToReview}</strong>
                  <Link to={`/pledges?branchId=${b.branchId}`}>{t('home.review')}</Link>
                </li>
              </ul>
              <p className="hint">
                {b.cadence ? t('home.cadence', { held: b.cadence.summary.held ?? 0, missing: b.cadence.summary.missing ?? 0, atRisk: b.cadence.summary.atRisk ?? 0 }) : t('home.cadenceNone')}
              </p>
              {b.figures && may(me, 'readOverview') ? <Figures figures={b.figures.figures} link={`/stats/units/${b.branchId}`} linkText={t('home.openBranch')} /> : null}
            </article>
          ))}
        </section>
      ) : null}
      {home.overview.length > 0 ? (
        <section aria-labelledby="overview-heading">
          <h2 id="overview-heading">{t('home.overview')}</h2>
          {home.overview.map((o) => (
            <article key={o.unitId} className="card" data-testid="home-overview">
              <h3>{o.name}</h3>
              <Figures figures={o.figures} link="/stats" linkText={t('home.openOverview')} />
            </article>
          ))}
        </section>
      ) : null}
    </div>
  );
}

function Figures({ figures, link, linkText }: { figures: Home['overview'][number]['figures']; link: string; linkText: string }) {
  const t = useT();
  const names = { courses: 'home.kind.course', credit: 'home.credit', sessions: 'home.kind.session', pledges: 'nav.pledges' } as const;
  return (
    <>
      <ul className="home-figures">
        {figures.map((f) => (
          <li key={f.requirement} className={`share-${f.colour ?? 'none'}`}>
            <span>{t(names[f.requirement])}</span>
            <span>
              {f.share === null ? t('stats.notApplicable') : percent(f.share)} {f.colour ? <span className="share-word">{t(`stats.colour.${f.colour}`)}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      <Link to={link}>{linkText}</Link>
    </>
  );
}

function Brochure({ healthy }: { healthy: boolean }) {
  const t = useT();
  const me = useMe();
  return (
    <div className="page">
      <section className="hero">
        <h1>{t('home.welcome')}</h1>
        <p className="lead">{t('home.lead')}</p>
      </section>
      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading">{t('home.areas')}</h2>
        <ul className="card-grid">
          {areas.map(({ title, text, Icon }) => (
            <li key={title} className="card">
              <Icon className="icon card-icon" />
              <h3>{t(title)}</h3>
              <p>{t(text)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section className="card status-summary" aria-labelledby="status-heading">
        <h2 id="status-heading">{t('home.status')}</h2>
        <p className={healthy ? 'badge badge-ok' : 'badge badge-down'} data-testid="health-summary">
          {healthy ? t('home.statusOk') : t('home.statusDown')}
        </p>
        {may(me, 'administer') ? (
          <Link to="/status" className="button button-quiet">
            {t('home.statusDetails')}
          </Link>
        ) : null}
      </section>
    </div>
  );
}
