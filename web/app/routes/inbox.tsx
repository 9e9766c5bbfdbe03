import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ProblemNotice } from '../components/notice';
import { AreaError } from '../components/area-error';
import { translate, useLang, useT } from '../i18n';
import { toApiProblem } from '../lib/api-problem';
import { formatDateTime } from '../lib/format';
import { readForm } from '../lib/form.server';
import { pageTitle } from '../lib/page-title';
import { safeRedirectPath } from '../lib/redirect';
import { formText, requireCapability, throwApiError } from '../lib/respond.server';

/** The inbox: one's notifications, newest first; open one (marks it read), mark read, mark all read. */

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'inbox.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCapability(request, context, 'inbox', 'inbox.forbidden');
  const cursor = new URL(request.url).searchParams.get('cursor') ?? '';
  const { data, error, response } = await context.api.GET('/me/notifications', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } });
  if (!data) throwApiError(error, response.status);
  return { lang: context.lang, inbox: data, paged: Boolean(cursor) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const intent = formText(form, 'intent');
  const id = formText(form, 'id');
  const body = intent === 'readAll' ? { all: true } : { ids: id ? [id] : [] };
  const { data, error, response } = await context.api.POST('/me/notifications/read', { body });
  if (!data) return { problem: toApiProblem(error, response.status, translate(context.lang, 'error.generic.textNoId')) };
  // Opening a notification marks it read and goes where it points.
  if (intent === 'open') return redirect(safeRedirectPath(form.get('link'), '/inbox'));
  return { problem: null };
}

export default function Inbox() {
  const { inbox, paged } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  const t = useT();
  const lang = useLang();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('inbox.title')}</h1>
          <p className="lead">{t('inbox.lead')}</p>
        </div>
        <p className="button-row">
          <Link to="/me/notifications" className="button button-quiet">
            {t('inbox.settings')}
          </Link>
        </p>
      </header>
      <ProblemNotice problem={result?.problem} />
      <section className="card inbox-summary">
        <p data-testid="inbox-unread">{inbox.unreadCount > 0 ? t('inbox.unread', { count: inbox.unreadCount }) : t('inbox.allRead')}</p>
        {inbox.unreadCount > 0 ? (
          <Form method="post" replace>
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="button button-quiet button-small" disabled={busy}>
              {t('inbox.markAll')}
            </button>
          </Form>
        ) : null}
      </section>
      {inbox.items.length === 0 ? (
        <p className="card">{t('inbox.empty')}</p>
      ) : (
        <ul className="inbox-list">
          {inbox.items.map((item) => (
            <li key={item.notificationId} className={item.readAt ? 'card inbox-item' : 'card inbox-item inbox-unread'} data-testid="inbox-item">
              <div className="inbox-head">
                <h2 className="inbox-title">
                  {item.readAt ? null : <span className="badge badge-down">{t('inbox.new')}</span>} {item.title}
                </h2>
                <time className="hint" dateTime={item.createdAt}>
                  {formatDateTime(item.createdAt, lang)}
                </time>
              </div>
              {item.body ? <p>{item.body}</p> : null}
              {item.lines.length > 0 ? (
                <ul className="inbox-lines">
                  {item.lines.map((line, index) => (
                    <li key={index}>{line.link ? <Link to={line.link}>{line.text}</Link> : line.text}</li>
                  ))}
                </ul>
              ) : null}
              <div className="button-row">
                {item.link ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="open" />
                    <input type="hidden" name="id" value={item.notificationId} />
                    <input type="hidden" name="link" value={item.link} />
                    <button type="submit" className="button button-primary button-small" disabled={busy}>
                      {t('inbox.open')}
                    </button>
                  </Form>
                ) : null}
                {item.readAt ? null : (
                  <Form method="post" replace>
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={item.notificationId} />
                    <button type="submit" className="button button-quiet button-small" disabled={busy}>
                      {t('inbox.markRead')}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {inbox.cursor || paged ? (
        <p className="button-row">
          {paged ? (
            <Link to="/inbox" className="button button-quiet">
              {t('inbox.title')}
            </Link>
          ) : null}
          {inbox.cursor ? (
            <Link to={`/inbox?cursor=${encodeURIComponent(inbox.cursor)}`} className="button button-quiet">
              {t('inbox.more')}
            </Link>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <AreaError forbiddenHint="inbox.forbidden" />;
}
