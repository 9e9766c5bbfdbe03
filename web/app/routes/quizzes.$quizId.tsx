import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { BackLink } from '../components/back-link';
import { ArrowRightIcon } from '../components/course-icons';
import { QuizError } from '../components/quiz-error';
import { translate, useLang, useT } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import { formatDateTime } from '../lib/format';
import { readForm } from '../lib/form.server';
import { withMe } from '../lib/learn.server';
import { pageTitle } from '../lib/page-title';
import { attemptStateKey, formatPoints, reviewRuleKey, when, windowState, type AttemptSummary, type QuizView } from '../lib/quiz';
import { loadQuiz, startAttempt } from '../lib/quiz.server';
import styles from '../styles/quiz-take.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'quizzes.title', data?.quiz.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [, quiz] = await withMe(request, context, loadQuiz(context, params.quizId ?? ''));
  return { lang: context.lang, now: Date.now(), quiz };
}

/** Start (or resume: the API answers the open attempt) and go to it; a refusal is said on the page. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const started = await startAttempt(context, params.quizId ?? '');
  if ('attempt' in started) throw redirect(`/attempts/${started.attempt.attemptId}`);
  return { problem: toApiProblem(started.error, started.status, translate(context.lang, 'quizzes.intro.startRefused')) };
}

export default function QuizIntro() {
  const { quiz, now } = useLoaderData<typeof loader>();
  const problem = useActionData<typeof action>()?.problem;
  const navigation = useNavigation();
  const t = useT();
  const lang = useLang();
  const state = windowState(quiz, now);
  const { openAttemptId, attemptsLeft, attempts } = quiz.mine;
  const canStart = quiz.status === 'published' && state === 'open' && (openAttemptId !== null || attemptsLeft === null || attemptsLeft > 0);
  const blocked =
    quiz.status !== 'published'
      ? t('quizzes.intro.draft')
      : state === 'upcoming' && quiz.opensAt
        ? t('quizzes.intro.notOpenYet', { date: when(quiz.opensAt, lang) })
        : state === 'closed' && quiz.closesAt
          ? t('quizzes.intro.closedAt', { date: when(quiz.closesAt, lang) })
          : !openAttemptId && attemptsLeft !== null && attemptsLeft <= 0
            ? t('quizzes.intro.noAttemptsLeft')
            : null;
  return (
    <div className="page quiz-intro">
      <BackLink to="/quizzes">{t('quizzes.intro.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1 data-testid="quiz-title">{quiz.title}</h1>
          {quiz.courseId ? (
            <p className="lead">
              {t('quizzes.intro.finalTest')} <Link to={`/learn/courses/${quiz.courseId}`}>{t('quizzes.intro.toCourse')}</Link>
            </p>
          ) : null}
        </div>
      </header>

      <section className="card quiz-rules" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t('quizzes.intro.rules')}</h2>
        <Rules quiz={quiz} />
        {problem ? (
          <div className="alert alert-error" role="alert" data-testid="start-problem">
            <p>{problem.message}</p>
          </div>
        ) : null}
        {canStart ? (
          <Form method="post" className="quiz-start">
            <button type="submit" className="button button-primary button-block" data-testid="start-attempt" disabled={navigation.state !== 'idle'}>
              {t(openAttemptId ? 'quizzes.intro.resume' : attempts.length > 0 ? 'quizzes.intro.again' : 'quizzes.intro.start')}
              <ArrowRightIcon className="icon icon-small" />
            </button>
            {!openAttemptId && quiz.timeLimitMinutes ? <p className="hint">{t('quizzes.intro.startHint')}</p> : null}
          </Form>
        ) : blocked ? (
          <p className="alert alert-notice" data-testid="start-blocked">
            {blocked}
          </p>
        ) : null}
      </section>

      <section className="learn-section" aria-labelledby="attempts-heading">
        <h2 id="attempts-heading">{t('quizzes.attempts.title')}</h2>
        {attempts.length === 0 ? (
          <p className="card empty-state">{t('quizzes.attempts.empty')}</p>
        ) : (
          <ul className="quiz-list" data-testid="my-attempts">
            {[...attempts]
              .sort((a, b) => b.number - a.number)
              .map((attempt) => (
                <AttemptRow key={attempt.attemptId} attempt={attempt} />
              ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Rules({ quiz }: { quiz: QuizView }) {
  const t = useT();
  const lang = useLang();
  const { opensAt, closesAt } = quiz;
  const window =
    opensAt && closesAt
      ? t('quizzes.rule.window', { from: when(opensAt, lang), to: when(closesAt, lang) })
      : opensAt
        ? t('quizzes.rule.windowFrom', { from: when(opensAt, lang) })
        : closesAt
          ? t('quizzes.rule.windowTo', { to: when(closesAt, lang) })
          : t('quizzes.rule.windowAlways');
  const rules = [
    t('quizzes.rule.questions', { n: quiz.questionCount }),
    quiz.timeLimitMinutes ? t('quizzes.rule.timeLimit', { n: quiz.timeLimitMinutes }) : t('quizzes.rule.noTimeLimit'),
    window,
    quiz.attemptsAllowed
      ? t('quizzes.rule.attempts', { n: quiz.attemptsAllowed, left: Math.max(0, quiz.mine.attemptsLeft ?? quiz.attemptsAllowed) })
      : t('quizzes.rule.attemptsUnlimited'),
    t('quizzes.rule.pass', { n: quiz.passPercent }),
    ...(quiz.attemptsAllowed === 1 ? [] : [t(quiz.counts === 'best' ? 'quizzes.rule.counts.best' : 'quizzes.rule.counts.last')]),
    t(reviewRuleKey(quiz.review)),
    ...(quiz.shuffleQuestions ? [t('quizzes.rule.shuffleQuestions')] : []),
    ...(quiz.shuffleOptions ? [t('quizzes.rule.shuffleOptions')] : []),
    t('quizzes.rule.saving'),
  ];
  return (
    <ul className="quiz-rule-list" data-testid="quiz-rules">
      {rules.map((rule) => (
        <li key={rule}>{rule}</li>
      ))}
    </ul>
  );
}

function AttemptRow({ attempt }: { attempt: AttemptSummary }) {
  const t = useT();
  const lang = useLang();
  const scored = attempt.score !== undefined && attempt.maxScore !== undefined;
  return (
    <li className="card quiz-card" data-testid="attempt-row">
      <div className="quiz-card-main">
        <p className="badge-row">
          <span className={attempt.state === 'open' ? 'badge badge-gold' : 'badge badge-muted'}>{t(attemptStateKey(attempt.state))}</span>
          {attempt.passed === true ? <span className="badge badge-ok">{t('quizzes.result.passed')}</span> : null}
          {attempt.passed === false ? <span className="badge badge-down">{t('quizzes.result.failed')}</span> : null}
        </p>
        <h3 className="quiz-card-title">{t('quizzes.attempt.number', { n: attempt.number })}</h3>
        <p className="quiz-facts">
          <span>{t('quizzes.attempt.started', { date: formatDateTime(attempt.startedAt, lang) })}</span>
          {attempt.finishedAt ? <span>{t('quizzes.attempt.finished', { date: formatDateTime(attempt.finishedAt, lang) })}</span> : null}
        </p>
        {attempt.state !== 'open' ? (
          <p className="quiz-score">
            {scored
              ? t('quizzes.attempt.score', { score: formatPoints(attempt.score!, lang), max: formatPoints(attempt.maxScore!, lang), percent: Math.round(attempt.percent ?? 0) })
              : attempt.reviewOpensAt
                ? t('quizzes.attempt.scoreLater', { date: when(attempt.reviewOpensAt, lang) })
                : t('quizzes.attempt.scoreHidden')}
          </p>
        ) : null}
      </div>
      {attempt.state === 'open' ? (
        <Link to={`/attempts/${attempt.attemptId}`} className="button button-primary">
          {t('quizzes.card.resume')}
        </Link>
      ) : (
        <Link to={`/attempts/${attempt.attemptId}/result`} className="button button-quiet">
          {t('quizzes.attempt.result')}
        </Link>
      )}
    </li>
  );
}

export function ErrorBoundary() {
  return <QuizError />;
}
