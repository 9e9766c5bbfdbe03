import type { Client } from 'openapi-fetch';
import type { paths } from './api-types';

/**
 * The typed API client of the pages. Loaders and actions receive one per request in the load context (the front
 * door makes it and binds it to the incoming request); the browser makes its own for the few calls it sends itself
 * (browser-api.ts).
 */
export type ApiClient = Client<paths>;
