import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import { isLang } from '../../../functions/platform/i18n';
import { safeRedirectPath } from '../lib/redirect';

/** The language switch's form posts here; the API remembers the choice in a cookie, then we go back. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get('lang');
  const back = safeRedirectPath(form.get('redirectTo'));
  if (!isLang(lang)) throw new Response(null, { status: 400 });
  const { error } = await context.api.PUT('/preferences/language', { body: { lang } });
  if (error) throw new Response(JSON.stringify(error), { status: 400 });
  return redirect(back);
}

export function loader() {
  return redirect('/');
}
