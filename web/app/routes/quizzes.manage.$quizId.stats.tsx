import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { CompletionPeople, CompletionTable } from '../components/completion-table';
import { DownloadIcon } from '../components/course-icons';
import { Notice } from '../components/notice';
import { useLang, useT, type MessageKey, type Translate } from '../i18n';
import type { components } from '../lib/api-types';
import { formatDateTime } from '../lib/format';
import { withCapability } from '../lib/learn.server';
import { pageTitle } from '../lib/page-title';
import { throwApiError } from '../lib/respond.server';

type QuizStats = components['schemas']['QuizStats'];
type Timed = components['schemas']['QuizStatsAttempt'];
type Warning = QuizStats['questions'][number]['warnings'][number];

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'quizStats.title', data ? data.stats.quizTitle : undefined);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const quizId = params.quizId ?? '';
  const unitId = new URL(request.url).searchParams.get('unitId')?.trim() || undefined;
  const [, result] = await withCapability(
    request,
    context,
    'readQuizStats',
    'quizStats.forbidden',
    context.api.GET('/quizzes/{quizId}/stats', { params: { path: { quizId }, query: unitId ? { unitId } : {} } }),
  );
  if (!result.data) throwApiError(result.error, result.response.status);
  return { lang: context.lang, drilled: unitId ?? null, stats: result.data };
}

const warningKey: Record<Warning, MessageKey> = {
  fewTakers: 'quizStats.warn.fewTakers',
  negativeDiscrimination: 'quizStats.warn.negativeDiscrimination',
  poorDiscrimination: 'quizStats.warn.poorDiscrimination',
  veryEasy: 'quizStats.warn.veryEasy',
  veryHard: 'quizStats.warn.veryHard',
};

const share = (rate: number | null) => (rate === null ? null : `${Math.round(rate * 1000) / 10}%`);
const figure = (value: number | null, suffix = '') => (value === null ? null : `${value}${suffix}`);

function duration(t: Translate, seconds: number) {
  return seconds < 60 ? t('quizStats.durationSeconds', { s: seconds }) : t('quizStats.duration', { m: Math.floor(seconds / 60), s: seconds % 60 });
}

