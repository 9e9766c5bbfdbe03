import type { Lang } from '../platform/i18n.js';
import type { Actor } from '../domain/authz/permissions.js';

/** What middleware puts on every request's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    lang: Lang;
    /** Nonce for this response's inline scripts (content security policy). */
    cspNonce: string;
    /** The signed-in person, or null (set for /api/* by the session middleware). */
    actor: Actor | null;
    /** The session token the request carried, if any. */
    sessionToken: string | undefined;
  };
}
