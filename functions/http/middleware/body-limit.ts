import { bodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../platform/errors.js';
import type { Message } from '../../platform/i18n.js';
import type { AppEnv } from '../context.js';
import { formatBytes } from '../errors.js';

/** The request's body may be at most `maxSize` bytes: a 413 in the user's language (naming `shown`) otherwise. */
export function limitBody(maxSize: () => number, shown: () => number = maxSize, messageKey?: Message): MiddlewareHandler<AppEnv> {
  return (c, next) =>
    bodyLimit({
      maxSize: maxSize(),
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', { params: { limit: formatBytes(shown()) }, ...(messageKey ? { messageKey } : {}) });
      },
    })(c, next);
}

/**
 * The API-wide limit, for every request except those whose route declares a larger one of its own (a roster upload).
 * One mechanism: routes that need more name their path here and carry `limitBody` themselves.
 */
export function defaultBodyLimit(maxSize: () => number, ownLimit: (path: string) => boolean): MiddlewareHandler<AppEnv> {
  const limit = limitBody(maxSize);
  return (c, next) => (ownLimit(c.req.path) ? next() : limit(c, next));
}
