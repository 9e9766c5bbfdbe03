import type { Context } from 'hono';

/**
 * The address a request came from, for throttling sign-ins. Behind CloudFront the viewer's address arrives in
 * CloudFront-Viewer-Address (ip:port); locally the socket's address (node-server exposes the incoming message);
 * otherwise the last X-Forwarded-For entry, which API Gateway appends and the web's in-process client sets.
 */
export function clientAddress(c: Context): string {
  const viewer = c.req.header('cloudfront-viewer-address');
  if (viewer) return viewer.replace(/:\d+$/, '').slice(0, 64);
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const socketAddress = incoming?.socket?.remoteAddress;
  if (socketAddress) return socketAddress.slice(0, 64);
  // On Lambda (API Gateway appends the peer) and for the web's in-process calls (web.ts sets it).
  const forwarded = c.req.header('x-forwarded-for');
  if (forwarded) return (forwarded.split(',').pop() ?? '').trim().slice(0, 64) || 'unknown';
  return 'unknown';
}
