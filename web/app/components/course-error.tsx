import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { useT } from '../i18n';

/**
 * The error boundary of the learning pages: the API's own words when it refused (already in the user's language),
 * a way back to the learning home, and never a stack trace.
 */
export function CourseError() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const apiMessage = isRouteErrorResponse(error) ? (error.data as { error?: { message?: string } } | null)?.error?.message : undefined;
  let title = t('error.title');
  let text = t('error.generic.textNoId');
  if (status === 404) {
    title = t('learn.error.notFoundTitle');
    text = apiMessage ?? t('learn.error.notFoundText');
  } else if (status === 403) {
    title = t('learn.error.forbiddenTitle');
    text = apiMessage ?? t('learn.error.forbiddenText');
  } else if (status < 500) {
    title = t('error.status.title', { status });
    text = apiMessage ?? text;
  }
  return (
    <section className="page error-page" data-testid={`error-${status}`}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p className="button-row">
        <Link to="/learn" className="button button-primary">
          {t('learn.error.backToLearn')}
        </Link>
        <Link to="/" className="button button-quiet">
          {t('error.backHome')}
        </Link>
      </p>
    </section>
  );
}
