import type { AppLoadContext } from '@remix-run/server-runtime';
import { translate, type MessageKey } from '../../i18n';
import { toApiProblem } from '../api-problem';
import type { ActionResult, Intent } from './types';

/** One posted form of the editor, with what every action needs to answer it. */
export interface EditorStep {
  context: AppLoadContext;
  courseId: string;
  form: FormData;
  intent: Intent;
  /** The course version the form was read at (edits are conditional on it). */
  version: number;
  /** The API's refusal, worded for the form, with the input to show again. */
  failed: (error: unknown, status: number, values?: ActionResult['values']) => ActionResult;
  /** A refusal the page says itself before asking the API. */
  local: (key: MessageKey, values?: ActionResult['values']) => ActionResult;
}

export function editorStep(context: AppLoadContext, courseId: string, form: FormData, intent: Intent, version: number): EditorStep {
  return {
    context,
    courseId,
    form,
    intent,
    version,
    failed: (error, status, values) => ({ intent, problem: toApiProblem(error, status, translate(context.lang, 'editor.failed')), ...(values ? { values } : {}) }),
    local: (key, values) => ({ intent, problem: { status: 400, code: 'VALIDATION', message: translate(context.lang, key), fields: [] }, ...(values ? { values } : {}) }),
  };
}
