import { redirect } from '@remix-run/server-runtime';
import type { AppLoadContext } from '@remix-run/server-runtime';
import type { Me } from './me';

/** The signed-in person, or null. */
export async function getOptionalMe(context: AppLoadContext): Promise<Me | null> {
  const { data } = await context.api.GET('/me');
  return data ?? null;
}

/**
 * The signed-in person for a page that needs one: otherwise off to the sign-in page (and back afterwards). A person
 * who must change their password is sent to do that first.
 */
export async function requireMe(request: Request, context: AppLoadContext): Promise<Me> {
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  const { data, response } = await context.api.GET('/me');
  if (!data) {
    if (response.status === 401) throw redirect(`/login?redirectTo=${encodeURIComponent(here)}`);
    throw new Response(null, { status: response.status });
  }
  if (data.mustChangePassword && url.pathname !== '/me/password') {
    throw redirect(`/me/password?redirectTo=${encodeURIComponent(here)}`);
  }
  return data;
}
