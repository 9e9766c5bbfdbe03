import type { AppLoadContext, EntryContext } from '@remix-run/server-runtime';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { NonceProvider } from './lib/nonce';
import { renderHtmlStream } from './lib/html-stream.server';
import './lib/context';
import './i18n/all.server';

export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  let status = responseStatusCode;
  const body = await renderHtmlStream(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      // Crawlers and link previews get the whole page at once; people get the shell as soon as it is ready.
      waitForAll: isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode,
      // Give up on slow parts of the page a little after Remix's own stream timeout.
      timeoutMs: streamTimeout + 1_000,
      onError: () => {
        status = 500;
      },
      // Errors before the shell are rendered by the error boundary; after it they can only be logged.
      onLateError: (error) => console.error(error),
    },
  );
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(body, { headers: responseHeaders, status });
}
