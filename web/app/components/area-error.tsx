import type { MessageKey } from '../i18n';
import { ErrorPage } from './error-page';

/**
 * The error boundary of the people and admin pages: a refusal says plainly that the page is not for this person
 * and where to go instead; a missing person says so.
 */
export function AreaError({ forbiddenHint, notFoundTitle, notFoundText }: { forbiddenHint?: MessageKey; notFoundTitle?: MessageKey; notFoundText?: MessageKey }) {
  return (
    <ErrorPage
      className="area-error"
      forbidden={{ title: 'people.error.forbiddenTitle', text: 'people.error.forbiddenText', preferApi: true, ...(forbiddenHint ? { hint: forbiddenHint } : {}) }}
      notFound={{ title: notFoundTitle ?? 'error.notFound.title', text: notFoundText ?? 'error.notFound.text' }}
      links={[
        { to: '/', label: 'error.backHome' },
        { to: '/me', label: 'people.error.toMe' },
      ]}
    />
  );
}
