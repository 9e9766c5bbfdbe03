import { describe, expect, it } from 'vitest';
import { frontDoor, parseTrustProxy } from './front-door.js';

/** The front door before a probe that answers what the app would see. */
function probe(settings: { publicUrl?: string; trustProxy?: string }) {
  const door = frontDoor<{ incoming?: { socket?: { remoteAddress?: string } } }>(
    (request, env) =>
      Response.json({ client: env.clientAddress, url: request.url, xff: request.headers.get('x-forwarded-for'), host: request.headers.get('x-forwarded-host') }),
    settings,
  );
  return async (headers: Record<string, string>, peer = '::ffff:10.0.0.7') => {
    const answer = await door(new Request('http://127.0.0.1:3000/sessions/1?x=1', { headers }), { incoming: { socket: { remoteAddress: peer } } });
    return (await answer.json()) as { client: string; url: string; xff: string | null; host: string | null };
  };
}

const forged = { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' };

describe('the front door of npm start', () => {
  it('ignores forwarded headers without TRUST_PROXY: the client is the socket, the URL what it asked', async () => {
    const seen = await probe({})(forged);
    expect(seen).toEqual({ client: '10.0.0.7', url: 'http://127.0.0.1:3000/sessions/1?x=1', xff: null, host: null });
  });

  it('believes the proxy with TRUST_PROXY=1: the last X-Forwarded-For entry, its scheme and host', async () => {
    const seen = await probe({ trustProxy: '1' })({ ...forged, 'x-forwarded-for': '198.51.100.1, 203.0.113.9', 'x-forwarded-host': 'xuexi.example.gov.cn' });
    expect(seen.client).toBe('203.0.113.9');
    expect(seen.url).toBe('https://xuexi.example.gov.cn/sessions/1?x=1');
    expect(seen.host).toBe('xuexi.example.gov.cn');
  });

  it('with a list, believes only those peers and skips them in the chain', async () => {
    const ask = probe({ trustProxy: '127.0.0.1, 10.0.0.0/8' });
    expect((await ask({ 'x-forwarded-for': '203.0.113.9, 10.1.2.3' }, '127.0.0.1')).client).toBe('203.0.113.9');
    expect((await ask({ 'x-forwarded-for': '203.0.113.9' }, '192.0.2.50')).client).toBe('192.0.2.50');
  });

  it('PUBLIC_URL decides the origin the app sees, whatever a header says', async () => {
    const seen = await probe({ publicUrl: 'https://xuexi.example.gov.cn', trustProxy: '1' })(forged);
    expect(seen.url).toBe('https://xuexi.example.gov.cn/sessions/1?x=1');
    expect(seen.host).toBe('xuexi.example.gov.cn');
  });

  it('refuses a mistyped TRUST_PROXY', () => {
    expect(() => parseTrustProxy('10.0.0.0/8, nginx')).toThrow(/"nginx" is not an address/);
  });
});
