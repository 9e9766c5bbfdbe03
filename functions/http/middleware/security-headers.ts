import { createMiddleware } from 'hono/factory';
import { config } from '../../platform/config.js';
import type { AppEnv } from '../context.js';

/**
 * Security headers on every response. Headers are set after the handler ran, on the response it made
 * (replacing c.res would drop Set-Cookie headers, and some adapters lose headers set earlier).
 * Pages may run only our own scripts and the inline scripts Remix renders with this request's nonce.
 */
export const securityHeaders = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const h = c.res.headers;
    const cfg = config();
    // Presigned uploads and downloads go straight to S3; locally that is s3rver on another port.
    const storage = cfg.s3PublicEndpoint ? ` ${new URL(cfg.s3PublicEndpoint).origin}` : ' https://*.amazonaws.com https://*.amazonaws.com.cn';
    const isDocs = c.req.path === '/api/docs';
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${c.get('cspNonce')}'`,
      // The API reference page styles itself inline; our own pages use stylesheets only.
      isDocs ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
      `img-src 'self' data: blob:${storage}`,
      `media-src 'self' blob:${storage}`,
      // PDF lessons are read in the page from their presigned address.
      `frame-src 'self'${storage}`,
      `connect-src 'self'${storage}`,
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      ...(cfg.https ? ['upgrade-insecure-requests'] : []),
    ].join('; ');
    h.set('content-security-policy', csp);
    h.set('x-content-type-options', 'nosniff');
    h.set('x-frame-options', 'DENY');
    h.set('referrer-policy', 'strict-origin-when-cross-origin');
    h.set('cross-origin-opener-policy', 'same-origin');
    h.set('permissions-policy', 'camera=(self), microphone=(), geolocation=(), payment=()');
    // Over HTTPS (AWS, or PUBLIC_URL https): a year, and the platform's own subdomains too (it serves none over HTTP).
    if (cfg.https) h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (c.req.path.startsWith('/api/') && !h.has('cache-control')) h.set('cache-control', 'no-store');
  });
