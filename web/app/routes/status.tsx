import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, useLoaderData } from '@remix-run/react';
import { translate, useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { loadHealth } from '../lib/health.server';
import { requireCapability } from '../lib/respond.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.lang, 'status.title')} · ${translate(data.lang, 'app.name')}` : '党建学习' },
];

/** The system status is for those who run the platform: others are told so (403); visitors sign in first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCapability(request, context, 'administer', 'status.forbidden');
  return { lang: context.lang, health: await loadHealth(context.api) };
}

export default function Status() {
  const { health } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const rows = [
    { key: 'table', label: t('status.table'), check: health.checks.table },
    { key: 'bucket', label: t('status.bucket'), check: health.checks.bucket },
  ];
  return (
    <div className="page">
      <h1>{t('status.title')}</h1>
      <p className="lead">{t('status.lead')}</p>
      <dl className="facts">
        <div>
          <dt>{t('status.version')}</dt>
          <dd>{health.version}</dd>
        </div>
        <div>
          <dt>{t('status.checkedAt')}</dt>
          <dd>
            <time dateTime={health.time}>{formatDateTime(health.time, lang)}</time>
          </dd>
        </div>
      </dl>
      <ul className="check-list">
        {rows.map(({ key, label, check }) => (
          <li key={key} className="card check" data-testid={`check-${key}`}>
            <span className="check-label">{label}</span>
            <span className={check.ok ? 'badge badge-ok' : 'badge badge-down'}>{check.ok ? t('status.ok') : t('status.down')}</span>
            <span className="check-ms num">{t('status.ms', { ms: check.ms })}</span>
            {check.reason ? <span className="check-reason">{check.reason}</span> : null}
          </li>
        ))}
      </ul>
      <Form method="get">
        <button type="submit" className="button button-primary">
          {t('status.refresh')}
        </button>
      </Form>
    </div>
  );
}
