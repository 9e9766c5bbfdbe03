import { createMiddleware } from 'hono/factory';
import { authenticate } from '../../domain/access/service.js';
import type { AppEnv } from '../context.js';
import { clearSessionCookie, readSessionToken } from '../session-cookie.js';

/** Puts the signed-in person (or null) on the context; a cookie for a session that has ended is cleared. */
export const session = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = readSessionToken(c);
    const actor = token ? await authenticate(token) : null;
    c.set('actor', actor);
    c.set('sessionToken', token);
    if (token && !actor) clearSessionCookie(c);
    await next();
  });
