/**
 * /sessions/:id/check-in-view — the host's check-in screen for a projector or a tablet: the topic, a large QR code
 * (the absolute address of /check-in?t=<token>), the six digits in very large type, a bar counting down to the next
 * code, and the live count "已签到 N / 应到 M" with the latest names. The code changes every 15 s; the screen reads
 * getCheckInCode again when its window ends and at least every 3 s for the count. When check-in is not open it says
 * why. The shell's bars are hidden on this page (session-host.css) so the room sees only what it needs.
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { AreaError } from '../components/area-error';
import { QrCode } from '../components/qr-code';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { throwApiError } from '../lib/respond.server';
import { shanghaiClock, type CheckInCode } from '../lib/session-host';
import { useNow, usePoll } from '../lib/session-host-poll';
import { requireMe } from '../lib/session.server';
import styles from '../styles/session-host.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessionHost.checkIn.title', data?.code.topic);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMe(request, context);
  const sessionId = params.sessionId ?? '';
  const { data, error, response } = await context.api.GET('/sessions/{sessionId}/check-in-code', { params: { path: { sessionId } } });
  if (!data) throwApiError(error, response.status);
  // The address members' phones open: this site's own origin, as the browser reached it.
  return { lang: context.lang, origin: new URL(request.url).origin, code: data };
}

const WINDOW_MS = 15_000;
const COUNT_MS = 3_000;

/** The next read: when the code's window ends (a little after, so the new one is there), and at least every 3 s. */
function nextRead(code: CheckInCode, now: number): number {
  const windowEnd = Date.parse(code.windowEndsAt) - now + 150;
  return Math.min(COUNT_MS, Math.max(250, windowEnd));
}

export default function CheckInView() {
  const { origin, code: first } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const { data: code, skew, offline } = usePoll(`/api/sessions/${encodeURIComponent(first.sessionId)}/check-in-code`, first, nextRead);
  const now = useNow(Date.parse(first.serverTime), skew);
  const left = Math.max(0, Math.min(WINDOW_MS, Date.parse(code.windowEndsAt) - now));
  const seconds = Math.ceil(left / 1000);
  const present = code.counts.present + code.counts.late;
  const url = `${origin}/check-in?t=${encodeURIComponent(code.token)}`;
  const qrLabel = t('sessionHost.checkIn.qrLabel');
  // The countdown renders twice a second; the code's drawing changes only with its window.
  const qr = useMemo(() => <QrCode value={url} label={qrLabel} size={360} />, [url, qrLabel]);
  const why =
    code.reason === 'notYet'
      ? t('sessionHost.checkIn.notYet', { time: formatDateTime(code.opensAt, lang).replace(/:\d{2}$/, '') })
      : code.reason === 'over'
        ? t('sessionHost.checkIn.over')
        : code.reason === 'closed'
          ? t('sessionHost.checkIn.closed')
          : code.reason === 'cancelled'
            ? t('sessionHost.checkIn.cancelled')
            : null;

  return (
    <div className="checkin-view" data-testid="checkin-view" data-open={code.open ? 'true' : 'false'}>
      <header className="checkin-head">
        <h1 className="checkin-topic">{code.topic}</h1>
        <p className="checkin-links">
          <Link to={`/sessions/${first.sessionId}/roster`} className="button button-quiet">
            {t('sessionHost.checkIn.roster')}
          </Link>
        </p>
      </header>
      {offline ? (
        <p className="checkin-offline" role="status">
          {t('sessionHost.checkIn.offline')}
        </p>
      ) : null}
      <div className="checkin-body">
        {code.open ? (
          <section className="checkin-code" aria-label={t('sessionHost.checkIn.code')}>
            <div className="checkin-qr" data-testid="checkin-qr" data-url={url}>
              {qr}
            </div>
            <div className="checkin-side">
              <p className="checkin-scan">{t('sessionHost.checkIn.scan')}</p>
              <p className="checkin-digits" data-testid="checkin-digits" aria-label={code.code.split('').join(' ')}>
                <span>{code.code.slice(0, 3)}</span>
                <span>{code.code.slice(3)}</span>
              </p>
              <p className="checkin-hint">{t('sessionHost.checkIn.orType')}</p>
              <div className="checkin-countdown" aria-hidden="true">
                <svg viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                  <rect className="checkin-countdown-track" x="0" y="0" width="100" height="10" />
                  <rect className="checkin-countdown-fill" x="0" y="0" width={((left / WINDOW_MS) * 100).toFixed(1)} height="10" />
                </svg>
              </div>
              <p className="checkin-next" data-testid="checkin-next">
                {t('sessionHost.checkIn.nextIn', { seconds })}
              </p>
            </div>
          </section>
        ) : (
          <section className="checkin-shut" data-testid="checkin-shut">
            <p>{why}</p>
          </section>
        )}
        <section className="checkin-tally" aria-live="polite" aria-atomic="true">
          <p className="checkin-count" data-testid="checkin-count">
            {t('sessionHost.checkIn.count', { present, expected: code.counts.expected })}
          </p>
          <p className="checkin-subcount">
            {code.counts.late > 0 ? <span>{t('sessionHost.checkIn.late', { late: code.counts.late })}</span> : null}
            {code.counts.leave > 0 ? <span>{t('sessionHost.checkIn.leave', { leave: code.counts.leave })}</span> : null}
          </p>
        </section>
        <section className="checkin-recent">
          <h2>{t('sessionHost.checkIn.recent')}</h2>
          {code.recent.length === 0 ? (
            <p className="checkin-none">{t('sessionHost.checkIn.none')}</p>
          ) : (
            <ol className="checkin-names" data-testid="checkin-recent">
              {code.recent.map((entry) => (
                <li key={`${entry.name}-${entry.at}`}>
                  <span>{entry.name}</span> <time dateTime={entry.at}>{shanghaiClock(entry.at)}</time>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError notFoundTitle="sessionHost.notFound.title" notFoundText="sessionHost.notFound.text" />;
}
