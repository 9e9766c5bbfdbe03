import type { Context } from 'hono';

/**
 * A Content-Disposition header that offers `fileName` (any language) for download, with an ASCII fallback. Half a
 * character (a lone surrogate, which free text no longer admits but older records may hold) becomes U+FFFD rather
 * than failing to encode.
 */
export function attachment(fileName: string, fallback = 'export.csv'): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName.replace(/\p{Cs}/gu, '\uFFFD'))}`;
}

/**
 * A file answered for download: its type, its name in the person's language (an ASCII name beside it for old
 * clients), and never kept by a shared cache (exports name people).
 */
export function download(c: Context, file: { fileName: string; contentType: string; body: Uint8Array | string }, fallbackBase = 'export') {
  const extension = /\.(\w+)$/.exec(file.fileName)?.[1] ?? 'bin';
  const body = typeof file.body === 'string' ? file.body : file.body.slice().buffer;
  return c.body(body, 200, {
    'content-type': file.contentType,
    'content-disposition': attachment(file.fileName, `${fallbackBase}.${extension}`),
    'cache-control': 'private, no-store',
  });
}
