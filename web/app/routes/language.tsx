import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import { isLang } from '../../../functions/shared/constants';
import { readForm } from '../lib/form.server';
import { safeRedirectPath } from '../lib/redirect';
import { throwApiError } from '../lib/respond.server';
import { translate } from '../i18n';

/** The language switch's form posts here; the API remembers the choice in a cookie, then we go back. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const lang = form.get('lang');
  const back = safeRedirectPath(form.get('redirectTo'));
  if (!isLang(lang)) throwApiError({ error: { code: 'VALIDATION', message: translate(context.lang, 'error.unreadableForm') } }, 400);
  const { error, response } = await context.api.PUT('/preferences/language', { body: { lang } });
  if (error) throwApiError(error, response.status);
  return redirect(back);
}

export function loader() {
  return redirect('/');
}

/**
 * Never shown (the action and the loader both redirect), but it makes this a page route: a refusal, such as a body
 * that is not a form, then renders the error page in the person's language instead of a bare JSON answer.
 */
export default function Redirecting() {
  return null;
}
