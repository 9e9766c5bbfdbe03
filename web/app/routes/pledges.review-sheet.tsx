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
import { MemberSheetView } from '../components/member-sheet';
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

export function ErrorBoundary() {
  return <AreaError forbiddenHint="review.forbidden" notFoundTitle="review.notFound.title" notFoundText="review.notFound.text" />;
}
