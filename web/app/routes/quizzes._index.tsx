import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { ArrowRightIcon, CalendarIcon, ClockIcon } from '../components/course-icons';
import { QuizError } from '../components/quiz-error';
import { useLang, useT, type MessageKey } from '../i18n';
import { withCapability } from '../lib/learn.server';
import type { Capability } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { windowState, when, type QuizSummary } from '../lib/quiz';
import { loadMyQuizzes } from '../lib/quiz.server';
import styles from '../styles/quiz-take.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'quizzes.title');

/** The pages this one links to, each offered for a capability getMe gives (the API decides again there). */
const moreLinks: { to: string; label: MessageKey; capability: string }[] = [
  { to: '/practice', label: 'quizzes.links.practice', capability: 'study' },
  { to: '/quizzes/manage', label: 'quizzes.links.manage', capability: 'editQuizzes' },
  { to: '/quizzes/bank', label: 'quizzes.links.bank', capability: 'editQuestions' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [me, quizzes] = await withCapability(request, context, 'study', 'quizzes.error.forbiddenText', loadMyQuizzes(context));
  const now = Date.now();
  const capabilities: string[] = me.capabilities;
  return {
    lang: context.lang,
    now,
    links: moreLinks.filter((link) => capabilities.includes(link.capability as Capability)).map(({ to, label }) => ({ to, label })),
    // Grouped and ordered here, once: the browser's collation of titles may differ from the server's, and a list
    // ordered again on hydration would not match the HTML.
    ...sections(quizzes.filter((quiz) => quiz.status === 'published'), now),
  };
}

/** Open quizzes first, those due soonest first; then those still to open; then the closed ones, latest first. */
function sections(quizzes: QuizSummary[], now: number) {
  const at = (iso: string | null | undefined, fallback: number) => (iso ? Date.parse(iso) : fallback);
  const open = quizzes.filter((q) => windowState(q, now) === 'open');
  open.sort((a, b) => at(a.dueAt ?? a.closesAt, Infinity) - at(b.dueAt ?? b.closesAt, Infinity) || a.title.localeCompare(b.title, 'zh-CN'));
  const upcoming = quizzes.filter((q) => windowState(q, now) === 'upcoming').sort((a, b) => at(a.opensAt, 0) - at(b.opensAt, 0));
  const closed = quizzes.filter((q) => windowState(q, now) === 'closed').sort((a, b) => at(b.closesAt, 0) - at(a.closesAt, 0));
  return { open, upcoming, closed };
}

export default function Quizzes() {
  const { links, open, upcoming, closed, now } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page quizzes-page">
      <header className="page-header">
        <div>
          <h1>{t('quizzes.title')}</h1>
          <p className="lead">{t('quizzes.lead')}</p>
        </div>
      </header>
      {links.length > 0 ? (
        <nav aria-label={t('quizzes.links')} className="quiz-links">
          {links.map((link) => (
            <Link key={link.to} to={link.to} className="button button-quiet">
              {t(link.label)}
              <ArrowRightIcon className="icon icon-small" />
            </Link>
          ))}
        </nav>
      ) : null}

      {open.length + upcoming.length + closed.length === 0 ? (
        <div className="card empty-state" data-testid="quizzes-empty">
          <p>{t('quizzes.empty')}</p>
          <p className="hint">{t('quizzes.emptyNext')}</p>
        </div>
      ) : null}
      <QuizSection id="open" title={t('quizzes.section.open')} quizzes={open} now={now} />
      <QuizSection id="upcoming" title={t('quizzes.section.upcoming')} quizzes={upcoming} now={now} />
      <QuizSection id="closed" title={t('quizzes.section.closed')} quizzes={closed} now={now} />
    </div>
  );
}

