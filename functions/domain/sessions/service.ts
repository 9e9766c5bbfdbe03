import type { Actor } from '../authz/permissions.js';

export async function listSessions(actor: Actor | null, query: unknown): Promise<never> {
  throw new Error('listSessions: not built yet');
}

export async function getSession(actor: Actor | null, sessionId: string): Promise<never> {
  throw new Error('getSession: not built yet');
}

export async function createSession(actor: Actor | null, input: unknown): Promise<never> {
  throw new Error('createSession: not built yet');
}

export async function updateSession(actor: Actor | null, sessionId: string, input: unknown): Promise<never> {
  throw new Error('updateSession: not built yet');
}

export async function cancelSession(actor: Actor | null, sessionId: string, input: unknown): Promise<never> {
  throw new Error('cancelSession: not built yet');
}

export async function closeSession(actor: Actor | null, sessionId: string, input: unknown): Promise<never> {
  throw new Error('closeSession: not built yet');
}

export async function reopenSession(actor: Actor | null, sessionId: string, input: unknown): Promise<never> {
  throw new Error('reopenSession: not built yet');
}

export async function getSessionCalendar(actor: Actor | null, sessionId: string): Promise<never> {
  throw new Error('getSessionCalendar: not built yet');
}

export async function saveMinutes(actor: Actor | null, sessionId: string, input: unknown): Promise<never> {
  throw new Error('saveMinutes: not built yet');
}
