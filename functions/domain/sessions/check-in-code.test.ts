import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  codeFor,
  personalCodeFor,
  personalTokenFor,
  tokenForSession,
  truncate,
  verifyCode,
  verifyPersonalCode,
  verifyPersonalToken,
  verifyToken,
  WINDOW_MS,
  windowBounds,
  windowOf,
} from './check-in-code.js';

const secret = 'a server secret of the test, long enough to be a key';
const session = '01J000000000000000000SESS1';
const other = '01J000000000000000000SESS2';
const t0 = new Date('2027-03-01T08:00:00.000Z'); // a whole minute, so a window boundary
const at = (ms: number) => new Date(t0.getTime() + ms);
const w0 = windowOf(t0);

describe('windows', () => {
  it('are 15 seconds long and turn on the boundary', () => {
    expect(t0.getTime() % WINDOW_MS).toBe(0);
    expect(windowOf(at(14_999))).toBe(w0);
    expect(windowOf(at(15_000))).toBe(w0 + 1);
    expect(windowOf(at(-1))).toBe(w0 - 1);
    expect(windowBounds(w0)).toEqual({ startsAt: t0, endsAt: at(15_000) });
  });
});

describe('dynamic truncation', () => {
  it('gives the RFC 4226 test values', () => {
    // RFC 4226 Appendix D: HMAC-SHA-1 with the key "12345678901234567890" over the counters 0…9.
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    const got = expected.map((_, count) => {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(count));
      return truncate(createHmac('sha1', '12345678901234567890').update(counter).digest());
    });
    expect(got).toEqual(expected);
  });
});

describe("a session's numeric code", () => {
  it('is six digits and changes every window', () => {
    const codes = [0, 1, 2, 3].map((i) => codeFor(secret, session, w0 + i));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBe(4);
    expect(codeFor(secret, session, w0)).toBe(codeFor(secret, session, w0));
  });

  it('keeps its leading zeros, and such a code verifies', () => {
    let window = w0;
    while (!codeFor(secret, session, window).startsWith('0')) window += 1;
    const code = codeFor(secret, session, window);
    expect(code).toHaveLength(6);
    expect(verifyCode(secret, session, code, windowBounds(window).startsAt)).toEqual({ ok: true, window });
    expect(verifyCode(secret, session, String(Number(code)), windowBounds(window).startsAt)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('is accepted in its window and the next, refused from the one after', () => {
    const code = codeFor(secret, session, w0);
    expect(verifyCode(secret, session, code, t0)).toEqual({ ok: true, window: w0 });
    expect(verifyCode(secret, session, code, at(14_999))).toEqual({ ok: true, window: w0 });
    expect(verifyCode(secret, session, code, at(15_000))).toEqual({ ok: true, window: w0 });
    expect(verifyCode(secret, session, code, at(29_999))).toEqual({ ok: true, window: w0 });
    expect(verifyCode(secret, session, code, at(30_000))).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyCode(secret, session, code, at(-1))).toEqual({ ok: false, reason: 'invalid' });
  });

  it("is refused for another session, under another secret, and when it is not six digits", () => {
    const code = codeFor(secret, session, w0);
    expect(verifyCode(secret, other, code, t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyCode('another secret', session, code, t0)).toEqual({ ok: false, reason: 'invalid' });
    for (const bad of ['', '12345', '1234567', '12a456', ' 123456', '１２３４５６']) expect(verifyCode(secret, session, bad, t0)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe("a session's QR token", () => {
  it('is short, names the session and its window, and verifies', () => {
    const token = tokenForSession(secret, session, w0);
    expect(token.length).toBeLessThanOrEqual(52);
    expect(token).toMatch(/^[0-9A-Za-z_-]+\.[0-9a-z]+\.[0-9A-Za-z_-]{16}$/);
    expect(token.split('.')[0]).toBe(session);
    expect(verifyToken(secret, token, t0)).toEqual({ ok: true, id: session, window: w0 });
  });

  it('survives a sign-in within its window or the next, then asks for a fresh scan', () => {
    const token = tokenForSession(secret, session, w0);
    expect(verifyToken(secret, token, at(25_000))).toEqual({ ok: true, id: session, window: w0 });
    expect(verifyToken(secret, token, at(30_000))).toEqual({ ok: false, reason: 'stale' });
    expect(verifyToken(secret, token, at(3600_000))).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses a window from the future', () => {
    expect(verifyToken(secret, tokenForSession(secret, session, w0 + 1), t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a tampered token: another session, another window, another mac', () => {
    const [, windowText, mac] = tokenForSession(secret, session, w0).split('.') as [string, string, string];
    expect(verifyToken(secret, `${other}.${windowText}.${mac}`, t0)).toEqual({ ok: false, reason: 'invalid' });
    // Moving an old token forward to the current window breaks its mac.
    const old = tokenForSession(secret, session, w0 - 5).split('.') as [string, string, string];
    expect(verifyToken(secret, `${session}.${windowText}.${old[2]}`, t0)).toEqual({ ok: false, reason: 'invalid' });
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
    expect(verifyToken(secret, `${session}.${windowText}.${flipped}`, t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken('another secret', tokenForSession(secret, session, w0), t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('calls anything that is not a token malformed', () => {
    const token = tokenForSession(secret, session, w0);
    const [, windowText, mac] = token.split('.') as [string, string, string];
    for (const bad of ['', 'abc', `${token}.x`, `${session}..${mac}`, `${session}.${windowText}.${mac.slice(1)}`, `${session}.0${windowText}.${mac}`, `${session}.${windowText.toUpperCase()}.${mac}`, `a b.${windowText}.${mac}`]) {
      expect(verifyToken(secret, bad, t0)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('personal codes (reverse check-in)', () => {
  const person = '01J00000000000000000000P01';

  it('rotate and verify for the current and the previous window only', () => {
    const code = personalCodeFor(secret, person, w0);
    expect(code).toMatch(/^\d{6}$/);
    expect(personalCodeFor(secret, person, w0 + 1)).not.toBe(code);
    expect(verifyPersonalCode(secret, person, code, at(20_000))).toEqual({ ok: true, window: w0 });
    expect(verifyPersonalCode(secret, person, code, at(30_000))).toEqual({ ok: false, reason: 'invalid' });
    const token = personalTokenFor(secret, person, w0);
    expect(verifyPersonalToken(secret, token, at(20_000))).toEqual({ ok: true, id: person, window: w0 });
    expect(verifyPersonalToken(secret, token, at(30_000))).toEqual({ ok: false, reason: 'stale' });
  });

  it('never verify as a session code, nor a session code as a personal one, for the same id and window', () => {
    for (let window = w0; window < w0 + 50; window += 1) {
      expect(personalCodeFor(secret, session, window)).not.toBe(codeFor(secret, session, window));
    }
    const now = windowBounds(w0).startsAt;
    expect(verifyPersonalCode(secret, session, codeFor(secret, session, w0), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyCode(secret, person, personalCodeFor(secret, person, w0), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyPersonalToken(secret, tokenForSession(secret, session, w0), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken(secret, personalTokenFor(secret, person, w0), now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
