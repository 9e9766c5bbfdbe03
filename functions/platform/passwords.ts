/**
 * Password hashing with scrypt from node:crypto: a memory-hard KDF, no native add-on, the same on a laptop and on Lambda.
 *
 * Encoded form, self-describing so the cost can be raised later without breaking stored hashes:
 *   scrypt$<N>$<r>$<p>$<salt base64>$<key base64>
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const scryptParams = { N: 16384, r: 8, p: 1, saltBytes: 16, keyBytes: 64 } as const;

/** Bounds accepted when verifying, so a damaged or hostile hash string cannot ask for gigabytes of memory. */
const limits = { maxN: 1 << 20, maxR: 32, maxP: 16, minKeyBytes: 16, maxKeyBytes: 256 };

function derive(plain: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function memoryFor(N: number, r: number, p: number): number {
  // scrypt needs about 128·N·r bytes (plus 128·r·p); give it headroom over Node's 32 MiB default.
  return 128 * N * r + 128 * r * p + 16 * 1024 * 1024;
}

/** Hashes a password with a fresh 16-byte random salt. */
export async function hashPassword(plain: string): Promise<string> {
  const { N, r, p, saltBytes, keyBytes } = scryptParams;
  const salt = randomBytes(saltBytes);
  const key = await derive(plain, salt, keyBytes, { N, r, p, maxmem: memoryFor(N, r, p) });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Decoded {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function decode(encoded: string): Decoded | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, nText, rText, pText, saltText, keyText] = parts as [string, string, string, string, string, string];
  const digits = /^[1-9][0-9]{0,9}$/;
  if (!digits.test(nText) || !digits.test(rText) || !digits.test(pText)) return undefined;
  const N = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  if (N < 2 || N > limits.maxN || (N & (N - 1)) !== 0 || r > limits.maxR || p > limits.maxP) return undefined;
  const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
  if (!base64.test(saltText) || !base64.test(keyText)) return undefined;
  const salt = Buffer.from(saltText, 'base64');
  const key = Buffer.from(keyText, 'base64');
  if (salt.length < 8 || key.length < limits.minKeyBytes || key.length > limits.maxKeyBytes) return undefined;
  return { N, r, p, salt, key };
}

/** True when `plain` matches `encoded`. A malformed hash never matches (and never throws). */
export async function verifyPassword(plain: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  if (!decoded) return false;
  const { N, r, p, salt, key } = decoded;
  const candidate = await derive(plain, salt, key.length, { N, r, p, maxmem: memoryFor(N, r, p) });
  return candidate.length === key.length && timingSafeEqual(candidate, key);
}

/** True when a stored hash was made with weaker parameters than today's and should be replaced at the next login. */
export function needsRehash(encoded: string): boolean {
  const decoded = decode(encoded);
  if (!decoded) return true;
  const { N, r, p, saltBytes, keyBytes } = scryptParams;
  return decoded.N < N || decoded.r < r || decoded.p < p || decoded.salt.length < saltBytes || decoded.key.length < keyBytes;
}

/** A readable one-time password: no look-alike characters, letters and digits both present. */
export function generatePassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  const all = letters + digits;
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [pick(letters), pick(digits), ...Array.from({ length: 8 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
