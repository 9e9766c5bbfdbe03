import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { config } from '../platform/config.js';

/**
 * The session cookie: HttpOnly, SameSite=Lax, and over HTTPS (AWS, or PUBLIC_URL https) Secure with the __Host- prefix (which the
 * browser only accepts from this exact host, over HTTPS, for the whole site).
 */
export function sessionCookieName(): string {
  return config().https ? '__Host-sid' : 'sid';
}

export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, sessionCookieName());
}

export function writeSessionCookie(c: Context, token: string): void {
  const cfg = config();
  setCookie(c, sessionCookieName(), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: cfg.https,
    maxAge: cfg.sessionMaxHours * 3600,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookieName(), { path: '/', secure: config().https });
}
