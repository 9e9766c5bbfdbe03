import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { BookIcon, ChartIcon, FlagIcon, UsersIcon } from '../components/icons';
import { translate, useT } from '../i18n';
import { loadHealth } from '../lib/health.server';
import { may, useMe } from '../lib/me';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.lang, 'home.title')} · ${translate(data.lang, 'app.name')}` : '党建学习' },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const health = await loadHealth(context.api);
  return { lang: context.lang, healthy: health.status === 'ok' };
}

const areas = [
  { title: 'home.area.learning', text: 'home.area.learning.text', Icon: BookIcon },
  { title: 'home.area.sessions', text: 'home.area.sessions.text', Icon: UsersIcon },
  { title: 'home.area.pledges', text: 'home.area.pledges.text', Icon: FlagIcon },
  { title: 'home.area.stats', text: 'home.area.stats.text', Icon: ChartIcon },
] as const;

export default function Home() {
  const { healthy } = useLoaderData<typeof loader>();
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
