import type { ActionFunctionArgs } from '@remix-run/server-runtime';
import { redirect } from '@remix-run/server-runtime';
import { readForm } from '../lib/form.server';

/** Sign-out buttons post here: the API ends the session and clears the cookie (carried back), then to the sign-in page. */
export async function action({ request, context }: ActionFunctionArgs) {
  // The sign-out button sends an empty form; any other body is refused like every action's.
  await readForm(request, context);
  // A 401 means the session had already ended: the person is signed out either way.
  await context.api.POST('/auth/logout');
  return redirect('/login');
}

export function loader() {
  return redirect('/me');
}

/**
 * Never shown (the action and the loader both redirect), but it makes this a page route: a refusal, such as a body
 * that is not a form, then renders the error page in the person's language instead of a bare JSON answer.
 */
export default function Redirecting() {
  return null;
}
