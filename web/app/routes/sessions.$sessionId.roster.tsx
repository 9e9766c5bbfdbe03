/**
 * /sessions/:id/roster — the host's roster on a phone. The roster is the record: each expected person with one tap
 * for 出席 / 迟到 / 请假 / 缺席, "all remaining present" in one call, the check-in time, pending leave requests to
 * decide, handed-in make-ups to confirm, reverse check-in by a member's personal code, and closing the session. While
 * check-in is open the page reads the roster again every 3 s, so QR check-ins appear as people scan.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { Notice, ProblemNotice } from '../components/notice';
import { SessionConflict } from '../components/session-host-conflict';
import { SessionLifecycle } from '../components/session-host-lifecycle';
import { ReverseCheckIn } from '../components/session-host-reverse';
import { useLang, useT } from '../i18n';
import { readForm } from '../lib/form.server';
import { formatDate, formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { attendanceMarks, shanghaiClock, stateKey, statusKey, typeKey, type AttendanceMark, type RosterRow } from '../lib/session-host';
import { hostAction, loadRoster, loadSession } from '../lib/session-host.server';
import { requireMe } from '../lib/session.server';
import styles from '../styles/session-host.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessionHost.roster.title', data?.roster.topic);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireMe(request, context);
  const sessionId = params.sessionId ?? '';
  const [session, roster] = await Promise.all([loadSession(context, sessionId), loadRoster(context, sessionId)]);
  return { lang: context.lang, session, roster };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  await requireMe(request, context);
  const form = await readForm(request, context);
  const outcome = await hostAction(context, params.sessionId ?? '', form);
  if (!outcome) throw new Response(null, { status: 400 });
  return outcome;
}

const POLL_MS = 3000;

/** Reads the page's data again every 3 s while check-in is open, unless something else is in flight or the tab is hidden. */
function useLiveRoster(live: boolean) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const idle = navigation.state === 'idle' && revalidator.state === 'idle';
  useEffect(() => {
    if (!live || !idle) return;
    const timer = setTimeout(() => {
      if (!document.hidden) revalidator.revalidate();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [live, idle, revalidator]);
}

export default function RosterPage() {
  const { session, roster } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const scheduled = roster.state === 'scheduled';
  useLiveRoster(scheduled && session.checkIn.open);
  const expected = roster.rows.filter((row) => row.expected);
  const unmarked = expected.filter((row) => row.mark === null);
  const leaves = roster.rows.filter((row) => row.leave?.state === 'pending');
  const makeUps = roster.rows.filter((row) => row.makeUp?.state === 'submitted');
  const c = roster.counts;

  return (
    <div className="page session-host-page roster-page">
      <BackLink to={`/sessions/${roster.sessionId}`}>{t('sessionHost.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('sessionHost.roster.title')}</h1>
          <p className="lead">
            {roster.topic} · {t(typeKey(roster.type))}
          </p>
          <p className="hint">
            {formatDate(roster.startsAt, lang)} {shanghaiClock(roster.startsAt)}–{shanghaiClock(roster.endsAt)} · {roster.place} ·{' '}
            <span className="badge badge-muted">{t(stateKey(roster.state))}</span>
          </p>
        </div>
      </header>
      <nav className="session-host-links" aria-label={t('sessionHost.roster.title')}>
        {scheduled && session.may.host ? (
          <Link to={`/sessions/${roster.sessionId}/check-in-view`} className="button button-primary">
            {t('sessionHost.roster.checkInView')}
          </Link>
        ) : null}
        {session.may.record ? (
          <Link to={`/sessions/${roster.sessionId}/minutes`} className="button button-quiet">
            {t('sessionHost.roster.minutes')}
          </Link>
        ) : null}
        <Link to={`/sessions/${roster.sessionId}/sign-in-sheet`} className="button button-quiet">
          {t('sessionHost.roster.sheet')}
        </Link>
        {scheduled && session.may.edit ? (
          <Link to={`/sessions/${roster.sessionId}/edit`} className="button button-quiet">
            {t('sessionHost.roster.edit')}
          </Link>
        ) : null}
      </nav>

      <section className="card roster-summary" aria-live="polite">
        <p className="attendance-counts" data-testid="attendance-counts">
          {t('sessionHost.roster.counts', { expected: c.expected, present: c.present, late: c.late, leave: c.leave, absent: c.absent, unmarked: c.unmarked })}
        </p>
        <p className="hint">{t('sessionHost.roster.asOf', { time: formatDateTime(roster.asOf, lang) })}</p>
      </section>

      {result ? (
        result.ok ? (
          result.message ? (
            <Notice kind="ok" testId="roster-done">
              <p>{result.message}</p>
            </Notice>
          ) : null
        ) : result.problem.status === 409 && result.intent === 'close' ? (
          <SessionConflict />
        ) : (
          <ProblemNotice problem={result.problem} />
        )
      ) : null}

      {scheduled && session.checkIn.open && session.may.host ? <ReverseCheckIn /> : null}

      {leaves.length > 0 ? (
        <section className="card" aria-labelledby="leave-title" data-testid="roster-leave">
          <h2 id="leave-title">{t('sessionHost.leave.title')}</h2>
          <ul className="roster-side-list">
            {leaves.map((row) => (
              <LeaveRow key={row.personId} row={row} canDecide={session.may.edit} />
            ))}
          </ul>
        </section>
      ) : null}

      {makeUps.length > 0 ? (
        <section className="card" aria-labelledby="makeup-title" data-testid="roster-makeups">
          <h2 id="makeup-title">{t('sessionHost.makeUp.title')}</h2>
          <ul className="roster-side-list">
            {makeUps.map((row) => (
              <MakeUpRow key={row.personId} row={row} canConfirm={session.may.edit} />
            ))}
          </ul>
        </section>
      ) : null}

      {roster.state !== 'cancelled' && unmarked.length > 0 ? (
        <Form method="post" preventScrollReset className="roster-all-present">
          <input type="hidden" name="intent" value="allPresent" />
          {unmarked.map((row) => (
            <input key={row.personId} type="hidden" name="personId" value={row.personId} />
          ))}
          <button type="submit" className="button button-primary button-block" data-testid="roster-all-present">
            {t('sessionHost.roster.allPresent', { count: unmarked.length })}
          </button>
        </Form>
      ) : null}

      {roster.rows.length === 0 ? (
        <p className="card empty-state">{t('sessionHost.roster.empty')}</p>
      ) : (
        <ul className="roster-rows" data-testid="roster-rows">
          {roster.rows.map((row) => (
            <MarkRow key={row.personId} row={row} canMark={roster.state !== 'cancelled'} />
          ))}
        </ul>
      )}

      {scheduled && session.may.edit ? <SessionLifecycle version={session.version} canCancel={false} canClose={Date.parse(session.startsAt) <= Date.parse(roster.asOf)} /> : null}
    </div>
  );
}

/** One person with one tap for each mark; the mark being sent shows at once. */
function MarkRow({ row, canMark }: { row: RosterRow; canMark: boolean }) {
  const t = useT();
  const lang = useLang();
  const fetcher = useFetcher<typeof action>();
  const sending = fetcher.formData?.get('mark');
  const status = typeof sending === 'string' ? (sending as AttendanceMark) : row.status;
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data.problem : null;
  return (
    <li className="roster-row" data-testid="roster-row" data-person={row.name} data-status={status ?? 'unmarked'}>
      <div className="roster-who">
        <span className="roster-name">{row.name}</span>
        <span className="hint">
          {row.unitName}
          {row.expected ? '' : ` ${t('sessionHost.roster.notExpected')}`}
        </span>
        <span className={`badge roster-status roster-status-${status ?? 'unmarked'}`} data-testid="roster-status">
          {t(statusKey(status))}
        </span>
        {row.checkedInAt ? (
          <span className="hint">
            {t('sessionHost.roster.checkedInAt', { time: shanghaiClock(row.checkedInAt) })}
            {row.markSource === 'reverse' ? ` ${t('sessionHost.roster.byReverse')}` : ''}
          </span>
        ) : null}
        {row.makeUp && row.makeUp.state === 'pending' ? <span className="hint">{t('sessionHost.makeUp.pending', { time: formatDate(row.makeUp.dueAt, lang) })}</span> : null}
      </div>
      {canMark ? (
        <fetcher.Form method="post" className="roster-marks" preventScrollReset>
          <input type="hidden" name="intent" value="mark" />
          <input type="hidden" name="personId" value={row.personId} />
          {attendanceMarks.map((mark) => (
            <button
              key={mark}
              type="submit"
              name="mark"
              value={mark}
              className={`roster-mark roster-mark-${mark}`}
              aria-pressed={row.mark === mark}
              aria-label={t('sessionHost.roster.markFor', { name: row.name, mark: t(statusKey(mark)) })}
            >
              {t(statusKey(mark))}
            </button>
          ))}
        </fetcher.Form>
      ) : null}
      {failed ? <p className="field-error">{failed.message}</p> : null}
    </li>
  );
}

function LeaveRow({ row, canDecide }: { row: RosterRow; canDecide: boolean }) {
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data.problem : null;
  return (
    <li className="roster-side" data-testid="leave-row" data-person={row.name}>
      <p>
        <strong>{row.name}</strong> <span className="hint">{row.unitName}</span>
      </p>
      <p className="roster-quote">{t('sessionHost.leave.reason', { reason: row.leave?.reason ?? '' })}</p>
      {canDecide ? (
        <fetcher.Form method="post" className="button-row" preventScrollReset>
          <input type="hidden" name="intent" value="decideLeave" />
          <input type="hidden" name="personId" value={row.personId} />
          <button type="submit" name="decision" value="approve" className="button button-primary" disabled={fetcher.state !== 'idle'}>
            {t('sessionHost.leave.approve')}
          </button>
          <button type="submit" name="decision" value="refuse" className="button button-quiet" disabled={fetcher.state !== 'idle'}>
            {t('sessionHost.leave.refuse')}
          </button>
        </fetcher.Form>
      ) : null}
      {failed ? <p className="field-error">{failed.message}</p> : null}
    </li>
  );
}

function MakeUpRow({ row, canConfirm }: { row: RosterRow; canConfirm: boolean }) {
  const t = useT();
  const lang = useLang();
  const fetcher = useFetcher<typeof action>();
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data.problem : null;
  return (
    <li className="roster-side" data-testid="makeup-row" data-person={row.name}>
      <p>
        <strong>{row.name}</strong>{' '}
        {row.makeUp?.submittedAt ? <span className="hint">{t('sessionHost.makeUp.submittedAt', { time: formatDateTime(row.makeUp.submittedAt, lang) })}</span> : null}
      </p>
      <blockquote className="roster-quote roster-reflection">{row.makeUp?.reflection ?? ''}</blockquote>
      {canConfirm ? (
        <fetcher.Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="confirmMakeUp" />
          <input type="hidden" name="personId" value={row.personId} />
          <button type="submit" className="button button-primary" disabled={fetcher.state !== 'idle'}>
            {t('sessionHost.makeUp.confirm')}
          </button>
        </fetcher.Form>
      ) : null}
      {failed ? <p className="field-error">{failed.message}</p> : null}
    </li>
  );
}

export function ErrorBoundary() {
  return <AreaError notFoundTitle="sessionHost.notFound.title" notFoundText="sessionHost.notFound.text" />;
}
