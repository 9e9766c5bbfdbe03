import type { Actor } from '../authz/permissions.js';

export async function getCheckInCode(actor: Actor | null, sessionId: string): Promise<never> {
  throw new Error('getCheckInCode: not built yet');
}

export async function checkIn(actor: Actor | null, input: unknown): Promise<never> {
  throw new Error('checkIn: not built yet');
}

export async function getPersonalCode(actor: Actor | null): Promise<never> {
  throw new Error('getPersonalCode: not built yet');
}

export async function checkInPerson(actor: Actor | null, sessionId: string, input: unknown): Promise<never> {
  throw new Error('checkInPerson: not built yet');
}

export async function getRoster(actor: Actor | null, sessionId: string): Promise<never> {
  throw new Error('getRoster: not built yet');
}

export async function markAttendance(actor: Actor | null, sessionId: string, input: unknown): Promise<never> {
  throw new Error('markAttendance: not built yet');
}

export async function requestLeave(actor: Actor | null, sessionId: string, input: unknown): Promise<never> {
  throw new Error('requestLeave: not built yet');
}

export async function decideLeave(actor: Actor | null, sessionId: string, personId: string, input: unknown): Promise<never> {
  throw new Error('decideLeave: not built yet');
}

export async function submitMakeUp(actor: Actor | null, sessionId: string, input: unknown): Promise<never> {
  throw new Error('submitMakeUp: not built yet');
}

export async function confirmMakeUp(actor: Actor | null, sessionId: string, personId: string): Promise<never> {
  throw new Error('confirmMakeUp: not built yet');
}
