import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/**
 * Serves the built client files locally (on AWS, CloudFront serves them from S3). Files under /assets/ carry a
 * content hash in their names, so they may be cached for a year; the API reference's vendored files (no hash) for an hour.
 */
export function staticAssets(root: string): MiddlewareHandler {
  const serve = serveStatic({ root });
  return async (c, next) => {
    // serveStatic answers with the file's response, or passes the request on (and then c.res is the next handler's).
    const found = await serve(c, next);
    if (found?.ok) {
      const hashed = !c.req.path.startsWith('/assets/api-docs/') && /-[\w-]{8}\.(js|css|svg|png|woff2)$/.test(c.req.path);
      found.headers.set('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    }
    return found;
  };
}
