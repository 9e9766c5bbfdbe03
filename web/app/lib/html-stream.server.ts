import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ReactNode } from 'react';
import { renderToPipeableStream } from 'react-dom/server';

export interface HtmlStreamOptions {
  nonce?: string;
  /** Wait for every suspended part before the first byte (crawlers, link previews); otherwise stream from the shell. */
  waitForAll: boolean;
  /** Milliseconds after which slow parts are given up (rendered by their fallback). */
  timeoutMs: number;
  /** Errors after the shell was sent: the status can no longer change, so they are only reported. */
  onLateError?: (error: unknown) => void;
  /** Errors while rendering, before or after the shell. */
  onError?: (error: unknown) => void;
}

/**
 * Renders a React tree to a web ReadableStream of UTF-8 bytes, resolving once there is something to send.
 *
 * react-dom 18.3.1's Node renderer once sent its whole 2,048-byte buffer, zero-filled tail included, when a
 * multi-byte character did not fit at the end of it: Chinese pages carried NUL bytes. The pinned react-dom is
 * patched (patches/react-dom+18.3.1.patch, docs/decisions/012); html-stream.server.test.ts proves the bytes clean.
 */
export function renderHtmlStream(element: ReactNode, options: HtmlStreamOptions): Promise<ReadableStream<Uint8Array>> {
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const timer = setTimeout(() => abort(), options.timeoutMs);
    const { pipe, abort } = renderToPipeableStream(element, {
      ...(options.nonce ? { nonce: options.nonce } : {}),
      [options.waitForAll ? 'onAllReady' : 'onShellReady']() {
        shellRendered = true;
        const body = new PassThrough();
        body.once('close', () => clearTimeout(timer));
        // Node's own stream bridge: @remix-run/node's would pull undici (400 KB) into the Lambda bundle.
        resolve(Readable.toWeb(body) as WebReadableStream<Uint8Array> as unknown as ReadableStream<Uint8Array>);
        pipe(body);
      },
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error);
      },
      onError(error: unknown) {
        options.onError?.(error);
        if (shellRendered) options.onLateError?.(error);
      },
    });
  });
}
