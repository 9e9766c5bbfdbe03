import { describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { resetConfig } from '../../functions/platform/config.js';

const { app } = useLocalPlatform({ seed: false });

describe('GET /api/health', () => {
  it('reports the table and the bucket reachable, with the version', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', version: expect.any(String), checks: { table: { ok: true }, bucket: { ok: true } } });
  });

  it('answers 503 with the reason when the bucket is missing', async () => {
    const previous = process.env.UPLOADS_BUCKET;
    process.env.UPLOADS_BUCKET = 'no-such-bucket-here';
    resetConfig();
    try {
      const res = await app.request('/api/health');
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.status).toBe('unavailable');
      expect(body.checks.table.ok).toBe(true);
      expect(body.checks.bucket).toMatchObject({ ok: false, reason: expect.stringMatching(/\w/) });
    } finally {
      process.env.UPLOADS_BUCKET = previous;
      resetConfig();
    }
  });
});

describe('API errors', () => {
  it('answers an unknown /api route with a 404 JSON error, not the web page', async () => {
    const res = await app.request('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('/api/no-such-thing');
  });

  it('answers malformed JSON with a 400 that says so, in Chinese by default', async () => {
    const res = await app.request('/api/preferences/language', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"lang": ',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toContain('JSON');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('speaks English when asked, and lists each invalid field', async () => {
    const res = await app.request('/api/preferences/language', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9' },
      body: JSON.stringify({ lang: 'fr', extra: 1 }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(/^Some of the submitted values/);
    const paths = (body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toContain('lang');
  });

  it('answers a body over the limit with a 413', async () => {
    const res = await app.request('/api/preferences/language', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lang: 'en', padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.error.message).toContain('1 MB');
  });

  it('refuses a state-changing request from another site', async () => {
    const res = await app.request('http://localhost/api/preferences/language', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost' },
      body: JSON.stringify({ lang: 'en' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('FORBIDDEN');
  });

  it('remembers the language choice in a cookie', async () => {
    const res = await app.request('/api/preferences/language', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lang: 'en' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^lang=en;.*Path=\/.*SameSite=Lax/i);
  });
});

describe('OpenAPI document and reference', () => {
  it('names an operationId for every operation', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThanOrEqual(2);
    for (const op of operations) expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
    const ids = operations.map((op) => op.operationId);
    expect(ids).toContain('getHealth');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves a browsable reference whose scripts carry the nonce the CSP allows', async () => {
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
  });
});

describe('security headers', () => {
  it.each(['/api/health', '/', '/no-such-page'])('are on %s', async (path) => {
    const res = await app.request(path);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('the web', () => {
  it('renders the home page in Chinese by default, with every inline script under the nonce', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('欢迎使用党建学习平台');
    // The home page's loader asked the API for its health through the in-process client.
    expect(html).toContain('运行正常');
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    for (const [, attrs] of html.matchAll(/<script([^>]*)>/g)) expect(attrs).toContain(`nonce="${nonce}"`);
  });

  it('renders in English when the cookie says so', async () => {
    const res = await app.request('/', { headers: { cookie: 'lang=en' } });
    const html = await res.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Welcome to Party Learning');
  });

  it('answers an unknown page with a 404 page in the user language', async () => {
    const zh = await app.request('/no/such/page');
    expect(zh.status).toBe(404);
    expect(await zh.text()).toContain('页面不存在');
    const en = await app.request('/no/such/page', { headers: { cookie: 'lang=en' } });
    expect(en.status).toBe(404);
    expect(await en.text()).toContain('Page not found');
  });

  it('switches language through a form post and carries the API cookie back', async () => {
    const res = await app.request('/language', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lang: 'en', redirectTo: '/status' }).toString(),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/status');
    expect(res.headers.get('set-cookie')).toMatch(/lang=en/);
  });

  it('never redirects a language switch off the site', async () => {
    const res = await app.request('/language', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ lang: 'en', redirectTo: '//evil.example/' }).toString(),
    });
    expect(res.headers.get('location')).toBe('/');
  });

  it('serves the favicon', async () => {
    const res = await app.request('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toContain('<svg');
  });
});

describe('validation messages', () => {
  it('are in Chinese by default and in English on request, naming the field', async () => {
    const send = (headers: Record<string, string>) =>
      app.request('/api/preferences/language', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ lang: 42 }),
      });
    const zh = await (await send({})).json();
    expect(zh.error.details[0]).toMatchObject({ path: 'lang' });
    expect(zh.error.details[0].message).toBe('请从列出的选项中选择语言');
    const en = await (await send({ cookie: 'lang=en' })).json();
    expect(en.error.details[0].message).toBe('Choose the language from the options offered');
  });
});
