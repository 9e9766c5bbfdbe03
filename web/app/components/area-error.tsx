import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';

/**
 * The error boundary of the people and admin pages: a refusal says plainly that the page is not for this person
 * and where to go instead; a missing person says so; anything else never shows a stack trace.
 */
export function AreaError({ forbiddenHint, notFoundTitle, notFoundText }: { forbiddenHint?: MessageKey; notFoundTitle?: MessageKey; notFoundText?: MessageKey }) {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const apiMessage = isRouteErrorResponse(error) ? (error.data as { error?: { message?: string } } | null)?.error?.message : undefined;
  let title = t('error.title');
  let texts: string[] = [t('error.generic.textNoId')];
  if (status === 403) {
    title = t('people.error.forbiddenTitle');
    texts = [apiMessage ?? t('people.error.forbiddenText'), ...(forbiddenHint ? [t(forbiddenHint)] : [])];
  } else if (status === 404) {
    title = t(notFoundTitle ?? 'error.notFound.title');
    texts = [t(notFoundText ?? 'error.notFound.text')];
  } else if (status < 500) {
    title = t('error.status.title', { status });
    texts = [apiMessage ?? t('error.generic.textNoId')];
  }
  return (
    <section className="page error-page area-error" data-testid={`error-${status}`}>
      <h1>{title}</h1>
      {texts.map((text) => (
        <p key={text}>{text}</p>
      ))}
      <p className="button-row">
        <Link to="/" className="button button-primary">
          {t('error.backHome')}
        </Link>
        <Link to="/me" className="button button-quiet">
          {t('people.error.toMe')}
        </Link>
      </p>
    </section>
  );
}
