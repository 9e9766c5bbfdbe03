import type { Context } from 'hono';
import { contentDisposition } from '../platform/content-disposition.js';

/**
 * A Content-Disposition header that offers `fileName` (any language) for download, with an ASCII fallback. Half a
 * character (a lone surrogate, which free text no longer admits but older records may hold) is dropped rather
 * than failing to encode.
 */
export function attachment(fileName: string, fallback = 'export.csv'): string {
  return contentDisposition('attachment', fileName, fallback);
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
