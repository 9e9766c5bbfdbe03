/**
 * /quizzes/bank — the question bank (题库) for its keepers: the questions of the units they reach, filtered by unit,
 * category, type, difficulty and status, a page at a time; links to a new question, the import and its template.
 * Works without JavaScript (a GET form and links).
 */
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { SelectField } from '../components/select-field';
import { UnitOptions } from '../components/unit-options';
import { useT } from '../i18n';
import { pageTitle } from '../lib/page-title';
import { answerText, difficulties, difficultyKey, kindKey, questionKinds, questionStatuses, shortStem, statusKey, type Difficulty, type QuestionKind, type QuestionStatus } from '../lib/quiz-bank';
import { bankUnitChoices, requireBankEditor } from '../lib/quiz-bank.server';
import { throwApiError } from '../lib/respond.server';
import bankStyles from '../styles/quiz-bank.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: bankStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'bank.title');

const pageSize = 30;
const isKind = (value: string): value is QuestionKind => (questionKinds as readonly string[]).includes(value);
const isDifficulty = (value: string): value is Difficulty => (difficulties as readonly string[]).includes(value);
const isStatus = (value: string): value is QuestionStatus => (questionStatuses as readonly string[]).includes(value);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireBankEditor(request, context);
  const params = new URL(request.url).searchParams;
  const text = (name: string, max: number) => (params.get(name) ?? '').trim().slice(0, max);
  const kind = text('kind', 20);
  const difficulty = text('difficulty', 20);
  const status = text('status', 20);
  const filter = {
    unitId: text('unitId', 40),
    tag: text('tag', 30),
    kind: isKind(kind) ? kind : '',
    difficulty: isDifficulty(difficulty) ? difficulty : '',
    status: isStatus(status) ? status : 'active',
  } as const;
  const cursor = params.get('cursor') ?? undefined;
  const [questions, units] = await Promise.all([
    context.api.GET('/questions', {
      params: {
        query: {
          ...(filter.unitId ? { unitId: filter.unitId } : {}),
          ...(filter.tag ? { tag: filter.tag } : {}),
          ...(filter.kind ? { kind: filter.kind } : {}),
          ...(filter.difficulty ? { difficulty: filter.difficulty } : {}),
          status: filter.status,
          ...(cursor ? { cursor } : {}),
          limit: pageSize,
        },
      },
    }),
    bankUnitChoices(context, me),
  ]);
  if (!questions.data) throwApiError(questions.error, questions.response.status);
  const unitName = new Map(units.map((unit) => [unit.unitId, unit.name]));
  return {
    lang: context.lang,
    filter,
    paged: Boolean(cursor),
    next: questions.data.cursor,
    units,
    questions: questions.data.items.map((q) => ({
      questionId: q.questionId,
      stem: shortStem(q.stem),
      kind: q.kind,
      difficulty: q.difficulty,
      points: q.points,
      tags: q.tags,
      version: q.version,
      retired: q.retired,
      answer: q.answer,
      unit: unitName.get(q.ownerUnitId) ?? '',
    })),
  };
}

type Filter = ReturnType<typeof useLoaderData<typeof loader>>['filter'];

