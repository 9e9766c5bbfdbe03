/**
 * The API calls of the taker's quiz pages' loaders and actions: each answers the data, or ends the loader with the
 * API's refusal (the error boundary shows it in the person's language).
 */
import type { AppLoadContext } from '@remix-run/server-runtime';
import type { AttemptReview, AttemptView, QuizSummary, QuizView } from './quiz';
import { throwApiError } from './respond.server';

/** My quizzes (view=take), every page of them (a person has a handful; the API pages by cursor). */
export async function loadMyQuizzes(context: AppLoadContext): Promise<QuizSummary[]> {
  const items: QuizSummary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const { data, error, response } = await context.api.GET('/quizzes', { params: { query: { view: 'take', ...(cursor ? { cursor } : {}) } } });
    if (!data) throwApiError(error, response.status);
    items.push(...data.items);
    cursor = data.cursor ?? undefined;
    if (!cursor) break;
  }
  return items;
}

export async function loadQuiz(context: AppLoadContext, quizId: string): Promise<QuizView> {
  const { data, error, response } = await context.api.GET('/quizzes/{quizId}', { params: { path: { quizId } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

/** Starts an attempt, or answers the open one: the attempt, or the API's refusal in words. */
export async function startAttempt(context: AppLoadContext, quizId: string): Promise<{ attempt: AttemptView } | { status: number; error: unknown }> {
  const { data, error, response } = await context.api.POST('/quizzes/{quizId}/attempts', { params: { path: { quizId } } });
  return data ? { attempt: data } : { status: response.status, error };
}

export async function loadAttempt(context: AppLoadContext, attemptId: string): Promise<AttemptView> {
  const { data, error, response } = await context.api.GET('/attempts/{attemptId}', { params: { path: { attemptId } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

/** The review as the policy allows it, or when it opens (409 notYet). */
export async function loadReview(
  context: AppLoadContext,
  attemptId: string,
): Promise<{ review: AttemptReview } | { notYet: true; reviewOpensAt: string | null }> {
  const { data, error, response } = await context.api.GET('/attempts/{attemptId}/review', { params: { path: { attemptId } } });
  if (data) return { review: data };
  const details = (error as { error?: { details?: { reason?: unknown; reviewOpensAt?: unknown } } } | undefined)?.error?.details;
  if (response.status === 409 && details?.reason === 'notYet') {
    return { notYet: true, reviewOpensAt: typeof details.reviewOpensAt === 'string' ? details.reviewOpensAt : null };
  }
  throwApiError(error, response.status);
}

/** Hands an attempt in (idempotent on the server): the page without JavaScript uses this. */
export async function submitAttempt(context: AppLoadContext, attemptId: string): Promise<{ ok: true } | { status: number; error: unknown }> {
  const { data, error, response } = await context.api.POST('/attempts/{attemptId}/submit', { params: { path: { attemptId } } });
  return data ? { ok: true } : { status: response.status, error };
}
