import type { AppLoadContext } from '@remix-run/server-runtime';
import type { Me } from '../me';
import { requireCapability } from '../respond.server';

/** The signed-in person whom getMe gives `editQuizzes`; others see a "not for you" page. The API checks again. */
export function requireQuizEditor(request: Request, context: AppLoadContext): Promise<Me> {
  return requireCapability(request, context, 'editQuizzes', 'quizManage.forbidden');
}
