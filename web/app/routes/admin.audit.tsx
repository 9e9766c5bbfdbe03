import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { ProblemNotice } from '../components/notice';
import { translate, useLang, useT } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import { formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { auditChanges, auditDetails, type AuditReading } from '../lib/audit-labels';
import { auditActionText, type AuditEntry } from '../lib/people-labels';
import { requireCapability } from '../lib/respond.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'audit.title');

const pageSize = 40;
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

interface AuditFilter {
  actorId: string;
  targetId: string;
  from: string;
  to: string;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCapability(request, context, 'readAudit', 'admin.audit.forbidden');
  const params = new URL(request.url).searchParams;
  const read = (name: string) => (params.get(name) ?? '').trim();
  const filter: AuditFilter = { actorId: read('actorId'), targetId: read('targetId'), from: read('from'), to: read('to') };
  const cursor = read('cursor');
  const [audit, units] = await Promise.all([
    context.api.GET('/audit', {
      params: {
        query: {
          ...(filter.actorId ? { actorId: filter.actorId } : {}),
          ...(filter.targetId ? { targetId: filter.targetId } : {}),
          ...(filter.from ? { from: filter.from } : {}),
          ...(filter.to ? { to: filter.to } : {}),
          ...(cursor ? { cursor } : {}),
          limit: pageSize,
        },
      },
    }),
    context.api.GET('/units'),
  ]);
  // A filter the API refuses (an end before the start) is shown beside the filter, which keeps what was typed.
  const problem = audit.data ? null : toApiProblem(audit.error, audit.response.status, translate(context.lang, 'error.generic.textNoId'));
  if (problem && problem.status !== 400) throw new Response(JSON.stringify(audit.error), { status: problem.status, headers: { 'Content-Type': 'application/json' } });
  const entries = audit.data?.items ?? [];
  const unitNames = Object.fromEntries((units.data?.items ?? []).map((unit) => [unit.unitId, unit.name]));
  // Names for the filter chips: from the entries (each names its actor and target), else from the people and units.
  const actorName = filter.actorId
    ? (entries.find((e) => e.actorId === filter.actorId)?.actorName ?? (await personName(context, filter.actorId)) ?? translate(context.lang, 'audit.someone'))
    : '';
  const targetName = filter.targetId
    ? (entries.find((e) => e.target.id === filter.targetId)?.target.label ??
      unitNames[filter.targetId] ??
      (await personName(context, filter.targetId)) ??
      translate(context.lang, 'audit.something'))
    : '';
  return { lang: context.lang, filter, paged: Boolean(cursor), entries, next: audit.data?.cursor ?? null, problem, actorName, targetName, unitNames };
}

/** A person's name for a filter chip, when the id is a person's (an admin reaches everyone). */
async function personName(context: LoaderFunctionArgs['context'], id: string): Promise<string | undefined> {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/i.test(id)) return undefined;
  const { data } = await context.api.GET('/people/{personId}', { params: { path: { personId: id } } });
  return data?.name;
}

/** The export's query: the filter as shown (only the dates that are dates). */
function exportQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  if (filter.actorId) params.set('actorId', filter.actorId);
  if (filter.targetId) params.set('targetId', filter.targetId);
  if (isDate(filter.from)) params.set('from', filter.from);
  if (isDate(filter.to)) params.set('to', filter.to);
  const query = params.toString();
  return query ? `?${query}` : '';
}

function auditLink(filter: Partial<AuditFilter>, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}

