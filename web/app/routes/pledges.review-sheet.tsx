/**
 * /pledges/review-sheet — the year's review sheets (民主评议表) of a branch: one sheet per member with their pledges and
 * rating, study credit, courses, quizzes, sessions and honours, for the branch meeting. Printable (review.css: each
 * member on a new A4 page, no navigation), and as an Excel workbook. The API decides who may open which branch.
 */
import type { AppLoadContext, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { PeriodPicker } from '../components/period-picker';
import { PrintIcon } from '../components/course-icons';
import { useLang, useT } from '../i18n';
import type { components } from '../lib/api-types';
import { formatDate, formatDateTime } from '../lib/format';
import { formatCredit } from '../lib/learn';
import { withMe } from '../lib/learn.server';
import { pageTitle } from '../lib/page-title';
import { throwApiError } from '../lib/respond.server';
import { shanghaiYear } from '../lib/sessions-member';
import styles from '../styles/review.css?url';

type ReviewSheets = components['schemas']['ReviewSheets'];
type MemberSheet = ReviewSheets['sheets'][number];

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'review.title', data ? `${data.view.branchName} · ${data.view.year}` : undefined);

async function loadSheets(context: AppLoadContext, branchId: string | undefined, year: number): Promise<ReviewSheets> {
  const { data, error, response } = await context.api.GET('/review-sheets', { params: { query: { ...(branchId ? { branchId } : {}), year } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const thisYear = shanghaiYear(Date.now());
  const asked = Number(url.searchParams.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const branchId = url.searchParams.get('branchId') || undefined;
  const [, view] = await withMe(request, context, loadSheets(context, branchId, year));
  const years = [...new Set([thisYear, thisYear - 1, thisYear - 2, view.year])].sort((a, b) => b - a);
  return { lang: context.lang, view, years };
}

export default function ReviewSheetPage() {
  const { view, years } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  // Printing needs the browser's script; the button appears once it runs (the browser's own print works anyway).
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(typeof window.print === 'function'), []);
  const exportHref = `/api/review-sheets/export?branchId=${encodeURIComponent(view.branchId)}&year=${view.year}`;
  return (
    <div className="page review-page">
      <BackLink to={`/pledges/branch?branch=${encodeURIComponent(view.branchId)}&year=${view.year}`}>{t('review.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('review.title')}</h1>
          <p className="lead" data-testid="review-lead">
            {t('review.lead', { branch: view.branchName, year: view.year })}
          </p>
        </div>
        {canPrint ? (
          <button type="button" className="button button-quiet no-print" onClick={() => window.print()} data-testid="review-print">
            <PrintIcon className="icon icon-small" />
            {t('review.print')}
          </button>
        ) : null}
      </header>

      <div className="filter-bar review-filter no-print">
        <PeriodPicker
          id="review"
          className="review-form"
          branches={view.branches.map((b) => ({ value: b.branchId, name: b.name }))}
          branchField="branchId"
          branch={view.branchId}
          years={years}
          year={view.year}
          labels={{ branch: t('review.branch'), year: t('review.year'), show: t('review.show') }}
        />
        <a href={exportHref} className="button button-primary" download data-testid="review-excel">
          {t('review.excel')}
        </a>
      </div>

      <p className="card review-note" data-testid="review-note">
        <strong>{t('review.note')}</strong>
        <span className="hint">
          {t('review.asOf', { time: formatDateTime(view.asOf, lang) })} · {t('review.count', { n: view.sheets.length })}
        </span>
      </p>

      {view.sheets.length === 0 ? (
        <p className="card empty-state">{t('review.empty', { year: view.year })}</p>
      ) : (
        <div className="review-sheets">
          {view.sheets.map((sheet) => (
            <MemberSheetView key={sheet.personId} sheet={sheet} branchName={view.branchName} year={view.year} asOf={view.asOf} />
          ))}
        </div>
      )}
    </div>
  );
}

function MemberSheetView({ sheet, branchName, year, asOf }: { sheet: MemberSheet; branchName: string; year: number; asOf: string }) {
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

export function ErrorBoundary() {
  return <AreaError forbiddenHint="review.forbidden" notFoundTitle="review.notFound.title" notFoundText="review.notFound.text" />;
}
