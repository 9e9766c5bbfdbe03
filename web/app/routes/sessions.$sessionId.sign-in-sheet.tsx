/**
 * /sessions/:id/sign-in-sheet — a printable sign-in sheet (签到表) for the file an inspector asks for: branch, kind,
 * topic, time, place, host and recorder, then every expected person with their attendance and a blank column for
 * their signature. A4 portrait (session-host.css); the screen shows the same sheet with a print button.
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { PrintIcon } from '../components/course-icons';
import { useLang, useT } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { shanghaiClock, statusKey, typeKey } from '../lib/session-host';
import { loadRoster } from '../lib/session-host.server';
import { requireMe } from '../lib/session.server';
import styles from '../styles/session-host.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessionHost.sheet.title', data?.roster.topic);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMe(request, context);
  const roster = await loadRoster(context, params.sessionId ?? '');
  return { lang: context.lang, roster };
}

export default function SignInSheet() {
  const { roster } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(typeof window.print === 'function'), []);
  const c = roster.counts;
  const rows = roster.rows.filter((row) => row.expected);
  return (
    <div className="page sign-in-sheet" data-testid="sign-in-sheet">
      <BackLink to={`/sessions/${roster.sessionId}`}>{t('sessionHost.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>
            {roster.branchName} · {t('sessionHost.sheet.title')}
          </h1>
          <p className="lead">{roster.topic}</p>
        </div>
        {canPrint ? (
          <button type="button" className="button button-quiet no-print" onClick={() => window.print()} data-testid="sheet-print">
            <PrintIcon className="icon icon-small" />
            {t('sessionHost.sheet.print')}
          </button>
        ) : null}
      </header>
      <dl className="sheet-facts">
        <div>
          <dt>{t('sessionHost.sheet.branch')}</dt>
          <dd>{roster.branchName}</dd>
        </div>
        <div>
          <dt>{t('sessionHost.sheet.type')}</dt>
          <dd>{t(typeKey(roster.type))}</dd>
        </div>
        <div>
          <dt>{t('sessionHost.sheet.topic')}</dt>
          <dd>{roster.topic}</dd>
        </div>
        <div>
          <dt>{t('sessionHost.sheet.time')}</dt>
          <dd>
            {formatDate(roster.startsAt, lang)} {shanghaiClock(roster.startsAt)}–{shanghaiClock(roster.endsAt)}
          </dd>
        </div>
        <div>
          <dt>{t('sessionHost.sheet.place')}</dt>
          <dd>{roster.place || '—'}</dd>
        </div>
        <div>
          <dt>{t('sessionHost.sheet.host')}</dt>
          <dd>{roster.hostName}</dd>
        </div>
        <div>
          <dt>{t('sessionHost.sheet.recorder')}</dt>
          <dd>{roster.recorderName ?? '—'}</dd>
        </div>
      </dl>
      <table className="sheet-table" data-testid="sheet-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('sessionHost.sheet.col.no')}
            </th>
            <th scope="col">{t('sessionHost.sheet.col.name')}</th>
            <th scope="col">{t('sessionHost.sheet.col.unit')}</th>
            <th scope="col">{t('sessionHost.sheet.col.status')}</th>
            <th scope="col">{t('sessionHost.sheet.col.checkedIn')}</th>
            <th scope="col" className="sheet-signature">
              {t('sessionHost.sheet.col.signature')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.personId} data-testid="sheet-row">
              <td className="num">{i + 1}</td>
              <td>{row.name}</td>
              <td>{row.unitName}</td>
              <td>{row.status ? t(statusKey(row.status)) : ''}</td>
              <td>{row.checkedInAt ? shanghaiClock(row.checkedInAt) : ''}</td>
              <td className="sheet-signature" />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sheet-counts">{t('sessionHost.sheet.counts', { expected: c.expected, present: c.present, late: c.late, leave: c.leave, absent: c.absent, madeUp: c.madeUp })}</p>
      <p className="print-only">{t('sessionHost.sheet.printedAt', { time: formatDateTime(roster.asOf, lang) })}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError notFoundTitle="sessionHost.notFound.title" notFoundText="sessionHost.notFound.text" />;
}
