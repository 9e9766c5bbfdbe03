import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { resetConfig } from '../../functions/platform/config.js';
import { clientBuildDir } from '../../dev/build.js';
import { compressing } from '../../dev/compression.js';
import { localFetch, type NodeEnv } from '../../dev/local-app.js';

useLocalPlatform({ app: false });

let serve: (request: Request, env: NodeEnv) => Promise<Response>;
const env: NodeEnv = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
const get = (path: string, headers: Record<string, string> = {}) => serve(new Request(`http://localhost:3000${path}`, { headers }), env);
const decode = (encoding: string | null, bytes: Buffer) => (encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes);
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());
/** A page's nonce differs from one request to the next. */
const withoutNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

beforeAll(async () => {
  serve = await localFetch({});
});

afterEach(() => {
  delete process.env.PUBLIC_URL;
  resetConfig();
});

describe('npm start compresses what it serves', () => {
  const asset = readdirSync(join(clientBuildDir, 'assets')).find((name) => name.endsWith('.js') && readFileSync(join(clientBuildDir, 'assets', name)).length > 20_000)!;
  const original = readFileSync(join(clientBuildDir, 'assets', asset));

  it.each(['br', 'gzip'])('serves a built script precompressed with %s, decoding to the same bytes', async (encoding) => {
    const answer = await get(`/assets/${asset}`, { 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip' });
    expect(answer.headers.get('content-encoding')).toBe(encoding);
    expect(answer.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(answer.headers.get('content-type')).toMatch(/javascript/);
    expect(answer.headers.get('cache-control')).toContain('immutable');
    const body = await bytesOf(answer);
    expect(body.length).toBeLessThan(original.length / 2);
    expect(decode(encoding, body).equals(original)).toBe(true);
  });

  it('serves the script as it is to a browser that accepts neither, still saying it varies', async () => {
    const answer = await get(`/assets/${asset}`, { 'accept-encoding': 'identity' });
    expect(answer.headers.get('content-encoding')).toBeNull();
    expect(answer.headers.get('vary')).toMatch(/accept-encoding/i);
    expect((await bytesOf(answer)).equals(original)).toBe(true);
  });

  it.each(['br', 'gzip'])('compresses a page and the API JSON on the fly with %s', async (encoding) => {
    const plain = withoutNonces((await bytesOf(await get('/login', { 'accept-language': 'zh-CN' }))).toString('utf8'));
    const page = await get('/login', { 'accept-encoding': encoding, 'accept-language': 'zh-CN' });
    expect(page.headers.get('content-encoding')).toBe(encoding);
    expect(page.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(withoutNonces(decode(encoding, await bytesOf(page)).toString('utf8'))).toBe(plain);

    const spec = await bytesOf(await get('/api/openapi.json'));
    const packed = await get('/api/openapi.json', { 'accept-encoding': `${encoding};q=1, identity;q=0.5` });
    expect(packed.headers.get('content-encoding')).toBe(encoding);
    expect(decode(encoding, await bytesOf(packed)).equals(spec)).toBe(true);
  });

  it('never compresses twice, nor images, spreadsheets or archives', async () => {
    const payload = Buffer.alloc(50_000, 7);
    const handler = compressing<object>((request) => {
      const type = new URL(request.url).searchParams.get('type')!;
      return new Response(payload, { headers: { 'content-type': type, ...(type === 'text/css' ? { 'content-encoding': 'gzip' } : {}) } });
    });
    for (const type of ['image/png', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip', 'text/css']) {
      const answer = await handler(new Request(`http://x/?type=${encodeURIComponent(type)}`, { headers: { 'accept-encoding': 'br, gzip' } }), {});
      expect(answer.headers.get('content-encoding'), type).toBe(type === 'text/css' ? 'gzip' : null);
      expect(Buffer.from(await answer.arrayBuffer()).equals(payload), type).toBe(true);
    }
  });
});

describe('PUBLIC_URL https: Secure cookies and HSTS', () => {
  const login = () =>
    serve(
      new Request('http://localhost:3000/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'staff1', password: 'demo1234' }) }),
      env,
    );

  it('without it: no HSTS, cookies not Secure', async () => {
    const answer = await login();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('strict-transport-security')).toBeNull();
    const cookies = answer.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('sid='))).toBe(true);
    expect(cookies.some((c) => /;\s*Secure/i.test(c))).toBe(false);
  });

  it('with https: HSTS for a year, every cookie Secure, the session cookie __Host-', async () => {
    process.env.PUBLIC_URL = 'https://xuexi.example.gov.cn';
    resetConfig();
    const answer = await login();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const cookies = answer.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((c) => /;\s*Secure/i.test(c))).toBe(true);
    expect(cookies.some((c) => c.startsWith('__Host-sid='))).toBe(true);
  });

  it('with plain http: still no HSTS', async () => {
    process.env.PUBLIC_URL = 'http://xuexi.intranet';
    resetConfig();
    const answer = await login();
    expect(answer.headers.get('strict-transport-security')).toBeNull();
  });
});
