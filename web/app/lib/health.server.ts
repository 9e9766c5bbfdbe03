import type { components } from './api-types';
import type { ApiClient } from './api-client';

export type Health = components['schemas']['Health'];

/** The platform's health as the API reports it; a 503 still carries the checks, which is what a page shows. */
export async function loadHealth(api: ApiClient): Promise<Health> {
  const { data, error } = await api.GET('/health');
  if (data) return data;
  if (error && 'checks' in error) return error;
  throw new Response(null, { status: 502, statusText: 'The API did not answer the health check' });
}
