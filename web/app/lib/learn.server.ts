/**
 * Server-side helpers of the learning pages' loaders and actions. The pages reach data only through the API.
 */
import type { AppLoadContext } from '@remix-run/server-runtime';
import { isCourseEditor, readsCompletion } from './learn';
import { hasRole, type Me } from './me';
import { throwApiError, throwForbidden } from './respond.server';
import { requireMe } from './session.server';

/** The signed-in course editor (organizer or admin); others see a "not for you" page. The API checks again. */
export async function requireEditor(request: Request, context: AppLoadContext): Promise<Me> {
  const me = await requireMe(request, context);
  if (!isCourseEditor(me)) throwForbidden(context, 'editor.forbidden');
  return me;
}

/** The signed-in organizer, leader or admin (completion figures). */
export async function requireCompletionReader(request: Request, context: AppLoadContext): Promise<Me> {
  const me = await requireMe(request, context);
  if (!readsCompletion(me)) throwForbidden(context, 'completion.forbidden');
  return me;
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

/** A course with its lessons and the reader's progress, or the API's refusal as the page's error. */
export async function loadCourse(context: AppLoadContext, courseId: string) {
  const { data, error, response } = await context.api.GET('/courses/{courseId}', { params: { path: { courseId } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

/**
 * The units an editor's courses and assignments may reach: everything for an admin (null), otherwise each unit an
 * organizer grant names and everything under it. The API decides again; this only keeps the forms to what works.
 */
export function unitsInReach(me: Me, units: { unitId: string; parentId: string | null }[]): Set<string> | null {
  if (hasRole(me, 'admin')) return null;
  const reach = new Set(me.roles.filter((grant) => grant.role === 'organizer' && grant.unitId).map((grant) => grant.unitId!));
  // The list comes depth first: a parent is always seen before its children.
  for (const unit of units) if (unit.parentId && reach.has(unit.parentId)) reach.add(unit.unitId);
  return reach;
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
