/**
 * Taking a quiz: one question a screen on a phone, the navigator beside it on a desktop. Every change goes through
 * the save queue (lib/quiz-autosave.ts): kept in this browser at once, on the server within two seconds, shown as
 * "已保存 10:32:05"; an offline banner while the network is away. The timer follows the server's deadline (corrected
 * by its clock); when it runs out, what was saved is handed in (the server would do it itself a minute later).
 * Nothing here knows a correct answer: the API gives the questions without their keys.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useLoaderData, useNavigate } from '@remix-run/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ArrowLeftIcon, ArrowRightIcon, CheckIcon, ClockIcon } from '../components/course-icons';
import { FlagIcon } from '../components/icons';
import { QuizError } from '../components/quiz-error';
import { translate, useLang, useT, type Translate } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { withMe } from '../lib/learn.server';
import { pageTitle } from '../lib/page-title';
import { choose, clockTime, formatPoints, formatRemaining, kindKey, optionLetter, optionsOf, type TakerQuestion } from '../lib/quiz';
import { isAnswered, readFlags, writeFlags, type Answer, type SaveState } from '../lib/quiz-autosave';
import { loadAttempt, submitAttempt } from '../lib/quiz.server';
import { browserStorage, useAttemptAutosave } from '../lib/use-attempt-autosave';
import styles from '../styles/quiz-take.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'quizzes.take.title', data?.attempt.quizTitle);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const attemptId = params.attemptId ?? '';
  const [, attempt] = await withMe(request, context, loadAttempt(context, attemptId));
  if (attempt.state !== 'open') throw redirect(`/attempts/${attemptId}/result`);
  return { lang: context.lang, attempt };
}

/** Handing in without the page's script (the queue is not there to drain: what the server has is handed in). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const attemptId = params.attemptId ?? '';
  const done = await submitAttempt(context, attemptId);
  if ('ok' in done) throw redirect(`/attempts/${attemptId}/result`);
  return { problem: toApiProblem(done.error, done.status, translate(context.lang, 'quizzes.submit.failed', { message: String(done.status) })) };
}

export default function AttemptPage() {
  const { attempt } = useLoaderData<typeof loader>();
  return <Attempt key={attempt.attemptId} attempt={attempt} />;
}

type AttemptData = ReturnType<typeof useLoaderData<typeof loader>>['attempt'];

/** The page's clock, ticking every second once the page runs (the server's time on the first render). */
function useNow(initial: number): number {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function Attempt({ attempt }: { attempt: AttemptData }) {
  const t = useT();
  const navigate = useNavigate();
  const { attemptId, questions } = attempt;
  const save = useAttemptAutosave({ attemptId, seq: attempt.seq, answers: attempt.answers, serverNow: attempt.serverNow });
  const answers = save.state.answers;
  const [index, setIndex] = useState(0);
  const [summary, setSummary] = useState(false);
  const [flags, setFlags] = useState<string[]>([]);
  const [navOpen, setNavOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submittingRef = useRef(false);
  const submittedRef = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Where the taker was (this tab) and what they flagged (this browser) come back after a reload.
  const positionKey = `quiz-position:${attemptId}`;
  useEffect(() => {
    setFlags(readFlags(browserStorage(), attemptId));
    const saved = Number(window.sessionStorage?.getItem(positionKey));
    if (Number.isInteger(saved) && saved > 0 && saved < questions.length) setIndex(saved);
  }, [attemptId, positionKey, questions.length]);
  useEffect(() => {
    try {
      window.sessionStorage.setItem(positionKey, String(index));
    } catch {
      // Only a convenience.
    }
  }, [index, positionKey]);

  const go = useCallback(
    (to: number) => {
      setSummary(false);
      setNavOpen(false);
      setIndex(Math.max(0, Math.min(questions.length - 1, to)));
      // The new question's heading takes the focus (a screen reader reads it; the page scrolls to it).
      window.requestAnimationFrame(() => headingRef.current?.focus());
    },
    [questions.length],
  );

  const toggleFlag = (questionId: string) => {
    const next = flags.includes(questionId) ? flags.filter((id) => id !== questionId) : [...flags, questionId];
    setFlags(next);
    writeFlags(browserStorage(), attemptId, next);
  };

  // The timer: the server's deadline, by the server's clock.
  const now = useNow(Date.parse(attempt.serverNow));
  const deadline = attempt.deadline ? Date.parse(attempt.deadline) : null;
  const remaining = deadline === null ? null : deadline - (now + save.state.serverOffsetMs);
  const timeUp = remaining !== null && remaining <= 0;

  const submit = useCallback(async () => {
    if (submittingRef.current || submittedRef.current) return;
    const queue = save.queue();
    if (!queue) return;
    submittingRef.current = true;
    setSubmitting(true);
    setProblem(null);
    try {
      const status = await queue.drain();
      if (status === 'offline' || status === 'pending' || status === 'saving') {
        setProblem(t('quizzes.submit.offline'));
        return;
      }
      if (status === 'error') {
        setProblem(t('quizzes.save.error', { message: queue.getState().message ?? '' }));
        return;
      }
      let response: Response;
      try {
        response = await window.fetch(`/api/attempts/${encodeURIComponent(attemptId)}/submit`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        });
      } catch {
        setProblem(t('quizzes.submit.offline'));
        return;
      }
      if (response.ok || response.status === 409) {
        submittedRef.current = true;
        queue.close();
        navigate(`/attempts/${attemptId}/result`, { replace: true });
        return;
      }
      const body: unknown = await response.json().catch(() => null);
      setProblem(t('quizzes.submit.failed', { message: toApiProblem(body, response.status, `HTTP ${response.status}`).message }));
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  }, [attemptId, navigate, save, t]);

  // Time is up: hand in what was saved (again once the network is back, if it was away).
  useEffect(() => {
    if (timeUp && save.online && !submittedRef.current && !submittingRef.current) void submit();
  }, [timeUp, save.online, submit]);

  const question = questions[index]!;
  const answered = useMemo(() => questions.filter((q) => isAnswered(answers[q.questionId])), [questions, answers]);
  const unanswered = questions.map((q, i) => ({ q, i })).filter(({ q }) => !isAnswered(answers[q.questionId]));
  const flagged = questions.map((q, i) => ({ q, i })).filter(({ q }) => flags.includes(q.questionId));
  const closed = save.state.status === 'closed';
  const locked = closed || submitting || timeUp;

  const answer = (questionId: string, value: Answer) => {
    if (locked) return;
    save.change(questionId, value);
  };

  // Keyboard on a PC: ← → or J K between questions, 1–8 or A–H to choose.
  const keys = useRef<(event: KeyboardEvent) => void>(() => undefined);
  keys.current = (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
    const key = event.key.toLowerCase();
    if (summary) return;
    if (key === 'arrowright' || key === 'j') {
      event.preventDefault();
      if (index < questions.length - 1) go(index + 1);
      else setSummary(true);
      return;
    }
    if (key === 'arrowleft' || key === 'k') {
      event.preventDefault();
      go(index - 1);
      return;
    }
    if (question.kind === 'fill') return;
    const options = optionsOf(question, t);
    const at = /^[1-8]$/.test(key) ? Number(key) - 1 : /^[a-h]$/.test(key) ? key.charCodeAt(0) - 97 : -1;
    const option = options[at];
    if (option) {
      event.preventDefault();
      answer(question.questionId, choose(question.kind, answers[question.questionId], option.choice));
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="page attempt-page" data-testid="attempt-page" data-seq={save.state.seq}>
      <header className="attempt-bar">
        <div className="attempt-bar-title">
          <h1 className="attempt-quiz">{attempt.quizTitle}</h1>
          <SaveLine state={save.state} online={save.online} t={t} />
        </div>
        <div className={`attempt-timer${remaining !== null && remaining < 60_000 ? ' is-short' : ''}`} role="timer" aria-label={t('quizzes.take.timeLeft')}>
          <ClockIcon className="icon icon-small" />
          <span data-testid="attempt-timer">{remaining === null ? t('quizzes.take.noTimeLimit') : formatRemaining(remaining)}</span>
        </div>
      </header>

      <noscript>
        <p className="alert alert-notice">{t('quizzes.take.noscript')}</p>
      </noscript>

      {!save.online || save.state.status === 'offline' ? (
        <div className="alert alert-notice attempt-offline" role="status" data-testid="offline-banner">
          <p className="alert-title">{t('quizzes.offline.title')}</p>
          <p>{t('quizzes.offline.text')}</p>
        </div>
      ) : null}
      {closed && !submittedRef.current ? (
        <div className="alert alert-error" role="alert" data-testid="attempt-closed">
          <p className="alert-title">{t('quizzes.closed.title')}</p>
          <p>{t('quizzes.closed.text')}</p>
          {save.state.unconfirmed > 0 ? <p>{t('quizzes.closed.unsaved', { n: save.state.unconfirmed })}</p> : null}
          <p>
            <Link to={`/attempts/${attemptId}/result`} className="button button-primary">
              {t('quizzes.closed.toResult')}
            </Link>
          </p>
        </div>
      ) : null}
      {timeUp && !closed ? (
        <p className="alert alert-notice" role="status" data-testid="time-up">
          {t('quizzes.take.timeUp')}
        </p>
      ) : null}
      {problem ? (
        <div className="alert alert-error" role="alert" data-testid="submit-problem">
          <p>{problem}</p>
        </div>
      ) : null}

      <div className="attempt-layout">
        <div className="attempt-main">
          {summary ? (
            <section className="card attempt-summary" aria-labelledby="summary-heading" data-testid="attempt-summary">
              <h2 id="summary-heading">{t('quizzes.summary.title')}</h2>
              <p className="quiz-facts">
                <span className="badge badge-ok">{t('quizzes.summary.answered', { n: answered.length })}</span>
                <span className={unanswered.length > 0 ? 'badge badge-down' : 'badge badge-muted'}>{t('quizzes.summary.unanswered', { n: unanswered.length })}</span>
                <span className="badge badge-gold">{t('quizzes.summary.flagged', { n: flagged.length })}</span>
              </p>
              {unanswered.length === 0 ? <p data-testid="all-answered">{t('quizzes.summary.allAnswered')}</p> : null}
              <JumpList title={t('quizzes.summary.unansweredList')} items={unanswered.map(({ i }) => i)} go={go} testId="summary-unanswered" />
              <JumpList title={t('quizzes.summary.flaggedList')} items={flagged.map(({ i }) => i)} go={go} testId="summary-flagged" />
              <p className="hint">{t('quizzes.summary.final')}</p>
              <Form
                method="post"
                className="button-row attempt-submit"
                onSubmit={(event) => {
                  event.preventDefault();
                  void submit();
                }}
              >
                <button type="button" className="button button-quiet" onClick={() => go(index)}>
                  <ArrowLeftIcon className="icon icon-small" />
                  {t('quizzes.summary.back')}
                </button>
                <button type="submit" className="button button-primary" disabled={submitting || closed} data-testid="submit-attempt">
                  <CheckIcon className="icon icon-small" />
                  {submitting ? t('quizzes.submit.submitting') : t('quizzes.summary.submit')}
                </button>
              </Form>
            </section>
          ) : (
            <QuestionCard
              question={question}
              index={index}
              total={questions.length}
              answer={answers[question.questionId]}
              flagged={flags.includes(question.questionId)}
              locked={locked}
              onAnswer={(value) => answer(question.questionId, value)}
              onFlag={() => toggleFlag(question.questionId)}
              headingRef={headingRef}
            />
          )}
          {!summary ? (
            <nav className="attempt-steps" aria-label={t('quizzes.take.navigator')}>
              <button type="button" className="button button-quiet" onClick={() => go(index - 1)} disabled={index === 0} data-testid="previous-question">
                <ArrowLeftIcon className="icon icon-small" />
                {t('quizzes.take.previous')}
              </button>
              {index < questions.length - 1 ? (
                <button type="button" className="button button-primary" onClick={() => go(index + 1)} data-testid="next-question">
                  {t('quizzes.take.next')}
                  <ArrowRightIcon className="icon icon-small" />
                </button>
              ) : (
                <button type="button" className="button button-primary" onClick={() => setSummary(true)} data-testid="to-summary">
                  {t('quizzes.take.toSummary')}
                  <ArrowRightIcon className="icon icon-small" />
                </button>
              )}
            </nav>
          ) : null}
          <p className="hint attempt-keys">{t('quizzes.take.keyboard')}</p>
        </div>

        <aside className="attempt-aside" aria-label={t('quizzes.take.navigator')}>
          <button type="button" className="button button-quiet attempt-nav-toggle" aria-expanded={navOpen} aria-controls="attempt-nav" onClick={() => setNavOpen(!navOpen)}>
            {t('quizzes.take.navigator')} · {t('quizzes.take.navigatorCount', { answered: answered.length, total: questions.length })}
          </button>
          <div id="attempt-nav" className={`attempt-nav${navOpen ? ' is-open' : ''}`} data-testid="question-navigator">
            <p className="attempt-nav-count">{t('quizzes.take.navigatorCount', { answered: answered.length, total: questions.length })}</p>
            <ol className="attempt-nav-grid">
              {questions.map((q, i) => {
                const isFlagged = flags.includes(q.questionId);
                const isDone = isAnswered(answers[q.questionId]);
                const state = isFlagged ? t('quizzes.take.legend.flagged') : isDone ? t('quizzes.take.legend.answered') : t('quizzes.take.legend.unanswered');
                return (
                  <li key={q.questionId}>
                    <button
                      type="button"
                      className={`attempt-nav-item${isDone ? ' is-answered' : ''}${isFlagged ? ' is-flagged' : ''}`}
                      aria-current={!summary && i === index ? 'step' : undefined}
                      aria-label={t('quizzes.take.nav.item', { n: i + 1, state })}
                      data-state={isFlagged ? 'flagged' : isDone ? 'answered' : 'unanswered'}
                      onClick={() => go(i)}
                    >
                      {i + 1}
                      {isFlagged ? <FlagIcon className="attempt-nav-flag" /> : null}
                    </button>
                  </li>
                );
              })}
            </ol>
            <ul className="attempt-legend" aria-hidden="true">
              <li>
                <span className="attempt-nav-item is-answered">1</span>
                {t('quizzes.take.legend.answered')}
              </li>
              <li>
                <span className="attempt-nav-item is-flagged">2</span>
                {t('quizzes.take.legend.flagged')}
              </li>
              <li>
                <span className="attempt-nav-item">3</span>
                {t('quizzes.take.legend.unanswered')}
              </li>
            </ul>
            <button type="button" className="button button-quiet button-block" onClick={() => setSummary(true)} data-testid="nav-summary">
              {t('quizzes.take.toSummary')}
            </button>
          </div>
        </aside>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {save.state.confirmedAt ? t('quizzes.save.saved', { time: clockTime(save.state.confirmedAt) }) : ''}
      </p>
    </div>
  );
}

function SaveLine({ state, online, t }: { state: SaveState; online: boolean; t: Translate }) {
  let text: string;
  let tone = '';
  if (state.status === 'closed') text = t('quizzes.save.closed');
  else if (!online || state.status === 'offline') {
    text = t('quizzes.save.offline');
    tone = ' is-offline';
  } else if (state.status === 'error') {
    text = t('quizzes.save.error', { message: state.message ?? '' });
    tone = ' is-error';
  } else if (state.status === 'saving') text = t('quizzes.save.saving');
  else if (state.status === 'pending') text = t('quizzes.save.pending');
  else if (state.confirmedAt) text = t('quizzes.save.saved', { time: clockTime(state.confirmedAt) });
  else text = t('quizzes.save.ready');
  return (
    <p className={`attempt-save${tone}`} data-testid="save-status" data-status={online ? state.status : 'offline'}>
      {state.status === 'saved' && state.confirmedAt ? <CheckIcon className="icon icon-small" /> : null}
      {text}
    </p>
  );
}

function JumpList({ title, items, go, testId }: { title: string; items: number[]; go: (index: number) => void; testId: string }) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <div className="attempt-jump" data-testid={testId}>
      <h3>{title}</h3>
      <ul className="chip-list">
        {items.map((i) => (
          <li key={i}>
            <button type="button" className="chip attempt-chip" onClick={() => go(i)}>
              {t('quizzes.summary.goTo', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function QuestionCard({
  question,
  index,
  total,
  answer,
  flagged,
  locked,
  onAnswer,
  onFlag,
  headingRef,
}: {
  question: TakerQuestion;
  index: number;
  total: number;
  answer: Answer | undefined;
  flagged: boolean;
  locked: boolean;
  onAnswer: (answer: Answer) => void;
  onFlag: () => void;
  headingRef: React.RefObject<HTMLHeadingElement>;
}) {
  const t = useT();
  const lang = useLang();
  const options = optionsOf(question, t);
  const multiple = question.kind === 'multiple';
  const chosen = Array.isArray(answer) ? answer : [];
  const stemId = `stem-${question.questionId}`;
  return (
    <section className="card attempt-question" aria-labelledby={stemId} data-testid="question" data-question-id={question.questionId}>
      <div className="attempt-question-head">
        <h2 className="attempt-position" ref={headingRef} tabIndex={-1} data-testid="question-position">
          {t('quizzes.take.progress', { n: index + 1, total })}
        </h2>
        <button type="button" className={`button button-quiet attempt-flag${flagged ? ' is-flagged' : ''}`} aria-pressed={flagged} onClick={onFlag} data-testid="flag-question">
          <FlagIcon className="icon icon-small" />
          {flagged ? t('quizzes.take.flagged') : t('quizzes.take.flag')}
        </button>
      </div>
      <p className="badge-row">
        <span className="badge badge-muted">{t(kindKey(question.kind))}</span>
        <span className="badge badge-muted">{t('quizzes.take.points', { n: formatPoints(question.points, lang) })}</span>
      </p>
      <p className="attempt-stem" id={stemId} data-testid="question-stem">
        {question.stem}
      </p>
      {question.stemImageUrl ? <img className="attempt-image" src={question.stemImageUrl} alt={t('quizzes.take.stemImage')} loading="lazy" /> : null}
      {question.kind === 'fill' ? (
        <div className="field attempt-fill">
          <label htmlFor={`fill-${question.questionId}`}>{t('quizzes.take.fillLabel')}</label>
          <input
            id={`fill-${question.questionId}`}
            className="input"
            type="text"
            autoComplete="off"
            maxLength={200}
            placeholder={t('quizzes.take.fillPlaceholder')}
            value={typeof answer === 'string' ? answer : ''}
            readOnly={locked}
            onChange={(event) => onAnswer(event.target.value)}
            data-testid="fill-answer"
          />
        </div>
      ) : (
        <div className="attempt-options" role={multiple ? 'group' : 'radiogroup'} aria-labelledby={stemId}>
          {options.map((option, i) => {
            const on = chosen.includes(option.choice);
            return (
              <button
                key={option.choice}
                type="button"
                role={multiple ? 'checkbox' : 'radio'}
                aria-checked={on}
                aria-disabled={locked || undefined}
                className={`attempt-option${on ? ' is-chosen' : ''}${multiple ? ' is-multiple' : ''}`}
                onClick={() => onAnswer(choose(question.kind, answer, option.choice))}
                data-testid="option"
              >
                <span className="attempt-option-letter" aria-hidden="true">
                  {question.kind === 'truefalse' ? (on ? '✓' : '') : optionLetter(i)}
                </span>
                <span className="attempt-option-text">
                  {question.kind === 'truefalse' ? null : <span className="visually-hidden">{optionLetter(i)}. </span>}
                  {option.text}
                  {option.imageUrl ? <img className="attempt-image" src={option.imageUrl} alt={t('quizzes.take.optionImage', { letter: optionLetter(i) })} loading="lazy" /> : null}
                </span>
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <QuizError />;
}
