import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../platform/errors.js';
import { config } from '../platform/config.js';
import { apiMessage, defaultLang, type Lang } from '../platform/i18n.js';
import type { AppEnv } from './context.js';

/** Turns anything thrown into the one error shape. Nothing of a stack trace reaches the client. */
export function toAppError(error: unknown, c: Context<AppEnv>): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError('PAYLOAD_TOO_LARGE', { params: { limit: formatBytes(config().bodyLimitBytes) } });
    if (error.status === 400) {
      const malformed = /json/i.test(error.message);
      return new AppError('VALIDATION', malformed ? { messageKey: 'malformedJson' } : {});
    }
    if (error.status === 401) return new AppError('UNAUTHENTICATED');
    if (error.status === 403) return new AppError('FORBIDDEN');
    if (error.status === 404) return new AppError('NOT_FOUND', { params: { path: c.req.path } });
    if (error.status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
    if (error.status === 431) return new AppError('HEADERS_TOO_LARGE');
  }
  return new AppError('INTERNAL', { cause: error });
}

export function errorResponse(error: unknown, c: Context<AppEnv>): Response {
  const appError = toAppError(error, c);
  const lang = c.get('lang') ?? defaultLang;
  if (appError.status >= 500) {
    console.error(
      JSON.stringify({
        level: 'error',
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      }),
    );
  }
  const body = {
    error: {
      code: appError.code,
      message: apiMessage(lang, appError.messageKey, appError.params),
      ...(appError.details === undefined ? {} : { details: appError.details }),
      requestId: c.get('requestId'),
    },
  };
  for (const [name, value] of Object.entries(appError.headers)) c.header(name, value);
  return c.json(body, appError.status as ContentfulStatusCode);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * The one error shape as a body, for answers made before any request exists to hand to the app (the HTTP parser
 * refusing oversized headers or a malformed request): no request id, the language guessed from what was read.
 */
export function errorBody(error: AppError, lang: Lang): string {
  return JSON.stringify({ error: { code: error.code, message: apiMessage(lang, error.messageKey, error.params) } });
}