export default function Audit() {
  const { filter, paged, entries, next, problem, actorName, targetName, unitNames } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const filtered = Boolean(filter.actorId || filter.targetId || filter.from || filter.to);
  const reading: AuditReading = { t, lang, unitNames };

  return (
    <div className="page">
      <BackLink to="/admin">{t('admin.back')}</BackLink>
      <header>
        <h1>{t('audit.title')}</h1>
        <p className="lead">{t('audit.lead')}</p>
      </header>

      <Form method="get" className="card filter-bar filter-dates" data-testid="audit-filter">
        {filter.actorId ? <input type="hidden" name="actorId" value={filter.actorId} /> : null}
        {filter.targetId ? <input type="hidden" name="targetId" value={filter.targetId} /> : null}
        <div className="field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input id="audit-from" name="from" type="date" className="input" defaultValue={isDate(filter.from) ? filter.from : ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input id="audit-to" name="to" type="date" className="input" defaultValue={isDate(filter.to) ? filter.to : ''} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {t('audit.filter')}
          </button>
          {filtered ? (
            <Link to="/admin/audit" className="button button-quiet">
              {t('audit.clear')}
            </Link>
          ) : null}
          {/* The API answers the workbook itself (and records the export). */}
          <a className="button button-quiet" href={`/api/audit/export${exportQuery(filter)}`} download data-testid="audit-export" title={t('audit.exportHint')}>
            {t('audit.export')}
          </a>
        </div>
        {filter.actorId || filter.targetId ? (
          <ul className="chip-list filter-wide">
            {filter.actorId ? (
              <li>
                <Link
                  className="chip"
                  to={auditLink({ ...filter, actorId: '' })}
                  aria-label={t('audit.removeFilter', { name: t('audit.byActor', { name: actorName }) })}
                  data-testid="actor-chip"
                >
                  {t('audit.byActor', { name: actorName })} <span aria-hidden="true">×</span>
                </Link>
              </li>
            ) : null}
            {filter.targetId ? (
              <li>
                <Link
                  className="chip"
                  to={auditLink({ ...filter, targetId: '' })}
                  aria-label={t('audit.removeFilter', { name: t('audit.aboutTarget', { name: targetName }) })}
                >
                  {t('audit.aboutTarget', { name: targetName })} <span aria-hidden="true">×</span>
                </Link>
              </li>
            ) : null}
          </ul>
        ) : null}
      </Form>
      <ProblemNotice problem={problem} />

      {entries.length === 0 && !problem ? (
        <section className="card empty-state" data-testid="audit-empty">
          <h2>{t('audit.empty.title')}</h2>
          <p>{t('audit.empty.text')}</p>
        </section>
      ) : (
        <ol className="audit-list" data-testid="audit-list">
          {entries.map((entry) => (
            <AuditItem key={entry.auditId} entry={entry} filter={filter} reading={reading} />
          ))}
        </ol>
      )}

      {next || paged ? (
        <nav className="pager" aria-label={t('audit.title')}>
          {paged ? (
            <Link to={auditLink(filter)} className="button button-quiet">
              {t('audit.first')}
            </Link>
          ) : null}
          {next ? (
            <Link to={auditLink(filter, next)} className="button button-quiet" rel="next">
              {t('audit.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function AuditItem({ entry, filter, reading }: { entry: AuditEntry; filter: AuditFilter; reading: AuditReading }) {
  const { t, lang } = reading;
  const changes = auditChanges(entry, reading);
  const details = auditDetails(entry, reading);
  const failure = entry.action === 'signInFailed' || entry.action === 'lockout';
  return (
    <li className="card audit-entry" data-testid="audit-entry" data-action={entry.action}>
      <time className="audit-time" dateTime={entry.at}>
        {formatDateTime(entry.at, lang)}
      </time>
      <p className="audit-line">
        {entry.actorId ? (
          <Link
            to={auditLink({ ...filter, actorId: entry.actorId })}
            className="audit-actor"
            title={t('audit.filterByActor', { name: entry.actorName ?? t('audit.someone') })}
            data-testid="audit-actor"
          >
            {entry.actorName ?? t('audit.someone')}
          </Link>
        ) : (
          <span className="audit-actor">{t('audit.anonymous')}</span>
        )}
        <span className={failure ? 'badge badge-down' : 'badge badge-muted'}>{auditActionText(t, entry.action)}</span>
        {/* Signing in, out or changing one's own password: the target is the actor, named once. */}
        {entry.target.id === entry.actorId ? null : (
          <Link to={auditLink({ ...filter, targetId: entry.target.id })} className="audit-target" title={t('audit.filterByTarget', { name: entry.target.label })}>
            {entry.target.label}
          </Link>
        )}
      </p>
      {changes.length > 0 ? (
        <dl className="audit-changes" aria-label={t('audit.changes')}>
          {changes.map(({ field, label, before, after }) => (
            <div key={field}>
              <dt>{label}</dt>
              <dd>
                {before === null ? null : (
                  <>
                    <del>{before}</del>
                    <span aria-hidden="true"> → </span>
                  </>
                )}
                <ins>{after}</ins>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {details.length > 0 ? (
        <p className="audit-details">{details.map(({ label, text }) => (label ? `${label}${lang === 'zh-CN' ? '：' : ': '}${text}` : text)).join(' · ')}</p>
      ) : null}
    </li>
  );
}

export function ErrorBoundary() {
  return <AreaError />;
}
