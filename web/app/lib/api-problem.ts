/**
 * What a page shows when the API refused something: its message (already in the user's language) and, for a
 * validation answer, the problem with each field. Safe to import on the client (no server code here).
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface ApiProblem {
  status: number;
  code: string;
  message: string;
  fields: FieldProblem[];
}

/** Reads an API error body (`{ error: { code, message, details } }`) without trusting its shape. */
export function toApiProblem(body: unknown, status: number, fallbackMessage: string): ApiProblem {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null | undefined)?.error;
  const message = typeof error?.message === 'string' && error.message.trim() !== '' ? error.message : fallbackMessage;
  const code = typeof error?.code === 'string' ? error.code : 'UNKNOWN';
  const fields: FieldProblem[] = [];
  if (Array.isArray(error?.details)) {
    for (const item of error.details as unknown[]) {
      const detail = item as { path?: unknown; message?: unknown } | null;
      const path = Array.isArray(detail?.path) ? detail.path.join('.') : typeof detail?.path === 'string' ? detail.path : '';
      if (typeof detail?.message === 'string' && detail.message !== '') fields.push({ path, message: detail.message });
    }
  }
  return { status, code, message, fields };
}

/** The first problem reported for a field (by its top-level name), if any. */
export function fieldProblem(problem: ApiProblem | null | undefined, field: string): string | undefined {
  return problem?.fields.find((f) => f.path === field || f.path.startsWith(`${field}.`))?.message;
}
