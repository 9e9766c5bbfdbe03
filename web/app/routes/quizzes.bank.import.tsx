/**
 * /quizzes/bank/import — importing a question file (题库导入): choose the bank and the file, see each row as it will
 * be stored or its problems in words, confirm, and see what was added. Works without JavaScript: plain multipart
 * form posts, which the action forwards to the API (previewQuestionImport, confirmQuestionImport).
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { Lang } from '../../../functions/shared/constants';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { UnitOptions } from '../components/unit-options';
import { translate, useT, type MessageKey, type Translate } from '../i18n';
import type { components } from '../lib/api-types';
import { readForm } from '../lib/form.server';
import { pageTitle } from '../lib/page-title';
import { answerText, difficultyKey, kindKey, letterOf } from '../lib/quiz-bank';
import { bankUnitChoices, requireBankEditor } from '../lib/quiz-bank.server';
import bankStyles from '../styles/quiz-bank.css?url';
import { ImportCounts, type ImportCount } from '../components/import-counts';

type Preview = components['schemas']['QuestionImportPreview'];
type PreviewRow = Preview['rows'][number];
type ImportResult = components['schemas']['QuestionImportResult'];

/** Largest file the page forwards (the API refuses more with a 413 as well). */
const maxFileBytes = 4 * 1024 * 1024;

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: bankStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'bank.import.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireBankEditor(request, context);
  const units = await bankUnitChoices(context, me);
  const own = me.reach.editQuestions;
  const preferred = Array.isArray(own) && own[0] && units.some((u) => u.unitId === own[0]) ? own[0] : (units[0]?.unitId ?? '');
  return { lang: context.lang, units, preferred };
}

type ActionData = { kind: 'preview'; preview: Preview } | { kind: 'result'; result: ImportResult } | { kind: 'error'; message: string };

