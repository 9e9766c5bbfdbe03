import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { FieldError, Notice, ProblemNotice } from '../components/notice';
import { UploadField } from '../components/upload-field';
import { translate, useT } from '../i18n';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { formatDate } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { formText, throwApiError } from '../lib/respond.server';
import { requireMe } from '../lib/session.server';
import styles from '../styles/honours.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'honours.title');

/**
 * Quarterly honours: the roll of decided honours for everyone; for those the API lets nominate, a form (the people
 * and units offered are those the API lists for them); for those it lets decide, the nominations waiting, each with
 * award and decline. The page decides nothing about roles: it shows what `may` says.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMe(request, context);
  const honours = await context.api.GET('/honours');
  if (!honours.data) throwApiError(honours.error, honours.response.status);
  let nominees: { people: { personId: string; name: string; unitName: string }[]; units: { unitId: string; name: string }[] } = { people: [], units: [] };
  if (honours.data.may.nominate) {
    const [people, units] = await Promise.all([context.api.GET('/people', { params: { query: { limit: 200 } } }), context.api.GET('/units')]);
    const reached = people.data?.items ?? [];
    const unitIds = new Set(reached.map((person) => person.unitId));
    nominees = {
      people: reached.map((person) => ({ personId: person.personId, name: person.name, unitName: person.unitName ?? '' })),
      // Windows are nominated by the unit they sit in: the units where the people within reach work.
      units: (units.data?.items ?? []).filter((unit) => unitIds.has(unit.unitId) && !unit.retired).map((unit) => ({ unitId: unit.unitId, name: unit.name })),
    };
  }
  return { lang: context.lang, ...honours.data, nominees };
}

type Outcome =
  | { intent: 'nominate'; ok: true; name: string; typeName: string }
  | { intent: 'nominate'; ok: false; problem: ApiProblem; values: Record<string, string> }
  | { intent: 'decide'; honourId: string; ok: true; state: string; name: string; typeName: string }
  | { intent: 'decide'; honourId: string; ok: false; problem: ApiProblem };

export async function action({ request, context }: ActionFunctionArgs): Promise<Outcome> {
  const form = await readForm(request, context);
  const fallback = translate(context.lang, 'error.generic.textNoId');
  const intent = formText(form, 'intent');
  if (intent === 'nominate') {
    const values = Object.fromEntries(['quarter', 'honourType', 'unitId', 'windowName', 'personId', 'reason'].map((name) => [name, formText(form, name)]));
    const kind = formText(form, 'nomineeKind');
    // Evidence is optional: a photo and a PDF the browser uploaded and the API checked (never a condition).
    const evidence = [
      ...(formText(form, 'evidencePhotoUploadId') ? [{ uploadId: formText(form, 'evidencePhotoUploadId'), kind: 'photo' as const }] : []),
      ...(formText(form, 'evidencePdfUploadId') ? [{ uploadId: formText(form, 'evidencePdfUploadId'), kind: 'pdf' as const }] : []),
    ];
    const body = {
      evidence,
      quarter: values.quarter!,
      honourType: values.honourType as 'redFlagWindow',
      reason: values.reason!,
      ...(kind === 'window' ? { unitId: values.unitId || undefined, windowName: values.windowName || undefined } : { personId: values.personId || undefined }),
    };
    const { data, error, response } = await context.api.POST('/honours', { body });
    if (!data) return { intent, ok: false, problem: toApiProblem(error, response.status, fallback), values };
    return { intent, ok: true, name: data.name, typeName: data.typeName };
  }
  if (intent === 'decide') {
    const honourId = formText(form, 'honourId');
    const outcome = formText(form, 'outcome') === 'award' ? 'award' : 'decline';
    const { data, error, response } = await context.api.POST('/honours/{honourId}/decision', { params: { path: { honourId } }, body: { outcome, note: formText(form, 'note') } });
    if (!data) return { intent, honourId, ok: false, problem: toApiProblem(error, response.status, fallback) };
    return { intent, honourId, ok: true, state: data.state, name: data.name, typeName: data.typeName };
  }
  throw new Response(null, { status: 400 });
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>['items'][number];

function quarterLabel(t: ReturnType<typeof useT>, quarter: string) {
  return t('honours.quarter', { year: quarter.slice(0, 4), q: quarter.slice(6) });
}

export default function Honours() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const awarded = data.items.filter((item) => item.state === 'awarded');
  const waiting = data.items.filter((item) => item.state === 'nominated');
  const declined = data.items.filter((item) => item.state === 'declined');
  return (
    <div className="page">
      <header>
        <h1>{t('honours.title')}</h1>
        <p className="lead">{t('honours.lead')}</p>
      </header>

      {data.quarters.map((quarter) => {
        const cards = awarded.filter((item) => item.quarter === quarter);
        return (
          <section key={quarter} className="honour-quarter" aria-labelledby={`roll-${quarter}`}>
            <h2 id={`roll-${quarter}`}>
              {quarterLabel(t, quarter)} · {t('honours.roll')}
            </h2>
            {cards.length === 0 ? (
              <p className="card empty-state">{t('honours.roll.empty')}</p>
            ) : (
              <ul className="honour-roll" data-testid="honour-roll">
                {cards.map((item) => (
                  <li key={item.honourId} className="card honour-card">
                    <span className="honour-type">{item.typeName}</span>
                    <p className="honour-name">{item.name}</p>
                    <span className="honour-unit">
                      {t(item.nomineeKind === 'window' ? 'honours.window' : 'honours.person')} · {item.unitName}
                    </span>
                    <p className="honour-reason">{item.reason}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}

      {result?.intent === 'decide' && result.ok ? (
        <Notice kind="ok" testId="honour-decided">
          <p>{t(result.state === 'awarded' ? 'honours.decide.done.awarded' : 'honours.decide.done.declined', { name: result.name, type: result.typeName })}</p>
        </Notice>
      ) : null}

      {waiting.length > 0 || data.items.some((item) => item.may.decide) ? (
        <section aria-labelledby="honours-waiting">
          <h2 id="honours-waiting">{t('honours.waiting')}</h2>
          <ul className="honour-list">
            {waiting.map((item) => (
              <WaitingItem key={item.honourId} item={item} result={result?.intent === 'decide' && result.honourId === item.honourId && !result.ok ? result.problem : null} />
            ))}
          </ul>
        </section>
      ) : null}

      {data.may.nominate ? <NominateForm /> : null}

      {declined.length > 0 ? (
        <section aria-labelledby="honours-declined">
          <h2 id="honours-declined">{t('honours.declined')}</h2>
          <ul className="honour-list">
            {declined.map((item) => (
              <li key={item.honourId} className="card">
                <strong>{item.typeName}</strong> · {item.name} · {quarterLabel(t, item.quarter)}
                {item.decisionNote ? <p className="hint">{t('honours.note', { note: item.decisionNote })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function WaitingItem({ item, result }: { item: Item; result: ApiProblem | null }) {
  const t = useT();
  const { lang } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === 'submitting';
  return (
    <li className="card" data-testid="honour-waiting">
      <p>
        <span className="badge badge-gold">{item.typeName}</span> <strong>{item.name}</strong> · {item.unitName} · {quarterLabel(t, item.quarter)}
      </p>
      <p className="honour-reason">{item.reason}</p>
      <p className="hint">
        {item.nominatedByName ? t('honours.nominatedBy', { name: item.nominatedByName }) : null} · {formatDate(item.nominatedAt, lang)}
      </p>
      {item.evidence.length > 0 ? (
        <p>
          {t('honours.evidence')}:{' '}
          {item.evidence.map((file) => (
            <a key={file.url} href={file.url} target="_blank" rel="noreferrer">
              {file.fileName}{' '}
            </a>
          ))}
        </p>
      ) : null}
      {item.may.decide ? (
        <Form method="post" className="honour-decide" preventScrollReset>
          <ProblemNotice problem={result} />
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="honourId" value={item.honourId} />
          <div className="field">
            <label htmlFor={`note-${item.honourId}`}>{t('honours.decide.note')}</label>
            <input id={`note-${item.honourId}`} name="note" className="input" maxLength={300} autoComplete="off" />
          </div>
          <button type="submit" name="outcome" value="award" className="button button-primary" disabled={busy}>
            {t('honours.decide.award')}
          </button>
          <button type="submit" name="outcome" value="decline" className="button button-quiet" disabled={busy}>
            {t('honours.decide.decline')}
          </button>
        </Form>
      ) : (
        <span className="badge badge-muted">{t('honours.state.nominated')}</span>
      )}
    </li>
  );
}

function NominateForm() {
  const { quarters, types, nominees } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const failed = result?.intent === 'nominate' && !result.ok ? result : null;
  const values = failed?.values ?? {};
  const windowTypes = types.filter((type) => type.nominee === 'window');
  const personTypes = types.filter((type) => type.nominee === 'person');
  const typeOptions = (list: typeof types) =>
    list.map((type) => (
      <option key={type.code} value={type.code}>
        {type.name}
      </option>
    ));
  const quarterSelect = (id: string) => (
    <div className="field">
      <label htmlFor={id}>{t('honours.nominate.quarter')}</label>
      <select id={id} name="quarter" className="select" defaultValue={values.quarter || quarters[0]}>
        {quarters.map((quarter) => (
          <option key={quarter} value={quarter}>
            {quarterLabel(t, quarter)}
          </option>
        ))}
      </select>
    </div>
  );
  const reasonField = (id: string) => (
    <div className="field form-grid-wide">
      <label htmlFor={id}>{t('honours.nominate.reason')}</label>
      <textarea id={id} name="reason" className="textarea" required maxLength={500} rows={4} defaultValue={values.reason ?? ''} aria-describedby={`${id}-hint`} />
      <p className="hint" id={`${id}-hint`}>
        {t('honours.nominate.reasonHint')}
      </p>
      <FieldError problem={failed?.problem} field="reason" />
      <UploadField id={`${id}-photo`} purpose="cover" name="evidencePhotoUploadId" label={t('honours.nominate.photo')} />
      <UploadField id={`${id}-pdf`} purpose="pdf" name="evidencePdfUploadId" label={t('honours.nominate.pdf')} />
      <FieldError problem={failed?.problem} field="evidence" />
    </div>
  );
  return (
    <section className="card" aria-labelledby="honours-nominate" id="nominate">
      <h2 id="honours-nominate">{t('honours.nominate.title')}</h2>
      <p className="hint">{t('honours.nominate.lead')}</p>
      {result?.intent === 'nominate' && result.ok ? (
        <Notice kind="ok" testId="honour-nominated">
          <p>{t('honours.nominate.done', { name: result.name, type: result.typeName })}</p>
        </Notice>
      ) : null}
      <ProblemNotice problem={failed?.problem} />
      <h3>{t('honours.person')}</h3>
      <Form method="post" className="form form-grid" key={result?.intent === 'nominate' && result.ok ? `p-${result.name}` : 'person'}>
        <input type="hidden" name="intent" value="nominate" />
        <input type="hidden" name="nomineeKind" value="person" />
        <div className="field">
          <label htmlFor="nominate-person-type">{t('honours.nominate.type')}</label>
          <select id="nominate-person-type" name="honourType" className="select" defaultValue={values.honourType || personTypes[0]?.code}>
            {typeOptions(personTypes)}
          </select>
        </div>
        {quarterSelect('nominate-person-quarter')}
        <div className="field">
          <label htmlFor="nominate-person">{t('honours.nominate.person')}</label>
          <select id="nominate-person" name="personId" className="select" required defaultValue={values.personId ?? ''}>
            <option value="">{t('honours.nominate.choose')}</option>
            {nominees.people.map((person) => (
              <option key={person.personId} value={person.personId}>
                {person.name}
                {person.unitName ? ` · ${person.unitName}` : ''}
              </option>
            ))}
          </select>
          <FieldError problem={failed?.problem} field="personId" />
        </div>
        {reasonField('nominate-person-reason')}
        <div className="button-row form-grid-wide">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('honours.nominate.submit')}
          </button>
        </div>
      </Form>
      <h3>{t('honours.window')}</h3>
      <Form method="post" className="form form-grid" key={result?.intent === 'nominate' && result.ok ? `w-${result.name}` : 'window'}>
        <input type="hidden" name="intent" value="nominate" />
        <input type="hidden" name="nomineeKind" value="window" />
        <div className="field">
          <label htmlFor="nominate-window-type">{t('honours.nominate.type')}</label>
          <select id="nominate-window-type" name="honourType" className="select" defaultValue={windowTypes[0]?.code}>
            {typeOptions(windowTypes)}
          </select>
        </div>
        {quarterSelect('nominate-window-quarter')}
        <div className="field">
          <label htmlFor="nominate-unit">{t('honours.nominate.unit')}</label>
          <select id="nominate-unit" name="unitId" className="select" required defaultValue={values.unitId ?? ''}>
            <option value="">{t('honours.nominate.choose')}</option>
            {nominees.units.map((unit) => (
              <option key={unit.unitId} value={unit.unitId}>
                {unit.name}
              </option>
            ))}
          </select>
          <FieldError problem={failed?.problem} field="unitId" />
        </div>
        <div className="field">
          <label htmlFor="nominate-window-name">{t('honours.nominate.windowName')}</label>
          <input id="nominate-window-name" name="windowName" className="input" required maxLength={60} autoComplete="off" placeholder={t('honours.nominate.windowHint')} />
          <FieldError problem={failed?.problem} field="windowName" />
        </div>
        {reasonField('nominate-window-reason')}
        <div className="button-row form-grid-wide">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('honours.nominate.submit')}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <AreaError />;
}
