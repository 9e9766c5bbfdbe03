import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { UnitOptions } from '../components/unit-options';
import { useLang, useT } from '../i18n';
import { may } from '../lib/me';
import { pageTitle } from '../lib/page-title';
import { joinList, partyStatusKey, roleText, shortPath, visibleRoles } from '../lib/people-labels';
import { throwApiError } from '../lib/respond.server';
import { requireMe } from '../lib/session.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'people.title');

const pageSize = 30;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireMe(request, context);
  const params = new URL(request.url).searchParams;
  const filter = {
    q: (params.get('q') ?? '').trim().slice(0, 40),
    unitId: (params.get('unitId') ?? '').trim(),
    includeDisabled: params.get('includeDisabled') === 'true',
  };
  const cursor = params.get('cursor') ?? undefined;
  const [people, units] = await Promise.all([
    context.api.GET('/people', {
      params: {
        query: {
          ...(filter.q ? { q: filter.q } : {}),
          ...(filter.unitId ? { unitId: filter.unitId } : {}),
          ...(filter.includeDisabled ? { includeDisabled: 'true' as const } : {}),
          ...(cursor ? { cursor } : {}),
          limit: pageSize,
        },
      },
    }),
    context.api.GET('/units'),
  ]);
  // Staff may not list people: the API's 403 becomes this area's "not for you" page.
  if (!people.data) throwApiError(people.error, people.response.status);
  return {
    lang: context.lang,
    isAdmin: may(me, 'managePeople'),
    filter,
    paged: Boolean(cursor),
    people: people.data.items,
    next: people.data.cursor,
    units: units.data?.items ?? [],
  };
}

/** The list's address with the current filter and another cursor (or none: the first page). */
function pageLink(filter: { q: string; unitId: string; includeDisabled: boolean }, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.unitId) params.set('unitId', filter.unitId);
  if (filter.includeDisabled) params.set('includeDisabled', 'true');
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/people?${query}` : '/people';
}

export default function People() {
  const { isAdmin, filter, paged, people, next, units } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const filtered = Boolean(filter.q || filter.unitId || filter.includeDisabled);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('people.title')}</h1>
          <p className="lead">{isAdmin ? t('people.leadAdmin') : t('people.lead')}</p>
        </div>
        {isAdmin ? (
          <Link to="/people/new" className="button button-primary">
            {t('people.new')}
          </Link>
        ) : null}
      </header>

      <Form method="get" className="card filter-bar" role="search">
        <div className="field filter-grow">
          <label htmlFor="people-q">{t('people.search')}</label>
          <input id="people-q" name="q" type="search" className="input" maxLength={40} defaultValue={filter.q} autoComplete="off" />
        </div>
        <div className="field filter-grow">
          <label htmlFor="people-unit">{t('people.unit')}</label>
          <select id="people-unit" name="unitId" className="select" defaultValue={filter.unitId}>
            <option value="">{t('people.allUnits')}</option>
            <UnitOptions units={units} includeRetired />
          </select>
        </div>
        <div className="filter-actions">
          <label className="check-row">
            <input type="checkbox" name="includeDisabled" value="true" defaultChecked={filter.includeDisabled} />
            <span>{t('people.includeDisabled')}</span>
          </label>
          <div className="button-row">
            {filtered ? (
              <Link to="/people" className="button button-quiet">
                {t('people.clearFilter')}
              </Link>
            ) : null}
            <button type="submit" className="button button-primary">
              {t('people.filter')}
            </button>
          </div>
        </div>
      </Form>

      {people.length === 0 ? (
        <section className="card empty-state" data-testid="people-empty">
          <h2>{t('people.empty.title')}</h2>
          {/* The API looks through a bounded stretch of accounts per page: an empty page may still have a next one. */}
          <p>{next ? t('people.empty.more') : t('people.empty.text')}</p>
          {isAdmin && !next ? <p>{t('people.empty.admin')}</p> : null}
        </section>
      ) : (
        <section aria-label={t('people.title')}>
          <p className="hint table-caption">{t('people.pageCount', { count: people.length })}</p>
          <table className="data-table" data-testid="people-table">
            <thead>
              <tr>
                <th scope="col">{t('people.col.name')}</th>
                <th scope="col">{t('people.col.login')}</th>
                <th scope="col">{t('people.col.unit')}</th>
                <th scope="col">{t('people.col.partyStatus')}</th>
                <th scope="col">{t('people.col.roles')}</th>
                <th scope="col">{t('people.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.personId} data-testid="person-row">
                  <th scope="row" className="cell-title">
                    <Link to={`/people/${person.personId}`} prefetch="intent">
                      {person.name}
                    </Link>
                  </th>
                  <td data-label={t('people.col.login')} translate="no">
                    {person.login}
                  </td>
                  <td data-label={t('people.col.unit')} title={person.unitPath}>
                    {shortPath(person.unitPath)}
                  </td>
                  <td data-label={t('people.col.partyStatus')} className="nowrap">{t(partyStatusKey(person.partyStatus))}</td>
                  <td data-label={t('people.col.roles')}>{joinList(lang, visibleRoles(person.roles).map((grant) => roleText(t, grant)))}</td>
                  <td data-label={t('people.col.status')}>
                    <span className={person.active ? 'badge badge-ok' : 'badge badge-muted'}>{person.active ? t('people.active') : t('people.disabled')}</span>
                    {person.mustChangePassword && person.active ? <span className="badge badge-gold">{t('people.mustChange')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {next || paged ? (
        <nav className="pager" aria-label={t('people.title')}>
          {paged ? (
            <Link to={pageLink(filter)} className="button button-quiet">
              {t('people.first')}
            </Link>
          ) : null}
          {next ? (
            <Link to={pageLink(filter, next)} className="button button-quiet" rel="next" data-testid="next-page">
              {t('people.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="people.forbidden.hint" />;
}
