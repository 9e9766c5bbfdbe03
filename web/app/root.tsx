import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from '@remix-run/react';
import { useEffect, type ReactNode } from 'react';
import { AppShell } from './components/app-shell';
import { translate, useLang, useMessagesFor, useT, type MessageKey } from './i18n';
import { useNonce } from './lib/nonce';
import { pageTitle } from './lib/page-title';
import { getOptionalMe } from './lib/session.server';
import styles from './styles/app.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

/** An error that reaches the root (an address no route claims, a failed root loader) still gives the page a title. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  { name: 'theme-color', content: '#C8161D' },
  ...(error ? pageTitle(data, 'error.title', data ? translate(data.lang, ...errorTitle(error)) : undefined) : []),
];

/** The heading of the root's error page, as a message key and its parameters. */
function errorTitle(error: unknown): [MessageKey, Record<string, number>] {
  if (isRouteErrorResponse(error) && error.status === 404) return ['error.notFound.title', {}];
  if (isRouteErrorResponse(error) && error.status < 500) return ['error.status.title', { status: error.status }];
  return ['error.title', {}];
}

export async function loader({ context }: LoaderFunctionArgs) {
  return { lang: context.lang, me: await getOptionalMe(context) };
}

export function Layout({ children }: { children: ReactNode }) {
  const lang = useLang();
  useMessagesFor(lang);
  const nonce = useNonce();
  // Says the document is interactive (hydrated): browser tests wait for it before typing, as a person's first tap
  // cannot be told apart from a script's; nothing of the app reads it.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}

/** Errors in the user's language: a 404 says so; anything else never shows a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const title = t(...errorTitle(error));
  let text = t('error.generic.textNoId');
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      text = t('error.notFound.text');
    } else if (error.status < 500) {
      const message = (error.data as { error?: { message?: string } } | undefined)?.error?.message;
      if (message) text = message;
    }
  }
  return (
    <AppShell>
      <section className="page error-page">
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <Link to="/" className="button button-primary">
            {t('error.backHome')}
          </Link>
        </p>
      </section>
    </AppShell>
  );
}
