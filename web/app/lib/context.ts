import type { Lang } from '../../../functions/platform/i18n.js';
import type { ApiClient } from './api.server.js';

declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** The typed API client for this request (in-process, with the user's cookie). */
    api: ApiClient;
    lang: Lang;
    cspNonce: string;
    requestId: string;
  }
}

export {};
