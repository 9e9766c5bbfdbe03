import { describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { hashSecret, newSecret, parseToken, secretMatches, tokenOf } from './token.js';

describe('display tokens', () => {
  it('carry the link id and a 256-bit secret, and match only their own hash', () => {
    const linkId = newId();
    const secret = newSecret();
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    const parsed = parseToken(tokenOf(linkId, secret));
    expect(parsed).toEqual({ linkId, secret });
    expect(secretMatches(secret, hashSecret(secret))).toBe(true);
    expect(secretMatches(newSecret(), hashSecret(secret))).toBe(false);
    expect(hashSecret(secret)).not.toContain(secret);
  });
  it('refuse anything of another shape', () => {
    const good = tokenOf(newId(), newSecret());
    expect(parseToken(good.slice(0, -1))).toBeNull();
    expect(parseToken(`${good}x`)).toBeNull();
    expect(parseToken(good.replace('.', '-'))).toBeNull();
    expect(parseToken(`${good.slice(0, -1)}/`)).toBeNull();
    expect(parseToken('')).toBeNull();
    expect(parseToken('a'.repeat(70))).toBeNull();
  });
});
