import { createReadStream, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { chooseEncoding, compressedDirFor, compressibleFile } from './compression.js';

/**
 * Serves the built client files locally (on AWS, CloudFront serves them from S3). Files under /assets/ carry a
 * content hash in their names, so they may be cached for a year; the API reference's vendored files (no hash) for an hour.
 * A browser that accepts brotli or gzip gets the copy compressed at build time (build/compressed; compression.ts).
 */
export function staticAssets(root: string, compressedRoot = compressedDirFor(root)): MiddlewareHandler {
  const serve = serveStatic({ root });
  const cacheControl = (path: string) =>
    !path.startsWith('/assets/api-docs/') && /-[\w-]{8}\.(js|css|svg|png|woff2)$/.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';

  const precompressed = (c: Context): Response | undefined => {
    const path = c.req.path;
    if (!compressibleFile.test(path) || path.includes('..') || path.includes('\\') || path.includes('%')) return undefined;
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return undefined;
    let stat: Stats;
    const file = join(compressedRoot, `${path}.${encoding === 'br' ? 'br' : 'gz'}`);
    try {
      stat = statSync(file);
      if (!stat.isFile() || !statSync(join(root, path)).isFile()) return undefined;
    } catch {
      return undefined;
    }
    const headers = new Headers({
      'content-type': getMimeType(path) ?? 'application/octet-stream',
      'content-encoding': encoding,
      'content-length': String(stat.size),
      vary: 'Accept-Encoding',
      'cache-control': cacheControl(path),
      'last-modified': stat.mtime.toUTCString(),
    });
    const body = c.req.method === 'HEAD' ? null : (Readable.toWeb(createReadStream(file)) as ReadableStream);
    return new Response(body, { status: 200, headers });
  };

  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const compressed = precompressed(c);
      if (compressed) return compressed;
    }
    // serveStatic answers with the file's response, or passes the request on (and then c.res is the next handler's).
    const found = await serve(c, next);
    if (found?.ok) found.headers.set('cache-control', cacheControl(c.req.path));
    return found;
  };
}
