/**
 * The API calls of the pledge pages: reads answer the data or end the loader with the API's refusal (the error
 * boundary shows it); writes answer the data or the refusal as the API worded it, for the form to show.
 */
import type { AppLoadContext } from '@remix-run/server-runtime';
import { translate } from '../i18n';
import { toApiProblem, type ApiProblem } from './api-problem';
import type { paths } from './api-types';
import { formText, throwApiError } from './respond.server';
import type { PledgeBoard, PledgeCategory, PledgeDetail, PledgeYear } from './pledges';

/** The JSON body an operation takes, as the API's document declares it. */
type JsonBody<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

/** A pledge's fields as its forms send them (the category as chosen: the API refuses an unknown one in words). */
export function readPledgeFields(form: FormData) {
  return {
    pledgeCategory: formText(form, 'pledgeCategory') as PledgeCategory,
    content: formText(form, 'content'),
    measures: formText(form, 'measures'),
    dueDate: formText(form, 'dueDate'),
  };
}

export type Outcome<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

function outcome<T>(context: AppLoadContext, data: T | undefined, error: unknown, status: number): Outcome<T> {
  return data !== undefined ? { ok: true, data } : { ok: false, problem: toApiProblem(error, status, translate(context.lang, 'error.generic.textNoId')) };
}

export async function loadPledgeYear(context: AppLoadContext, query: { year?: number; branchId?: string }): Promise<PledgeYear> {
  const { data, error, response } = await context.api.GET('/pledges', { params: { query } });
  if (!data) throwApiError(error, response.status);
  return data;
}

export async function loadPledge(context: AppLoadContext, pledgeId: string): Promise<PledgeDetail> {
  const { data, error, response } = await context.api.GET('/pledges/{pledgeId}', { params: { path: { pledgeId } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

export async function loadBoard(context: AppLoadContext, query: { year?: number; unitId?: string; cursor?: string }): Promise<PledgeBoard> {
  const { data, error, response } = await context.api.GET('/pledge-board', { params: { query } });
  if (!data) throwApiError(error, response.status);
  return data;
}

export async function createPledge(context: AppLoadContext, body: JsonBody<'/pledges', 'post'>) {
  const { data, error, response } = await context.api.POST('/pledges', { body });
  return outcome(context, data, error, response.status);
}

export async function updatePledge(context: AppLoadContext, pledgeId: string, body: JsonBody<'/pledges/{pledgeId}', 'put'>) {
  const { data, error, response } = await context.api.PUT('/pledges/{pledgeId}', { params: { path: { pledgeId } }, body });
  return outcome(context, data, error, response.status);
}

export async function submitPledges(context: AppLoadContext, body: { year: number; branchId?: string }) {
  const { data, error, response } = await context.api.POST('/pledge-submissions', { body });
  return outcome(context, data, error, response.status);
}

export async function reviewPledge(context: AppLoadContext, pledgeId: string, body: JsonBody<'/pledges/{pledgeId}/review', 'post'>) {
  const { data, error, response } = await context.api.POST('/pledges/{pledgeId}/review', { params: { path: { pledgeId } }, body });
  return outcome(context, data, error, response.status);
}

export async function addProgress(context: AppLoadContext, pledgeId: string, body: JsonBody<'/pledges/{pledgeId}/progress', 'post'>) {
  const { data, error, response } = await context.api.POST('/pledges/{pledgeId}/progress', { params: { path: { pledgeId } }, body });
  return outcome(context, data, error, response.status);
}

export async function commentPledge(context: AppLoadContext, pledgeId: string, text: string) {
  const { data, error, response } = await context.api.POST('/pledges/{pledgeId}/comments', { params: { path: { pledgeId } }, body: { text } });
  return outcome(context, data, error, response.status);
}

export async function assessPledge(context: AppLoadContext, pledgeId: string, text: string) {
  const { data, error, response } = await context.api.PUT('/pledges/{pledgeId}/assessment', { params: { path: { pledgeId } }, body: { text } });
  return outcome(context, data, error, response.status);
}

export async function saveProfile(context: AppLoadContext, body: JsonBody<'/me/pledge-profile', 'put'>) {
  const { data, error, response } = await context.api.PUT('/me/pledge-profile', { body });
  return outcome(context, data, error, response.status);
}

export async function ratePledges(context: AppLoadContext, body: JsonBody<'/pledge-ratings', 'put'>) {
  const { data, error, response } = await context.api.PUT('/pledge-ratings', { body });
  return outcome(context, data, error, response.status);
}

export async function setReviewWindow(context: AppLoadContext, body: { unitId: string; year: number; opensOn: string; closesOn: string }) {
  const { data, error, response } = await context.api.PUT('/pledge-windows', { body });
  return outcome(context, data, error, response.status);
}
