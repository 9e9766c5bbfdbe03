/**
 * Quarterly honours through the real app on the local engines: an organizer nominates a person or a window of their
 * branch for this quarter or the one before; a leader awards or declines once (a second decision is 409); awarded
 * honours are listed for everyone, nominations only for those who reach them; another branch's organizer cannot
 * nominate; the board's cards and a person's record read the decided ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { seedUnits } from '../../dev/seed-data.js';
import { clock } from '../../functions/platform/clock.js';
import { decidedHonoursFor, honoursOfPeople } from '../../functions/domain/honours/service.js';

const { call, signIn } = useLocalPlatform({ restoreClock: 'file' });

let admin = '';
let organizer1 = '';
let organizer2 = '';
let staff1 = '';
let staff3 = '';
let leader = '';
let units: Record<string, string>;
let people: Record<string, string>;

beforeAll(async () => {
  const when = new Date('2027-05-10T02:00:00Z'); // 2027-Q2 in Shanghai
  clock.now = () => when;
  admin = await signIn('admin');
  organizer1 = await signIn('organizer1');
  organizer2 = await signIn('organizer2');
  staff1 = await signIn('staff1');
  staff3 = await signIn('staff3');
  leader = await signIn('leader');
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const everyone = await call('GET', '/people?limit=200', admin);
  people = Object.fromEntries((everyone.json.items as { login: string; personId: string }[]).map((p) => [p.login, p.personId]));
});

describe('nominating and deciding', () => {
  it('an organizer nominates; the leader awards; everyone then sees it, and a second decision is 409', async () => {
    const nominated = await call('POST', '/honours', organizer2, { quarter: '2027-Q2', honourType: 'serviceStar', personId: people.staff3, reason: '全年零差错，群众好评率第一。' });
    expect(nominated.status, JSON.stringify(nominated.json)).toBe(201);
    expect(nominated.json).toMatchObject({ state: 'nominated', name: '杨帆', typeName: '最美服务之星', quarter: '2027-Q2' });
    const honourId = nominated.json.honourId as string;

    // Waiting: the leader sees it with may.decide; staff1 (another branch, no role) does not see it at all.
    const forLeader = await call('GET', '/honours?quarter=2027-Q2', leader);
    expect(forLeader.json.items.find((h: { honourId: string }) => h.honourId === honourId)).toMatchObject({ state: 'nominated', may: { decide: true } });
    const forStaff = await call('GET', '/honours?quarter=2027-Q2', staff1);
    expect(forStaff.json.items.some((h: { honourId: string }) => h.honourId === honourId)).toBe(false);
    expect(forStaff.json.may.nominate).toBe(false);

    // An organizer nominates but does not decide.
    expect((await call('POST', `/honours/${honourId}/decision`, organizer2, { outcome: 'award' })).status).toBe(403);

    const decided = await call('POST', `/honours/${honourId}/decision`, leader, { outcome: 'award', note: '支部会议一致同意' });
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);
    expect(decided.json).toMatchObject({ state: 'awarded', may: { decide: false } });

    const again = await call('POST', `/honours/${honourId}/decision`, admin, { outcome: 'decline' });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('授予');

    const listed = await call('GET', '/honours?quarter=2027-Q2', staff1);
    const card = listed.json.items.find((h: { honourId: string }) => h.honourId === honourId);
    expect(card).toMatchObject({ state: 'awarded', name: '杨帆', may: { decide: false } });
    // The public sees the honour, not who nominated it nor the leaders' note.
    expect(card.nominatedByName).toBeNull();
    expect(card.decisionNote).toBeNull();

    const record = await honoursOfPeople([people.staff3!], 2027);
    expect(record.get(people.staff3!)?.map((h) => h.type)).toEqual(['serviceStar']);
    const cards = await decidedHonoursFor([units.branch2!]);
    expect(cards.map((c) => c.name)).toContain('杨帆');
    expect(await decidedHonoursFor([units.branch1!], '2027-Q2')).toEqual([]);
  });

  it('a window is nominated by its unit and name; declined ones stay off the public list', async () => {
    const nominated = await call('POST', '/honours', organizer2, { quarter: '2027-Q1', honourType: 'redFlagWindow', unitId: units['b2-group1'], windowName: '综合受理 3 号窗口', reason: '一季度办件量最多，零投诉。' });
    expect(nominated.status, JSON.stringify(nominated.json)).toBe(201);
    expect(nominated.json).toMatchObject({ nomineeKind: 'window', name: '综合受理 3 号窗口' });
    const declined = await call('POST', `/honours/${nominated.json.honourId}/decision`, leader, { outcome: 'decline', note: '材料不足' });
    expect(declined.json.state).toBe('declined');
    const forStaff = await call('GET', '/honours?quarter=2027-Q1', staff3);
    expect(forStaff.json.items.some((h: { honourId: string }) => h.honourId === nominated.json.honourId)).toBe(false);
    const forOrganizer = await call('GET', '/honours?quarter=2027-Q1&state=declined', organizer2);
    expect(forOrganizer.json.items.map((h: { honourId: string }) => h.honourId)).toContain(nominated.json.honourId);
  });
});

describe('refusals, in words', () => {
  it('organizer2 cannot nominate a person or a window of branch 1', async () => {
    const person = await call('POST', '/honours', organizer2, { quarter: '2027-Q2', honourType: 'pioneerPost', personId: people.staff1, reason: '理由' });
    expect(person.status).toBe(404);
    expect(person.json.error.message).toContain('范围');
    const window = await call('POST', '/honours', organizer2, { quarter: '2027-Q2', honourType: 'satisfiedWindow', unitId: units.branch1, windowName: '一号窗口', reason: '理由' });
    expect(window.status).toBe(404);
  });

  it('a quarter other than this one or the one before, a window type without a window, an unknown type: 400', async () => {
    const old = await call('POST', '/honours', organizer1, { quarter: '2026-Q4', honourType: 'pioneerPost', personId: people.staff1, reason: '理由' });
    expect(old.status).toBe(400);
    expect(old.json.error.message).toContain('2027-Q2');
    const noWindow = await call('POST', '/honours', organizer1, { quarter: '2027-Q2', honourType: 'redFlagWindow', personId: people.staff1, reason: '理由' });
    expect(noWindow.status).toBe(400);
    expect(noWindow.json.error.message).toContain('红旗窗口');
    const unknown = await call('POST', '/honours', organizer1, { quarter: '2027-Q2', honourType: 'bestEver', personId: people.staff1, reason: '理由' });
    expect(unknown.status).toBe(400);
    const long = await call('POST', '/honours', organizer1, { quarter: '2027-Q2', honourType: 'pioneerPost', personId: people.staff1, reason: '长'.repeat(501) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.json.error.details)).toContain('500');
    // Evidence must be an upload the nominator made and the platform checked.
    const evidence = await call('POST', '/honours', organizer1, { quarter: '2027-Q2', honourType: 'pioneerPost', personId: people.staff1, reason: '理由', evidence: [{ uploadId: 'not-an-upload', kind: 'photo' }] });
    expect(evidence.status).toBe(400);
  });

  it('an unknown nomination is 404', async () => {
    const missing = await call('POST', '/honours/01JD8X3Q5M2V7K9R4T6W8Y0Z1A/decision', leader, { outcome: 'award' });
    expect(missing.status).toBe(404);
  });
});
