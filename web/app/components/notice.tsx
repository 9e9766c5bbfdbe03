import type { ReactNode } from 'react';
import { fieldProblem, type ApiProblem } from '../lib/api-problem';

/** A message beside a form: an error (announced at once), a success, or a notice to read carefully. */
export function Notice({ kind, children, testId }: { kind: 'error' | 'ok' | 'notice'; children: ReactNode; testId?: string }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/**
 * The API's refusal as it said it (already in the user's language), with the problem of each field: each message
 * names its field ("请填写课程名称"), and the form repeats it beside the field (FieldError).
 */
export function ProblemNotice({ problem }: { problem: ApiProblem | null | undefined }) {
  if (!problem) return null;
  return (
    <Notice kind="error" testId="form-error">
      <p className="alert-title">{problem.message}</p>
      {problem.fields.length > 0 ? (
        <ul className="alert-list">
          {problem.fields.map((field, i) => (
            <li key={`${field.path}-${i}`}>{field.message}</li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

/** The problem with one field, shown beside it (by the field's name in the API, e.g. `title` or `minSeconds`). */
export function FieldError({ problem, field, id }: { problem: ApiProblem | null | undefined; field: string; id?: string }) {
  const message = fieldProblem(problem, field);
  if (!message) return null;
  return (
    <p className="field-error" id={id} data-testid={`field-error-${field}`}>
      {message}
    </p>
  );
}
