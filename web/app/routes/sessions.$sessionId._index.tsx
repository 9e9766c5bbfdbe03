import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { BackLink } from '../components/back-link';
import { CalendarIcon, ClockIcon, PdfIcon } from '../components/course-icons';
import { Notice, ProblemNotice } from '../components/notice';
import { translate, useLang, useT, type MessageKey } from '../i18n';
import { fieldProblem, toApiProblem } from '../lib/api-problem';
import { formatDateTime } from '../lib/format';
import { readForm } from '../lib/form.server';
import { withMe } from '../lib/learn.server';
import { pageTitle } from '../lib/page-title';
import { formText } from '../lib/respond.server';
import { REFLECTION_MIN, checkInReasonOf, clock, leaveKey, stateKey, statusKey, timeRange, typeKey, type SessionView } from '../lib/sessions-member';
import { checkIn, loadSession, reopenSession, requestLeave, submitMakeUp } from '../lib/sessions-member.server';
import styles from '../styles/sessions.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessions.title', data?.session.topic);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [, session] = await withMe(request, context, loadSession(context, params.sessionId ?? ''));
  return { lang: context.lang, session, now: Date.now() };
}

/** The member's three forms: the six digits, a leave request, the make-up reflection. Each answers in words. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const sessionId = params.sessionId ?? '';
  const intent = formText(form, 'intent');
  const fallback = translate(context.lang, 'error.generic.textNoId');
  if (intent === 'checkIn') {
    const code = formText(form, 'code').replace(/\s+/g, '');
    if (!/^\d{6}$/.test(code)) return { intent, done: false, problem: toApiProblem(null, 400, translate(context.lang, 'sessions.checkIn.sixDigits')) };
    const answer = await checkIn(context, { sessionId, code });
    if (answer.ok) return { intent, done: true, outcome: answer.data.outcome, at: answer.data.checkedInAt, problem: null };
    const reason = checkInReasonOf(answer.error);
    // A typed code has no window to scan again: a wrong, old or mistyped code all mean "type the one on the screen now".
    const words = reason === 'stale' || reason === 'invalid' || reason === 'malformed' ? translate(context.lang, 'sessions.checkIn.wrongCode') : null;
    return { intent, done: false, problem: toApiProblem(words ? { error: { message: words } } : answer.error, answer.status, fallback) };
  }
  if (intent === 'leave') {
    const answer = await requestLeave(context, sessionId, formText(form, 'reason'));
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: toApiProblem(answer.error, answer.status, fallback) };
  }
  if (intent === 'makeUp') {
    const answer = await submitMakeUp(context, sessionId, formText(form, 'reflection'));
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: toApiProblem(answer.error, answer.status, fallback) };
  }
  if (intent === 'reopen') {
    const answer = await reopenSession(context, sessionId, formText(form, 'reason'));
    return answer.ok ? { intent, done: true, problem: null } : { intent, done: false, problem: toApiProblem(answer.error, answer.status, fallback) };
  }
  return { intent, done: false, problem: toApiProblem(null, 400, translate(context.lang, 'sessions.unknownAction')) };
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;

export default function SessionPage() {
  const { session, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const hostLinks: { to: string; label: MessageKey; shown: boolean }[] = [
    { to: 'check-in-view', label: 'sessions.host.checkInView', shown: session.may.host },
    { to: 'roster', label: 'sessions.host.roster', shown: session.may.readRoster },
    { to: 'edit', label: 'sessions.host.edit', shown: session.may.edit },
    { to: 'minutes', label: 'sessions.host.minutes', shown: session.may.record },
    { to: 'sign-in-sheet', label: 'sessions.host.signInSheet', shown: session.may.readRoster },
  ];
  const shownHostLinks = hostLinks.filter((link) => link.shown);
  return (
    <div className="page session-page">
      <BackLink to="/sessions">{t('sessions.back')}</BackLink>
      <header className="page-header">
        <div>
          <p className="badge-row">
            <span className="badge badge-category">{t(typeKey(session.type))}</span>
            <span className={`badge ${session.state === 'cancelled' ? 'badge-down' : session.state === 'held' ? 'badge-ok' : 'badge-muted'}`}>{t(stateKey(session.state))}</span>
          </p>
          <h1 data-testid="session-topic">{session.topic}</h1>
          <p className="lead">{session.branchName}</p>
        </div>
      </header>

      {session.state === 'cancelled' ? (
        <div className="alert alert-error session-cancelled" role="status" data-testid="session-cancelled">
          <p className="alert-title">{t('sessions.cancelled')}</p>
          {session.cancelReason ? <p>{t('sessions.cancelledReason', { reason: session.cancelReason })}</p> : null}
        </div>
      ) : null}

      <section className="card session-plan" aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t('sessions.plan')}</h2>
        <dl className="facts session-facts">
          <div>
            <dt>{t('sessions.when')}</dt>
            <dd data-testid="session-when">
              <ClockIcon className="icon icon-small" /> {timeRange(session.startsAt, session.endsAt, lang)}
            </dd>
          </div>
          <div>
            <dt>{t('sessions.where')}</dt>
            <dd>{session.online ? t('sessions.online') : session.place || t('sessions.placeUnset')}</dd>
          </div>
          <div>
            <dt>{t('sessions.host')}</dt>
            <dd>{session.hostName}</dd>
          </div>
          {session.recorderName ? (
            <div>
              <dt>{t('sessions.recorder')}</dt>
              <dd>{session.recorderName}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('sessions.audience')}</dt>
            <dd>{audienceText(session, t)}</dd>
          </div>
        </dl>
        {session.state !== 'cancelled' ? (
          <p className="session-calendar">
            <a href={`/api/sessions/${session.sessionId}/calendar.ics`} className="button button-quiet" data-testid="session-ics" download>
              <CalendarIcon className="icon icon-small" />
              {t('sessions.addToCalendar')}
            </a>
          </p>
        ) : null}
        {session.agenda ? (
          <>
            <h3>{t('sessions.agenda')}</h3>
            <p className="session-agenda">{session.agenda}</p>
          </>
        ) : null}
        {session.materials.length > 0 ? (
          <>
            <h3>{t('sessions.materials')}</h3>
            <ul className="session-files">
              {session.materials.map((file) => (
                <FileLink key={file.key} file={file} />
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {session.expectsMe || session.mine.checkedInAt || session.mine.makeUp || session.mine.leave ? <Mine session={session} result={result} now={now} /> : null}

      {session.minutes ? <Minutes session={session} /> : null}

      {shownHostLinks.length > 0 ? (
        <nav className="card session-host-links" aria-label={t('sessions.host.title')}>
          <h2>{t('sessions.host.title')}</h2>
          <ul className="link-row">
            {shownHostLinks.map((link) => (
              <li key={link.to}>
                <Link to={`/sessions/${session.sessionId}/${link.to}`} className="button button-quiet">
                  {t(link.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      {session.may.reopen || (result?.intent === 'reopen' && !result.done) ? (
        <Form method="post" className="card session-reopen" data-testid="session-reopen">
          <h2>{t('sessions.reopen.title')}</h2>
          <p className="hint">{t('sessions.reopen.lead')}</p>
          {result?.intent === 'reopen' ? <ProblemNotice problem={result.problem} /> : null}
          <div className="field">
            <label htmlFor="reopen-reason">{t('sessions.reopen.reason')}</label>
            <textarea id="reopen-reason" name="reason" className="input" rows={2} required minLength={2} maxLength={500} />
          </div>
          <button type="submit" name="intent" value="reopen" className="button button-quiet">
            {t('sessions.reopen.submit')}
          </button>
        </Form>
      ) : null}
      {result?.intent === 'reopen' && result.done ? <Notice kind="ok">{t('sessions.reopen.done')}</Notice> : null}
    </div>
  );
}

function audienceText(session: SessionView, t: ReturnType<typeof useT>): string {
  const names = [...session.audience.units.map((u) => u.name), ...session.audience.people.map((p) => p.name)];
  if (session.audience.kind === 'members' && names.length === 0) return t('sessions.audience.members', { branch: session.branchName });
  return names.join('、');
}

/** The member's own part: their status, check-in by the six digits, leave, make-up. */
function Mine({ session, result, now }: { session: SessionView; result: ActionData; now: number }) {
  const t = useT();
  const lang = useLang();
  const { mine } = session;
  const busy = useNavigation().state !== 'idle';
  const checkedIn = mine.checkedInAt !== null || (result?.intent === 'checkIn' && result.done);
  return (
    <section className="card session-mine" aria-labelledby="mine-heading" data-testid="session-mine">
      <h2 id="mine-heading">{t('sessions.mine.title')}</h2>
      <p className="session-my-status" data-testid="my-status">
        {session.myStatus ? (
          <span className={`badge ${statusBadge(session.myStatus)}`}>{t(statusKey(session.myStatus))}</span>
        ) : (
          <span className="badge badge-muted">{t('sessions.status.none')}</span>
        )}
        {mine.checkedInAt ? <span>{t('sessions.mine.checkedInAt', { time: clock(mine.checkedInAt) })}</span> : null}
      </p>

      {result?.intent === 'checkIn' && result.done ? (
        <Notice kind="ok" testId="check-in-done">
          <p className="alert-title">{t(result.outcome === 'already' ? 'sessions.checkIn.already' : 'sessions.checkIn.recorded')}</p>
        </Notice>
      ) : null}
      {session.checkIn.open && !checkedIn && session.expectsMe ? (
        <Form method="post" className="form session-code-form" replace>
          <input type="hidden" name="intent" value="checkIn" />
          <div className="field">
            <label htmlFor="check-in-code">{t('sessions.checkIn.codeLabel')}</label>
            <input
              id="check-in-code"
              name="code"
              className="input session-code-input"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={7}
              required
              aria-describedby="check-in-code-hint"
              aria-invalid={result?.intent === 'checkIn' && result.problem ? true : undefined}
            />
            <p className="hint" id="check-in-code-hint">
              {t('sessions.checkIn.codeHint')}
            </p>
          </div>
          {result?.intent === 'checkIn' ? <ProblemNotice problem={result.problem} /> : null}
          <button type="submit" className="button button-primary button-block" disabled={busy} data-testid="check-in-submit">
            {t('sessions.checkIn.submit')}
          </button>
          <p className="hint">
            <Link to="/me/check-in-code">{t('sessions.checkIn.personalLink')}</Link>
          </p>
        </Form>
      ) : !checkedIn && session.state === 'scheduled' && session.expectsMe && Date.parse(session.checkIn.opensAt) > now ? (
        <p className="hint" data-testid="check-in-when">
          {t('sessions.checkIn.opensAt', { time: formatDateTime(session.checkIn.opensAt, lang) })}
        </p>
      ) : null}

      <LeavePart session={session} result={result} />
      <MakeUpPart session={session} result={result} />
    </section>
  );
}

