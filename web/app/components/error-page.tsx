import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';

/** What a thrown route error says: its status, and the API's own message when it refused (already translated). */
export function useRouteProblem(): { status: number; apiMessage: string | undefined } {
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) return { status: 500, apiMessage: undefined };
  return { status: error.status, apiMessage: (error.data as { error?: { message?: string } } | null)?.error?.message };
}

export interface ErrorTexts {
  title: MessageKey;
  text: MessageKey;
  /** Prefer the API's message over `text` when it gave one. */
  preferApi?: boolean;
  /** A further line under the text. */
  hint?: MessageKey;
}

/**
 * An area's error boundary: its own words for a refusal (403) and for something missing (404), the API's words for
 * other 4xx, a calm sentence for anything else — never a stack trace — and the ways on it names.
 */
export function ErrorPage({ forbidden, notFound, links, className }: { forbidden: ErrorTexts; notFound: ErrorTexts; links: { to: string; label: MessageKey }[]; className?: string }) {
  const { status, apiMessage } = useRouteProblem();
  const t = useT();
  let title = t('error.title');
  let texts = [t('error.generic.textNoId')];
  const pick = (texts: ErrorTexts) => [texts.preferApi ? (apiMessage ?? t(texts.text)) : t(texts.text), ...(texts.hint ? [t(texts.hint)] : [])];
  if (status === 403) {
    title = t(forbidden.title);
    texts = pick(forbidden);
  } else if (status === 404) {
    title = t(notFound.title);
    texts = pick(notFound);
  } else if (status < 500) {
    title = t('error.status.title', { status });
    texts = [apiMessage ?? t('error.generic.textNoId')];
  }
  return (
    <section className={`page error-page${className ? ` ${className}` : ''}`} data-testid={`error-${status}`}>
      <h1>{title}</h1>
      {texts.map((text) => (
        <p key={text}>{text}</p>
      ))}
      <p className="button-row">
        {links.map((link, i) => (
          <Link key={link.to} to={link.to} className={i === 0 ? 'button button-primary' : 'button button-quiet'}>
            {t(link.label)}
          </Link>
        ))}
      </p>
    </section>
  );
}
