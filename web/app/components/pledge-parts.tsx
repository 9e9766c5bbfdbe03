import { Link } from '@remix-run/react';
import type { ApiProblem } from '../lib/api-problem';
import { useLang, useT } from '../i18n';
import { formatDate } from '../lib/format';
import { CATEGORIES, categoryKey, partyKey, ratingKey, stateBadge, stateKey, type BoardCard, type PledgeRating, type PledgeView, type PledgeYear } from '../lib/pledges';
import { FlagIcon } from './icons';
import { FieldError } from './notice';

/** The fields of a pledge (category, what, how, by when), filled with an item's values when editing. */
export function PledgeFields({ idPrefix, year, item, problem }: { idPrefix: string; year: number; item?: PledgeView; problem: ApiProblem | null | undefined }) {
  const t = useT();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-category`}>{t('pledges.field.category')}</label>
        <select id={`${idPrefix}-category`} name="pledgeCategory" className="select" defaultValue={item?.pledgeCategory ?? 'service'}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(categoryKey(c))}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-content`}>{t('pledges.field.content')}</label>
        <textarea id={`${idPrefix}-content`} name="content" className="input" rows={2} required maxLength={300} defaultValue={item?.content} placeholder={t('pledges.field.contentPlaceholder')} />
        <FieldError problem={problem} field="content" />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-measures`}>{t('pledges.field.measures')}</label>
        <textarea id={`${idPrefix}-measures`} name="measures" className="input" rows={3} required maxLength={500} defaultValue={item?.measures} placeholder={t('pledges.field.measuresPlaceholder')} />
        <FieldError problem={problem} field="measures" />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-due`}>{t('pledges.field.dueDate')}</label>
        <input id={`${idPrefix}-due`} name="dueDate" type="date" className="input" required min={`${year}-01-01`} max={`${year}-12-31`} defaultValue={item?.dueDate ?? `${year}-12-31`} />
        <FieldError problem={problem} field="dueDate" />
      </div>
    </>
  );
}

/** One item in a list: category, state, what was promised, by when, how far it is kept; opens the pledge's page. */
export function PledgeItem({ item, showOwner = false }: { item: PledgeView; showOwner?: boolean }) {
  const t = useT();
  const lang = useLang();
  return (
    <li className="card pledge-item" data-testid="pledge-item" data-state={item.state}>
      <p className="badge-row">
        <span className="badge badge-category">{t(categoryKey(item.pledgeCategory))}</span>
        <span className={`badge ${stateBadge(item.state)}`}>{t(stateKey(item.state))}</span>
      </p>
      <h3 className="pledge-content">
        <Link to={`/pledges/${item.pledgeId}`}>{item.content}</Link>
      </h3>
      {showOwner ? <p className="hint">{item.ownerName}</p> : null}
      <p className="pledge-measures">{item.measures}</p>
      <p className="hint">
        {t('pledges.due', { date: formatDate(`${item.dueDate}T12:00:00+08:00`, lang) })}
        {item.progressCount > 0 ? ` · ${t('pledges.progressCount', { count: item.progressCount })}` : ''}
      </p>
      {item.state === 'returned' && item.returnReason ? (
        <p className="pledge-returned" data-testid="return-reason">
          {t('pledges.returnedBecause', { reason: item.returnReason })}
        </p>
      ) : null}
    </li>
  );
}

/** The review window as the page's reader needs to know it. */
export function WindowNote({ window, year }: { window: PledgeYear['window']; year: number }) {
  const t = useT();
  const lang = useLang();
  if (!window) return null;
  const span = { from: formatDate(`${window.opensOn}T12:00:00+08:00`, lang), to: formatDate(`${window.closesOn}T12:00:00+08:00`, lang), year };
  return (
    <div className={`alert ${window.open ? 'alert-notice' : 'alert-notice'}`} role="status" data-testid="review-window">
      <p>{window.open ? t('pledges.window.open', span) : t('pledges.window.closed', span)}</p>
    </div>
  );
}

/** The branch's decision on the member's year, as published to them. */
export function RatingNote({ rating }: { rating: { rating: PledgeRating; reason: string; byName: string } }) {
  const t = useT();
  return (
    <div className="alert alert-ok" role="status" data-testid="my-rating">
      <p className="alert-title">{t('pledges.rating.decided', { rating: t(ratingKey(rating.rating)) })}</p>
      {rating.reason ? <p>{rating.reason}</p> : null}
    </div>
  );
}

/** A public card (亮身份、亮岗位、亮承诺): who, where they serve, what they promised and how far it is kept. */
export function PublicCard({ card }: { card: BoardCard }) {
  const t = useT();
  return (
    <li className="card board-card" data-testid="board-card">
      <div className="board-card-head">
        {card.photoUrl ? (
          <img src={card.photoUrl} alt="" className="pledge-photo" width={72} height={72} />
        ) : (
          <span className="pledge-photo pledge-photo-none" aria-hidden="true">
            {card.ownerKind === 'branch' ? <FlagIcon className="icon" /> : card.name.slice(-2)}
          </span>
        )}
        <div>
          <h3 className="board-name">{card.name}</h3>
          <p className="badge-row">
            {card.partyStatus ? <span className="badge badge-party">{t(partyKey(card.partyStatus))}</span> : <span className="badge badge-party">{t('pledges.branchCard')}</span>}
            {card.rating ? <span className="badge badge-ok">{t(ratingKey(card.rating))}</span> : null}
          </p>
          <p className="hint">{card.post || card.unitName}</p>
        </div>
      </div>
      <ol className="board-pledges">
        {card.pledges.map((p) => (
          <li key={p.pledgeId}>
            <span className="badge badge-category">{t(categoryKey(p.pledgeCategory))}</span> <Link to={`/pledges/${p.pledgeId}`}>{p.content}</Link>
            {p.state === 'done' || p.progressCount > 0 ? (
              <span className="hint">
                {' '}
                {p.state === 'done' ? t('pledges.state.done') : t('pledges.progressCount', { count: p.progressCount })}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </li>
  );
}
