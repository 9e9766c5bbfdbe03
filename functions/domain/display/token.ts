/**
 * A display link's token: `<linkId>.<secret>`, the secret 256 random bits in base64url. Only the SHA-256 of the
 * secret is stored, so the table never holds a working link; a token is checked by hashing what was presented and
 * comparing in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_CHARS = 43; // 32 bytes in base64url, unpadded
const shape = /^([0-9A-HJKMNP-TV-Z]{26})\.([A-Za-z0-9_-]{43})$/;

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

export const tokenOf = (linkId: string, secret: string) => `${linkId}.${secret}`;

/** The parts of a token, or null when it cannot be one (wrong shape, length or alphabet). */
export function parseToken(token: string): { linkId: string; secret: string } | null {
  if (token.length !== 26 + 1 + SECRET_CHARS) return null;
  const match = shape.exec(token);
  return match ? { linkId: match[1]!, secret: match[2]! } : null;
}

/** Whether a presented secret is the one whose hash is stored. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret));
  const stored = Buffer.from(storedHash);
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
