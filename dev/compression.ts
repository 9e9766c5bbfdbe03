/**
 * Compression for `npm start` (on AWS, CloudFront compresses). Text the app answers (HTML, CSS, JS, JSON, SVG, plain
 * text, XML) is compressed on the fly with brotli or gzip, whichever the browser accepts (brotli first);
 * built assets are compressed once, when the web is built (`precompressAssets`), and served as they are
 * (static-assets.ts). A response that already has a Content-Encoding is never compressed again; images, xlsx,
 * zip and other binary types never are.
 */
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export type Encoding = 'br' | 'gzip';

/** Content types worth compressing. */
export const compressibleType = /^\s*(?:text\/(?:html|css|plain|javascript|xml|csv)|application\/(?:javascript|json|xml|[\w.+-]+\+json|[\w.+-]+\+xml)|image\/svg\+xml)\s*(?:;|$)/i;

/** File names of the assets compressed at build time. */
export const compressibleFile = /\.(?:js|mjs|css|svg|html|json|txt|xml|map)$/i;

/** Smaller than this gains nothing worth a header. */
export const minimumBytes = 1024;

/** The encoding to answer with, from Accept-Encoding (q-values honoured; brotli preferred at equal weight). */
export function chooseEncoding(acceptEncoding: string | null | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return undefined;
}

/** Adds Accept-Encoding to Vary (once). */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (vary === '*' || (vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))) return;
  headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
}

function compressor(encoding: Encoding) {
  // Flush after every chunk: a page that streams (deferred data) still reaches the browser piece by piece.
  return encoding === 'br'
    ? createBrotliCompress({ flush: constants.BROTLI_OPERATION_FLUSH, params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : createGzip({ flush: constants.Z_SYNC_FLUSH });
}

type Fetch<E> = (request: Request, env: E) => Response | Promise<Response>;

/** Wraps a fetch handler so that its compressible answers are compressed for the browsers that accept it. */
export function compressing<E>(fetch: Fetch<E>): Fetch<E> {
  return async (request, env) => {
    const response = await fetch(request, env);
    const type = response.headers.get('content-type') ?? '';
    if (!compressibleType.test(type) || [204, 206, 304].includes(response.status)) return response;
    varyOnEncoding(response.headers);
    if (response.headers.has('content-encoding') || !response.body || request.method === 'HEAD') return response;
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(response.headers.get('cache-control') ?? '')) return response;
    const length = response.headers.get('content-length');
    if (length !== null && Number(length) < minimumBytes) return response;
    const encoding = chooseEncoding(request.headers.get('accept-encoding'));
    if (!encoding) return response;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.set('content-encoding', encoding);
    const etag = headers.get('etag');
    if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(compressor(encoding));
    return new Response(Readable.toWeb(body) as ReadableStream, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Where the build's precompressed copies live: beside build/client, so that what is shipped to S3 stays as built. */
export const compressedDirFor = (clientDir: string) => join(dirname(clientDir), 'compressed');

/**
 * Writes `<file>.br` (brotli, best) and `<file>.gz` (gzip -9) of every compressible file of `clientDir` into
 * `compressedDir` (same relative paths), skipping those already up to date. Returns how many files it compressed.
 */
export function precompressAssets(clientDir: string, compressedDir = compressedDirFor(clientDir)): number {
  let written = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      if (!compressibleFile.test(entry.name)) continue;
      const stat = statSync(path);
      if (stat.size < minimumBytes) continue;
      const target = join(compressedDir, relative(clientDir, path));
      const fresh = (file: string) => existsSync(file) && statSync(file).mtimeMs >= stat.mtimeMs;
      if (fresh(`${target}.br`) && fresh(`${target}.gz`)) continue;
      const bytes = readFileSync(path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(`${target}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
      writeFileSync(`${target}.gz`, gzipSync(bytes, { level: 9 }));
      written++;
    }
  };
  if (existsSync(clientDir)) walk(clientDir);
  return written;
}
