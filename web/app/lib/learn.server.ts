/**
 * Server-side helpers of the learning pages' loaders and actions. The pages reach data only through the API.
 */
import type { AppLoadContext } from '@remix-run/server-runtime';
import type { MessageKey } from '../i18n';
import { may, type Capability, type Me } from './me';
import { requireCapability, throwApiError, throwForbidden } from './respond.server';
import { requireMe } from './session.server';

/** The signed-in person whom getMe gives `editCourses`; others see a "not for you" page. The API checks again. */
export function requireEditor(request: Request, context: AppLoadContext): Promise<Me> {
  return requireCapability(request, context, 'editCourses', 'editor.forbidden');
}

/**
 * The signed-in person and the page's data, asked for at the same time. Whoever answers first, a signed-out visitor
 * is sent to sign in (requireMe's redirect wins over the data call's 401).
 */
export async function withMe<T>(request: Request, context: AppLoadContext, work: Promise<T>): Promise<[Me, T]> {
  const [me, data] = await Promise.allSettled([requireMe(request, context), work]);
  if (me.status === 'rejected') throw me.reason;
  if (data.status === 'rejected') throw data.reason;
  return [me.value, data.value];
}

/**
 * Like withMe, for a page of one capability: the person and the data are asked for at the same time, and a person
 * without the capability sees the page's "not for you" rather than whatever the data call answered.
 */
export async function withCapability<T>(request: Request, context: AppLoadContext, capability: Capability, refusal: MessageKey, work: Promise<T>): Promise<[Me, T]> {
  const [me, data] = await Promise.allSettled([requireMe(request, context), work]);
  if (me.status === 'rejected') throw me.reason;
  if (!may(me.value, capability)) throwForbidden(context, refusal);
  if (data.status === 'rejected') throw data.reason;
  return [me.value, data.value];
}

/** A course with its lessons and the reader's progress, or the API's refusal as the page's error. */
export async function loadCourse(context: AppLoadContext, courseId: string) {
  const { data, error, response } = await context.api.GET('/courses/{courseId}', { params: { path: { courseId } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

/** A form field as a whole number, or undefined when empty or not a number. */
export function formInt(form: FormData, name: string): number | undefined {
  const raw = form.get(name);
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? Math.round(value) : undefined;
}

/** A form field as a number (decimals allowed), or undefined. */
export function formNumber(form: FormData, name: string): number | undefined {
  const raw = form.get(name);
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const value = Number(raw.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}
