/**
 * /admin/import — roster import (花名册导入), for admins: upload a CSV or .xlsx, see every row's outcome and problems,
 * confirm, and see the result (with the new people's initial password, once). Works without JavaScript: plain
 * multipart form posts, which the action forwards to the API (previewImport, confirmImport).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import type { Lang } from '../../../functions/shared/constants';
import { translate, useT, type MessageKey, type Translate } from '../i18n';
import { readForm } from '../lib/form.server';
import type { components } from '../lib/api-types';
import { requireCapability } from '../lib/respond.server';
import { ImportCounts, type ImportCount } from '../components/import-counts';

type Preview = components['schemas']['ImportPreview'];
type PreviewRow = Preview['rows'][number];
type ImportResult = components['schemas']['ImportResult'];

/** Largest file the page forwards (the API refuses more with a 413 as well). */
const maxFileBytes = 5 * 1024 * 1024;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.lang, 'roster.title')} · ${translate(data.lang, 'app.name')}` : '党建学习' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCapability(request, context, 'administer', 'roster.forbidden');
  return { lang: context.lang };
}

type ActionData =
  | { kind: 'preview'; preview: Preview }
  | { kind: 'result'; result: ImportResult }
  | { kind: 'error'; message: string; problems?: number };

/** The API's message (already in the user's language), or a generic one. */
function messageOf(error: unknown, lang: Lang): string {
  const message = (error as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' && message !== '' ? message : translate(lang, 'roster.error.generic');
}

export async function action({ request, context }: ActionFunctionArgs): Promise<ActionData> {
  const lang = context.lang;
  // Refuse an oversized upload before reading it into memory.
  if (Number(request.headers.get('content-length') ?? 0) > maxFileBytes + 64 * 1024) {
    return { kind: 'error', message: translate(lang, 'roster.error.tooLarge') };
  }
  const form = await readForm(request, context);
  const intent = form.get('intent');

  if (intent === 'confirm') {
    const importId = String(form.get('importId') ?? '');
    const { data, error } = await context.api.POST('/imports/{importId}/confirm', { params: { path: { importId } } });
    if (!data) return { kind: 'error', message: messageOf(error, lang) };
    return { kind: 'result', result: data };
  }

  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { kind: 'error', message: translate(lang, 'roster.error.noFile') };
  if (file.size > maxFileBytes) return { kind: 'error', message: translate(lang, 'roster.error.tooLarge') };
  const upload = new FormData();
  upload.append('file', file, file.name);
  const password = form.get('initialPassword');
  if (typeof password === 'string' && password !== '') upload.append('initialPassword', password);
  const { data, error } = await context.api.POST('/imports/preview', {
    // openapi-fetch passes FormData through as multipart (the runtime sets the boundary).
    body: upload as unknown as { file: string; initialPassword?: string },
  });
  if (!data) return { kind: 'error', message: messageOf(error, lang) };
  return { kind: 'preview', preview: data };
}

const statusKey: Record<string, MessageKey> = {
  full: 'roster.status.full',
  probationary: 'roster.status.probationary',
  none: 'roster.status.none',
};

const fieldKey: Record<string, MessageKey> = {
  name: 'roster.field.name',
  login: 'roster.field.login',
  unit: 'roster.field.unit',
  branch: 'roster.field.branch',
  partyStatus: 'roster.field.partyStatus',
  roles: 'roster.field.roles',
};

function Help({ t, open }: { t: Translate; open: boolean }) {
  return (
    <details className="card roster-help" open={open}>
      <summary>{t('roster.help.title')}</summary>
      <p>{t('roster.help.intro')}</p>
      <ul>
        <li>{t('roster.help.name')}</li>
        <li>{t('roster.help.login')}</li>
        <li>{t('roster.help.unit')}</li>
        <li>{t('roster.help.status')}</li>
        <li>{t('roster.help.roles')}</li>
        <li>{t('roster.help.branch')}</li>
      </ul>
      <p>{t('roster.help.limits')}</p>
      <p>
        <a href="/admin/import/template.csv" download className="button button-quiet" data-testid="roster-template">
          {t('roster.template')}
        </a>
      </p>
    </details>
  );
}

function UploadForm({ t, busy }: { t: Translate; busy: boolean }) {
  return (
    <Form method="post" encType="multipart/form-data" className="card roster-upload" data-testid="roster-upload">
      <h2>{t('roster.upload.title')}</h2>
      <input type="hidden" name="intent" value="preview" />
      <div className="roster-field">
        <label htmlFor="roster-file">{t('roster.file')}</label>
        <input
          id="roster-file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="roster-file-input"
          aria-describedby="roster-file-hint"
        />
        <p id="roster-file-hint" className="roster-hint">
          {t('roster.fileHint')}
        </p>
      </div>
      <div className="roster-field">
        <label htmlFor="roster-password">{t('roster.password')}</label>
        <input id="roster-password" name="initialPassword" type="text" autoComplete="off" minLength={8} maxLength={200} className="roster-input" aria-describedby="roster-password-hint" />
        <p id="roster-password-hint" className="roster-hint">
          {t('roster.passwordHint')}
        </p>
      </div>
      <p className="roster-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('roster.uploading') : t('roster.upload')}
        </button>
      </p>
    </Form>
  );
}

function Counts({ counts, t }: { counts: Preview['counts']; t: Translate }) {
  const items: ImportCount[] = [
    ['roster.count.rows', counts.rows, 'rows'],
    ['roster.count.create', counts.create, 'create'],
    ['roster.count.update', counts.update, 'update'],
    ['roster.count.unchanged', counts.unchanged, 'unchanged'],
    ['roster.count.problems', counts.problems, 'problems'],
  ];
  return <ImportCounts items={items} t={t} classPrefix="roster" testIdPrefix="roster" />;
}

function RowOutcome({ row, t }: { row: PreviewRow; t: Translate }) {
  const separator = t('roster.listSeparator');
  return (
    <>
      <span className={`roster-badge roster-badge-${row.action}`}>{t(`roster.action.${row.action}` as MessageKey)}</span>
      {row.action === 'update' && row.changes.length > 0 ? (
        <span className="roster-changes">{t('roster.changes', { fields: row.changes.map((field) => t(fieldKey[field]!)).join(separator) })}</span>
      ) : null}
      {row.problems.length > 0 ? (
        <ul className="roster-problems">
          {row.problems.map((problem, i) => (
            <li key={`${problem.field}-${i}`} data-field={problem.field}>
              {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function PreviewTable({ rows, t }: { rows: PreviewRow[]; t: Translate }) {
  const empty = t('roster.empty');
  return (
    <table className="roster-table" data-testid="roster-rows">
      <thead>
        <tr>
          <th scope="col" className="num">
            {t('roster.col.line')}
          </th>
          <th scope="col">{t('roster.col.name')}</th>
          <th scope="col">{t('roster.col.login')}</th>
          <th scope="col">{t('roster.col.unit')}</th>
          <th scope="col">{t('roster.col.status')}</th>
          <th scope="col">{t('roster.col.roles')}</th>
          <th scope="col">{t('roster.col.result')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.line} className={`roster-row roster-row-${row.action}`} data-testid={`roster-row-${row.line}`}>
            <td className="num roster-line" data-label={t('roster.col.line')}>
              {row.line}
            </td>
            <td className="roster-name" data-label={t('roster.col.name')}>
              {row.name || empty}
            </td>
            <td data-label={t('roster.col.login')} translate="no">
              {row.login || empty}
            </td>
            <td data-label={t('roster.col.unit')}>{row.unitPath || empty}</td>
            <td className="roster-status" data-label={t('roster.col.status')}>{statusKey[row.partyStatus] ? t(statusKey[row.partyStatus]!) : row.partyStatus || empty}</td>
            <td data-label={t('roster.col.roles')}>{row.roles}</td>
            <td className="roster-outcome" data-label={t('roster.col.result')}>
              <RowOutcome row={row} t={t} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PreviewSection({ preview, t, busy }: { preview: Preview; t: Translate; busy: boolean }) {
  const { counts } = preview;
  const nothingToDo = counts.problems === 0 && counts.create === 0 && counts.update === 0;
  return (
    <section className="roster-preview" data-testid="roster-preview" aria-labelledby="roster-preview-title">
      <h2 id="roster-preview-title">{t('roster.preview.title', { file: preview.fileName })}</h2>
      <Counts counts={counts} t={t} />
      {counts.problems > 0 ? (
        <div className="roster-notice roster-notice-bad" role="alert" data-testid="roster-has-problems">
          {t('roster.preview.problems', { n: counts.problems })}
        </div>
      ) : (
        <div className="roster-notice roster-notice-ok" role="status">
          <p>{nothingToDo ? t('roster.preview.nothingToDo') : t('roster.preview.ready', { create: counts.create, update: counts.update, unchanged: counts.unchanged })}</p>
          <Form method="post" className="roster-confirm">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="importId" value={preview.importId} />
            <button type="submit" className="button button-primary" disabled={busy} data-testid="roster-confirm">
              {busy ? t('roster.confirming') : t('roster.confirm')}
            </button>
          </Form>
        </div>
      )}
      {preview.rows.length < counts.rows ? <p className="roster-hint">{t('roster.preview.shown', { shown: preview.rows.length, total: counts.rows })}</p> : null}
      <PreviewTable rows={preview.rows} t={t} />
    </section>
  );
}

function ResultSection({ result, t }: { result: ImportResult; t: Translate }) {
  return (
    <section className="card roster-result" data-testid="roster-result" aria-labelledby="roster-result-title">
      <h2 id="roster-result-title">{t('roster.result.title')}</h2>
      <p className="roster-summary">{t('roster.result.summary', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</p>
      {result.initialPassword ? (
        <div className="roster-secret" role="status">
          <p className="roster-secret-label">{t('roster.result.password')}</p>
          <p className="roster-secret-value" data-testid="roster-password" translate="no">
            {result.initialPassword}
          </p>
          <p className="roster-secret-notice">{t('roster.result.passwordNotice')}</p>
        </div>
      ) : result.created > 0 ? (
        <p>{t('roster.result.chosenPassword')}</p>
      ) : null}
      <p className="roster-actions">
        <Link to="/admin/import" className="button button-quiet" reloadDocument>
          {t('roster.result.again')}
        </Link>
      </p>
    </section>
  );
}

export default function RosterImport() {
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state === 'submitting';
  return (
    <div className="page roster-page">
      <p className="roster-back">
        <Link to="/admin">← {t('roster.back')}</Link>
      </p>
      <header>
        <h1>{t('roster.title')}</h1>
        <p className="lead">{t('roster.lead')}</p>
      </header>
      {data?.kind === 'result' ? (
        <ResultSection result={data.result} t={t} />
      ) : (
        <>
          {data?.kind === 'error' ? (
            <div className="roster-notice roster-notice-bad" role="alert" data-testid="roster-error">
              {data.message}
            </div>
          ) : null}
          <UploadForm t={t} busy={busy} />
          {data?.kind === 'preview' ? <PreviewSection preview={data.preview} t={t} busy={busy} /> : null}
          <Help t={t} open={data?.kind !== 'preview'} />
        </>
      )}
    </div>
  );
}
