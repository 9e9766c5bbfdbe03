import { useT } from '../../i18n';
import type { ActionResult, Intent } from '../../lib/course-editor/types';
import { Notice } from '../notice';

/** The action's answer for one of the page's forms (each form shows only its own). */
export function resultFor(result: ActionResult | undefined, ...intents: Intent[]): ActionResult | undefined {
  return result && intents.includes(result.intent) ? result : undefined;
}

/** What a form says once its action went through. */
export function Done({ result }: { result: ActionResult | undefined }) {
  const t = useT();
  if (!result?.done) return null;
  return (
    <Notice kind="ok" testId="form-ok">
      <p>{t(result.done)}</p>
    </Notice>
  );
}
