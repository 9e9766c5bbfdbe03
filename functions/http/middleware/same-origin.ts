import { createMiddleware } from 'hono/factory';
import { AppError } from '../../platform/errors.js';
import type { AppEnv } from '../context.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sent from another site. Browsers always send Origin on
 * cross-origin POSTs (and Sec-Fetch-Site); requests without either come from non-browser clients or from
 * the web's own in-process calls, which carry the user's cookie only because the user sent it to us.
 */
export const sameOrigin = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!safeMethods.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const host = c.req.header('x-forwarded-host') ?? c.req.header('host');
      const crossSite = site === 'cross-site' || site === 'same-site';
      let foreignOrigin = false;
      if (origin && host) {
        try {
          foreignOrigin = new URL(origin).host !== host;
        } catch {
          foreignOrigin = true;
        }
      }
      if (crossSite || foreignOrigin) throw new AppError('FORBIDDEN', { messageKey: 'crossOrigin' });
    }
    await next();
  });
