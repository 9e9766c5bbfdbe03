import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, scryptParams, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hashes into the self-describing scrypt format', async () => {
    const encoded = await hashPassword('demo1234');
    const parts = encoded.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(scryptParams.saltBytes);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(scryptParams.keyBytes);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const encoded = await hashPassword('demo1234');
    expect(await verifyPassword('demo1234', encoded)).toBe(true);
    expect(await verifyPassword('demo1235', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('salts every hash afresh', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('handles non-ASCII passwords, treating canonically equal forms alike', async () => {
    const encoded = await hashPassword('党建学习2026');
    expect(await verifyPassword('党建学习2026', encoded)).toBe(true);
    expect(await verifyPassword('党建学习2025', encoded)).toBe(false);
    const composed = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', composed)).toBe(true);
  });

  it('never matches (and never throws on) a malformed or hostile hash', async () => {
    const good = await hashPassword('demo1234');
    const [, , , , salt, key] = good.split('$');
    const bad = [
      '',
      'plain-text',
      'bcrypt$10$abc',
      good.replace('scrypt$', 'scrypt2$'),
      `scrypt$16384$8$1$${salt}`,
      `scrypt$16383$8$1$${salt}$${key}`, // N not a power of two
      `scrypt$1073741824$8$1$${salt}$${key}`, // N far too large
      `scrypt$16384$8$1$***$${key}`,
      `scrypt$16384$8$1$${salt}$AAAA`, // key too short
      `scrypt$016384$8$1$${salt}$${key}`,
    ];
    for (const encoded of bad) expect(await verifyPassword('demo1234', encoded)).toBe(false);
  });

  it('asks for a rehash only when the stored parameters are weaker than today’s', async () => {
    const good = await hashPassword('x');
    expect(needsRehash(good)).toBe(false);
    const [, , , , salt, key] = good.split('$');
    expect(needsRehash(`scrypt$1024$8$1$${salt}$${key}`)).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});
