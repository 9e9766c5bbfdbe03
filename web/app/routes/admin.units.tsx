import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { BackLink } from '../components/back-link';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { FieldError, Notice, ProblemNotice } from '../components/notice';
import { subtreeIds, UnitOptions } from '../components/unit-options';
import { translate, useT, type MessageKey } from '../i18n';
import { readForm } from '../lib/form.server';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { pageTitle } from '../lib/page-title';
import { unitKindKey, unitKinds, type UnitInTree, type UnitKind } from '../lib/people-labels';
import { formText, formVersion, requireAdmin, throwApiError } from '../lib/respond.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'units.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const params = new URL(request.url).searchParams;
  const units = await context.api.GET('/units');
  if (!units.data) throwApiError(units.error, units.response.status);
  return { lang: context.lang, units: units.data.items, editing: params.get('edit') ?? '', parent: params.get('parent') ?? '' };
}

type Intent = 'create' | 'rename' | 'move' | 'retire' | 'reinstate';
const intents: Intent[] = ['create', 'rename', 'move', 'retire', 'reinstate'];

interface Outcome {
  intent: Intent;
  unitId: string;
  ok: boolean;
  /** The unit's name after the change (for the success message). */
  name?: string;
  problem?: ApiProblem;
  /** What was typed, kept when the API refused it. */
  values?: { name?: string; kind?: string; parentId?: string };
}

export async function action({ request, context }: ActionFunctionArgs): Promise<Outcome> {
  const form = await readForm(request, context);
  const intent = formText(form, 'intent') as Intent;
  if (!intents.includes(intent)) throw new Response(null, { status: 400 });
  const fallback = translate(context.lang, 'error.generic.textNoId');
  const unitId = formText(form, 'unitId');
  const name = formText(form, 'name');
  const parentId = formText(form, 'parentId');

  if (intent === 'create') {
    const kind = formText(form, 'kind');
    const { data, error, response } = await context.api.POST('/units', {
      body: { name, kind: (unitKinds as string[]).includes(kind) ? (kind as UnitKind) : 'department', parentId },
    });
    if (!data) return { intent, unitId: '', ok: false, problem: toApiProblem(error, response.status, fallback), values: { name, kind, parentId } };
    return { intent, unitId: data.unitId, ok: true, name: data.name };
  }

  const version = formVersion(form);
  const body =
    intent === 'rename' ? { version, name } : intent === 'move' ? { version, parentId } : { version, retired: intent === 'retire' };
  const { data, error, response } = await context.api.PATCH('/units/{unitId}', { params: { path: { unitId } }, body });
  if (!data) return { intent, unitId, ok: false, problem: toApiProblem(error, response.status, fallback), values: { name, parentId } };
  return { intent, unitId, ok: true, name: data.name };
}

const doneKey: Record<Intent, MessageKey> = {
  create: 'units.done.create',
  rename: 'units.done.rename',
  move: 'units.done.move',
  retire: 'units.done.retire',
  reinstate: 'units.done.reinstate',
};