function QuizSection({ id, title, quizzes, now }: { id: string; title: string; quizzes: QuizSummary[]; now: number }) {
  if (quizzes.length === 0) return null;
  return (
    <section aria-labelledby={`quizzes-${id}`} className="learn-section">
      <h2 id={`quizzes-${id}`}>{title}</h2>
      <ul className="quiz-list" data-testid={`quizzes-${id}`}>
        {quizzes.map((quiz) => (
          <QuizCard key={quiz.quizId} quiz={quiz} now={now} />
        ))}
      </ul>
    </section>
  );
}

function QuizCard({ quiz, now }: { quiz: QuizSummary; now: number }) {
  const t = useT();
  const lang = useLang();
  const state = windowState(quiz, now);
  const mine = quiz.mine;
  const badge: { key: MessageKey; className: string } | null = !mine
    ? null
    : mine.openAttemptId
      ? { key: 'quizzes.mine.inProgress', className: 'badge badge-gold' }
      : mine.passed === true
        ? { key: 'quizzes.mine.passed', className: 'badge badge-ok' }
        : mine.passed === false
          ? { key: 'quizzes.mine.failed', className: 'badge badge-down' }
          : mine.attemptsUsed > 0
            ? { key: 'quizzes.mine.pending', className: 'badge badge-muted' }
            : { key: 'quizzes.mine.notStarted', className: 'badge badge-muted' };
  const overdue = quiz.dueAt !== undefined && Date.parse(quiz.dueAt) < now && !mine?.passed;
  return (
    <li className={`card quiz-card${overdue ? ' quiz-overdue' : ''}`} data-testid="quiz-card">
      <div className="quiz-card-main">
        <p className="badge-row">
          {badge ? <span className={badge.className}>{t(badge.key)}</span> : null}
          {quiz.courseId ? <span className="badge badge-category">{t('quizzes.card.finalTest')}</span> : null}
        </p>
        <h3 className="quiz-card-title">
          <Link to={`/quizzes/${quiz.quizId}`}>{quiz.title}</Link>
        </h3>
        <p className="quiz-facts">
          <span>{t('quizzes.card.questions', { n: quiz.questionCount })}</span>
          <span>
            <ClockIcon className="icon icon-small" />
            {quiz.timeLimitMinutes ? t('quizzes.card.timeLimit', { n: quiz.timeLimitMinutes }) : t('quizzes.card.noTimeLimit')}
          </span>
          <span>{t('quizzes.card.pass', { n: quiz.passPercent })}</span>
          {mine && mine.attemptsUsed > 0 ? (
            <span>
              {quiz.attemptsAllowed
                ? t('quizzes.card.attemptsOf', { used: mine.attemptsUsed, allowed: quiz.attemptsAllowed })
                : t('quizzes.card.attempts', { used: mine.attemptsUsed })}
            </span>
          ) : null}
        </p>
        {quiz.dueAt || quiz.opensAt || quiz.closesAt ? (
          <p className="quiz-when">
            <CalendarIcon className="icon icon-small" />
            {quiz.dueAt ? <span className={overdue ? 'quiz-due-over' : undefined}>{t('quizzes.card.due', { date: when(quiz.dueAt, lang) })}</span> : null}
            {state === 'upcoming' && quiz.opensAt ? <span>{t('quizzes.card.opens', { date: when(quiz.opensAt, lang) })}</span> : null}
            {state === 'open' && quiz.closesAt ? <span>{t('quizzes.card.closes', { date: when(quiz.closesAt, lang) })}</span> : null}
            {state === 'closed' && quiz.closesAt ? <span>{t('quizzes.card.closed', { date: when(quiz.closesAt, lang) })}</span> : null}
          </p>
        ) : null}
      </div>
      {mine?.openAttemptId ? (
        <Link to={`/attempts/${mine.openAttemptId}`} className="button button-primary" data-testid="quiz-resume">
          {t('quizzes.card.resume')}
        </Link>
      ) : (
        <Link to={`/quizzes/${quiz.quizId}`} className={state === 'open' ? 'button button-primary' : 'button button-quiet'}>
          {t('quizzes.card.open')}
        </Link>
      )}
    </li>
  );
}

export function ErrorBoundary() {
  return <QuizError />;
}
