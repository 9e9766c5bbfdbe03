import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Notice, ProblemNotice, FieldError } from '../components/notice';
import { CourseError } from '../components/course-error';
import { translate, useT, type Translate } from '../i18n';
import type { components } from '../lib/api-types';
import { toApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { pageTitle } from '../lib/page-title';
import { formText, throwApiError } from '../lib/respond.server';
import { withMe } from '../lib/learn.server';
import styles from '../styles/practice.css?url';

type Item = components['schemas']['DailyPractice']['items'][number];
type Result = NonNullable<Item['result']>;

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'practice.title');

/** 每日一练: today's questions and the person's own figures, and the setting for those who may change it. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const [, [today, settings]] = await withMe(request, context, Promise.all([context.api.GET('/practice'), context.api.GET('/practice/settings')]));
  if (!today.data) throwApiError(today.error, today.response.status);
  return { lang: context.lang, practice: today.data, settings: settings.data ?? null };
}

/** The answer a form carries: the chosen options (original indices) or the text typed. */
function answerOf(form: FormData): number[] | string {
  if (formText(form, 'kind') === 'fill') return formText(form, 'text');
  return form
    .getAll('choice')
    .map((value) => Number(value))
    .filter((n) => Number.isInteger(n) && n >= 0)
    .sort((a, b) => a - b);
}

/** A real form post, so practice works on a slow phone before (or without) the page's script. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const fallback = translate(context.lang, 'error.generic.textNoId');
  if (formText(form, 'intent') === 'settings') {
    // An empty field is no number (the API names the field), never 0, which would turn practice off.
    const raw = formText(form, 'questionsPerDay');
    const questionsPerDay = raw === '' ? Number.NaN : Number(raw);
    const { data, error, response } = await context.api.PUT('/practice/settings', { body: { questionsPerDay } });
    if (!data) return { settingsProblem: toApiProblem(error, response.status, fallback) };
    return { saved: data.questionsPerDay };
  }
  const questionId = formText(form, 'questionId');
  const { data, error, response } = await context.api.POST('/practice/answers', { body: { day: formText(form, 'day'), questionId, answer: answerOf(form) } });
  if (!data) return { problem: toApiProblem(error, response.status, fallback), questionId };
  return { answered: questionId, recorded: data.recorded };
}

const letter = (index: number) => String.fromCharCode(65 + index);

/** An answer in words: option letters as shown, 正确/错误, or the text. */
function answerText(t: Translate, item: Item, answer: Result['given'] | Result['answer']): string {
  if (item.question.kind === 'fill') return Array.isArray(answer) ? answer.join(' / ') : answer;
  if (!Array.isArray(answer)) return answer;
  if (item.question.kind === 'truefalse') return answer.map((a) => (a === 0 ? t('practice.true') : t('practice.false'))).join('');
  const shown = item.question.options.map((option) => option.choice);
  return answer.map((a) => letter(shown.indexOf(Number(a)))).join('、');
}

