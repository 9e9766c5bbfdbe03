import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FieldError, Notice, ProblemNotice } from '../components/notice';
import { AreaError } from '../components/area-error';
import { translate, useT, type MessageKey } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import type { components, paths } from '../lib/api-types';
import { readForm } from '../lib/form.server';
import { pageTitle } from '../lib/page-title';
import { formText, requireCapability, throwApiError } from '../lib/respond.server';

/** What one is reminded of: kinds to mute (never what needs an answer), and e-mail with an address. */

type Kind = components['schemas']['NotificationSettings']['kinds'][number]['kind'];
type Mutable = paths['/me/notification-settings']['put']['requestBody']['content']['application/json']['muted'][number];

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'notifySettings.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCapability(request, context, 'inbox', 'inbox.forbidden');
  const { data, error, response } = await context.api.GET('/me/notifications', { params: { query: { limit: 1 } } });
  if (!data) throwApiError(error, response.status);
  return { lang: context.lang, settings: data.settings };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { data } = await context.api.GET('/me/notifications', { params: { query: { limit: 1 } } });
  const mutable = (data?.settings.kinds ?? []).filter((kind) => kind.mutable).map((kind) => kind.kind as Mutable);
  // A box ticked means "remind me": the kinds left unticked are the ones muted.
  const reminded = new Set(form.getAll('remind').map(String));
  const body = {
    muted: mutable.filter((kind) => !reminded.has(kind)),
    email: form.get('email') === 'on',
    emailAddress: formText(form, 'emailAddress') || null,
  };
  const saved = await context.api.PUT('/me/notification-settings', { body });
  if (saved.data) return { problem: null, saved: true, typed: null };
  return { problem: toApiProblem(saved.error, saved.response.status, translate(context.lang, 'error.generic.textNoId')), saved: false, typed: body };
}

export default function NotificationSettings() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const t = useT();
  const shown = result?.typed ?? settings;
  const muted = new Set<string>(shown.muted);
  const kindLabel = (kind: Kind) => t(`inbox.kind.${kind}` as MessageKey);
  const group = (channel: 'digest' | 'event') => settings.kinds.filter((kind) => kind.channel === channel && kind.kind !== 'digest');
  return (
    <div className="page narrow-page">
      <section className="card form-card">
        <h1>{t('notifySettings.title')}</h1>
        <p className="hint">{t('notifySettings.lead')}</p>
        {result?.saved ? <Notice kind="ok">{t('notifySettings.saved')}</Notice> : null}
        <ProblemNotice problem={result?.problem} />
        <Form method="post" className="form">
          {(['digest', 'event'] as const).map((channel) => (
            <fieldset key={channel} className="fieldset">
              <legend>{t(channel === 'digest' ? 'notifySettings.reminders' : 'notifySettings.events')}</legend>
              {group(channel).map(({ kind, mutable }) =>
                mutable ? (
                  <label key={kind} className="check-row">
                    <input type="checkbox" name="remind" value={kind} defaultChecked={!muted.has(kind)} />
                    <span>{kindLabel(kind)}</span>
                  </label>
                ) : (
                  <p key={kind} className="check-row">
                    <input type="checkbox" checked disabled aria-label={`${kindLabel(kind)}: ${t('notifySettings.alwaysOn')}`} readOnly />
                    <span>
                      {kindLabel(kind)} <span className="hint">（{t('notifySettings.alwaysOn')}）</span>
                    </span>
                  </p>
                ),
              )}
              {channel === 'event' ? <p className="hint">{t('notifySettings.always')}</p> : null}
            </fieldset>
          ))}
          <fieldset className="fieldset">
            <legend>{t('notifySettings.email')}</legend>
            <label className="check-row">
              <input type="checkbox" name="email" defaultChecked={shown.email} />
              <span>{t('notifySettings.emailOn')}</span>
            </label>
            <div className="field">
              <label htmlFor="ns-address">{t('notifySettings.emailAddress')}</label>
              <input id="ns-address" name="emailAddress" type="email" className="input" maxLength={254} autoComplete="email" defaultValue={shown.emailAddress ?? ''} aria-describedby="ns-address-hint ns-address-error" />
              <p id="ns-address-hint" className="hint">
                {t('notifySettings.emailHint')}
              </p>
              <FieldError problem={result?.problem} field="emailAddress" id="ns-address-error" />
            </div>
          </fieldset>
          <p className="button-row">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('notifySettings.save')}
            </button>
            <Link to="/inbox" className="button button-quiet">
              {t('inbox.title')}
            </Link>
          </p>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="inbox.forbidden" />;
}