/** The API's message (already in the user's language), or a generic one. */
function messageOf(error: unknown, lang: Lang): string {
  const message = (error as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' && message !== '' ? message : translate(lang, 'bank.import.error.generic');
}

export async function action({ request, context }: ActionFunctionArgs): Promise<ActionData> {
  await requireBankEditor(request, context);
  const lang = context.lang;
  // Refuse an oversized upload before reading it into memory.
  if (Number(request.headers.get('content-length') ?? 0) > maxFileBytes + 64 * 1024) return { kind: 'error', message: translate(lang, 'bank.import.error.tooLarge') };
  const form = await readForm(request, context);

  if (form.get('intent') === 'confirm') {
    const importId = String(form.get('importId') ?? '');
    const { data, error } = await context.api.POST('/questions/import/{importId}/confirm', { params: { path: { importId } } });
    return data ? { kind: 'result', result: data } : { kind: 'error', message: messageOf(error, lang) };
  }

  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { kind: 'error', message: translate(lang, 'bank.import.error.noFile') };
  if (file.size > maxFileBytes) return { kind: 'error', message: translate(lang, 'bank.import.error.tooLarge') };
  const upload = new FormData();
  upload.append('file', file, file.name);
  const owner = form.get('ownerUnitId');
  if (typeof owner === 'string' && owner !== '') upload.append('ownerUnitId', owner);
  const { data, error } = await context.api.POST('/questions/import/preview', {
    // openapi-fetch passes FormData through as multipart (the runtime sets the boundary).
    body: upload as unknown as { file: string; ownerUnitId?: string },
  });
  return data ? { kind: 'preview', preview: data } : { kind: 'error', message: messageOf(error, lang) };
}

function Help({ t, open }: { t: Translate; open: boolean }) {
  return (
    <details className="card bank-help" open={open}>
      <summary>{t('bank.import.help.title')}</summary>
      <p>{t('bank.import.help.intro')}</p>
      <ul>
        <li>{t('bank.import.help.type')}</li>
        <li>{t('bank.import.help.options')}</li>
        <li>{t('bank.import.help.answer')}</li>
        <li>{t('bank.import.help.more')}</li>
        <li>{t('bank.import.help.dup')}</li>
      </ul>
      <p>
        <a href="/quizzes/bank/template.xlsx" download className="button button-quiet" data-testid="import-template">
          {t('bank.template')}
        </a>
      </p>
    </details>
  );
}

function UploadForm({ t, busy, units, preferred }: { t: Translate; busy: boolean; units: ReturnType<typeof useLoaderData<typeof loader>>['units']; preferred: string }) {
  return (
    <Form method="post" encType="multipart/form-data" className="card bank-upload" data-testid="import-upload">
      <input type="hidden" name="intent" value="preview" />
      <div className="field">
        <label htmlFor="import-unit">{t('bank.import.unit')}</label>
        <select id="import-unit" name="ownerUnitId" className="select" defaultValue={preferred}>
          <UnitOptions units={units} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="import-file">{t('bank.import.file')}</label>
        <input
          id="import-file"
          name="file"
          type="file"
          required
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="input bank-file-input"
          aria-describedby="import-file-hint"
          data-testid="import-file"
        />
        <p id="import-file-hint" className="hint">
          {t('bank.import.fileHint')}
        </p>
      </div>
      <p className="button-row">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="import-preview">
          {busy ? t('bank.import.uploading') : t('bank.import.upload')}
        </button>
      </p>
    </Form>
  );
}

function Counts({ counts, t }: { counts: Preview['counts']; t: Translate }) {
  const items: ImportCount[] = [
    ['bank.import.count.rows', counts.rows, 'rows'],
    ['bank.import.count.ready', counts.ready, 'ready'],
    ['bank.import.count.problems', counts.problems, 'problems'],
    ['bank.import.count.duplicates', counts.duplicates, 'duplicates'],
  ];
  return <ImportCounts items={items} t={t} classPrefix="bank" testIdPrefix="import" />;
}

function RowQuestion({ row, t }: { row: PreviewRow; t: Translate }) {
  const question = row.question;
  if (!question) return <span className="bank-written">{row.written.stem || '—'}</span>;
  const correct = new Set(question.kind === 'single' || question.kind === 'multiple' ? question.answer.map(Number) : []);
  return (
    <>
      <span className="bank-written">{question.stem}</span>
      {question.options.length > 0 ? (
        <ol className="bank-preview-options">
          {question.options.map((option, index) => (
            <li key={index} className={correct.has(index) ? 'is-correct' : undefined}>
              <span className="qf-letter">{letterOf(index)}</span>
              {option.text}
            </li>
          ))}
        </ol>
      ) : null}
      <span className="bank-preview-facts">
        {t(difficultyKey(question.difficulty))} · {t('bank.points', { points: question.points })}
        {question.tags.length > 0 ? ` · ${question.tags.join(t('bank.listSeparator'))}` : ''}
      </span>
    </>
  );
}

function PreviewTable({ rows, t }: { rows: PreviewRow[]; t: Translate }) {
  return (
    <table className="data-table bank-preview-table" data-testid="import-rows">
      <thead>
        <tr>
          <th scope="col" className="num">
            {t('bank.import.col.line')}
          </th>
          <th scope="col">{t('bank.import.col.kind')}</th>
          <th scope="col">{t('bank.import.col.stem')}</th>
          <th scope="col">{t('bank.import.col.answer')}</th>
          <th scope="col">{t('bank.import.col.result')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const ok = row.problems.length === 0;
          return (
            <tr key={row.line} className={ok ? 'bank-row-ready' : 'bank-row-problem'} data-testid={`import-row-${row.line}`}>
              <td className="num" data-label={t('bank.import.col.line')}>
                {row.line}
              </td>
              <td data-label={t('bank.import.col.kind')}>{row.question ? t(kindKey(row.question.kind)) : row.written.type || '—'}</td>
              <td className="bank-preview-stem" data-label={t('bank.import.col.stem')}>
                <RowQuestion row={row} t={t} />
              </td>
              <td data-label={t('bank.import.col.answer')}>{row.question ? answerText(t, row.question.kind, row.question.answer) : '—'}</td>
              <td className="bank-outcome" data-label={t('bank.import.col.result')}>
                <span className={`badge ${ok ? 'badge-ok' : 'bank-badge-problem'}`}>{ok ? t('bank.import.rowReady') : t('bank.import.rowProblem')}</span>
                {ok ? null : (
                  <ul className="bank-problems">
                    {row.problems.map((problem, i) => (
                      <li key={`${problem.code}-${i}`} data-code={problem.code}>
                        {problem.message}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function PreviewSection({ preview, t, busy }: { preview: Preview; t: Translate; busy: boolean }) {
  const { counts } = preview;
  return (
    <section className="bank-preview" data-testid="import-preview-section" aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">{t('bank.import.preview.title', { file: preview.fileName })}</h2>
      <Counts counts={counts} t={t} />
      {counts.ready > 0 ? (
        <div className={`alert ${counts.problems > 0 ? 'alert-notice' : 'alert-ok'}`} role="status">
          <p>{t('bank.import.preview.ready', { ready: counts.ready, problems: counts.problems })}</p>
          <Form method="post" className="bank-confirm">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="importId" value={preview.importId} />
            <button type="submit" className="button button-primary" disabled={busy} data-testid="import-confirm">
              {busy ? t('bank.import.confirming') : t('bank.import.confirm', { ready: counts.ready })}
            </button>
          </Form>
        </div>
      ) : (
        <div className="alert alert-error" role="alert" data-testid="import-nothing">
          {t('bank.import.preview.nothing')}
        </div>
      )}
      {preview.rows.length < counts.rows ? <p className="hint">{t('bank.import.preview.shown', { shown: preview.rows.length, total: counts.rows })}</p> : null}
      <PreviewTable rows={preview.rows} t={t} />
    </section>
  );
}

function ResultSection({ result, t }: { result: ImportResult; t: Translate }) {
  return (
    <section className="card bank-result" data-testid="import-result" aria-labelledby="import-result-title">
      <h2 id="import-result-title">{t('bank.import.result.title')}</h2>
      <p className="bank-summary">{t('bank.import.result.summary', { created: result.created, skipped: result.skipped, notImported: result.notImported })}</p>
      <p className="button-row">
        <Link to={`/quizzes/bank?unitId=${result.ownerUnitId}`} className="button button-primary" data-testid="import-to-bank">
          {t('bank.import.result.toBank')}
        </Link>
        <Link to="/quizzes/bank/import" className="button button-quiet" reloadDocument>
          {t('bank.import.result.again')}
        </Link>
      </p>
    </section>
  );
}

export default function QuestionImport() {
  const { units, preferred } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state === 'submitting';
  return (
    <div className="page bank-import-page">
      <BackLink to="/quizzes/bank">{t('bank.import.back')}</BackLink>
      <header>
        <h1>{t('bank.import.title')}</h1>
        <p className="lead">{t('bank.import.lead')}</p>
      </header>
      {data?.kind === 'result' ? (
        <ResultSection result={data.result} t={t} />
      ) : (
        <>
          {data?.kind === 'error' ? (
            <div className="alert alert-error" role="alert" data-testid="import-error">
              {data.message}
            </div>
          ) : null}
          <UploadForm t={t} busy={busy} units={units} preferred={data?.kind === 'preview' ? data.preview.ownerUnitId : preferred} />
          {data?.kind === 'preview' ? <PreviewSection preview={data.preview} t={t} busy={busy} /> : null}
          <Help t={t} open={data?.kind !== 'preview'} />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="bank.forbidden.hint" />;
}
