import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomBytes } from 'node:crypto';
import { config } from '../platform/config.js';

/**
 * The device cookie: a long-lived random value that tells one browser from another, so that many accounts signing in
 * from one browser within minutes can be seen (the flags area). HttpOnly, SameSite=Lax; over HTTPS Secure with
 * the __Host- prefix. Set at sign-in when absent; only its hash is ever stored.
 */
export function deviceCookieName(): string {
  return config().https ? '__Host-did' : 'did';
}

const wellFormed = /^[A-Za-z0-9_-]{43}$/;

/** The browser's device id, made and set now if it has none (or one this platform never gave out). */
export function deviceIdOf(c: Context): string {
  const held = getCookie(c, deviceCookieName());
  if (held && wellFormed.test(held)) return held;
  const made = randomBytes(32).toString('base64url');
  setCookie(c, deviceCookieName(), made, { path: '/', httpOnly: true, sameSite: 'Lax', secure: config().https, maxAge: 400 * 86_400 });
  return made;
}
