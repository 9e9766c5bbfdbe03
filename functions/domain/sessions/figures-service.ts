import type { Actor } from '../authz/permissions.js';

export async function getCadence(actor: Actor | null, query: unknown): Promise<never> {
  throw new Error('getCadence: not built yet');
}

export async function setCadenceRules(actor: Actor | null, input: unknown): Promise<never> {
  throw new Error('setCadenceRules: not built yet');
}

export async function getAttendanceFigures(actor: Actor | null, query: unknown): Promise<never> {
  throw new Error('getAttendanceFigures: not built yet');
}

export async function exportSessionArchive(actor: Actor | null, query: unknown): Promise<never> {
  throw new Error('exportSessionArchive: not built yet');
}
