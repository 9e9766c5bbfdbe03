import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { clock } from '../../functions/platform/clock.js';
import { resetConfig } from '../../functions/platform/config.js';

const { app, signIn, realNow } = useLocalPlatform({ restoreClock: 'each' });

/** Sets the platform's clock to this many minutes after the real now (sessions and lockouts read it). */
function advance(minutes: number) {
  const base = realNow();
  clock.now = () => new Date(base.getTime() + minutes * 60_000);
}

interface Call {
  cookie?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** The peer address, as node-server hands it to the app (the socket's). */
  address?: string;
  /** What else the runtime hands the app (a Lambda event, say). */
  env?: Record<string, unknown>;
}

async function call(method: string, path: string, { cookie, body, headers = {}, address, env }: Call = {}) {
  const runtime = env ?? (address ? { incoming: { socket: { remoteAddress: address } } } : undefined);
  const res = await app.request(`http://localhost${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }, runtime);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

function sessionCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('sid='));
  if (!cookie) throw new Error('no session cookie set');
  return cookie.split(';')[0]!;
}

let admin: string;
let unitIds: Record<string, string>;

beforeAll(async () => {
  admin = await signIn('admin');
  const units = await call('GET', '/api/units', { cookie: admin });
  unitIds = Object.fromEntries((units.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
});

/** An account made for one test, so tests do not disturb each other. */
let counter = 0;
async function freshPerson(overrides: Record<string, unknown> = {}) {
  counter++;
  const res = await call('POST', '/api/people', {
    cookie: admin,
    body: { name: `测试人员${counter}`, login: `t${Date.now().toString(36)}${counter}`, unitId: unitIds['综合科'], partyStatus: 'none', ...overrides },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { person: { personId: string; login: string; version: number }; initialPassword: string };
}

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and never returns secrets', async () => {
    const res = await call('POST', '/api/auth/login', { body: { login: 'staff1', password: 'demo1234' } });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie.split(';')[0]!.length).toBeGreaterThan(40);
    expect(JSON.stringify(res.json)).not.toMatch(/passwordHash|sessionEpoch|scrypt/);
    const me = await call('GET', '/api/me', { cookie: sessionCookie(res.headers) });
    expect(me.json).toMatchObject({ login: 'staff1', branchName: '机关第一党支部' });
  });

  it('answers a wrong password and an unknown login with the same words', async () => {
    const wrong = await call('POST', '/api/auth/login', { body: { login: 'staff2', password: 'nope' }, address: '198.51.100.1' });
    const unknown = await call('POST', '/api/auth/login', { body: { login: 'nobody-here', password: 'nope' }, address: '198.51.100.1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error.message).toBe(unknown.json.error.message);
    expect(wrong.json.error.message).toBe('登录名或密码不正确。');
  });

  it('locks an account for 15 minutes after five failures, even for the right password', async () => {
    const { person } = await freshPerson();
    const address = '198.51.100.2';
    for (let i = 0; i < 5; i++) {
      const res = await call('POST', '/api/auth/login', { body: { login: person.login, password: 'wrong' }, address });
      expect(res.status).toBe(401);
    }
    const locked = await call('POST', '/api/auth/login', { body: { login: person.login, password: 'anything' }, address });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(locked.json.error.code).toBe('RATE_LIMITED');
    const audit = await call('GET', `/api/audit?targetId=${person.login}`, { cookie: await signIn('auditor') });
    expect((audit.json.items as { action: string }[]).map((e) => e.action)).toContain('lockout');
    advance(16);
    const after = await call('POST', '/api/auth/login', { body: { login: person.login, password: 'wrong-again' }, address });
    expect(after.status).toBe(401);
  });

  it('limits attempts from one address across logins', async () => {
    const address = '203.0.113.99';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await call('POST', '/api/auth/login', { body: { login: `ghost${i}`, password: 'x' }, address })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another address is not affected.
    expect((await call('POST', '/api/auth/login', { body: { login: 'staff2', password: 'demo1234' }, address: '203.0.113.100' })).status).toBe(200);
  });

  it('checks at most five of 200 guesses sent at once at one login, even with the right password among them', async () => {
    const { person } = await freshPerson();
    // Each guess from its own address, so only the account's limit applies.
    const guesses = Array.from({ length: 200 }, (_, i) => ({ password: i === 150 ? 'demo1234' : `guess-${i}`, address: `198.18.${i >> 8}.${i & 255}` }));
    const answers = await Promise.all(
      guesses.map((g) => call('POST', '/api/auth/login', { body: { login: person.login, password: g.password }, address: g.address })),
    );
    const checked = answers.filter((a) => a.status !== 429);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(checked.length).toBeGreaterThan(0);
    expect(answers.every((a) => [200, 401, 429].includes(a.status))).toBe(true);
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.json.error.code).toBe('RATE_LIMITED');
    }
    // The audit log agrees: no more failures were checked than the allowance.
    const audit = await call('GET', `/api/audit?targetId=${person.login}`, { cookie: await signIn('auditor') });
    expect((audit.json.items as { action: string }[]).filter((e) => e.action === 'signInFailed').length).toBeLessThanOrEqual(5);
  }, 120_000);

  it('checks at most thirty of 200 guesses sent at once from one address, and counts no successful sign-in against it', async () => {
    const address = '198.19.0.1';
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => call('POST', '/api/auth/login', { body: { login: `spray${i}`, password: 'x' }, address })),
    );
    expect(answers.filter((a) => a.status !== 429).length).toBeLessThanOrEqual(30);
    expect(answers.filter((a) => a.status === 401).length).toBeGreaterThan(0);
    expect(answers.every((a) => [401, 429].includes(a.status))).toBe(true);

    // Colleagues behind one office address: their successful sign-ins give their count back.
    const office = '198.19.0.2';
    for (let i = 0; i < 32; i++) {
      expect((await call('POST', '/api/auth/login', { body: { login: 'staff2', password: 'demo1234' }, address: office })).status).toBe(200);
    }
  }, 120_000);

  it('takes the address from the hop that saw it, never from a header a client chose', async () => {
    const spoofed = { 'cloudfront-viewer-address': '192.0.2.66:443', 'x-forwarded-for': '192.0.2.66', 'x-viewer-address': '192.0.2.66' };
    const login = (options: Partial<Call>) => call('POST', '/api/auth/login', { body: { login: 'staff2', password: 'demo1234' }, ...options });
    const first = await login({ address: '198.51.100.76' });
    const personId = first.json.me.personId as string;
    const addressOfLastSignIn = async () => {
      const audit = await call('GET', `/api/audit?targetId=${personId}`, { cookie: await signIn('auditor') });
      const entries = (audit.json.items as { action: string; at: string; details?: { address?: string } }[]).filter((e) => e.action === 'signIn');
      return entries.sort((a, b) => b.at.localeCompare(a.at))[0]?.details?.address;
    };

    // Locally: the socket's peer, whatever the headers say.
    expect((await login({ address: '198.51.100.77', headers: spoofed })).status).toBe(200);
    expect(await addressOfLastSignIn()).toBe('198.51.100.77');

    // On Lambda, called straight through API Gateway: the gateway's source address.
    const lambda = { event: { requestContext: { http: { sourceIp: '203.0.113.7' } } } };
    expect((await login({ env: lambda, headers: spoofed })).status).toBe(200);
    expect(await addressOfLastSignIn()).toBe('203.0.113.7');

    // Through CloudFront: the viewer address its function wrote, believed only with the origin secret.
    process.env.ORIGIN_VERIFY_SECRET = 'origin-secret-for-tests-0123456789';
    resetConfig();
    try {
      const wrongSecret = { ...spoofed, 'x-origin-verify': 'origin-secret-for-tests-012345678X' };
      expect((await login({ env: lambda, headers: wrongSecret })).status).toBe(200);
      expect(await addressOfLastSignIn()).toBe('203.0.113.7');
      const viaCloudFront = { 'x-viewer-address': '198.51.100.200', 'x-origin-verify': 'origin-secret-for-tests-0123456789' };
      expect((await login({ env: lambda, headers: viaCloudFront })).status).toBe(200);
      expect(await addressOfLastSignIn()).toBe('198.51.100.200');
      // In China CloudFront has no functions: its own CloudFront-Viewer-Address (ip:port), with the secret only.
      const viaChina = { 'cloudfront-viewer-address': '2001:db8::7:51234', 'x-origin-verify': 'origin-secret-for-tests-0123456789' };
      expect((await login({ env: lambda, headers: viaChina })).status).toBe(200);
      expect(await addressOfLastSignIn()).toBe('2001:db8::7');
    } finally {
      delete process.env.ORIGIN_VERIFY_SECRET;
      resetConfig();
    }

    // A spoofed header cannot dodge the address limit either: all of these count against the one socket address.
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await call('POST', '/api/auth/login', { body: { login: `dodge${i}`, password: 'x' }, address: '198.51.100.78', headers: { 'x-forwarded-for': `10.9.${i}.1` } });
      statuses.push(res.status);
    }
    expect(statuses[30]).toBe(429);
  }, 60_000);

  it('refuses malformed sign-in input with a 400 naming the field', async () => {
    const res = await call('POST', '/api/auth/login', { body: { login: 'staff1' } });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain('password');
  });
});

describe('where sign-in leads', () => {
  const spellings = ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example', '/%2F%2Fevil.example', '/%0d%0aSet-Cookie:%20x=1', '/\r\nSet-Cookie: x=1'];

  it('stays on the site whatever redirectTo the sign-in form carries, and never answers 500', async () => {
    for (const redirectTo of spellings) {
      const res = await app.request('http://localhost/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', host: 'localhost' },
        body: new URLSearchParams({ login: 'staff2', password: 'demo1234', redirectTo }).toString(),
      }, { incoming: { socket: { remoteAddress: '198.51.100.90' } } });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get('location'), JSON.stringify(redirectTo)).toBe('/');
    }
    const good = await app.request('http://localhost/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', host: 'localhost' },
      body: new URLSearchParams({ login: 'staff2', password: 'demo1234', redirectTo: '/learn?tab=mine' }).toString(),
    }, { incoming: { socket: { remoteAddress: '198.51.100.90' } } });
    expect(good.headers.get('location')).toBe('/learn?tab=mine');
  });

  it('sends a signed-in visitor of the sign-in page home, not to a redirectTo off the site', async () => {
    const cookie = await signIn('staff2', 'demo1234', {});
    for (const redirectTo of spellings) {
      const res = await app.request(`http://localhost/login?redirectTo=${encodeURIComponent(redirectTo)}`, { headers: { cookie } });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get('location'), JSON.stringify(redirectTo)).toBe('/');
    }
  });
});

