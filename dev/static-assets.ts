import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/**
 * Serves the built client files locally (on AWS, CloudFront serves them from S3). Files under /assets/ carry a
 * content hash in their names (or are vendored, versioned with the lockfile), so they may be cached for a year.
 */
export function staticAssets(root: string): MiddlewareHandler {
  const serve = serveStatic({ root });
  return async (c, next) => {
    await serve(c, next);
    if (c.res.ok && c.req.path.startsWith('/assets/')) {
      const hashed = /-[\w-]{8,}\.\w+$/.test(c.req.path);
      c.res.headers.set('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    }
  };
}
