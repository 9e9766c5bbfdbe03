import type { Context } from 'hono';
import { createRequestHandler, type ServerBuild } from '@remix-run/server-runtime';
import type { AppEnv } from './context.js';
import { clientAddress } from './client-address.js';
import type { SessionMemo } from './middleware/session.js';
import type { ReadMemo } from '../platform/request-scope.js';
import { createApiClient } from './web-api-client.js';
import { config } from '../platform/config.js';

export type ServerBuildSource = ServerBuild | (() => Promise<ServerBuild>);

/**
 * Everything outside /api goes to Remix. Each request gets its own typed API client whose fetch calls the API
 * in-process with the user's cookie; Set-Cookie headers the API answers with are carried onto the page's response.
 */
export function webHandler(options: {
  build: ServerBuildSource;
  mode: 'development' | 'production';
  /** `clientAddress`: the browser's address as the front door decided it (the API trusts no header for it). */
  apiFetch: (request: Request, env: { sessionMemo: SessionMemo; readMemo: ReadMemo; clientAddress: string }) => Promise<Response>;
}) {
  const handleRequest = createRequestHandler(options.build, options.mode);
  return async (c: Context<AppEnv>) => {
    const sessionMemo: SessionMemo = new Map();
    const readMemo: ReadMemo = new Map();
    const address = clientAddress(c);
    const { client, setCookies } = createApiClient({
      request: c.req.raw,
      fetch: (request) => options.apiFetch(request, { sessionMemo, readMemo, clientAddress: address }),
    });
    const response = await handleRequest(c.req.raw, {
      api: client,
      lang: c.get('lang'),
      cspNonce: c.get('cspNonce'),
      requestId: c.get('requestId'),
      // The pages read no server configuration themselves: what they need of it comes with the request.
      studyHeartbeatMs: config().studyHeartbeatSeconds * 1000,
    });
    for (const cookie of setCookies) response.headers.append('set-cookie', cookie);
    return response;
  };
}