export default function Practice() {
  const { practice, settings } = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const t = useT();
  const answeredId = acted && 'answered' in acted ? acted.answered : undefined;
  const justAnswered = answeredId ? practice.items.find((item) => item.question.questionId === answeredId) : undefined;
  const next = practice.items.find((item) => item.result === null);
  const shown = justAnswered?.result ? justAnswered : next;
  const position = shown ? practice.items.indexOf(shown) + 1 : 0;
  const correct = practice.items.filter((item) => item.result?.correct).length;

  return (
    <div className="page practice-page">
      <header className="page-header">
        <div>
          <h1>{t('practice.title')}</h1>
          <p className="lead">{t('practice.lead')}</p>
        </div>
      </header>

      <Figures practice={practice} />

      {!practice.enabled ? (
        <p className="card empty-state" data-testid="practice-off">
          {t('practice.off')}
        </p>
      ) : practice.total === 0 ? (
        <p className="card empty-state" data-testid="practice-empty">
          {t('practice.empty')}
        </p>
      ) : (
        <>
          <div className="practice-progress" data-testid="practice-progress">
            <span>{t('practice.progressLabel', { answered: practice.answered, total: practice.total })}</span>
            <progress max={practice.total} value={practice.answered} aria-hidden="true" />
          </div>
          {shown ? (
            <QuestionCard key={`${shown.question.questionId}-${shown.result ? 'r' : 'q'}`} item={shown} day={practice.day} position={position} total={practice.total} problem={acted && 'problem' in acted && acted.questionId === shown.question.questionId ? acted.problem : undefined} kept={Boolean(justAnswered && acted && 'recorded' in acted && !acted.recorded)} last={!next} />
          ) : null}
          {practice.done && !justAnswered ? (
            <section className="card practice-done" data-testid="practice-done" aria-labelledby="practice-done-title">
              <h2 id="practice-done-title">{t('practice.done')}</h2>
              <p>{t('practice.doneLead', { total: practice.total, correct })}</p>
            </section>
          ) : null}
          {practice.done && !justAnswered ? (
            <section aria-labelledby="practice-today-title">
              <h2 id="practice-today-title">{t('practice.todayList')}</h2>
              <ol className="practice-review">
                {practice.items.map((item) => (
                  <li key={item.question.questionId} className="card">
                    <p className="practice-stem">{item.question.stem}</p>
                    {item.result ? <Outcome item={item} result={item.result} /> : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </>
      )}

      {settings?.mayChange ? <Settings questionsPerDay={settings.questionsPerDay} /> : null}
    </div>
  );
}

/** The person's own streak and accuracy; nobody else's. */
function Figures({ practice }: { practice: { streak: number; accuracy: components['schemas']['DailyPractice']['accuracy'] } }) {
  const t = useT();
  const percent = (share: { percent: number | null }) => (share.percent === null ? t('practice.noPercent') : `${share.percent}%`);
  const { recent, overall, recentDays } = practice.accuracy;
  return (
    <dl className="practice-figures" data-testid="practice-figures">
      <div className="card">
        <dt>{t('practice.streak')}</dt>
        <dd className="num" data-testid="practice-streak">{t('practice.streakValue', { days: practice.streak })}</dd>
      </div>
      <div className="card">
        <dt>{t('practice.recent', { days: recentDays })}</dt>
        <dd className="num" data-testid="practice-recent">{percent(recent)}</dd>
        <dd className="practice-share">{t('practice.share', { correct: recent.correct, answered: recent.answered })}</dd>
      </div>
      <div className="card">
        <dt>{t('practice.overall')}</dt>
        <dd className="num" data-testid="practice-overall">{percent(overall)}</dd>
        <dd className="practice-share">{t('practice.share', { correct: overall.correct, answered: overall.answered })}</dd>
      </div>
    </dl>
  );
}

function QuestionCard({ item, day, position, total, problem, kept, last }: { item: Item; day: string; position: number; total: number; problem: ReturnType<typeof toApiProblem> | undefined; kept: boolean; last: boolean }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('questionId') === item.question.questionId;
  const { question, result } = item;
  const choices = question.kind === 'truefalse' ? [{ choice: 0, text: t('practice.true'), imageUrl: null }, { choice: 1, text: t('practice.false'), imageUrl: null }] : question.options;
  const given = result && Array.isArray(result.given) ? result.given : [];
  return (
    <section className="card practice-question" data-testid="practice-question" data-question-id={question.questionId} aria-labelledby="practice-stem">
      <p className="practice-meta">
        <span>{t('practice.progress', { n: position, total })}</span>
        <span className="badge">{t(`practice.kind.${question.kind}`)}</span>
      </p>
      <h2 id="practice-stem" className="practice-stem">
        {question.stem}
      </h2>
      {question.stemImageUrl ? <img className="practice-image" src={question.stemImageUrl} alt="" /> : null}
      {result ? (
        <>
          {question.kind !== 'fill' ? (
            <ul className="practice-options practice-options-done">
              {choices.map((option, index) => {
                const isKey = result.answer.includes(option.choice);
                const chosen = given.includes(option.choice);
                return (
                  <li key={option.choice} className={`practice-option${isKey ? ' is-key' : ''}${chosen && !isKey ? ' is-wrong' : ''}`}>
                    <span className="practice-letter">{question.kind === 'truefalse' ? '' : letter(index)}</span>
                    <span>{option.text}</span>
                  </li>
                );
              })}
            </ul>
          ) : null}
          {kept ? <Notice kind="notice">{t('practice.keptFirst')}</Notice> : null}
          <Outcome item={item} result={result} />
          <p className="button-row">
            <Link to="/practice" className="button button-primary" autoFocus data-testid="practice-next" prefetch="none">
              {last ? t('practice.finish') : t('practice.next')}
            </Link>
          </p>
        </>
      ) : (
        <Form method="post" replace className="form practice-form" data-testid="practice-form">
          <input type="hidden" name="intent" value="answer" />
          <input type="hidden" name="day" value={day} />
          <input type="hidden" name="questionId" value={question.questionId} />
          <input type="hidden" name="kind" value={question.kind} />
          <ProblemNotice problem={problem} />
          {question.kind === 'fill' ? (
            <div className="field">
              <label htmlFor="practice-text">{t('practice.fillLabel')}</label>
              <input id="practice-text" name="text" className="input" required maxLength={200} autoComplete="off" aria-describedby="practice-text-error" />
              <FieldError problem={problem} field="answer" id="practice-text-error" />
            </div>
          ) : (
            <fieldset className="practice-options">
              <legend className="visually-hidden">{question.stem}</legend>
              {choices.map((option, index) => (
                <label key={option.choice} className="practice-option">
                  <input type={question.kind === 'multiple' ? 'checkbox' : 'radio'} name="choice" value={option.choice} required={question.kind !== 'multiple'} />
                  <span className="practice-letter">{question.kind === 'truefalse' ? '' : letter(index)}</span>
                  <span>{option.text}</span>
                  {option.imageUrl ? <img className="practice-image" src={option.imageUrl} alt="" /> : null}
                </label>
              ))}
            </fieldset>
          )}
          <p className="button-row">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="practice-submit">
              {busy ? t('practice.submitting') : t('practice.submit')}
            </button>
          </p>
        </Form>
      )}
    </section>
  );
}

/** Right or wrong, the answer given, the key and the explanation. */
function Outcome({ item, result }: { item: Item; result: Result }) {
  const t = useT();
  return (
    <div className={`practice-outcome ${result.correct ? 'is-right' : 'is-wrong'}`} data-testid="practice-outcome" role="status">
      <p className="practice-verdict">{result.correct ? t('practice.right') : t('practice.wrong')}</p>
      <p>{t('practice.yourAnswer', { answer: answerText(t, item, result.given) })}</p>
      <p data-testid="practice-key">{t('practice.key', { answer: answerText(t, item, result.answer) })}</p>
      <h3>{t('practice.explanation')}</h3>
      <p className="practice-explanation">{result.explanation || t('practice.noExplanation')}</p>
    </div>
  );
}

/** The admin's setting, on the same page. */
function Settings({ questionsPerDay }: { questionsPerDay: number }) {
  const t = useT();
  const acted = useActionData<typeof action>();
  const problem = acted && 'settingsProblem' in acted ? acted.settingsProblem : undefined;
  const saved = acted && 'saved' in acted ? acted.saved : undefined;
  return (
    <section className="card form-card" aria-labelledby="practice-settings-title" data-testid="practice-settings">
      <h2 id="practice-settings-title">{t('practice.settings')}</h2>
      <p className="hint">{t('practice.settingsLead')}</p>
      {saved !== undefined ? <Notice kind="ok">{saved === 0 ? t('practice.savedOff') : t('practice.saved', { n: saved })}</Notice> : null}
      <ProblemNotice problem={problem} />
      <Form method="post" className="form practice-settings-form" key={questionsPerDay}>
        <input type="hidden" name="intent" value="settings" />
        <div className="field">
          <label htmlFor="practice-per-day">{t('practice.perDay')}</label>
          <input id="practice-per-day" name="questionsPerDay" type="number" inputMode="numeric" min={0} max={20} step={1} required className="input" defaultValue={questionsPerDay} aria-describedby="practice-per-day-error" />
          <FieldError problem={problem} field="questionsPerDay" id="practice-per-day-error" />
        </div>
        <p className="button-row">
          <button type="submit" className="button button-quiet" data-testid="practice-save">
            {t('practice.save')}
          </button>
        </p>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <CourseError />;
}
