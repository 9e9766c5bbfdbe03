import { PassThrough } from 'node:stream';
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
        resolve(webStreamOf(body, () => abort()));
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

/**
 * The rendered bytes as a web stream, with backpressure. A reader that goes away (the browser left mid-page) stops
 * the render: Node 20's own `Readable.toWeb` would go on enqueueing into the cancelled stream and throw
 * "Controller is already closed" outside any handler, ending the process.
 */
function webStreamOf(body: PassThrough, stopRendering: () => void): ReadableStream<Uint8Array> {
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      body.on('data', (chunk: Buffer) => {
        if (closed) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) body.pause();
      });
      body.once('end', () => {
        if (closed) return;
        closed = true;
        controller.close();
      });
      body.once('error', (error) => {
        if (closed) return;
        closed = true;
        controller.error(error);
      });
    },
    pull() {
      body.resume();
    },
    cancel() {
      closed = true;
      stopRendering();
      body.destroy();
    },
  });
}
