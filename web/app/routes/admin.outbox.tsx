import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { AreaError } from '../components/area-error';
import { BackLink } from '../components/back-link';
import { useLang, useT, type MessageKey } from '../i18n';
import { formatDateTime } from '../lib/format';
import { pageTitle } from '../lib/page-title';
import { requireCapability, throwApiError } from '../lib/respond.server';

/** The e-mail outbox (admins): what was sent through SES, or kept here when no mail service is configured. */

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'outbox.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCapability(request, context, 'readOutbox', 'outbox.forbidden');
  const cursor = new URL(request.url).searchParams.get('cursor') ?? '';
  const { data, error, response } = await context.api.GET('/admin/outbox', { params: { query: { limit: 30, ...(cursor ? { cursor } : {}) } } });
  if (!data) throwApiError(error, response.status);
  return { lang: context.lang, outbox: data };
}

export default function Outbox() {
  const { outbox } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="page">
      <BackLink to="/admin">{t('admin.back')}</BackLink>
      <header className="page-header">
        <div>
          <h1>{t('outbox.title')}</h1>
          <p className="lead">{t('outbox.lead')}</p>
        </div>
      </header>
      {outbox.items.length === 0 ? (
        <p className="card">{t('outbox.empty')}</p>
      ) : (
        <ul className="inbox-list">
          {outbox.items.map((mail) => (
            <li key={`${mail.personId}-${mail.notificationId}`} className="card inbox-item" data-testid="outbox-item">
              <div className="inbox-head">
                <h2 className="inbox-title">{mail.subject}</h2>
                <span className={mail.status === 'failed' ? 'badge badge-down' : mail.status === 'sent' ? 'badge badge-ok' : 'badge badge-muted'}>{t(`outbox.status.${mail.status}` as MessageKey)}</span>
              </div>
              <p className="hint">
                {t('outbox.to')}: {mail.to} · {t('outbox.queuedAt')}: {formatDateTime(mail.queuedAt, lang)}
              </p>
              <pre className="outbox-text">{mail.text}</pre>
              {mail.error ? <p className="field-error">{mail.error}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {outbox.cursor ? (
        <p className="button-row">
          <Link to={`/admin/outbox?cursor=${encodeURIComponent(outbox.cursor)}`} className="button button-quiet">
            {t('outbox.more')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="outbox.forbidden" />;
}
