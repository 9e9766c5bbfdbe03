/**
 * The typed API client of the browser, for the few calls a page sends itself (the lesson page's study heartbeat):
 * the same generated types as the loaders' client, same-origin, with the session cookie. The API's same-origin rule
 * applies as to any browser request (the browser sets Origin and Sec-Fetch-Site itself).
 */
import createClient from 'openapi-fetch';
import type { ApiClient } from './api-client';
import type { paths } from './api-types';

let client: ApiClient | undefined;

/** The one client of this page (made on first use: never on the server). */
export function browserApi(): ApiClient {
  client ??= createClient<paths>({ baseUrl: '/api', credentials: 'same-origin', headers: { accept: 'application/json' } });
  return client;
}
