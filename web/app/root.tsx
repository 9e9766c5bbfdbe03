import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from '@remix-run/react';
import type { ReactNode } from 'react';
import { AppShell } from './components/app-shell';
import { useLang, useMessagesFor, useT } from './i18n';
import { useNonce } from './lib/nonce';
import { getOptionalMe } from './lib/session.server';
import styles from './styles/app.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [{ name: 'theme-color', content: '#C8161D' }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { lang: context.lang, me: await getOptionalMe(context) };
}

export function Layout({ children }: { children: ReactNode }) {
  const lang = useLang();
  useMessagesFor(lang);
  const nonce = useNonce();
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
  let title = t('error.title');
  let text = t('error.generic.textNoId');
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t('error.notFound.title');
      text = t('error.notFound.text');
    } else if (error.status < 500) {
      title = t('error.status.title', { status: error.status });
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
