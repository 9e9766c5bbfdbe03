import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { useEffect } from 'react';
import { translate, useLang, useT, type MessageKey } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import { formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { checkInReasonOf, clock, statusKey, timeRange, type CheckInReason } from '../lib/sessions-member';
import { checkIn, sessionIdOfToken } from '../lib/sessions-member.server';
import { requireMe } from '../lib/session.server';
import styles from '../styles/sessions.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessions.checkIn.title');

/**
 * What the check-in QR opens: /check-in?t=<token>. A visitor signs in first and comes back here with the token
 * (the sign-in page's return address); the server checks the token again then, and a token whose window has gone
 * answers "scan again". A recorded check-in moves to /check-in?s=<session>, so a refresh or the back button never
 * sends the token again: it reads the record, which says 已签到 (docs/decisions/035).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  await requireMe(request, context);
  const token = url.searchParams.get('t');
  const lang = context.lang;
  if (token !== null) {
    const answer = await checkIn(context, { token: token.slice(0, 200) });
    if (answer.ok) {
      const fresh = answer.data.outcome === 'recorded' ? '&new=1' : '';
      throw redirect(`/check-in?s=${encodeURIComponent(answer.data.sessionId)}${fresh}`);
    }
    const reason = checkInReasonOf(answer.error);
    // For "not yet", say when it opens: the token names its session (the server checked the rest).
    let opensAt: string | null = null;
    let topic: string | null = null;
    const sessionId = sessionIdOfToken(token);
    if (sessionId && (reason === 'notYet' || reason === 'over' || reason === 'closed' || reason === 'cancelled')) {
      const session = await context.api.GET('/sessions/{sessionId}', { params: { path: { sessionId } } });
      if (session.data) {
        opensAt = session.data.checkIn.opensAt;
        topic = session.data.topic;
      }
    }
    const problem = toApiProblem(answer.error, answer.status, translate(lang, 'error.generic.textNoId'));
    return { lang, kind: 'refused' as const, reason, status: answer.status, message: problem.message, opensAt, topic };
  }
  const sessionId = url.searchParams.get('s');
  if (sessionId !== null) {
    const { data } = await context.api.GET('/sessions/{sessionId}', { params: { path: { sessionId: sessionId.slice(0, 60) } } });
    if (data?.mine.checkedInAt) {
      return {
        lang,
        kind: 'done' as const,
        fresh: url.searchParams.get('new') === '1',
        sessionId: data.sessionId,
        topic: data.topic,
        when: timeRange(data.startsAt, data.endsAt, lang),
        at: data.mine.checkedInAt,
        status: data.myStatus,
      };
    }
  }
  return { lang, kind: 'nothing' as const };
}

const reasonWords: Record<CheckInReason, MessageKey> = {
  stale: 'sessions.checkIn.reason.stale',
  invalid: 'sessions.checkIn.reason.invalid',
  malformed: 'sessions.checkIn.reason.invalid',
  notYet: 'sessions.checkIn.reason.notYet',
  over: 'sessions.checkIn.reason.over',
  closed: 'sessions.checkIn.reason.closed',
  cancelled: 'sessions.checkIn.reason.cancelled',
};

export default function CheckIn() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const fresh = data.kind === 'done' && data.fresh;
  // "签到成功" is said once: the address loses its `new=1`, so a refresh (or a tab reopened) says 已签到.
  useEffect(() => {
    if (!fresh) return;
    const url = new URL(window.location.href);
    url.searchParams.delete('new');
    window.history.replaceState(window.history.state, '', url.pathname + url.search);
  }, [fresh]);
  if (data.kind === 'done') {
    return (
      <div className="page narrow-page check-in-page">
        <section className="card check-in-result check-in-ok" role="status" data-testid="check-in-result">
          <p className="check-in-mark" aria-hidden="true">
            ✓
          </p>
          <h1 data-testid="check-in-outcome">{t(data.fresh ? 'sessions.checkIn.recorded' : 'sessions.checkIn.already')}</h1>
          <p className="check-in-topic">{data.topic}</p>
          <p className="check-in-when">{data.when}</p>
          <p className="check-in-at">
            {t('sessions.mine.checkedInAt', { time: clock(data.at) })}
            {data.status ? <span className="badge badge-ok">{t(statusKey(data.status))}</span> : null}
          </p>
          <Link to={`/sessions/${data.sessionId}`} className="button button-quiet button-block">
            {t('sessions.checkIn.toSession')}
          </Link>
        </section>
      </div>
    );
  }
  if (data.kind === 'refused') {
    const words =
      data.reason === 'notYet' && data.opensAt
        ? t('sessions.checkIn.reason.notYetAt', { time: formatDateTime(data.opensAt, lang) })
        : data.reason
          ? t(reasonWords[data.reason])
          : data.message;
    return (
      <div className="page narrow-page check-in-page">
        <section className="card check-in-result check-in-refused" role="alert" data-testid="check-in-result">
          <h1 data-testid="check-in-outcome">{t(data.reason === 'stale' ? 'sessions.checkIn.scanAgain' : 'sessions.checkIn.refused')}</h1>
          {data.topic ? <p className="check-in-topic">{data.topic}</p> : null}
          <p className="check-in-why" data-testid="check-in-why">
            {words}
          </p>
          {data.reason === 'stale' || data.reason === 'invalid' || data.reason === 'malformed' ? <p className="hint">{t('sessions.checkIn.typeInstead')}</p> : null}
          <Link to="/sessions" className="button button-quiet button-block">
            {t('sessions.checkIn.toSessions')}
          </Link>
        </section>
      </div>
    );
  }
  return (
    <div className="page narrow-page check-in-page">
      <section className="card check-in-result" data-testid="check-in-result">
        <h1>{t('sessions.checkIn.title')}</h1>
        <p>{t('sessions.checkIn.howTo')}</p>
        <Link to="/sessions" className="button button-quiet button-block">
          {t('sessions.checkIn.toSessions')}
        </Link>
      </section>
    </div>
  );
}