function statusBadge(status: NonNullable<SessionView['myStatus']>): string {
  return status === 'present' || status === 'madeUp' ? 'badge-ok' : status === 'late' || status === 'leave' ? 'badge-gold' : 'badge-down';
}

function LeavePart({ session, result }: { session: SessionView; result: ActionData }) {
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  const { leave, mayRequestLeave } = session.mine;
  const problem = result?.intent === 'leave' ? result.problem : null;
  return (
    <div className="session-leave">
      {leave ? (
        <div className="session-leave-state" data-testid="my-leave">
          <h3>{t('sessions.leave.title')}</h3>
          <p>
            <span className={`badge ${leave.state === 'approved' ? 'badge-ok' : leave.state === 'pending' ? 'badge-gold' : 'badge-down'}`}>{t(leaveKey(leave.state))}</span>{' '}
            {t('sessions.leave.askedAt', { time: formatDateTime(leave.requestedAt, lang) })}
          </p>
          <p className="session-quote">{leave.reason}</p>
          {leave.note ? <p className="hint">{t('sessions.leave.note', { note: leave.note })}</p> : null}
        </div>
      ) : null}
      {result?.intent === 'leave' && result.done ? (
        <Notice kind="ok" testId="leave-sent">
          <p className="alert-title">{t('sessions.leave.sent')}</p>
        </Notice>
      ) : null}
      {mayRequestLeave && !leave ? (
        <details className="session-leave-ask" open={problem ? true : undefined}>
          <summary className="button button-quiet">{t('sessions.leave.ask')}</summary>
          <Form method="post" className="form" replace>
            <input type="hidden" name="intent" value="leave" />
            <div className="field">
              <label htmlFor="leave-reason">{t('sessions.leave.reason')}</label>
              <textarea
                id="leave-reason"
                name="reason"
                className="textarea"
                rows={3}
                maxLength={500}
                minLength={2}
                required
                aria-describedby="leave-reason-hint"
                aria-invalid={fieldProblem(problem, 'reason') ? true : undefined}
              />
              <p className="hint" id="leave-reason-hint">
                {t('sessions.leave.reasonHint')}
              </p>
            </div>
            <ProblemNotice problem={problem} />
            <button type="submit" className="button button-primary" disabled={busy} data-testid="leave-submit">
              {t('sessions.leave.submit')}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}

function MakeUpPart({ session, result }: { session: SessionView; result: ActionData }) {
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  const makeUp = session.mine.makeUp;
  const [length, setLength] = useState(makeUp?.reflection?.length ?? 0);
  if (!makeUp) return null;
  const problem = result?.intent === 'makeUp' ? result.problem : null;
  const editable = makeUp.state !== 'confirmed';
  return (
    <div className="session-makeup" data-testid="my-makeup">
      <h3>{t('sessions.makeUp.title')}</h3>
      <p>
        <span className={`badge ${makeUp.state === 'confirmed' ? 'badge-ok' : makeUp.overdue ? 'badge-down' : 'badge-gold'}`}>
          {t(`sessions.makeUp.${makeUp.state}` as MessageKey)}
        </span>{' '}
        <span className={makeUp.overdue ? 'session-overdue' : undefined}>{t('sessions.makeUp.due', { date: formatDateTime(makeUp.dueAt, lang) })}</span>
      </p>
      {result?.intent === 'makeUp' && result.done ? (
        <Notice kind="ok" testId="makeup-sent">
          <p className="alert-title">{t('sessions.makeUp.sent')}</p>
        </Notice>
      ) : null}
      {editable ? (
        <Form method="post" className="form" replace>
          <p className="hint">{t('sessions.makeUp.lead', { n: REFLECTION_MIN })}</p>
          <input type="hidden" name="intent" value="makeUp" />
          <div className="field">
            <label htmlFor="makeup-reflection">{t('sessions.makeUp.reflection')}</label>
            <textarea
              id="makeup-reflection"
              name="reflection"
              className="textarea textarea-tall"
              rows={8}
              maxLength={5000}
              minLength={REFLECTION_MIN}
              required
              defaultValue={makeUp.reflection ?? ''}
              onChange={(event) => setLength(event.currentTarget.value.trim().length)}
              aria-describedby="makeup-count"
              aria-invalid={fieldProblem(problem, 'reflection') ? true : undefined}
            />
            <p className={`hint session-count${length < REFLECTION_MIN ? ' session-count-short' : ''}`} id="makeup-count" data-testid="makeup-count" aria-live="polite">
              {t('sessions.makeUp.count', { n: length, min: REFLECTION_MIN })}
            </p>
          </div>
          <ProblemNotice problem={problem} />
          <button type="submit" className="button button-primary" disabled={busy} data-testid="makeup-submit">
            {t(makeUp.state === 'submitted' ? 'sessions.makeUp.resubmit' : 'sessions.makeUp.submit')}
          </button>
        </Form>
      ) : makeUp.reflection ? (
        <p className="session-quote">{makeUp.reflection}</p>
      ) : null}
    </div>
  );
}

function Minutes({ session }: { session: SessionView }) {
  const t = useT();
  const lang = useLang();
  const minutes = session.minutes!;
  return (
    <section className="card session-minutes" aria-labelledby="minutes-heading" data-testid="session-minutes">
      <h2 id="minutes-heading">{t('sessions.minutes.title')}</h2>
      <p className="hint">{t('sessions.minutes.savedBy', { name: minutes.savedByName, time: formatDateTime(minutes.savedAt, lang) })}</p>
      <MinutesText text={minutes.text} />
      {minutes.decisions.length > 0 ? (
        <>
          <h3>{t('sessions.minutes.decisions')}</h3>
          <ol className="session-decisions">
            {minutes.decisions.map((decision, i) => (
              <li key={i}>{decision}</li>
            ))}
          </ol>
        </>
      ) : null}
      {minutes.files.length > 0 ? (
        <ul className="session-files session-photos">
          {minutes.files.map((file) =>
            file.kind === 'photo' ? (
              <li key={file.key}>
                <a href={file.url}>
                  <img src={file.url} alt={file.fileName} loading="lazy" width={160} height={120} />
                </a>
              </li>
            ) : (
              <FileLink key={file.key} file={file} />
            ),
          )}
        </ul>
      ) : null}
    </section>
  );
}

/** The minutes' text: lines starting with "#" are headings, blank lines part paragraphs (no markup is rendered). */
function MinutesText({ text }: { text: string }) {
  const blocks = text.split(/\n{2,}/).map((block) => block.trim()).filter(Boolean);
  return (
    <div className="session-minutes-text">
      {blocks.map((block, i) => {
        const heading = /^#{1,3}\s+(.*)$/.exec(block.split('\n', 1)[0]!);
        if (heading) {
          const rest = block.split('\n').slice(1).join('\n').trim();
          return (
            <div key={i}>
              <h3>{heading[1]}</h3>
              {rest ? <p>{rest}</p> : null}
            </div>
          );
        }
        return <p key={i}>{block}</p>;
      })}
    </div>
  );
}

/** A file of the session (material or attachment of the minutes), offered for download under its own name. */
function FileLink({ file }: { file: { url: string; fileName: string } }) {
  return (
    <li>
      <a href={file.url} className="session-file" download={file.fileName}>
        <PdfIcon className="icon icon-small" />
        {file.fileName}
      </a>
    </li>
  );
}