export default function QuizStatsPage() {
  const { drilled, stats } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const here = (unitId?: string) => `/quizzes/manage/${stats.quizId}/stats${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`;
  const download = `/api/quizzes/${stats.quizId}/stats.xlsx${drilled ? `?unitId=${encodeURIComponent(drilled)}` : ''}`;
  const s = stats.summary;
  const none = t('quizStats.none');
  return (
    <div className="page quiz-stats-page">
      <BackLink to={drilled ? here() : `/quizzes/manage/${stats.quizId}`}>{drilled ? t('quizStats.backToAll') : t('quizStats.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('quizStats.title')}</h1>
          <p className="lead" data-testid="quiz-stats-title">
            {stats.quizTitle}
          </p>
          <p className="hint" data-testid="quiz-stats-scope">
            {t('quizStats.scope', { units: stats.unitName })} · {t(stats.counts === 'best' ? 'quizStats.counts.best' : 'quizStats.counts.last')}
          </p>
        </div>
        <a className="button button-quiet" href={download} download data-testid="quiz-stats-download">
          <DownloadIcon className="icon icon-small" />
          {t('quizStats.download')}
        </a>
      </header>

      {s.fewTakers ? (
        <Notice kind="notice" testId="quiz-stats-few">
          {t('quizStats.fewTakers', { min: stats.minTakers })}
        </Notice>
      ) : null}

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="visually-hidden">
          {t('quizStats.summary')}
        </h2>
        <dl className="quiz-stats-figures" data-testid="quiz-stats-summary">
          <Figure label={t('quizStats.figure.takers')} value={String(s.takers)} testId="takers" />
          <Figure label={t('quizStats.figure.attempts')} value={String(s.attempts)} note={s.openAttempts > 0 ? t('quizStats.figure.open', { n: s.openAttempts }) : undefined} testId="attempts" />
          <Figure label={t('quizStats.figure.passed')} value={`${s.passed} / ${s.graded}`} testId="passed" />
          <Figure label={t('quizStats.figure.passRate')} value={share(s.passRate) ?? none} note={t('quizStats.figure.passMark', { percent: stats.passPercent })} testId="pass-rate" />
          <Figure
            label={t('quizStats.figure.mean')}
            value={figure(s.meanPercent, '%') ?? none}
            note={s.medianPercent === null ? undefined : t('quizStats.figure.median', { value: `${s.medianPercent}%` })}
            testId="mean"
          />
        </dl>
        <p className="hint">{t('quizStats.computedAt', { time: formatDateTime(stats.computedAt, lang) })}</p>
      </section>

      <section aria-labelledby="distribution-heading" className="card quiz-stats-chart">
        <h2 id="distribution-heading">{t('quizStats.distribution')}</h2>
        {/* Drawn by the server from our own figures, every text escaped there (score-chart.ts): no script, no style. */}
        <figure data-testid="quiz-stats-chart" tabIndex={0} dangerouslySetInnerHTML={{ __html: stats.distribution.svg }} />
      </section>

      {stats.completion ? <AssignedCompletion completion={stats.completion} link={(unitId) => here(unitId)} /> : null}

      <section aria-labelledby="units-heading">
        <h2 id="units-heading">{t('quizStats.units')}</h2>
        <p className="hint">{t('quizStats.unitsHint')}</p>
        <table className="data-table quiz-stats-units" data-testid="quiz-stats-units">
          <thead>
            <tr>
              <th scope="col">{t('quizStats.col.unit')}</th>
              <th scope="col" className="num">{t('quizStats.col.takers')}</th>
              <th scope="col" className="num">{t('quizStats.col.graded')}</th>
              <th scope="col" className="num">{t('quizStats.col.passed')}</th>
              <th scope="col" className="num">{t('quizStats.col.passRate')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.units.map((unit) => (
              <tr key={`${unit.unitId}${unit.own ? '-own' : ''}`} className={`depth-${unit.depth}`} data-testid="quiz-stats-unit" data-unit={unit.name}>
                <th scope="row" className="cell-title">
                  {unit.depth > 0 && !unit.own ? (
                    <Link to={here(unit.unitId)} data-testid="quiz-stats-unit-link">
                      {unit.name}
                    </Link>
                  ) : (
                    <span>{unit.name}</span>
                  )}
                </th>
                <td className="num" data-label={t('quizStats.col.takers')}>{unit.takers}</td>
                <td className="num" data-label={t('quizStats.col.graded')}>{unit.graded}</td>
                <td className="num" data-label={t('quizStats.col.passed')}>{unit.passed}</td>
                <td className="num" data-label={t('quizStats.col.passRate')}>{share(unit.passRate) ?? none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">{t('quizStats.questions')}</h2>
        <p className="hint">{t('quizStats.questionsHint')}</p>
        {stats.questions.length === 0 ? (
          <p className="card empty-state">{t('quizStats.questionsEmpty')}</p>
        ) : (
          <table className="data-table quiz-stats-questions" data-testid="quiz-stats-questions">
            <thead>
              <tr>
                <th scope="col" className="num">{t('quizStats.col.number')}</th>
                <th scope="col">{t('quizStats.col.stem')}</th>
                <th scope="col" className="num">{t('quizStats.col.takers')}</th>
                <th scope="col" className="num">{t('quizStats.col.facility')}</th>
                <th scope="col" className="num">{t('quizStats.col.discrimination')}</th>
                <th scope="col">{t('quizStats.col.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.questions.map((q, i) => (
                <tr key={`${q.questionId}-${q.version}`} data-testid="quiz-stats-question" className={q.warnings.includes('negativeDiscrimination') ? 'row-alert' : undefined}>
                  <td className="num" data-label={t('quizStats.col.number')}>{i + 1}</td>
                  <th scope="row" className="quiz-stats-stem">{q.stem}</th>
                  <td className="num" data-label={t('quizStats.col.takers')}>{q.takers}</td>
                  <td className="num" data-label={t('quizStats.col.facility')}>{q.facility ?? none}</td>
                  <td className="num" data-label={t('quizStats.col.discrimination')}>{q.discrimination ?? none}</td>
                  <td data-label={t('quizStats.col.notes')}>
                    {q.warnings.length === 0 ? (
                      none
                    ) : (
                      <span className="badge-row">
                        {q.warnings.map((w) => (
                          <span key={w} className={`badge ${w === 'negativeDiscrimination' ? 'badge-down' : 'badge-muted'}`} data-testid={`quiz-stats-warning-${w}`}>
                            {t(warningKey[w], { min: stats.minTakers })}
                          </span>
                        ))}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="fast-heading">
        <h2 id="fast-heading">{t('quizStats.tooFast')}</h2>
        <p className="hint">{t('quizStats.tooFastHint')}</p>
        {stats.tooFast.length === 0 ? <p className="card empty-state">{t('quizStats.tooFastNone')}</p> : <TimedTable rows={stats.tooFast} testId="quiz-stats-too-fast" />}
      </section>

      {stats.slowest.length > 0 ? (
        <section aria-labelledby="timing-heading">
          <h2 id="timing-heading">{t('quizStats.timing')}</h2>
          <p className="hint">{t('quizStats.timingHint')}</p>
          <h3>{t('quizStats.slowest')}</h3>
          <TimedTable rows={stats.slowest} testId="quiz-stats-slowest" />
          <h3>{t('quizStats.fastest')}</h3>
          <TimedTable rows={stats.fastest} testId="quiz-stats-fastest" />
        </section>
      ) : null}
    </div>
  );
}

/** Completion of an assigned quiz per unit (the rollup items, as for courses); drilled into a unit, its people. */
function AssignedCompletion({ completion, link }: { completion: NonNullable<QuizStats['completion']>; link: (unitId: string) => string }) {
  const t = useT();
  const lang = useLang();
  return (
    <section aria-labelledby="completion-heading" data-testid="quiz-stats-completion">
      <h2 id="completion-heading">{t('quizStats.completion')}</h2>
      <p className="hint">{t('quizStats.completionHint')}</p>
      <p className="hint" data-testid="quiz-stats-completion-as-of">
        {completion.asOf ? t('quizStats.completionAsOf', { time: formatDateTime(completion.asOf, lang) }) : t('quizStats.completionNever')}
      </p>
      <CompletionTable units={completion.units} link={link} caption={t('quizStats.completion')} words="quiz" />
      {completion.people ? (
        <>
          <h3>{t('quizStats.completionPeople', { count: completion.people.length })}</h3>
          <CompletionPeople people={completion.people} words="quiz" />
        </>
      ) : null}
    </section>
  );
}

function Figure({ label, value, note, testId }: { label: string; value: string; note?: string | undefined; testId: string }) {
  return (
    <div className="card quiz-stats-figure" data-testid={`quiz-stats-${testId}`}>
      <dt>{label}</dt>
      <dd>
        <span className="quiz-stats-value">{value}</span>
        {note ? <span className="hint">{note}</span> : null}
      </dd>
    </div>
  );
}

/** Attempts by time taken (never by score): who, where, how long, when. */
function TimedTable({ rows, testId }: { rows: Timed[]; testId: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <table className="data-table quiz-stats-timed" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('quizStats.col.name')}</th>
          <th scope="col">{t('quizStats.col.unit')}</th>
          <th scope="col" className="num">{t('quizStats.col.time')}</th>
          <th scope="col" className="num">{t('quizStats.col.questionCount')}</th>
          <th scope="col">{t('quizStats.col.finishedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.attemptId}>
            <th scope="row" className="cell-title">{row.name}</th>
            <td data-label={t('quizStats.col.unit')}>{row.unitName}</td>
            <td className="num" data-label={t('quizStats.col.time')}>
              {duration(t, row.seconds)}
              {row.state === 'expired' ? ` (${t('quizStats.expired')})` : ''}
            </td>
            <td className="num" data-label={t('quizStats.col.questionCount')}>{row.questions}</td>
            <td data-label={t('quizStats.col.finishedAt')}>{formatDateTime(row.finishedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ErrorBoundary() {
  return <AreaError notFoundTitle="error.notFound.title" />;
}
