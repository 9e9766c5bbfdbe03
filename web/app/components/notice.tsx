import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import type { ApiProblem } from '../lib/api-problem';

/** A message beside a form: an error (announced at once), a success, or a notice to read carefully. */
export function Notice({ kind, children, testId }: { kind: 'error' | 'ok' | 'notice'; children: ReactNode; testId?: string }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/**
 * The API's refusal as it said it (already in the user's language), with the problem of each field named by the
 * label the form shows for it.
 */
export function ProblemNotice({ problem, labels = {} }: { problem: ApiProblem | null | undefined; labels?: Record<string, MessageKey> }) {
  const t = useT();
  if (!problem) return null;
  return (
    <Notice kind="error" testId="form-error">
      <p className="alert-title">{problem.message}</p>
      {problem.fields.length > 0 ? (
        <ul className="alert-list">
          {problem.fields.map((field, i) => {
            const top = field.path.split('.')[0] ?? '';
            const label = labels[top];
            return <li key={`${field.path}-${i}`}>{label ? `${t(label)}: ${field.message}` : field.message}</li>;
          })}
        </ul>
      ) : null}
    </Notice>
  );
}
