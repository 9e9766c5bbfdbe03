import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';
import { createApi } from './api/index.js';
import { errorResponse } from './errors.js';
import { AppError } from '../platform/errors.js';
import { requestContext } from './middleware/request-context.js';
import { securityHeaders } from './middleware/security-headers.js';
import { sameOrigin } from './middleware/same-origin.js';
import { webHandler, type ServerBuildSource } from './web.js';

export interface AppOptions {
  /** The Remix server build (or a loader of it, for the development server). Without it only /api is served. */
  web?: { build: ServerBuildSource; mode?: 'development' | 'production' };
  /** Serves built client files (locally; on AWS CloudFront serves /assets/* from S3). */
  assets?: MiddlewareHandler;
}

/**
 * The one front door: the same Hono app answers locally (node-server) and on Lambda (hono/aws-lambda).
 * /api/* is the JSON API; everything else is the Remix web, whose loaders call the API in-process.
 */
export function createApp(options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(), securityHeaders(), sameOrigin());

  const api = createApi();
  app.route('/api', api);

  if (options.assets) app.use('/assets/*', options.assets);

  if (options.web) {
    const handler = webHandler({
      build: options.web.build,
      mode: options.web.mode ?? 'production',
      // The web's loaders reach the API through the very same stack a browser's request takes.
      apiFetch: (request, env) => Promise.resolve(app.fetch(request, env)),
    });
    app.all('*', handler);
  }

  app.notFound((c) => errorResponse(new AppError('NOT_FOUND', { params: { path: c.req.path } }), c));
  app.onError((error, c) => errorResponse(error, c));
  return app;
}

export type App = ReturnType<typeof createApp>;
