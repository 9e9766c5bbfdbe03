import { describe, expect, it } from 'vitest';
import { createApiClient } from './web-api-client.js';

/** A stand-in for the in-process API that counts what reaches it (the client's own logic is under test here). */
function counting() {
  const calls: string[] = [];
  let n = 0;
  const fetch = async (request: Request) => {
    calls.push(`${request.method} ${new URL(request.url).pathname}`);
    n += 1;
    return new Response(JSON.stringify({ personId: `p${n}` }), { headers: { 'content-type': 'application/json', 'set-cookie': `sid=${n}` } });
  };
  return { calls, fetch };
}

describe('the pages’ API client', () => {
  it('asks who is signed in once per page request, and again after a write', async () => {
    const api = counting();
    const { client, setCookies } = createApiClient({ request: new Request('http://localhost/learn'), fetch: api.fetch });
    const [a, b] = await Promise.all([client.GET('/me'), client.GET('/me')]);
    expect(a.data).toEqual(b.data);
    expect(api.calls).toEqual(['GET /api/me']);
    expect(setCookies).toEqual(['sid=1']);

    await client.PUT('/preferences/language', { body: { lang: 'en' } });
    const c = await client.GET('/me');
    expect(api.calls).toEqual(['GET /api/me', 'PUT /api/preferences/language', 'GET /api/me']);
    expect(c.data).not.toEqual(a.data);
  });

  it('does not share other reads', async () => {
    const api = counting();
    const { client } = createApiClient({ request: new Request('http://localhost/learn'), fetch: api.fetch });
    await client.GET('/courses');
    await client.GET('/courses');
    expect(api.calls).toEqual(['GET /api/courses', 'GET /api/courses']);
  });
});