describe('sessions', () => {
  it('rotates at sign-in: the session the browser had before ends', async () => {
    const first = await signIn('staff2');
    const res = await call('POST', '/api/auth/login', { cookie: first, body: { login: 'staff2', password: 'demo1234' } });
    const second = sessionCookie(res.headers);
    expect(second).not.toBe(first);
    expect((await call('GET', '/api/me', { cookie: first })).status).toBe(401);
    expect((await call('GET', '/api/me', { cookie: second })).status).toBe(200);
  });

  it('ends at sign-out, and the cookie is cleared', async () => {
    const cookie = await signIn('staff3');
    const out = await call('POST', '/api/auth/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().some((c) => /^sid=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    expect((await call('GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('ends after two idle hours, but not while in use', async () => {
    const cookie = await signIn('staff3');
    advance(100);
    expect((await call('GET', '/api/me', { cookie })).status).toBe(200);
    advance(100 + 121);
    expect((await call('GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('ends twelve hours after sign-in however busy', async () => {
    const cookie = await signIn('staff3');
    for (let hour = 1; hour <= 11; hour++) {
      advance(hour * 60);
      expect((await call('GET', '/api/me', { cookie })).status).toBe(200);
    }
    advance(12 * 60 + 1);
    expect((await call('GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('ends at once when an admin disables the person, whose records stay', async () => {
    const { person, initialPassword } = await freshPerson();
    const first = await signIn(person.login, initialPassword);
    expect((await call('GET', '/api/me', { cookie: first })).status).toBe(200);
    const disabled = await call('PATCH', `/api/people/${person.personId}`, { cookie: admin, body: { version: person.version, active: false } });
    expect(disabled.status).toBe(200);
    expect(disabled.json.active).toBe(false);
    expect((await call('GET', '/api/me', { cookie: first })).status).toBe(401);
    expect((await call('POST', '/api/auth/login', { body: { login: person.login, password: initialPassword } })).status).toBe(401);
    const still = await call('GET', `/api/people/${person.personId}`, { cookie: admin });
    expect(still.json).toMatchObject({ active: false, login: person.login });
    const enabled = await call('PATCH', `/api/people/${person.personId}`, { cookie: admin, body: { version: still.json.version, active: true } });
    expect(enabled.status).toBe(200);
    expect((await call('POST', '/api/auth/login', { body: { login: person.login, password: initialPassword } })).status).toBe(200);
  });
});

describe('first sign-in and passwords', () => {
  it('makes a new person change the initial password before anything else', async () => {
    const { person, initialPassword } = await freshPerson();
    const cookie = await signIn(person.login, initialPassword);
    expect((await call('GET', '/api/me', { cookie })).json.mustChangePassword).toBe(true);
    const blocked = await call('GET', '/api/units', { cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.message).toContain('修改初始密码');
    const weak = await call('POST', '/api/me/password', { cookie, body: { currentPassword: initialPassword, newPassword: 'short' } });
    expect(weak.status).toBe(400);
    const wrong = await call('POST', '/api/me/password', { cookie, body: { currentPassword: 'not-it-1', newPassword: 'Better2026pass' } });
    expect(wrong.status).toBe(400);
    const changed = await call('POST', '/api/me/password', { cookie, body: { currentPassword: initialPassword, newPassword: 'Better2026pass' } });
    expect(changed.status).toBe(200);
    const fresh = sessionCookie(changed.headers);
    expect((await call('GET', '/api/units', { cookie: fresh })).status).toBe(200);
    // The session used to change it was replaced; the old password no longer works.
    expect((await call('GET', '/api/me', { cookie })).status).toBe(401);
    expect((await call('POST', '/api/auth/login', { body: { login: person.login, password: initialPassword } })).status).toBe(401);
    expect((await call('POST', '/api/auth/login', { body: { login: person.login, password: 'Better2026pass' } })).status).toBe(200);
  });

  it('lets an admin reset a password: sessions end and the new one must be changed', async () => {
    const { person, initialPassword } = await freshPerson();
    const cookie = await signIn(person.login, initialPassword);
    const reset = await call('POST', `/api/people/${person.personId}/password-reset`, { cookie: admin });
    expect(reset.status).toBe(200);
    expect(reset.json.temporaryPassword).toMatch(/^[a-z0-9]{10}$/);
    expect((await call('GET', '/api/me', { cookie })).status).toBe(401);
    const again = await signIn(person.login, reset.json.temporaryPassword);
    expect((await call('GET', '/api/me', { cookie: again })).json.mustChangePassword).toBe(true);
  });
});

describe('people and units', () => {
  it('refuses the second of two edits made from the same version, overwriting nothing', async () => {
    const { person } = await freshPerson();
    const a = await call('PATCH', `/api/people/${person.personId}`, { cookie: admin, body: { version: person.version, name: '甲的修改' } });
    const b = await call('PATCH', `/api/people/${person.personId}`, { cookie: admin, body: { version: person.version, name: '乙的修改' } });
    expect(a.status).toBe(200);
    expect(b.status).toBe(409);
    expect(b.json.error.message).toContain('已被他人修改');
    expect((await call('GET', `/api/people/${person.personId}`, { cookie: admin })).json.name).toBe('甲的修改');
  });

  it('keeps scripts in names as text and refuses oversized or mistyped fields in the user language', async () => {
    const { person } = await freshPerson({ name: '<script>alert(1)</script>' });
    const read = await call('GET', `/api/people/${person.personId}`, { cookie: admin });
    expect(read.json.name).toBe('<script>alert(1)</script>');
    const long = await call('POST', '/api/people', { cookie: admin, body: { name: '长'.repeat(41), login: 'toolong1', unitId: unitIds['综合科'], partyStatus: 'none' } });
    expect(long.status).toBe(400);
    expect(long.json.error.details[0].path).toBe('name');
    expect(long.json.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    const typed = await call('POST', '/api/people', { cookie: admin, body: { name: 5, login: ['x'], unitId: 'nope', partyStatus: 'maybe' }, headers: { 'accept-language': 'en' } });
    expect(typed.status).toBe(400);
    expect([...new Set(typed.json.error.details.map((d: { path: string }) => d.path))].sort()).toEqual(['login', 'name', 'partyStatus', 'unitId']);
  });

  it('refuses a login someone else has, saying which', async () => {
    const res = await call('POST', '/api/people', { cookie: admin, body: { name: '重复', login: 'STAFF1', unitId: unitIds['综合科'], partyStatus: 'none' } });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain('staff1');
  });

  it('renames a login: the old one stops working and becomes free', async () => {
    const { person, initialPassword } = await freshPerson();
    const renamed = await call('PATCH', `/api/people/${person.personId}`, { cookie: admin, body: { version: person.version, login: `${person.login}x` } });
    expect(renamed.status).toBe(200);
    expect((await call('POST', '/api/auth/login', { body: { login: person.login, password: initialPassword } })).status).toBe(401);
    expect((await call('POST', '/api/auth/login', { body: { login: `${person.login}x`, password: initialPassword } })).status).toBe(200);
    const reuse = await freshPerson({ login: person.login });
    expect(reuse.person.login).toBe(person.login);
  });

  it('puts Party members in their unit’s branch unless told otherwise, and keeps non-members out of branches', async () => {
    const member = await freshPerson({ unitId: unitIds['机关第一党支部'], partyStatus: 'full' });
    expect((await call('GET', `/api/people/${member.person.personId}`, { cookie: admin })).json.branchName).toBe('机关第一党支部');
    const wrong = await call('POST', '/api/people', {
      cookie: admin,
      body: { name: '群众', login: `m${Date.now()}`, unitId: unitIds['综合科'], partyStatus: 'none', branchId: unitIds['机关第一党支部'] },
    });
    expect(wrong.status).toBe(400);
  });

  it('will not retire a unit that still has people, nor move a unit under its own child', async () => {
    const units = (await call('GET', '/api/units', { cookie: admin })).json.items as { unitId: string; name: string; version: number; parentId: string | null }[];
    const branch = units.find((u) => u.name === '机关第一党支部')!;
    const retire = await call('PATCH', `/api/units/${branch.unitId}`, { cookie: admin, body: { version: branch.version, retired: true } });
    expect(retire.status).toBe(409);
    expect(retire.json.error.message).toContain('机关第一党支部');
    const child = units.find((u) => u.parentId === branch.unitId)!;
    const cycle = await call('PATCH', `/api/units/${branch.unitId}`, { cookie: admin, body: { version: branch.version, parentId: child.unitId } });
    expect(cycle.status).toBe(400);
    const root = units.find((u) => u.parentId === null)!;
    const moveRoot = await call('PATCH', `/api/units/${root.unitId}`, { cookie: admin, body: { version: root.version, parentId: branch.unitId } });
    expect(moveRoot.status).toBe(400);
  });

  it('creates, renames, moves and retires an empty unit', async () => {
    const created = await call('POST', '/api/units', { cookie: admin, body: { name: '临时工作组', kind: 'group', parentId: unitIds['机关第一党支部'] } });
    expect(created.status).toBe(201);
    let unit = created.json;
    unit = (await call('PATCH', `/api/units/${unit.unitId}`, { cookie: admin, body: { version: unit.version, name: '专项工作组', parentId: unitIds['第二党支部（窗口）'] ?? unitIds['综合科'] } })).json;
    expect(unit.name).toBe('专项工作组');
    const retired = await call('PATCH', `/api/units/${unit.unitId}`, { cookie: admin, body: { version: unit.version, retired: true } });
    expect(retired.status).toBe(200);
    const units = (await call('GET', '/api/units', { cookie: admin })).json.items as { unitId: string; retired: boolean; pathName: string }[];
    expect(units.find((u) => u.unitId === unit.unitId)).toMatchObject({ retired: true });
    const intoRetired = await call('POST', '/api/people', { cookie: admin, body: { name: '新人', login: `r${Date.now()}`, unitId: unit.unitId, partyStatus: 'none' } });
    expect(intoRetired.status).toBe(400);
  });

  it('shows organizers only their own branch, and searches by name or login', async () => {
    const organizer1 = await signIn('organizer1');
    const page = await call('GET', '/api/people?limit=200', { cookie: organizer1 });
    expect(page.status).toBe(200);
    const logins = (page.json.items as { login: string }[]).map((p) => p.login);
    expect(logins).toEqual(expect.arrayContaining(['staff1', 'staff2', 'organizer1']));
    expect(logins).not.toContain('staff3');
    expect(logins).not.toContain('organizer2');
    const search = await call('GET', `/api/people?q=${encodeURIComponent('staff')}`, { cookie: admin });
    expect((search.json.items as { login: string }[]).map((p) => p.login)).toEqual(expect.arrayContaining(['staff1', 'staff2', 'staff3']));
  });

  it('pages through everyone with an opaque cursor, each person once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await call('GET', `/api/people?limit=7${query}`, { cookie: admin });
      expect(page.status).toBe(200);
      seen.push(...(page.json.items as { login: string }[]).map((p) => p.login));
      cursor = page.json.cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(30);
    expect([...seen].sort()).toEqual(seen);
    const refused = await call('GET', '/api/people?cursor=garbage!', { cookie: admin });
    expect([refused.status, refused.json.error.message]).toEqual([400, '翻页标记无效：请从第一页重新查看。']);
    expect(refused.json.error.details).toEqual([{ path: 'cursor', message: '翻页标记无效：请从第一页重新查看。' }]);
  });
});

describe('audit', () => {
  it('records who changed what, with before and after, filterable by actor and target', async () => {
    const { person } = await freshPerson();
    await call('PATCH', `/api/people/${person.personId}`, { cookie: admin, body: { version: person.version, name: '改过的名字' } });
    const byTarget = await call('GET', `/api/audit?targetId=${person.personId}`, { cookie: await signIn('auditor') });
    const actions = (byTarget.json.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(['updatePerson', 'createPerson']);
    const update = byTarget.json.items[0];
    expect(update.actorName).toBe('吴晓峰');
    expect(update.changes.name).toEqual({ before: expect.stringMatching(/^测试人员/), after: '改过的名字' });
    expect(JSON.stringify(byTarget.json)).not.toMatch(/passwordHash|scrypt/);
    const me = (await call('GET', '/api/me', { cookie: admin })).json;
    const byActor = await call('GET', `/api/audit?actorId=${me.personId}&limit=5`, { cookie: await signIn('auditor') });
    expect(byActor.json.items.length).toBe(5);
    expect(byActor.json.cursor).toBeTruthy();
    const today = new Date().toISOString().slice(0, 10);
    const future = await call('GET', `/api/audit?from=2099-01-01`, { cookie: await signIn('auditor') });
    expect(future.json.items).toEqual([]);
    const todays = await call('GET', `/api/audit?from=${today}&to=${today}&targetId=${person.personId}`, { cookie: await signIn('auditor') });
    expect(todays.json.items.length).toBeGreaterThanOrEqual(0);
    expect((await call('GET', '/api/audit?from=not-a-date', { cookie: await signIn('auditor') })).status).toBe(400);
    // A cursor it never gave out: the same words as any listing's, in the requester's language.
    const refused = await call('GET', '/api/audit?cursor=garbage', { cookie: await signIn('auditor'), headers: { 'accept-language': 'en' } });
    expect([refused.status, refused.json.error.message]).toEqual([400, 'The page marker is not one this listing gave out: start again from the first page.']);
    expect(refused.json.error.details).toEqual([{ path: 'cursor', message: 'The page marker is not one this listing gave out: start again from the first page.' }]);
  });
});
