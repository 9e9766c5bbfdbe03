import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Notice, ProblemNotice } from '../components/notice';
import { translate, useLang, useT } from '../i18n';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { formText, throwApiError } from '../lib/respond.server';
import { requireMe } from '../lib/session.server';
import styles from '../styles/flags.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'flags.title');

/**
 * Data that deserves a second look: the open flags of the people within the reader's reach (or the dismissed ones),
 * each with its evidence in words and links to the records, and a form to dismiss it with a reason where the API's
 * `may.dismiss` allows. Who may see the page at all is the API's answer (staff get its 403).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const state = new URL(request.url).searchParams.get('state') === 'dismissed' ? 'dismissed' : 'open';
  // The sign-in check (a redirect when signed out) and the flags at once.
  const [, flags] = await Promise.all([requireMe(request, context), context.api.GET('/flags', { params: { query: { state } } })]);
  if (!flags.data) throwApiError(flags.error, flags.response.status);
  return { lang: context.lang, ...flags.data };
}

type Outcome = { flagId: string; ok: true; kindName: string } | { flagId: string; ok: false; problem: ApiProblem; reason: string };

export async function action({ request, context }: ActionFunctionArgs): Promise<Outcome> {
  const form = await readForm(request, context);
  const flagId = formText(form, 'flagId');
  const reason = formText(form, 'reason');
  const { data, error, response } = await context.api.POST('/flags/{flagId}/dismissal', { params: { path: { flagId } }, body: { reason } });
  if (!data) return { flagId, ok: false, problem: toApiProblem(error, response.status, translate(context.lang, 'error.generic.textNoId')), reason };
  return { flagId, ok: true, kindName: data.kindName };
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>['items'][number];

export default function Flags() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const { rules } = data;
  return (
    <div className="page">
      <header>
        <h1>{t('flags.title')}</h1>
        <p className="lead">{t('flags.lead')}</p>
      </header>
      <nav aria-label={t('flags.tabs')}>
        <ul className="chip-list">
          {(['open', 'dismissed'] as const).map((state) => (
            <li key={state}>
              <Link to={state === 'open' ? '/stats/flags' : '/stats/flags?state=dismissed'} className="chip" aria-current={data.state === state ? 'page' : undefined} data-testid={`flags-tab-${state}`}>
                {t(state === 'open' ? 'flags.tab.open' : 'flags.tab.dismissed')}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {result?.ok ? (
        <Notice kind="ok" testId="flag-dismissed">
          <p>{t('flags.dismiss.done', { kind: result.kindName })}</p>
        </Notice>
      ) : null}
      {data.items.length === 0 ? (
        <p className="card empty-state" data-testid="flags-empty">
          {t(data.state === 'open' ? 'flags.empty.open' : 'flags.empty.dismissed')}
        </p>
      ) : (
        <ul className="flag-list" data-testid="flag-list">
          {data.items.map((item) => (
            <FlagCard key={item.flagId} item={item} problem={result && !result.ok && result.flagId === item.flagId ? result : null} />
          ))}
        </ul>
      )}
      <p className="hint">
        {t('flags.rules', {
          seconds: rules.fastQuiz.secondsPerQuestion,
          questions: rules.fastQuiz.minQuestions,
          accounts: rules.sharedDevice.minAccounts,
          minutes: rules.sharedDevice.windowMinutes,
          hours: rules.longStretch.hours,
        })}
      </p>
    </div>
  );
}

function Evidence({ item }: { item: Item }) {
  const t = useT();
  const lang = useLang();
  const evidence = item.evidence;
  switch (evidence.kind) {
    case 'fastQuiz':
      return (
        <>
          <p>
            {evidence.percent === null
              ? t('flags.evidence.attemptNoScore', { started: formatDateTime(evidence.startedAt, lang), finished: formatDateTime(evidence.finishedAt, lang) })
              : t('flags.evidence.attempt', { started: formatDateTime(evidence.startedAt, lang), finished: formatDateTime(evidence.finishedAt, lang), percent: `${evidence.percent}%` })}
          </p>
          <p>
            <Link to={`/quizzes/manage/${evidence.quizId}/stats`}>
              {t('flags.evidence.quizStats')}
            </Link>
          </p>
        </>
      );
    case 'sharedDevice':
      return (
        <ul className="flag-sign-ins">
          {evidence.signIns.map((signIn, i) => (
            <li key={`${signIn.at}-${i}`}>{t('flags.evidence.signIn', { login: signIn.login, at: formatDateTime(signIn.at, lang) })}</li>
          ))}
        </ul>
      );
    case 'longStretch':
      return (
        <>
          <p>
            {t('flags.evidence.stretch', {
              started: formatDateTime(evidence.startedAt, lang),
              ended: formatDateTime(evidence.endedAt, lang),
              minutes: Math.floor(evidence.creditedSeconds / 60),
            })}
          </p>
          <p>
            <Link to={`/learn/courses/${evidence.courseId}`}>
              {t('flags.evidence.course')}
            </Link>
          </p>
        </>
      );
  }
}

function FlagCard({ item, problem }: { item: Item; problem: { problem: ApiProblem; reason: string } | null }) {
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state === 'submitting';
  return (
    <li className="card" data-testid="flag">
      <p>
        <span className="badge badge-gold">{item.kindName}</span> <span className="hint">{t('flags.when', { at: formatDateTime(item.at, lang) })}</span>
      </p>
      <p data-testid="flag-summary">{item.summary}</p>
      <ul className="flag-people" aria-label={t('flags.people')}>
        {item.people.map((person, i) =>
          person.personId ? (
            <li key={person.personId}>
              <Link to={`/stats/people/${person.personId}`} className="chip">
                {person.name}
                {person.unitName ? ` · ${person.unitName}` : ''}
                <span className="visually-hidden">{t('flags.personRecord')}</span>
              </Link>
            </li>
          ) : (
            <li key={`other-${i}`}>
              <span className="badge badge-muted">{person.name}</span>
            </li>
          ),
        )}
      </ul>
      <details open className="flag-evidence">
        <summary>{t('flags.evidence')}</summary>
        <Evidence item={item} />
      </details>
      {item.state === 'dismissed' ? (
        <p className="hint" data-testid="flag-dismissal">
          {t('flags.dismissedBy', { name: item.dismissedByName ?? '—', at: item.dismissedAt ? formatDateTime(item.dismissedAt, lang) : '—', reason: item.dismissReason ?? '' })}
        </p>
      ) : item.may.dismiss ? (
        <Form method="post" preventScrollReset data-testid="flag-dismiss-form">
          <ProblemNotice problem={problem?.problem ?? null} />
          <input type="hidden" name="flagId" value={item.flagId} />
          <div className="field">
            <label htmlFor={`reason-${item.flagId}`}>{t('flags.dismiss.reason')}</label>
            <textarea id={`reason-${item.flagId}`} name="reason" className="input" rows={2} maxLength={300} required minLength={2} defaultValue={problem?.reason ?? ''} aria-describedby={`reason-hint-${item.flagId}`} />
            <p className="hint" id={`reason-hint-${item.flagId}`}>
              {t('flags.dismiss.hint')}
            </p>
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('flags.dismiss.submit')}
          </button>
        </Form>
      ) : (
        <p className="hint">{t('flags.dismiss.notAll')}</p>
      )}
    </li>
  );
}
