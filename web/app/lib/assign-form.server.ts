import type { MessageKey } from '../i18n';
import { formText } from './respond.server';

/** An assignment's body as assignCourse and assignQuiz take it. */
export interface AssignmentBody {
  audience: { kind: 'everyone' } | { kind: 'units' | 'members'; unitIds: string[] };
  required: boolean;
  dueAt: string;
}

/**
 * The assignment a form of AssignFields posted: the API's body, or what the page says before asking (no unit, no
 * date), with the values to show again either way.
 */
export function readAssignment(form: FormData): { values: Record<string, string | string[]> } & ({ body: AssignmentBody } | { refusal: MessageKey }) {
  const kind = formText(form, 'audience');
  const unitIds = form.getAll('unitIds').filter((value): value is string => typeof value === 'string' && value !== '');
  const dueAt = formText(form, 'dueAt');
  const required = formText(form, 'required') !== 'false';
  const values = { audience: kind, unitIds, dueAt, required: String(required) };
  if (kind !== 'everyone' && unitIds.length === 0) return { values, refusal: 'editor.assign.pickUnit' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueAt)) return { values, refusal: 'editor.assign.pickDate' };
  const audience = kind === 'everyone' ? { kind: 'everyone' as const } : { kind: kind === 'members' ? ('members' as const) : ('units' as const), unitIds };
  return { values, body: { audience, required, dueAt } };
}
