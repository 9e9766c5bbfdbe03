/** The API calls of the overview pages: each answers the data or ends the loader with the API's refusal. */
import type { AppLoadContext } from '@remix-run/server-runtime';
import { throwApiError } from './respond.server';

/** The year asked for in the address (this year when absent or not a year). */
export function yearOf(request: Request): number | undefined {
  const asked = Number(new URL(request.url).searchParams.get('year'));
  return Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : undefined;
}

export async function loadOverview(context: AppLoadContext, year: number | undefined) {
  const { data, error, response } = await context.api.GET('/overview', { params: { query: year ? { year } : {} } });
  if (!data) throwApiError(error, response.status);
  return data;
}

export async function loadUnitOverview(context: AppLoadContext, unitId: string, year: number | undefined) {
  const { data, error, response } = await context.api.GET('/overview/units/{unitId}', { params: { path: { unitId }, query: year ? { year } : {} } });
  if (!data) throwApiError(error, response.status);
  return data;
}

export async function loadPersonRecord(context: AppLoadContext, personId: string, year: number | undefined) {
  const { data, error, response } = await context.api.GET('/overview/people/{personId}', { params: { path: { personId }, query: year ? { year } : {} } });
  if (!data) throwApiError(error, response.status);
  return data;
}