export default function Units() {
  const { units, editing, parent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state === 'submitting';
  const createFailed = result?.intent === 'create' && !result.ok ? result : null;

  return (
    <div className="page">
      <BackLink to="/admin">{t('admin.back')}</BackLink>
      <header>
        <h1>{t('units.title')}</h1>
        <p className="lead">{t('units.lead')}</p>
      </header>

      {result?.ok && result.intent === 'create' ? (
        <Notice kind="ok" testId="unit-done">
          <p>{t(doneKey[result.intent], { name: result.name ?? '' })}</p>
        </Notice>
      ) : null}

      <section className="card" aria-labelledby="unit-create" id="create">
        <h2 id="unit-create">{t('units.create.title')}</h2>
        <ProblemNotice problem={createFailed?.problem} />
        <Form method="post" className="form form-grid" key={result?.intent === 'create' && result.ok ? result.unitId : 'create'}>
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <label htmlFor="unit-new-name">{t('units.create.name')}</label>
            <input id="unit-new-name" name="name" className="input" required maxLength={60} autoComplete="off" defaultValue={createFailed?.values?.name ?? ''} aria-describedby="unit-new-name-error" />
            <FieldError problem={createFailed?.problem} field="name" id="unit-new-name-error" />
          </div>
          <div className="field">
            <label htmlFor="unit-new-kind">{t('units.create.kind')}</label>
            <select id="unit-new-kind" name="kind" className="select" defaultValue={createFailed?.values?.kind ?? 'department'}>
              {unitKinds
                .filter((kind) => kind !== 'bureau')
                .map((kind) => (
                  <option key={kind} value={kind}>
                    {t(unitKindKey(kind))}
                  </option>
                ))}
            </select>
            <FieldError problem={createFailed?.problem} field="kind" />
          </div>
          <div className="field">
            <label htmlFor="unit-new-parent">{t('units.create.parent')}</label>
            <select id="unit-new-parent" name="parentId" className="select" required defaultValue={createFailed?.values?.parentId ?? (parent || units[0]?.unitId)}>
              <UnitOptions units={units} />
            </select>
            <FieldError problem={createFailed?.problem} field="parentId" />
          </div>
          <div className="button-row form-grid-wide">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('units.create.submit')}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="unit-tree">
        <h2 id="unit-tree">
          {t('units.tree')} <span className="hint num">{t('units.count', { count: units.length })}</span>
        </h2>
        {units.length === 0 ? (
          <p className="card empty-state">{t('units.empty')}</p>
        ) : (
          <ol className="unit-tree" data-testid="unit-tree">
            {units.map((unit) => (
              <UnitItem key={unit.unitId} unit={unit} units={units} open={editing === unit.unitId || (result?.unitId === unit.unitId && !result.ok)} result={result?.unitId === unit.unitId ? result : undefined} busy={busy} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function UnitItem({ unit, units, open, result, busy }: { unit: UnitInTree; units: UnitInTree[]; open: boolean; result?: Outcome; busy: boolean }) {
  const t = useT();
  const isRoot = unit.parentId === null;
  const failed = result && !result.ok ? result : null;
  const depth = Math.min(unit.depth, 8);
  return (
    <li className={`unit-item depth-${depth}${unit.retired ? ' is-retired' : ''}`} id={`unit-${unit.unitId}`} data-testid="unit-item">
      <div className="unit-row">
        <span className="unit-label">
          <span className="unit-name">{unit.name}</span>
          <span className="badge badge-muted">{t(unitKindKey(unit.kind))}</span>
          {unit.retired ? <span className="badge badge-down">{t('units.retired')}</span> : null}
        </span>
        <Link
          to={open ? '/admin/units' : `/admin/units?edit=${encodeURIComponent(unit.unitId)}#unit-${unit.unitId}`}
          className="button button-quiet button-small unit-edit-link"
          aria-expanded={open}
        >
          {t('units.edit')}
          <span className="visually-hidden">{unit.name}</span>
        </Link>
      </div>
      {open ? (
        <div className="unit-panel" data-testid="unit-panel">
          {result?.ok ? (
            <Notice kind="ok" testId="unit-done">
              <p>{t(doneKey[result.intent], { name: result.name ?? '' })}</p>
            </Notice>
          ) : null}
          <ProblemNotice problem={failed?.problem} />
          <Form method="post" className="inline-form" preventScrollReset>
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="unitId" value={unit.unitId} />
            <input type="hidden" name="version" value={unit.version} />
            <div className="field">
              <label htmlFor={`rename-${unit.unitId}`}>{t('units.rename.label')}</label>
              <input
                id={`rename-${unit.unitId}`}
                name="name"
                className="input"
                required
                maxLength={60}
                autoComplete="off"
                defaultValue={failed?.intent === 'rename' ? (failed.values?.name ?? unit.name) : unit.name}
                aria-describedby={`rename-${unit.unitId}-error`}
              />
              <FieldError problem={failed?.intent === 'rename' ? failed.problem : null} field="name" id={`rename-${unit.unitId}-error`} />
            </div>
            <button type="submit" className="button button-quiet" disabled={busy}>
              {t('units.rename.submit')}
            </button>
          </Form>
          {isRoot ? (
            <p className="hint">{t('units.root')}</p>
          ) : (
            <>
              <Form method="post" className="inline-form" preventScrollReset>
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="unitId" value={unit.unitId} />
                <input type="hidden" name="version" value={unit.version} />
                <div className="field">
                  <label htmlFor={`move-${unit.unitId}`}>{t('units.move.label')}</label>
                  <select
                    id={`move-${unit.unitId}`}
                    name="parentId"
                    className="select"
                    defaultValue={failed?.intent === 'move' ? failed.values?.parentId : (unit.parentId ?? '')}
                  >
                    <UnitOptions units={units} exclude={subtreeIds(units, unit.unitId)} keep={unit.parentId ?? undefined} />
                  </select>
                </div>
                <button type="submit" className="button button-quiet" disabled={busy}>
                  {t('units.move.submit')}
                </button>
              </Form>
              <Form method="post" className="inline-form" preventScrollReset>
                <input type="hidden" name="intent" value={unit.retired ? 'reinstate' : 'retire'} />
                <input type="hidden" name="unitId" value={unit.unitId} />
                <input type="hidden" name="version" value={unit.version} />
                {unit.retired ? null : <p className="hint">{t('units.retire.hint')}</p>}
                <button type="submit" className="button button-quiet" disabled={busy}>
                  {unit.retired ? t('units.reinstate.submit') : t('units.retire.submit')}
                </button>
              </Form>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}

export function ErrorBoundary() {
  return <AreaError />;
}
