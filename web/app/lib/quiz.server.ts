/**
 * The API calls of the taker's quiz pages' loaders and actions: each answers the data, or ends the loader with the
 * API's refusal (the error boundary shows it in the person's language).
 */
import type { AppLoadContext } from '@remix-run/server-runtime';
import type { AttemptReview, AttemptView, QuizSummary, QuizView } from './quiz';
import { throwApiError } from './respond.server';

type Answered<T> = { data?: T; error?: unknown; response: Response };
type Call = <T>(path: string, init?: { params?: { path?: Record<string, string>; query?: Record<string, string> } }) => Promise<Answered<T>>;
type LooseClient = { GET: Call; POST: Call };

function api(context: AppLoadContext): LooseClient {
  return context.api as unknown as LooseClient;
}

async function must<T>(call: Promise<Answered<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!data) throwApiError(error, response.status);
  return data;
}

/** My quizzes (view=take), every page of them (a person has a handful; the API pages by cursor). */
export async function loadMyQuizzes(context: AppLoadContext): Promise<QuizSummary[]> {
  const items: QuizSummary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10; page++) {
    const query: Record<string, string> = { view: 'take', ...(cursor ? { cursor } : {}) };
    const data = await must(api(context).GET<{ items: QuizSummary[]; cursor: string | null }>('/quizzes', { params: { query } }));
    items.push(...data.items);
    cursor = data.cursor;
    if (!cursor) break;
  }
  return items;
}

export function loadQuiz(context: AppLoadContext, quizId: string): Promise<QuizView> {
  return must(api(context).GET<QuizView>('/quizzes/{quizId}', { params: { path: { quizId } } }));
}

/** Starts an attempt, or answers the open one: the attempt, or the API's refusal in words. */
export async function startAttempt(context: AppLoadContext, quizId: string): Promise<{ attempt: AttemptView } | { status: number; error: unknown }> {
  const { data, error, response } = await api(context).POST<AttemptView>('/quizzes/{quizId}/attempts', { params: { path: { quizId } } });
  return data ? { attempt: data } : { status: response.status, error };
}

export function loadAttempt(context: AppLoadContext, attemptId: string): Promise<AttemptView> {
  return must(api(context).GET<AttemptView>('/attempts/{attemptId}', { params: { path: { attemptId } } }));
}

/** The review as the policy allows it, or when it opens (409 notYet). */
export async function loadReview(
  context: AppLoadContext,
  attemptId: string,
): Promise<{ review: AttemptReview } | { notYet: true; reviewOpensAt: string | null }> {
  const { data, error, response } = await api(context).GET<AttemptReview>('/attempts/{attemptId}/review', { params: { path: { attemptId } } });
  if (data) return { review: data };
  const details = (error as { error?: { details?: { reason?: unknown; reviewOpensAt?: unknown } } } | undefined)?.error?.details;
  if (response.status === 409 && details?.reason === 'notYet') {
    return { notYet: true, reviewOpensAt: typeof details.reviewOpensAt === 'string' ? details.reviewOpensAt : null };
  }
  throwApiError(error, response.status);
}

/** Hands an attempt in (idempotent on the server): the page without JavaScript uses this. */
export async function submitAttempt(context: AppLoadContext, attemptId: string): Promise<{ ok: true } | { status: number; error: unknown }> {
  const { data, error, response } = await api(context).POST<unknown>('/attempts/{attemptId}/submit', { params: { path: { attemptId } } });
  return data ? { ok: true } : { status: response.status, error };
}
