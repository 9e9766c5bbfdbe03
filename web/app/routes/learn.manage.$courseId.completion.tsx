import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { CompletionPeople, CompletionTable } from '../components/completion-table';
import { CourseError } from '../components/course-error';
import { DownloadIcon, RefreshIcon } from '../components/course-icons';
import { useLang, useT, type Translate } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';
import { withCapability } from '../lib/learn.server';
import { requireCapability } from '../lib/respond.server';
import { pageTitle } from '../lib/page-title';
import { safeRedirectPath } from '../lib/redirect';
import { readForm } from '../lib/form.server';
import { throwApiError } from '../lib/respond.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'completion.title', data ? `${data.completion.courseTitle}` : undefined);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const courseId = params.courseId ?? '';
  const search = new URL(request.url).searchParams;
  const assignmentId = search.get('assignmentId')?.trim() || undefined;
  const unitId = search.get('unitId')?.trim() || undefined;
  const base = { ...(assignmentId ? { assignmentId } : {}) };
  // One round: who is asking, the overview (every unit within reach), when one is chosen that unit's people, and the
  // course's assignments, all at once.
  const [, [overview, unit, assignments]] = await withCapability(
    request,
    context,
    'readCompletion',
    'completion.forbidden',
    Promise.all([
      context.api.GET('/courses/{courseId}/completion', { params: { path: { courseId }, query: base } }),
      unitId ? context.api.GET('/courses/{courseId}/completion', { params: { path: { courseId }, query: { ...base, unitId } } }) : Promise.resolve(null),
      context.api.GET('/courses/{courseId}/assignments', { params: { path: { courseId } } }),
    ]),
  );
  if (!overview.data) throwApiError(overview.error, overview.response.status);
  if (unit && !unit.data) throwApiError(unit.error, unit.response.status);
  if (!assignments.data) throwApiError(assignments.error, assignments.response.status);
  return {
    lang: context.lang,
    courseId,
    assignmentId: assignmentId ?? null,
    assignments: assignments.data.items,
    completion: overview.data,
    unit: unit?.data ? { ...unit.data.units[0]!, people: unit.data.people ?? [] } : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await requireCapability(request, context, 'readCompletion', 'completion.forbidden');
  // The refresh button sends an empty form; any other body is refused like every action's.
  await readForm(request, context);
  const courseId = params.courseId ?? '';
  const { error, response } = await context.api.POST('/courses/{courseId}/completion/refresh', { params: { path: { courseId } } });
  if (error) throwApiError(error, response.status);
  const url = new URL(request.url);
  return redirect(safeRedirectPath(url.pathname + url.search, `/learn/manage/${courseId}/completion`));
}

export default function CompletionPage() {
  const { courseId, assignmentId, assignments, completion, unit } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const navigation = useNavigation();
  const refreshing = navigation.state !== 'idle' && navigation.formMethod?.toUpperCase() === 'POST';
  const here = (unitId?: string, assignment: string | null = assignmentId) => {
    const params = new URLSearchParams();
    if (assignment) params.set('assignmentId', assignment);
    if (unitId) params.set('unitId', unitId);
    const query = params.toString();
    return `/learn/manage/${courseId}/completion${query ? `?${query}` : ''}`;
  };
  // The spreadsheets come straight from the API (a file download, not a page).
  const exportHref = (format: 'xlsx' | 'csv', part?: 'units' | 'people') =>
    `/api/courses/${courseId}/completion/export?${new URLSearchParams({ format, ...(part ? { part } : {}), ...(assignmentId ? { assignmentId } : {}) })}`;
  return (
    <div className="page completion-page">
      <BackLink to={unit ? here() : `/learn/courses/${courseId}`}>{unit ? t('completion.backToUnits') : t('completion.backToCourse')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('completion.title')}</h1>
          <p className="lead" data-testid="completion-course">
            {completion.courseTitle}
            {assignmentId ? ` · ${t('completion.oneAssignment')}` : ''}
          </p>
        </div>
      </header>

      {assignments.length > 0 ? (
        <nav className="completion-subjects" aria-label={t('completion.subjects')}>
          <ul className="chip-list">
            <li>
              <Link to={here(unit?.unitId, null)} className="chip" aria-current={assignmentId ? undefined : 'page'} data-testid="completion-subject-all">
                {t('completion.subject.all')}
              </Link>
            </li>
            {assignments.map((assignment) => (
              <li key={assignment.assignmentId}>
                <Link
                  to={here(unit?.unitId, assignment.assignmentId)}
                  className="chip"
                  aria-current={assignment.assignmentId === assignmentId ? 'page' : undefined}
                  data-testid="completion-subject"
                >
                  {t('completion.subject.one', {
                    kind: t(assignment.required ? 'learn.task.required' : 'learn.task.elective'),
                    date: formatDate(assignment.dueAt, lang),
                    audience: audienceLabel(t, assignment.audience),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <div className="card completion-asof">
        <p data-testid="completion-asof">
          {completion.asOf ? t('completion.asOf', { time: formatDateTime(completion.asOf, lang) }) : t('completion.neverComputed')}
        </p>
        <Form method="post" replace>
          <button type="submit" className="button button-primary" disabled={refreshing} data-testid="completion-refresh">
            <RefreshIcon className="icon icon-small" />
            {refreshing ? t('completion.refreshing') : t('completion.refresh')}
          </button>
        </Form>
      </div>

      <div className="completion-exports">
        <a className="button button-quiet" href={exportHref('xlsx')} download data-testid="completion-export-excel">
          <DownloadIcon className="icon icon-small" />
          {t('completion.export.excel')}
        </a>
        <span className="hint">
          {t('completion.export.csv')}{' '}
          <a href={exportHref('csv', 'units')} download data-testid="completion-export-units">
            {t('completion.export.units')}
          </a>
          {' · '}
          <a href={exportHref('csv', 'people')} download data-testid="completion-export-people">
            {t('completion.export.people')}
          </a>
        </span>
      </div>

      {unit ? (
        <section aria-labelledby="unit-heading">
          <h2 id="unit-heading" data-testid="completion-unit-name">
            {unit.name}
          </h2>
          <CompletionTable units={[{ ...unit, depth: 0 }]} link={null} caption={t('completion.unitFigures')} single />
          <h3 className="completion-people-heading">{t('completion.people', { count: unit.people.length })}</h3>
          <CompletionPeople people={unit.people} />
          {unit.people.length === 0 && unit.subtree.total > 0 ? <p className="hint">{t('completion.peopleInChildren')}</p> : null}
        </section>
      ) : completion.units.length === 0 ? (
        <p className="card empty-state">{t('completion.noUnits')}</p>
      ) : (
        <section aria-labelledby="units-heading">
          <h2 id="units-heading">{t('completion.units')}</h2>
          <p className="hint">{t('completion.unitsHint')}</p>
          <CompletionTable units={completion.units} link={(unitId) => here(unitId)} />
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <CourseError />;
}

/** Whom an assignment is for, in a few words: "everyone", its units' names, or how many people it names. */
function audienceLabel(t: Translate, audience: { kind: 'everyone' | 'units' | 'members' | 'people'; units: { name: string }[]; people: number }): string {
  if (audience.kind === 'everyone') return t('completion.audience.everyone');
  if (audience.kind === 'people') return t('completion.audience.people', { count: audience.people });
  const names = audience.units.map((u) => u.name).join('、');
  return audience.kind === 'members' ? t('completion.audience.members', { units: names }) : names;
}
