import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { FieldError, Notice, ProblemNotice } from '../components/notice';
import { QrCode } from '../components/qr-code';
import { translate, useT } from '../i18n';
import { toApiProblem, type ApiProblem } from '../lib/api-problem';
import { readForm } from '../lib/form.server';
import { formatDate, formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { indentedName } from '../lib/people-labels';
import { formText, requireCapability, throwApiError } from '../lib/respond.server';
import styles from '../styles/honours.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'displayLinks.title');

/**
 * Links for the service hall's TV: make one (label, units, days), see its address once with a copy button and a QR
 * code, list them (never the secret) and revoke. The address is the action's answer, so a reload does not show it.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCapability(request, context, 'manageDisplayLinks', 'admin.displayLinks.forbidden');
  const [linksAnswer, units] = await Promise.all([context.api.GET('/display-links'), context.api.GET('/units')]);
  if (!linksAnswer.data) throwApiError(linksAnswer.error, linksAnswer.response.status);
  if (!units.data) throwApiError(units.error, units.response.status);
  return { lang: context.lang, links: linksAnswer.data.items, units: units.data.items.filter((unit) => !unit.retired) };
}

type Outcome =
  | { intent: 'create'; ok: true; address: string; label: string }
  | { intent: 'create'; ok: false; problem: ApiProblem; values: { label: string; unitIds: string[]; days: string } }
  | { intent: 'revoke'; ok: boolean; label?: string; problem?: ApiProblem };

export async function action({ request, context }: ActionFunctionArgs): Promise<Outcome> {
  const form = await readForm(request, context);
  const fallback = translate(context.lang, 'error.generic.textNoId');
  const intent = formText(form, 'intent');
  if (intent === 'create') {
    const label = formText(form, 'label');
    const unitIds = form.getAll('unitIds').filter((v): v is string => typeof v === 'string').slice(0, 50);
    const daysText = formText(form, 'days');
    const days = Number(daysText);
    const { data, error, response } = await context.api.POST('/display-links', { body: { label, unitIds, days: Number.isInteger(days) ? days : 0 } });
    if (!data) return { intent, ok: false, problem: toApiProblem(error, response.status, fallback), values: { label, unitIds, days: daysText } };
    return { intent, ok: true, address: new URL(data.path, request.url).toString(), label: data.link.label };
  }
  if (intent === 'revoke') {
    const linkId = formText(form, 'linkId');
    const { data, error, response } = await context.api.POST('/display-links/{linkId}/revoke', { params: { path: { linkId } } });
    if (!data) return { intent, ok: false, problem: toApiProblem(error, response.status, fallback) };
    return { intent, ok: true, label: data.label };
  }
  throw new Response(null, { status: 400 });
}

export default function DisplayLinks() {
  const { links, units, lang } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const failed = result?.intent === 'create' && !result.ok ? result : null;
  const chosen = new Set(failed?.values.unitIds ?? []);
  return (
    <div className="page">
      <BackLink to="/admin">{t('admin.back')}</BackLink>
      <header>
        <h1>{t('displayLinks.title')}</h1>
        <p className="lead">{t('displayLinks.lead')}</p>
      </header>

      {result?.intent === 'create' && result.ok ? <MadeLink address={result.address} /> : null}
      {result?.intent === 'revoke' ? (
        result.ok ? (
          <Notice kind="ok" testId="display-link-revoked">
            <p>{t('displayLinks.revoked', { label: result.label ?? '' })}</p>
          </Notice>
        ) : (
          <ProblemNotice problem={result.problem} />
        )
      ) : null}

      <section className="card" aria-labelledby="display-link-create">
        <h2 id="display-link-create">{t('displayLinks.create')}</h2>
        <ProblemNotice problem={failed?.problem} />
        <Form method="post" className="form form-grid" key={result?.intent === 'create' && result.ok ? result.address : 'create'}>
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <label htmlFor="display-label">{t('displayLinks.label')}</label>
            <input id="display-label" name="label" className="input" required maxLength={60} autoComplete="off" placeholder={t('displayLinks.labelHint')} defaultValue={failed?.values.label ?? ''} />
            <FieldError problem={failed?.problem} field="label" />
          </div>
          <div className="field">
            <label htmlFor="display-days">{t('displayLinks.days')}</label>
            <input id="display-days" name="days" className="input field-short" type="number" inputMode="numeric" min={1} max={365} required defaultValue={failed?.values.days ?? '180'} />
            <FieldError problem={failed?.problem} field="days" />
          </div>
          <fieldset className="fieldset form-grid-wide">
            <legend>{t('displayLinks.units')}</legend>
            <p className="hint">{t('displayLinks.unitsHint')}</p>
            <div className="unit-checks">
              {units.map((unit) => (
                <label key={unit.unitId}>
                  <input type="checkbox" name="unitIds" value={unit.unitId} defaultChecked={chosen.has(unit.unitId)} />
                  <span>{indentedName(unit)}</span>
                </label>
              ))}
            </div>
            <FieldError problem={failed?.problem} field="unitIds" />
          </fieldset>
          <div className="button-row form-grid-wide">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('displayLinks.submit')}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="display-link-list">
        <h2 id="display-link-list">{t('displayLinks.list')}</h2>
        {links.length === 0 ? (
          <p className="card empty-state">{t('displayLinks.empty')}</p>
        ) : (
          <ul className="honour-list">
            {links.map((link) => (
              <li key={link.linkId} className="card display-link-item" data-testid="display-link">
                <div className="badge-row">
                  <strong>{link.label}</strong>
                  <span className={`badge ${link.status === 'active' ? 'badge-ok' : 'badge-muted'}`}>{t(`displayLinks.status.${link.status}`)}</span>
                </div>
                <span>{link.units.map((unit) => unit.name).join('、')}</span>
                <span className="hint">
                  {t('displayLinks.createdBy', { name: link.createdByName, date: formatDate(link.createdAt, lang) })} · {t('displayLinks.validUntil', { date: formatDate(link.validUntil, lang) })} ·{' '}
                  {link.lastSeenAt ? t('displayLinks.lastSeen', { time: formatDateTime(link.lastSeenAt, lang) }) : t('displayLinks.neverSeen')}
                </span>
                {link.status === 'active' ? (
                  <Form method="post" preventScrollReset>
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="linkId" value={link.linkId} />
                    <button type="submit" className="button button-quiet" disabled={busy}>
                      {t('displayLinks.revoke')}
                      <span className="visually-hidden">{link.label}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The address, shown this once: selectable text (works without JS), a copy button, and a QR code. */
function MadeLink({ address }: { address: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <Notice kind="ok" testId="display-link-made">
      <p>{t('displayLinks.made')}</p>
      <div className="display-link-made">
        <QrCode value={address} label={t('displayLinks.qr')} size={192} />
        <div>
          <p>{t('displayLinks.address')}</p>
          <p className="display-link-address" data-testid="display-link-address">
            {address}
          </p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              void navigator.clipboard?.writeText(address).then(() => setCopied(true));
            }}
          >
            {copied ? t('displayLinks.copied') : t('displayLinks.copy')}
          </button>
        </div>
      </div>
    </Notice>
  );
}

export function ErrorBoundary() {
  return <AreaError />;
}
