import { randomBytes } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { langFromHeaders } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import { runInRequestScope, type ReadMemo } from '../../platform/request-scope.js';
import type { AppEnv } from '../context.js';

/**
 * Gives each request an id, the language it speaks and a CSP nonce; an API call serving a page shares the page's reads
 * (`env.readMemo`, given by the web handler), until a write, which may change what was read.
 */
export const requestContext = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64).replace(/[^\w-]/g, '') || newId();
    c.set('requestId', requestId);
    const lang = langFromHeaders(c.req.header('cookie'), c.req.header('accept-language'));
    c.set('lang', lang);
    c.set('cspNonce', randomBytes(16).toString('base64'));
    const reads = (c.env as { readMemo?: ReadMemo } | undefined)?.readMemo;
    await runInRequestScope({ lang, requestId, ...(reads ? { reads } : {}) }, () => next());
    if (reads && c.req.method !== 'GET' && c.req.method !== 'HEAD') reads.clear();
    c.res.headers.set('x-request-id', requestId);
  });
