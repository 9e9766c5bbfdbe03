import type { AppLoadContext } from '@remix-run/server-runtime';
import { translate } from '../i18n';
import { throwApiError } from './respond.server';

/** The body types a page's `<Form>` sends: the only ones an action reads. */
const formTypes = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * The submitted form of an action, or a 400 page in the person's language when the body is not a form it can read
 * (JSON, plain text, a multipart body without its boundary or cut short, bytes that are not text). Every action reads
 * its body through this, so no body a client chooses can reach `request.formData()` unguarded.
 */
export async function readForm(request: Request, context: AppLoadContext): Promise<FormData> {
  if (!formTypes.test(request.headers.get('content-type') ?? '')) unreadable(context);
  try {
    return await request.formData();
  } catch {
    unreadable(context);
  }
}

function unreadable(context: AppLoadContext): never {
  throwApiError({ error: { code: 'VALIDATION', message: translate(context.lang, 'error.unreadableForm') } }, 400);
}
