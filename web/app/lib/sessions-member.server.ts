/**
 * The API calls of the member's and the leader's session pages: each answers the data, or ends the loader with the
 * API's refusal (the error boundary shows it in the person's language).
 */
import type { AppLoadContext } from '@remix-run/server-runtime';
import { throwApiError } from './respond.server';
import type { CheckInResult, SessionSummary, SessionView } from './sessions-member';

/** The sessions that expect me, from `from` (a day in Shanghai) on. */
export async function loadMySessions(context: AppLoadContext, from: string): Promise<SessionSummary[]> {
  const { data, error, response } = await context.api.GET('/sessions', { params: { query: { mine: 'true', from } } });
  if (!data) throwApiError(error, response.status);
  return data.items;
}

/** A branch's sessions of one year. */
export async function loadBranchSessions(context: AppLoadContext, branchId: string, year: number): Promise<SessionSummary[]> {
  const { data, error, response } = await context.api.GET('/sessions', { params: { query: { branchId, from: `${year}-01-01`, to: `${year}-12-31` } } });
  if (!data) throwApiError(error, response.status);
  return data.items;
}

export async function loadSession(context: AppLoadContext, sessionId: string): Promise<SessionView> {
  const { data, error, response } = await context.api.GET('/sessions/{sessionId}', { params: { path: { sessionId } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

/** The branches the person reaches with a capability's units, in the tree's order (listUnits, depth first). */
export async function loadUnits(context: AppLoadContext) {
  const { data, error, response } = await context.api.GET('/units');
  if (!data) throwApiError(error, response.status);
  return data.items;
}

export type Answer<T> = { ok: true; data: T } | { ok: false; status: number; error: unknown };

/** Checks in with a scanned token or the typed six digits: the record, or the API's refusal as it said it. */
export async function checkIn(context: AppLoadContext, body: { token: string } | { sessionId: string; code: string }): Promise<Answer<CheckInResult>> {
  const { data, error, response } = await context.api.POST('/check-ins', { body });
  return data ? { ok: true, data } : { ok: false, status: response.status, error };
}

export async function requestLeave(context: AppLoadContext, sessionId: string, reason: string): Promise<Answer<SessionView>> {
  const { data, error, response } = await context.api.POST('/sessions/{sessionId}/leave', { params: { path: { sessionId } }, body: { reason } });
  return data ? { ok: true, data: data as SessionView } : { ok: false, status: response.status, error };
}

export async function submitMakeUp(context: AppLoadContext, sessionId: string, reflection: string): Promise<Answer<unknown>> {
  const { data, error, response } = await context.api.PUT('/sessions/{sessionId}/make-up', { params: { path: { sessionId } }, body: { reflection } });
  return data ? { ok: true, data } : { ok: false, status: response.status, error };
}

/** An administrator reopens a closed session, with the reason the audit log keeps. */
export async function reopenSession(context: AppLoadContext, sessionId: string, reason: string): Promise<Answer<SessionView>> {
  const { data, error, response } = await context.api.POST('/sessions/{sessionId}/reopen', { params: { path: { sessionId } }, body: { reason } });
  return data ? { ok: true, data: data as SessionView } : { ok: false, status: response.status, error };
}

/** The session a check-in token names (its first part; the server verifies the rest), if it looks like one. */
export function sessionIdOfToken(token: string): string | null {
  const id = token.split('.', 1)[0] ?? '';
  return /^[0-9A-Za-z]{10,40}$/.test(id) ? id : null;
}
