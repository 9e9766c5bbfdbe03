import { randomBytes } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { langFromHeaders } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import { runInRequestScope } from '../../platform/request-scope.js';
import type { AppEnv } from '../context.js';

/** Gives each request an id, the language it speaks and a CSP nonce. */
export const requestContext = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64).replace(/[^\w-]/g, '') || newId();
    c.set('requestId', requestId);
    const lang = langFromHeaders(c.req.header('cookie'), c.req.header('accept-language'));
    c.set('lang', lang);
    c.set('cspNonce', randomBytes(16).toString('base64'));
    await runInRequestScope({ lang, requestId }, () => next());
    c.res.headers.set('x-request-id', requestId);
  });
