/**
 * The hall's display through the real app on the local engines: the security administrator makes a link (its token answered
 * once, only a hash kept), lists and revokes it; the display answers by token with no sign-in and only public
 * content; a wrong, tampered, revoked or expired token is a 404 a hall clerk can act on; and the token opens nothing
 * else (as a session cookie or a bearer header it is nobody).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs } from '../helpers/sign-in.js';
import { seedPeople, seedUnits } from '../../dev/seed-data.js';
import { clock } from '../../functions/platform/clock.js';
import { sessionCookieName } from '../../functions/http/session-cookie.js';
import { readLink } from '../../functions/domain/display/store.js';

const { app, call, signIn, realNow } = useLocalPlatform({ restoreClock: 'file' });

let security = '';
let organizer2 = '';
let leader = '';
let units: Record<string, string>;
let people: Record<string, string>;

beforeAll(async () => {
  security = await signIn('security');
  organizer2 = await signIn('organizer2');
  leader = await signIn('leader');
  const list = await call('GET', '/units', security);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const everyone = await call('GET', '/people?limit=200', security);
  people = Object.fromEntries((everyone.json.items as { login: string; personId: string }[]).map((p) => [p.login, p.personId]));
});

async function makeLink(days = 30, unitKeys = ['hall', 'branch2']) {
  const res = await call('POST', '/display-links', security, { label: '大厅一楼电视', unitIds: unitKeys.map((key) => units[key]), days });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { link: { linkId: string; status: string; validUntil: string }; token: string; path: string };
}

describe('display links', () => {
  it('answer the token once; the table and the list keep only a hash of its secret', async () => {
    const made = await makeLink();
    expect(made.path).toBe(`/display/${made.token}`);
    const [linkId, secret] = made.token.split('.');
    expect(linkId).toBe(made.link.linkId);
    expect(Buffer.from(secret!, 'base64url')).toHaveLength(32);
    const stored = await readLink(linkId!);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const listed = await call('GET', '/display-links', security);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.json)).not.toContain(secret);
    expect(JSON.stringify(listed.json)).not.toContain('secretHash');
    expect(listed.json.items.find((l: { linkId: string }) => l.linkId === linkId)).toMatchObject({ label: '大厅一楼电视', status: 'active', units: [{ name: '窗口服务中心' }, { name: '机关第二党支部（窗口党支部）' }] });
  });

  it('refuse bad input in words: no units, too many days, an unknown unit', async () => {
    expect((await call('POST', '/display-links', security, { label: 'x', unitIds: [] })).status).toBe(400);
    expect((await call('POST', '/display-links', security, { label: 'x', unitIds: [units.hall], days: 366 })).status).toBe(400);
    const unknown = await call('POST', '/display-links', security, { label: 'x', unitIds: ['01JD8X3Q5M2V7K9R4T6W8Y0Z1A'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('单位');
  });
});

describe('the display, by token', () => {
  it('answers with no sign-in, and only public content', async () => {
    // An honour decided for branch 2 shows on the display.
    const quarter = (() => {
      const local = new Date(Date.now() + 8 * 3600_000);
      return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
    })();
    const nominated = await call('POST', '/honours', organizer2, { quarter, honourType: 'pioneerPost', personId: people.staff3, reason: '带头攻坚“一件事一次办”。' });
    await call('POST', `/honours/${nominated.json.honourId}/decision`, leader, { outcome: 'award', note: '内部备注：不公开' });

    const { token } = await makeLink();
    const res = await call('GET', `/display/${token}`, null);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ title: '大厅一楼电视', refreshSeconds: 60 });
    expect(res.json.honours.map((h: { name: string }) => h.name)).toContain('杨帆');
    const text = JSON.stringify(res.json);
    for (const forbidden of ['login', 'phone', 'comment', 'returnReason', 'decisionNote', '内部备注', 'personId', 'nominatedBy', 'secret']) expect(text).not.toContain(forbidden);
    for (const person of seedPeople) expect(text).not.toContain(`"${person.login}"`);
    for (const person of res.json.people as Array<Record<string, unknown>>) {
      expect(Object.keys(person).sort()).toEqual(['name', 'partyStatus', 'photoUrl', 'pledges', 'post', 'rating']);
    }
  });

  it('is a 404 a hall clerk can act on when the token is wrong, tampered, revoked or expired', async () => {
    const { token, link } = await makeLink(1);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of ['nonsense', tampered, `${'0'.repeat(26)}.${token.split('.')[1]}`]) {
      const res = await call('GET', `/display/${encodeURIComponent(bad)}`, null);
      expect(res.status).toBe(404);
      expect(res.json.error.message).toContain('管理员');
    }
    const english = await requestAs(app, null, 'GET', `/api/display/${tampered}`, undefined, { 'accept-language': 'en' });
    expect(english.body.error.message).toContain('administrator');

    expect((await call('GET', `/display/${token}`, null)).status).toBe(200);
    const later = new Date(realNow().getTime() + 25 * 3600_000);
    clock.now = () => later;
    expect((await call('GET', `/display/${token}`, null)).status).toBe(404);
    clock.now = realNow;

    const other = await makeLink();
    const revoked = await call('POST', `/display-links/${other.link.linkId}/revoke`, security);
    expect(revoked.json.status).toBe('revoked');
    expect((await call('GET', `/display/${other.token}`, null)).status).toBe(404);
    // Revoking again is harmless.
    expect((await call('POST', `/display-links/${other.link.linkId}/revoke`, security)).status).toBe(200);
    void link;
  });

  it('opens nothing else: as a session cookie or a bearer header the token is nobody', async () => {
    const { token } = await makeLink();
    const asCookie = await requestAs(app, `${sessionCookieName()}=${token}`, 'GET', '/api/me');
    expect(asCookie.status).toBe(401);
    const asBearer = await requestAs(app, null, 'GET', '/api/me', undefined, { authorization: `Bearer ${token}` });
    expect(asBearer.status).toBe(401);
    const honours = await requestAs(app, `${sessionCookieName()}=${token}`, 'GET', '/api/honours');
    expect(honours.status).toBe(401);
    const links = await requestAs(app, null, 'GET', '/api/display-links', undefined, { authorization: `Bearer ${token}` });
    expect(links.status).toBe(401);
    // A display path with the token of another kind of thing (a session's) is not a display.
    const sid = security.split('=')[1]!;
    expect((await call('GET', `/display/${sid}`, null)).status).toBe(404);
  });
});
