import type { Lang } from '../platform/i18n.js';

/** What middleware puts on every request's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    lang: Lang;
    /** Nonce for this response's inline scripts (content security policy). */
    cspNonce: string;
  };
}
