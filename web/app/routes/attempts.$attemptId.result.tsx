/**
 * An attempt's result: the score and the pass as the review policy lets the taker see them, or when they will be
 * published; the answers and explanations only when the API gives them (getAttemptReview decides; this page never
 * has a key the API did not send).
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { BackLink } from '../components/back-link';
import { AwardIcon, CheckIcon } from '../components/course-icons';
import { QuizError } from '../components/quiz-error';
import { translate, useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { withMe } from '../lib/learn.server';
import { pageTitle } from '../lib/page-title';
import { formatPoints, kindKey, optionLetter, when, type AttemptReview, type ReviewedQuestion } from '../lib/quiz';
import type { Answer } from '../lib/quiz-autosave';
import { loadAttempt, loadReview } from '../lib/quiz.server';
import styles from '../styles/quiz-take.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data, 'quizzes.result.title', data ? `${translate(data.lang, 'quizzes.result.title')} · ${data.attempt.quizTitle}` : undefined);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const attemptId = params.attemptId ?? '';
  const [, attempt] = await withMe(request, context, loadAttempt(context, attemptId));
  const review = attempt.state === 'open' ? null : await loadReview(context, attemptId);
  return {
    lang: context.lang,
    attempt: { attemptId, quizId: attempt.quizId, quizTitle: attempt.quizTitle, number: attempt.number, state: attempt.state, finishedAt: attempt.finishedAt ?? null },
    review: review && 'review' in review ? review.review : null,
    reviewOpensAt: review && 'notYet' in review ? review.reviewOpensAt : null,
  };
}

export default function AttemptResultPage() {
  const { attempt, review, reviewOpensAt } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="page attempt-result" data-testid="attempt-result">
      <BackLink to={`/quizzes/${attempt.quizId}`}>{attempt.quizTitle}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('quizzes.result.title')}</h1>
          <p className="lead">
            {attempt.quizTitle} · {t('quizzes.result.attempt', { n: attempt.number })}
          </p>
        </div>
      </header>

      {attempt.state === 'open' ? (
        <div className="card" data-testid="result-still-open">
          <p>{t('quizzes.result.stillOpen')}</p>
          <Link to={`/attempts/${attempt.attemptId}`} className="button button-primary">
            {t('quizzes.result.continue')}
          </Link>
        </div>
      ) : (
        <section className="card result-card" data-testid="result-card">
          {attempt.finishedAt ? (
            <p className="hint">
              {t(attempt.state === 'expired' ? 'quizzes.result.expired' : 'quizzes.result.submitted', { date: formatDateTime(attempt.finishedAt, lang) })}
            </p>
          ) : null}
          {review ? <Score review={review} /> : (
            <p className="alert alert-notice" data-testid="result-later">
              {reviewOpensAt ? t('quizzes.result.later', { date: when(reviewOpensAt, lang) }) : t('quizzes.result.laterNoDate')}
            </p>
          )}
          {review && !review.questions ? <p className="hint" data-testid="result-score-only">{t('quizzes.result.scoreOnly')}</p> : null}
        </section>
      )}

      {review?.questions ? (
        <section className="learn-section" aria-labelledby="review-heading">
          <h2 id="review-heading">{t('quizzes.result.review')}</h2>
          <ol className="review-list" data-testid="review-list">
            {review.questions.map((item, i) => (
              <ReviewItem key={item.question.questionId} item={item} n={i + 1} />
            ))}
          </ol>
        </section>
      ) : null}

      <p className="button-row">
        <Link to={`/quizzes/${attempt.quizId}`} className="button button-quiet">
          {t('quizzes.result.toQuiz')}
        </Link>
        <Link to="/quizzes" className="button button-quiet">
          {t('quizzes.result.toList')}
        </Link>
      </p>
    </div>
  );
}

function Score({ review }: { review: AttemptReview }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className={`result-score ${review.passed ? 'is-passed' : 'is-failed'}`} data-testid="result-score">
      <p className="result-verdict">
        {review.passed ? <AwardIcon className="icon" /> : null}
        <span className={review.passed ? 'badge badge-ok' : 'badge badge-down'}>{t(review.passed ? 'quizzes.result.passed' : 'quizzes.result.failed')}</span>
      </p>
      <p className="result-figure">
        <strong>{t('quizzes.result.score', { score: formatPoints(review.score, lang), max: formatPoints(review.maxScore, lang) })}</strong>
        <span>{t('quizzes.result.percent', { n: Math.round(review.percent) })}</span>
      </p>
    </div>
  );
}

/** The answer as the taker sees the letters (options in the order they were shown). */
function answerText(item: ReviewedQuestion, answer: Answer | (number | string)[] | undefined, t: ReturnType<typeof useT>): string {
  if (answer === undefined) return t('quizzes.result.noAnswer');
  if (typeof answer === 'string') return answer.trim() === '' ? t('quizzes.result.noAnswer') : answer;
  if (answer.length === 0) return t('quizzes.result.noAnswer');
  if (item.question.kind === 'fill') return answer.map(String).join(' / ');
  if (item.question.kind === 'truefalse') return answer[0] === 0 ? t('quizzes.take.true') : t('quizzes.take.false');
  const order = item.optionOrder.length > 0 ? item.optionOrder : item.question.options.map((_, i) => i);
  return answer
    .map((choice) => order.indexOf(Number(choice)))
    .filter((shown) => shown >= 0)
    .sort((a, b) => a - b)
    .map(optionLetter)
    .join('');
}

