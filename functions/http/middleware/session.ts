import { createMiddleware } from 'hono/factory';
import { authenticate } from '../../domain/access/service.js';
import type { Actor } from '../../domain/authz/permissions.js';
import type { AppEnv } from '../context.js';
import { clearSessionCookie, readSessionToken } from '../session-cookie.js';

/**
 * Sessions already established while serving one page: the web's loaders call the API several times in-process for
 * one browser request, each with the same cookie, and need not read the session and person again each time.
 * The web handler passes one per page request as `env.sessionMemo`; outside the web (browsers, Lambda) there is none.
 */
export type SessionMemo = Map<string, Promise<Actor | null>>;

/** Puts the signed-in person (or null) on the context; a cookie for a session that has ended is cleared. */
export const session = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = readSessionToken(c);
    const memo = (c.env as { sessionMemo?: SessionMemo } | undefined)?.sessionMemo;
    let pending = token ? memo?.get(token) : undefined;
    if (token && !pending) {
      pending = authenticate(token);
      memo?.set(token, pending);
    }
    const actor = pending ? await pending : null;
    c.set('actor', actor);
    c.set('sessionToken', token);
    if (token && !actor) clearSessionCookie(c);
    await next();
    // A write (sign-out, password change, disabling someone) may end sessions: what follows reads them afresh.
    if (memo && c.req.method !== 'GET' && c.req.method !== 'HEAD') memo.clear();
  });
