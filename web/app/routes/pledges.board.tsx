import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { BackLink } from '../components/back-link';
import { PublicCard } from '../components/pledge-parts';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { pledgeYears } from '../lib/pledges';
import { loadBoard } from '../lib/pledges.server';
import { requireCapability } from '../lib/respond.server';
import styles from '../styles/pledges.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'pledges.board.title', data?.board.unit.name);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCapability(request, context, 'keepPledges', 'pledges.forbidden');
  const url = new URL(request.url);
  const years = pledgeYears(Date.now());
  const asked = Number(url.searchParams.get('year'));
  const unitId = url.searchParams.get('unitId') ?? undefined;
  const board = await loadBoard(context, { ...(years.includes(asked) ? { year: asked } : {}), ...(unitId ? { unitId } : {}) });
  return { lang: context.lang, board };
}

/** The public board (公示): each member's card with their approved pledges, the units below to drill into, the quarter's honours. */
export default function Board() {
  const { board } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const year = (unitId: string) => `/pledges/board?unitId=${unitId}&year=${board.year}`;
  return (
    <div className="page pledge-board-page">
      <BackLink to="/pledges">{t('pledges.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('pledges.board.heading', { unit: board.unit.name, year: board.year })}</h1>
          <p className="lead">{t('pledges.board.lead')}</p>
          <p className="hint">{t('pledges.asOf', { time: formatDateTime(board.asOf, lang) })}</p>
        </div>
      </header>
      {board.path.length > 1 ? (
        <nav aria-label={t('pledges.board.path')} className="breadcrumbs">
          <ol>
            {board.path.map((u, i) => (
              <li key={u.unitId}>{i === board.path.length - 1 ? <span aria-current="page">{u.name}</span> : <Link to={year(u.unitId)}>{u.name}</Link>}</li>
            ))}
          </ol>
        </nav>
      ) : null}
      {board.children.length > 0 ? (
        <nav aria-label={t('pledges.board.below')} className="pledge-links">
          {board.children.map((c) => (
            <Link key={c.unitId} to={year(c.unitId)} className="button button-quiet">
              {c.name} <span className="hint">{t('pledges.board.cards', { count: c.cards })}</span>
            </Link>
          ))}
        </nav>
      ) : null}

      {board.honours.length > 0 ? (
        <section aria-labelledby="honours-heading" className="learn-section">
          <h2 id="honours-heading">{t('pledges.board.honours', { quarter: board.honours[0]!.quarter })}</h2>
          <ul className="honour-list" data-testid="board-honours">
            {board.honours.map((h) => (
              <li key={h.honourId} className="card honour-card">
                <p className="badge-row">
                  <span className="badge badge-ok">{h.typeName}</span>
                </p>
                <h3>{h.name}</h3>
                <p className="hint">{h.unitName}</p>
                <p>{h.reason}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="cards-heading" className="learn-section">
        <h2 id="cards-heading">{t('pledges.board.cardsTitle', { count: board.cards.length })}</h2>
        {board.cards.length === 0 ? (
          <div className="card empty-state" data-testid="board-empty">
            <p>{t('pledges.board.empty')}</p>
          </div>
        ) : (
          <ul className="board-cards" data-testid="board-cards">
            {board.cards.map((card) => (
              <PublicCard key={card.ownerId} card={card} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
