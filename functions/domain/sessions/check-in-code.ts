/**
 * Rotating check-in codes, computed without storage: an HMAC-SHA256 of what the code is for, the id (a session or a
 * person) and the time window, under the server's secret.
 *
 * - Time is cut into 15-second windows (`windowOf`: window n covers [n·15 s, (n+1)·15 s) of Unix time). A code or a
 *   token made for window n is accepted while the current window is n or n + 1 (the current and the previous), never
 *   before n (a window from the future is refused as invalid) nor from n + 2 on.
 * - The numeric code is six digits, derived from the HMAC by the dynamic truncation TOTP uses (RFC 4226 §5.3): the low
 *   four bits of the last byte pick an offset, the 31 bits from there modulo 10⁶ make the code, leading zeros kept.
 * - The QR payload is a token `id.window.mac`: the window in base 36, and the first 12 bytes of the HMAC in base64url
 *   (96 bits; a token is about 50 characters for a ULID). The token carries its window, so it survives a sign-in: after
 *   the member signs in, the server verifies the same token again at that moment, and answers `stale` ("scan again")
 *   when its window has gone by, rather than a check-in nobody can tell from a forwarded photo.
 * - Domain separation: each kind (session code, session token, personal code, personal token) is a distinct label in
 *   the HMAC's input, so a session's code or token never verifies as a person's, nor the other way round, even for
 *   the same id and window.
 * - Comparisons are constant-time (`timingSafeEqual` on equal lengths).
 *
 * Guessing a six-digit code succeeds with probability 2·10⁻⁶ a try (two windows accepted): the service that takes
 * codes limits tries per person and session.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WINDOW_MS = 15_000;
const CODE_DIGITS = 6;
const TOKEN_MAC_BYTES = 12;

export type Secret = string | Uint8Array;

type Kind = 'session-code' | 'session-token' | 'personal-code' | 'personal-token';

/** The 15-second window the instant falls in. */
export const windowOf = (now: Date): number => Math.floor(now.getTime() / WINDOW_MS);

/** When a window begins and when the next one does (the host's screen refreshes then). */
export function windowBounds(window: number): { startsAt: Date; endsAt: Date } {
  return { startsAt: new Date(window * WINDOW_MS), endsAt: new Date((window + 1) * WINDOW_MS) };
}

function mac(secret: Secret, kind: Kind, id: string, window: number): Buffer {
  return createHmac('sha256', secret).update(`dangjian-check-in\u0000${kind}\u0000${id}\u0000${window}`).digest();
}

/** Six digits from an HMAC by dynamic truncation (RFC 4226 §5.3); exported for its test against the RFC's vectors. */
export function truncate(hmac: Buffer): string {
  const offset = hmac[hmac.length - 1]! & 0x0f;
  const binary = ((hmac[offset]! & 0x7f) << 24) | (hmac[offset + 1]! << 16) | (hmac[offset + 2]! << 8) | hmac[offset + 3]!;
  return String(binary % 10 ** CODE_DIGITS).padStart(CODE_DIGITS, '0');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The windows accepted at `now`: the current one, then the previous one. */
const acceptedWindows = (now: Date) => [windowOf(now), windowOf(now) - 1];

export type CodeCheck = { ok: true; window: number } | { ok: false; reason: 'malformed' | 'invalid' };

function verifyNumeric(secret: Secret, kind: Kind, id: string, code: string, now: Date): CodeCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'malformed' };
  for (const window of acceptedWindows(now)) {
    if (sameText(truncate(mac(secret, kind, id, window)), code)) return { ok: true, window };
  }
  return { ok: false, reason: 'invalid' };
}

const tokenPart = /^[0-9A-Za-z_-]{1,64}$/;
const windowPart = /^[0-9a-z]{1,11}$/;

export type TokenCheck =
  | { ok: true; id: string; window: number }
  /** `malformed`: not a token; `invalid`: not one this server made (or tampered with); `stale`: genuine, but its window has gone by: scan again. */
  | { ok: false; reason: 'malformed' | 'invalid' | 'stale' };

function tokenFor(secret: Secret, kind: Kind, id: string, window: number): string {
  if (!tokenPart.test(id)) throw new Error(`an id in a check-in token must be 1–64 URL-safe characters: ${id}`);
  return `${id}.${window.toString(36)}.${mac(secret, kind, id, window).subarray(0, TOKEN_MAC_BYTES).toString('base64url')}`;
}

function verifyTokenOf(secret: Secret, kind: Kind, token: string, now: Date): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [id, windowText, given] = parts as [string, string, string];
  if (!tokenPart.test(id) || !windowPart.test(windowText) || !/^[0-9A-Za-z_-]{16}$/.test(given)) return { ok: false, reason: 'malformed' };
  const window = parseInt(windowText, 36);
  if (!Number.isSafeInteger(window) || window.toString(36) !== windowText) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, kind, id, window).subarray(0, TOKEN_MAC_BYTES).toString('base64url');
  if (!sameText(expected, given)) return { ok: false, reason: 'invalid' };
  const current = windowOf(now);
  if (window > current) return { ok: false, reason: 'invalid' };
  if (window < current - 1) return { ok: false, reason: 'stale' };
  return { ok: true, id, window };
}

// ─── A session's code, shown on the host's screen ──────────────────────────────────────────────────────────────────

/** The six-digit code a session's screen shows in `window`. */
export const codeFor = (secret: Secret, sessionId: string, window: number): string => truncate(mac(secret, 'session-code', sessionId, window));

/** Whether `code` is the session's code for the current or the previous window. */
export const verifyCode = (secret: Secret, sessionId: string, code: string, now: Date): CodeCheck => verifyNumeric(secret, 'session-code', sessionId, code, now);

/** The QR payload for a session in `window`: `sessionId.window.mac`. */
export const tokenForSession = (secret: Secret, sessionId: string, window: number): string => tokenFor(secret, 'session-token', sessionId, window);

/** Whether a scanned token is genuine and current (or previous); `id` is the session's. Call it again after a sign-in. */
export const verifyToken = (secret: Secret, token: string, now: Date): TokenCheck => verifyTokenOf(secret, 'session-token', token, now);

// ─── A person's own code, shown on their phone for the host to scan (reverse check-in) ─────────────────────────────

/** The six-digit personal code a person's phone shows in `window`. */
export const personalCodeFor = (secret: Secret, personId: string, window: number): string => truncate(mac(secret, 'personal-code', personId, window));

/** Whether `code` is the person's personal code for the current or the previous window. */
export const verifyPersonalCode = (secret: Secret, personId: string, code: string, now: Date): CodeCheck =>
  verifyNumeric(secret, 'personal-code', personId, code, now);

/** The QR payload a person's phone shows in `window`: `personId.window.mac`. */
export const personalTokenFor = (secret: Secret, personId: string, window: number): string => tokenFor(secret, 'personal-token', personId, window);

/** Whether a scanned personal token is genuine and current (or previous); `id` is the person's. */
export const verifyPersonalToken = (secret: Secret, token: string, now: Date): TokenCheck => verifyTokenOf(secret, 'personal-token', token, now);
