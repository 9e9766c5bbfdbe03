import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { ProblemNotice } from '../components/notice';
import { translate, useLang, useT, type MessageKey, type Translate } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import { formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { auditActionText, joinList, partyStatusKey, partyStatuses, roleKey, unitKindKey, unitKinds, type AuditEntry } from '../lib/people-labels';
import { requireAdmin } from '../lib/respond.server';

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
  await requireAdmin(request, context);
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
  // Names for the filter chips, from the entries themselves (every entry names its actor and target).
  const actorName = filter.actorId ? (entries.find((e) => e.actorId === filter.actorId)?.actorName ?? filter.actorId) : '';
  const targetName = filter.targetId ? (entries.find((e) => e.target.id === filter.targetId)?.target.label ?? filter.targetId) : '';
  const unitNames = Object.fromEntries((units.data?.items ?? []).map((unit) => [unit.unitId, unit.name]));
  return { lang: context.lang, filter, paged: Boolean(cursor), entries, next: audit.data?.cursor ?? null, problem, actorName, targetName, unitNames };
}

function auditLink(filter: Partial<AuditFilter>, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}

const fieldKeys: Record<string, MessageKey> = {
  name: 'audit.field.name',
  login: 'audit.field.login',
  unitId: 'audit.field.unitId',
  branchId: 'audit.field.branchId',
  partyStatus: 'audit.field.partyStatus',
  roles: 'audit.field.roles',
  lang: 'audit.field.lang',
  active: 'audit.field.active',
  mustChangePassword: 'audit.field.mustChangePassword',
  kind: 'audit.field.kind',
  parentId: 'audit.field.parentId',
  sortOrder: 'audit.field.sortOrder',
  retired: 'audit.field.retired',
};

const unitFields = new Set(['unitId', 'branchId', 'parentId']);

/** One recorded value as a person reads it: unit names for unit ids, words for codes, roles with their units. */
function showValue(field: string, value: unknown, t: Translate, lang: string, unitNames: Record<string, string>): string {
  if (value === null || value === undefined || value === '') return t('audit.nothing');
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (typeof value === 'string') {
    if (unitFields.has(field)) return unitNames[value] ?? value;
    if (field === 'partyStatus' && (partyStatuses as string[]).includes(value)) return t(partyStatusKey(value as (typeof partyStatuses)[number]));
    if (field === 'kind' && (unitKinds as string[]).includes(value)) return t(unitKindKey(value as (typeof unitKinds)[number]));
    if (field === 'lang') return value === 'en' ? 'English' : value === 'zh-CN' ? '简体中文' : value;
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (field === 'roles') {
      const roles = value
        .map((grant) => grant as { role?: string; unitId?: string })
        .filter((grant) => grant.role && grant.role !== 'staff')
        .map((grant) => {
          const role = ['organizer', 'leader', 'admin'].includes(grant.role!) ? t(roleKey(grant.role as 'organizer')) : String(grant.role);
          return grant.unitId ? t('people.roleIn', { role, unit: unitNames[grant.unitId] ?? grant.unitId }) : role;
        });
      return roles.length > 0 ? joinList(lang, roles) : t('people.role.staff');
    }
    return joinList(lang, value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))));
  }
  return JSON.stringify(value);
}

export default function Audit() {
  const { filter, paged, entries, next, problem, actorName, targetName, unitNames } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const filtered = Boolean(filter.actorId || filter.targetId || filter.from || filter.to);

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
            <AuditItem key={entry.auditId} entry={entry} filter={filter} unitNames={unitNames} t={t} lang={lang} />
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

function AuditItem({ entry, filter, unitNames, t, lang }: { entry: AuditEntry; filter: AuditFilter; unitNames: Record<string, string>; t: Translate; lang: 'zh-CN' | 'en' }) {
  const changes = Object.entries(entry.changes ?? {});
  const details = Object.entries(entry.details ?? {});
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
            title={t('audit.filterByActor', { name: entry.actorName ?? '' })}
            data-testid="audit-actor"
          >
            {entry.actorName ?? entry.actorId}
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
          {changes.map(([field, change]) => (
            <div key={field}>
              <dt>{fieldKeys[field] ? t(fieldKeys[field]) : field}</dt>
              <dd>
                {entry.action.startsWith('create') ? null : (
                  <>
                    <del>{showValue(field, change.before, t, lang, unitNames)}</del>
                    <span aria-hidden="true"> → </span>
                  </>
                )}
                <ins>{showValue(field, change.after, t, lang, unitNames)}</ins>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {details.length > 0 ? (
        <p className="audit-details">
          {details.map(([key, value]) => `${key === 'address' ? t('audit.detail.address') : key}: ${String(value)}`).join(' · ')}
        </p>
      ) : null}
    </li>
  );
}

export function ErrorBoundary() {
  return <AreaError />;
}
