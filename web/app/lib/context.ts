import type { Lang } from '../../../functions/shared/constants';
import type { ApiClient } from './api-client';

declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** The typed API client for this request (in-process, with the user's cookie). */
    api: ApiClient;
    lang: Lang;
    cspNonce: string;
    requestId: string;
    /** How often a lesson page reports study, in milliseconds (the interval the API's heartbeat allowance assumes). */
    studyHeartbeatMs: number;
  }
}

export {};
