import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { config } from '../platform/config.js';

/** Set by CloudFront's viewer-request function to the viewer's address, overwriting whatever a client sent. */
export const viewerAddressHeader = 'x-viewer-address';
/**
 * Added by CloudFront itself when the origin request policy asks for it (`ip:port`, IPv6 without brackets); where
 * CloudFront has no functions (the China regions) it is the only word on the viewer's address.
 */
export const cloudFrontViewerHeader = 'cloudfront-viewer-address';
/** Added by CloudFront as an origin custom header: proves the request came through the distribution. */
export const originVerifyHeader = 'x-origin-verify';

/** What the runtime hands the app beside the request: node-server's incoming message, Lambda's event, or ours. */
interface RuntimeEnv {
  /** node-server (locally): the socket's peer. */
  incoming?: { socket?: { remoteAddress?: string } };
  /** hono/aws-lambda: API Gateway's own view of the peer. */
  event?: { requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } } };
  /** The web's in-process calls: the address the front door already decided for the browser's request. */
  clientAddress?: string;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const clean = (value: string | undefined) => (value ?? '').trim().slice(0, 64) || undefined;

/**
 * The address a request came from, for the sign-in throttle and the audit log: only what the hop that set it can
 * vouch for, never a header a client may send straight to the app.
 * - The web's in-process calls carry the address the front door decided (in the runtime env, not in a header).
 * - On AWS behind CloudFront: the viewer address CloudFront's function wrote (or, in China, where CloudFront has no
 *   functions, CloudFront's own CloudFront-Viewer-Address without its port), trusted only with the origin secret
 *   CloudFront adds (ORIGIN_VERIFY_SECRET); without it, API Gateway's own source address (a direct call).
 * - Locally (node-server): the socket's peer.
 */
export function clientAddress(c: Context): string {
  const env = (c.env ?? {}) as RuntimeEnv;
  if (env.clientAddress) return env.clientAddress;
  const secret = config().originVerifySecret;
  if (secret && sameSecret(c.req.header(originVerifyHeader), secret)) {
    const viewer = clean(c.req.header(viewerAddressHeader));
    if (viewer) return viewer;
    const cloudFront = clean(c.req.header(cloudFrontViewerHeader));
    const port = cloudFront?.lastIndexOf(':') ?? -1;
    if (cloudFront && port > 0) return cloudFront.slice(0, port);
  }
  const gateway = env.event?.requestContext?.http?.sourceIp ?? env.event?.requestContext?.identity?.sourceIp;
  return clean(gateway) ?? clean(env.incoming?.socket?.remoteAddress) ?? 'unknown';
}
