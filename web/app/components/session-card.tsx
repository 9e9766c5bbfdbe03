import { Link } from '@remix-run/react';
import { ClockIcon } from './course-icons';
import { useLang, useT } from '../i18n';
import { formatDate } from '../lib/format';
import { leaveKey, stateKey, statusKey, timeRange, typeKey, type SessionSummary } from '../lib/sessions-member';

/** One session in a list: its type, state, the reader's own standing (attendance, leave, make-up), time and place. */
export function SessionCard({ session, branchView = false }: { session: SessionSummary; branchView?: boolean }) {
  const t = useT();
  const lang = useLang();
  const cancelled = session.state === 'cancelled';
  return (
    <li className={`card session-card${cancelled ? ' session-card-cancelled' : ''}`} data-testid="session-card">
      <p className="badge-row">
        <span className="badge badge-category">{t(typeKey(session.type))}</span>
        {session.state !== 'scheduled' ? <span className={`badge ${cancelled ? 'badge-down' : 'badge-ok'}`}>{t(stateKey(session.state))}</span> : null}
        {!branchView && session.myStatus ? <span className="badge badge-gold">{t(statusKey(session.myStatus))}</span> : null}
        {!branchView && session.myLeave ? <span className="badge badge-muted">{t(leaveKey(session.myLeave))}</span> : null}
        {!branchView && session.myMakeUp && session.myMakeUp.state !== 'confirmed' ? (
          <span className={`badge ${session.myMakeUp.overdue ? 'badge-down' : 'badge-gold'}`}>
            {t(session.myMakeUp.state === 'pending' ? 'sessions.makeUp.pending' : 'sessions.makeUp.submitted')} · {t('sessions.makeUp.due', { date: formatDate(session.myMakeUp.dueAt, lang) })}
          </span>
        ) : null}
      </p>
      <h3 className="session-card-title">
        <Link to={`/sessions/${session.sessionId}`}>{session.topic}</Link>
      </h3>
      <p className="session-card-facts">
        <span>
          <ClockIcon className="icon icon-small" />
          {timeRange(session.startsAt, session.endsAt, lang)}
        </span>
        <span>{session.online ? t('sessions.online') : session.place || t('sessions.placeUnset')}</span>
        {branchView ? <span>{t('sessions.hostIs', { name: session.hostName })}</span> : null}
        {branchView && session.tally ? (
          <span>{t('sessions.tally', { present: session.tally.present + session.tally.late, expected: session.tally.expected })}</span>
        ) : null}
      </p>
      {cancelled && session.cancelReason ? <p className="session-card-cancel">{t('sessions.cancelledReason', { reason: session.cancelReason })}</p> : null}
    </li>
  );
}