/** The list's address with the filter and another cursor (or none: the first page). */
function pageLink(filter: Filter, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value && !(key === 'status' && value === 'active')) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/quizzes/bank?${query}` : '/quizzes/bank';
}

export default function QuestionBank() {
  const { filter, paged, next, units, questions } = useLoaderData<typeof loader>();
  const t = useT();
  const filtered = Boolean(filter.unitId || filter.tag || filter.kind || filter.difficulty || filter.status !== 'active');
  return (
    <div className="page bank-page">
      <header className="page-header">
        <div>
          <h1>{t('bank.title')}</h1>
          <p className="lead">{t('bank.lead')}</p>
        </div>
        <p className="button-row">
          <Link to="/quizzes/bank/new" className="button button-primary" data-testid="bank-new">
            {t('bank.new')}
          </Link>
          <Link to="/quizzes/bank/import" className="button button-quiet" data-testid="bank-import">
            {t('bank.import')}
          </Link>
        </p>
      </header>

      <Form method="get" className="card filter-bar bank-filter" role="search" data-testid="bank-filter">
        <div className="field">
          <label htmlFor="bank-unit">{t('bank.filter.unit')}</label>
          <select id="bank-unit" name="unitId" className="select" defaultValue={filter.unitId}>
            <option value="">{t('bank.filter.allUnits')}</option>
            <UnitOptions units={units} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="bank-tag">{t('bank.filter.tag')}</label>
          <input id="bank-tag" name="tag" type="search" className="input" maxLength={30} defaultValue={filter.tag} placeholder={t('bank.filter.tagPlaceholder')} autoComplete="off" />
        </div>
        <SelectField id="bank-kind" name="kind" label={t('bank.filter.kind')} anyText={t('bank.filter.anyKind')} choices={questionKinds} textOf={(kind) => t(kindKey(kind))} defaultValue={filter.kind} />
        <SelectField
          id="bank-difficulty"
          name="difficulty"
          label={t('bank.filter.difficulty')}
          anyText={t('bank.filter.anyDifficulty')}
          choices={difficulties}
          textOf={(difficulty) => t(difficultyKey(difficulty))}
          defaultValue={filter.difficulty}
        />
        <SelectField id="bank-status" name="status" label={t('bank.filter.status')} choices={questionStatuses} textOf={(status) => t(statusKey(status))} defaultValue={filter.status} />
        <div className="filter-actions">
          <div className="button-row">
            {filtered ? (
              <Link to="/quizzes/bank" className="button button-quiet">
                {t('bank.filter.clear')}
              </Link>
            ) : null}
            <button type="submit" className="button button-primary">
              {t('bank.filter.apply')}
            </button>
          </div>
        </div>
      </Form>

      {questions.length === 0 ? (
        <section className="card empty-state" data-testid="bank-empty">
          <h2>{t('bank.empty.title')}</h2>
          {/* The API reads a bounded stretch of the bank per page: an empty page may still have a next one. */}
          <p>{next ? t('bank.empty.more') : t('bank.empty.text')}</p>
        </section>
      ) : (
        <section aria-label={t('bank.title')}>
          <p className="hint table-caption">{t('bank.pageCount', { count: questions.length })}</p>
          <table className="data-table bank-table" data-testid="bank-table">
            <thead>
              <tr>
                <th scope="col">{t('bank.col.stem')}</th>
                <th scope="col">{t('bank.col.kind')}</th>
                <th scope="col">{t('bank.col.difficulty')}</th>
                <th scope="col" className="num">
                  {t('bank.col.points')}
                </th>
                <th scope="col">{t('bank.col.tags')}</th>
                <th scope="col">{t('bank.col.version')}</th>
              </tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr key={q.questionId} data-testid="bank-row" className={q.retired ? 'is-retired' : undefined}>
                  <th scope="row" className="cell-title bank-stem">
                    <Link to={`/quizzes/bank/${q.questionId}`} prefetch="intent">
                      {q.stem}
                    </Link>
                    <span className="bank-key">
                      {q.unit ? `${q.unit} · ` : ''}
                      {answerText(t, q.kind, q.answer)}
                    </span>
                  </th>
                  <td data-label={t('bank.col.kind')}>{t(kindKey(q.kind))}</td>
                  <td data-label={t('bank.col.difficulty')}>
                    <span className={`badge bank-difficulty bank-difficulty-${q.difficulty}`}>{t(difficultyKey(q.difficulty))}</span>
                  </td>
                  <td data-label={t('bank.col.points')} className="num">
                    {q.points}
                  </td>
                  <td data-label={t('bank.col.tags')}>{q.tags.length > 0 ? q.tags.join(t('bank.listSeparator')) : t('bank.noTags')}</td>
                  <td data-label={t('bank.col.version')} className="nowrap">
                    {t('bank.version', { version: q.version })}
                    {q.retired ? <span className="badge badge-muted">{t('bank.status.retired')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {next || paged ? (
        <nav className="pager" aria-label={t('bank.title')}>
          {paged ? (
            <Link to={pageLink(filter)} className="button button-quiet">
              {t('bank.first')}
            </Link>
          ) : null}
          {next ? (
            <Link to={pageLink(filter, next)} className="button button-quiet" rel="next" data-testid="bank-next">
              {t('bank.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <p className="bank-template">
        <a href="/quizzes/bank/template.xlsx" download className="button-link" data-testid="bank-template">
          {t('bank.template')}
        </a>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="bank.forbidden.hint" />;
}