function ReviewItem({ item, n }: { item: ReviewedQuestion; n: number }) {
  const t = useT();
  const lang = useLang();
  const { question } = item;
  const order = item.optionOrder.length > 0 ? item.optionOrder : question.options.map((_, i) => i);
  const key = question.answer;
  const given = Array.isArray(item.given) ? item.given : [];
  return (
    <li className={`card review-item ${item.correct ? 'is-right' : 'is-wrong'}`} data-testid="review-item">
      <p className="badge-row">
        <span className="badge badge-muted">{n}</span>
        <span className="badge badge-muted">{t(kindKey(question.kind))}</span>
        <span className={item.correct ? 'badge badge-ok' : 'badge badge-down'}>
          {item.correct ? <CheckIcon className="icon icon-small" /> : null}
          {t(item.correct ? 'quizzes.result.right' : 'quizzes.result.wrong')}
        </span>
        <span className="badge badge-muted">{t('quizzes.result.earned', { earned: formatPoints(item.earned, lang), points: formatPoints(question.points, lang) })}</span>
      </p>
      <p className="attempt-stem">{question.stem}</p>
      {question.stemImageUrl ? <img className="attempt-image" src={question.stemImageUrl} alt={t('quizzes.take.stemImage')} loading="lazy" /> : null}
      {question.kind === 'single' || question.kind === 'multiple' ? (
        <ul className="review-options">
          {order.map((original, shown) => {
            const option = question.options[original];
            if (!option) return null;
            const isKey = key.includes(original);
            const isGiven = given.includes(original);
            return (
              <li key={original} className={`${isKey ? 'is-key' : ''}${isGiven ? ' is-given' : ''}`}>
                <span className="attempt-option-letter" aria-hidden="true">
                  {optionLetter(shown)}
                </span>
                <span>{option.text}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
      <dl className="facts review-facts">
        <div>
          <dt>{t('quizzes.result.yourAnswer')}</dt>
          <dd data-testid="review-given">{answerText(item, item.given, t)}</dd>
        </div>
        <div>
          <dt>{t('quizzes.result.correctAnswer')}</dt>
          <dd data-testid="review-key">{answerText(item, key, t)}</dd>
        </div>
      </dl>
      {question.explanation ? (
        <div className="review-explanation">
          <h3>{t('quizzes.result.explanation')}</h3>
          <p>{question.explanation}</p>
        </div>
      ) : null}
    </li>
  );
}

export function ErrorBoundary() {
  return <QuizError />;
}
