import type { AppLoadContext } from '@remix-run/server-runtime';
import { translate, type MessageKey } from '../i18n';
import { may, type Capability, type Me } from './me';
import { adminCapabilities } from './navigation';
import { requireMe } from './session.server';

/**
 * Ends a loader with the API's refusal: the error boundary shows the status and the API's own message (the body
 * must be labelled JSON, or Remix hands the boundary a plain string).
 */
export function throwApiError(body: unknown, status: number): never {
  throw new Response(JSON.stringify(body ?? null), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

/** A refusal the web decides itself (a page for admins only), worded from the catalogs. */
export function throwForbidden(context: AppLoadContext, key: MessageKey): never {
  throwApiError({ error: { code: 'FORBIDDEN', message: translate(context.lang, key) } }, 403);
}

/**
 * The signed-in person, if the API gives them the capability (getMe): others get a 403 page saying why. The API
 * checks every operation again; this only spares people a page they cannot use.
 */
export async function requireCapability(request: Request, context: AppLoadContext, capability: Capability, refusal: MessageKey): Promise<Me> {
  const me = await requireMe(request, context);
  if (!may(me, capability)) throwForbidden(context, refusal);
  return me;
}

/** The signed-in system administrator of the platform: others get a 403 page. */
export function requireAdmin(request: Request, context: AppLoadContext): Promise<Me> {
  return requireCapability(request, context, 'administer', 'admin.forbidden');
}

/** Any of the three administrators (三员), for the admin hub: others get a 403 page. */
export async function requireAnyAdmin(request: Request, context: AppLoadContext): Promise<Me> {
  const me = await requireMe(request, context);
  if (!adminCapabilities.some((capability) => may(me, capability))) throwForbidden(context, 'admin.forbidden');
  return me;
}

/** A text field of a submitted form, trimmed; '' when missing. */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A password field as typed (never trimmed: spaces may be part of it). */
export function formSecret(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** A version number sent back in a hidden field. */
export function formVersion(form: FormData): number {
  const version = Number(formText(form, 'version'));
  return Number.isInteger(version) && version > 0 ? version : 0;
}
