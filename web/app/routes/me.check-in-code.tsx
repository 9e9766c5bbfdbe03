import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { MetaFunction } from '@remix-run/react';
import { Link, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';
import { BackLink } from '../components/back-link';
import { QrCode } from '../components/qr-code';
import { useT } from '../i18n';
import { pageTitle } from '../lib/page-title';
import { requireCapability, throwApiError } from '../lib/respond.server';
import { groupDigits } from '../lib/sessions-member';
import styles from '../styles/sessions.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data, 'sessions.personal.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCapability(request, context, 'attendSessions', 'sessions.forbidden');
  const { data, error, response } = await context.api.GET('/me/check-in-code');
  if (!data) throwApiError(error, response.status);
  // How long this code lasts, by the server's clock (the phone's own clock may be off by minutes).
  const validForMs = Math.max(1000, Date.parse(data.windowEndsAt) - Date.parse(data.serverTime));
  return { lang: context.lang, code: data, validForMs };
}

/** The page asks for the next code when this one's window ends; without JavaScript, a link does it. */
export default function PersonalCode() {
  const { code, validForMs } = useLoaderData<typeof loader>();
  const t = useT();
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setTimeout(() => {
      if (document.visibilityState === 'visible') revalidator.revalidate();
    }, validForMs + 200);
    const onVisible = () => {
      if (document.visibilityState === 'visible') revalidator.revalidate();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
    // A new code (a new token) starts a new timer.
  }, [code.token, validForMs, revalidator]);
  return (
    <div className="page narrow-page personal-code-page">
      <BackLink to="/sessions">{t('sessions.back')}</BackLink>
      <section className="card personal-code" aria-labelledby="personal-heading">
        <h1 id="personal-heading">{t('sessions.personal.title')}</h1>
        <p className="lead">{t('sessions.personal.lead')}</p>
        <p className="personal-name">{code.name}</p>
        <div className="personal-qr" data-testid="personal-qr">
          <QrCode value={code.token} label={t('sessions.personal.qrLabel', { name: code.name })} size={280} />
        </div>
        <p className="personal-digits" data-testid="personal-digits" aria-label={t('sessions.personal.digitsLabel', { code: code.code.split('').join(' ') })}>
          {groupDigits(code.code)}
        </p>
        <p className="hint">{t('sessions.personal.changes')}</p>
        <p>
          <Link to="/me/check-in-code" className="button button-quiet button-block" reloadDocument data-testid="personal-refresh">
            {t('sessions.personal.refresh')}
          </Link>
        </p>
      </section>
    </div>
  );
}
