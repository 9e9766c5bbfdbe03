/**
 * One member's year as the review sheet shows it (民主评议表): pledges and rating, study credit, courses, quizzes,
 * sessions and honours. The review sheet prints one per page; a person's record (统计) shows the same facts.
 */
import { useLang, useT } from '../i18n';
import type { components } from '../lib/api-types';
import { formatDate, formatDateTime } from '../lib/format';
import { formatCredit } from '../lib/learn';

type MemberSheet = components['schemas']['ReviewSheets']['sheets'][number];

export function MemberSheetView({ sheet, branchName, year, asOf }: { sheet: MemberSheet; branchName: string; year: number; asOf: string }) {
  const t = useT();
  const lang = useLang();
  const headingId = `sheet-${sheet.personId}`;
  const s = sheet.sessions;
  const step = (label: 'review.proposal' | 'review.decision', value: MemberSheet['rating']['proposal']) => (
    <div>
      <dt>{t(label)}</dt>
      <dd>
        {value ? (
          <>
            <strong>{value.ratingName}</strong>
            {value.reason ? <span className="review-reason">{value.reason}</span> : null}
            <span className="hint">{t('review.by', { name: value.byName, date: formatDate(value.at, lang) })}</span>
          </>
        ) : (
          <span className="hint">{t('review.notYet')}</span>
        )}
      </dd>
    </div>
  );
  return (
    <article className="card review-sheet" aria-labelledby={headingId} data-testid="review-sheet">
      <header className="review-sheet-head">
        <p className="print-only review-print-title">
          {t('review.title')} · {t('review.lead', { branch: branchName, year })}
        </p>
        <h2 id={headingId}>{sheet.name}</h2>
        <dl className="review-facts">
          <div>
            <dt>{t('review.identity')}</dt>
            <dd>{sheet.partyStatusName}</dd>
          </div>
          <div>
            <dt>{t('review.post')}</dt>
            <dd>{sheet.post ?? <span className="hint">{t('review.postNone')}</span>}</dd>
          </div>
          <div>
            <dt>{t('review.unit')}</dt>
            <dd>{sheet.unitName}</dd>
          </div>
        </dl>
      </header>

      <section className="review-section" aria-label={t('review.pledges')}>
        <h3>{t('review.pledges')}</h3>
        {sheet.pledges.length === 0 ? (
          <p className="hint">{t('review.pledgesNone')}</p>
        ) : (
          <table className="data-table review-pledges">
            <thead>
              <tr>
                <th scope="col">{t('review.col.category')}</th>
                <th scope="col">{t('review.col.content')}</th>
                <th scope="col">{t('review.col.state')}</th>
                <th scope="col" className="num">
                  {t('review.col.progress')}
                </th>
                <th scope="col">{t('review.col.assessment')}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.pledges.map((p) => (
                <tr key={p.pledgeId}>
                  <td data-label={t('review.col.category')}>{p.categoryName}</td>
                  <th scope="row" className="review-pledge-content">
                    {p.content}
                  </th>
                  <td data-label={t('review.col.state')}>{p.stateName}</td>
                  <td data-label={t('review.col.progress')} className="num">
                    {t('review.progressCount', { n: p.progressCount })}
                  </td>
                  <td data-label={t('review.col.assessment')} className="review-assessment">
                    {p.assessment ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <dl className="review-rating" data-testid="review-rating">
          {step('review.proposal', sheet.rating.proposal)}
          {step('review.decision', sheet.rating.decision)}
        </dl>
      </section>

      <div className="review-columns">
        <section className="review-section" aria-label={t('review.study')}>
          <h3>{t('review.study')}</h3>
          <p data-testid="review-credit">
            {t('review.credit', { credit: formatCredit(sheet.study.credit, lang), target: formatCredit(sheet.study.target, lang) })}
            <span className={sheet.study.met ? 'badge badge-ok' : 'badge'}>{t(sheet.study.met ? 'review.creditMet' : 'review.creditShort')}</span>
          </p>
          <p className="hint">{t('review.courses', { n: sheet.study.courses.length })}</p>
          {sheet.study.courses.length > 0 ? (
            <ul className="review-list">
              {sheet.study.courses.map((c) => (
                <li key={c.courseId}>
                  {c.title} <span className="hint">({formatCredit(c.credit, lang)} · {formatDate(c.completedAt, lang)})</span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>

        <section className="review-section" aria-label={t('review.quizzes')}>
          <h3>{t('review.quizzes')}</h3>
          <p data-testid="review-quizzes">{t('review.quizCount', { taken: sheet.quizzes.taken, passed: sheet.quizzes.passed })}</p>
          {sheet.quizzes.items.length > 0 ? (
            <ul className="review-list">
              {sheet.quizzes.items.map((q) => (
                <li key={q.quizId}>
                  {q.title} <span className="hint">({t(q.passed ? 'review.passed' : 'review.notPassed')})</span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>

        <section className="review-section" aria-label={t('review.sessions')}>
          <h3>{t('review.sessions')}</h3>
          <dl className="review-counts" data-testid="review-sessions">
            {(
              [
                ['review.expected', s.expected],
                ['review.attended', s.attended],
                ['review.leave', s.leave],
                ['review.absent', s.absent],
                ['review.madeUp', s.madeUp],
              ] as const
            ).map(([key, n]) => (
              <div key={key}>
                <dt>{t(key)}</dt>
                <dd className="num">{n}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section className="review-section" aria-label={t('review.honours')}>
          <h3>{t('review.honours')}</h3>
          {sheet.honours.length === 0 ? (
            <p className="hint">{t('review.honoursNone')}</p>
          ) : (
            <ul className="review-list">
              {sheet.honours.map((h) => (
                <li key={h.honourId}>
                  <strong>{h.typeName}</strong> <span className="hint">{h.quarter}</span> {h.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <p className="print-only review-print-foot">
        {t('review.note')} {t('review.asOf', { time: formatDateTime(asOf, lang) })}
      </p>
    </article>
  );
}
