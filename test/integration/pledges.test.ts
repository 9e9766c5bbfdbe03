/**
 * Pledges through the real app on the local engines: writing with versions, handing in, the review item by item
 * (never one's own), what becomes public and what never does, the record of what was done, the year-end window
 * (self-assessment, peers' comments), ratings with the one-third warning, and the card on the board.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { seedUnits } from '../../dev/seed-data.js';
import { clock } from '../../functions/platform/clock.js';

const { call, signIn } = useLocalPlatform({ restoreClock: 'file' });

let admin = '';
let organizer1 = '';
let staff1 = '';
let staff2 = '';
let staff3 = '';
let leader = '';
let units: Record<string, string>;
let people: Record<string, string>;

async function at(iso: string) {
  const when = new Date(iso);
  clock.now = () => when;
  admin = await signIn('admin');
  [organizer1, staff1, staff2, staff3, leader] = await Promise.all([signIn('organizer1'), signIn('staff1'), signIn('staff2'), signIn('staff3'), signIn('leader')]);
}

beforeAll(async () => {
  await at('2027-03-10T01:00:00Z');
  const list = await call('GET', '/units', admin);
  const byName = new Map((list.json.items as { name: string; unitId: string }[]).map((u) => [u.name, u.unitId]));
  units = Object.fromEntries(seedUnits.map((unit) => [unit.key, byName.get(unit.name)!]));
  const everyone = await call('GET', '/people?limit=200', admin);
  people = Object.fromEntries((everyone.json.items as { login: string; personId: string }[]).map((p) => [p.login, p.personId]));
});

const write = (sid: string, overrides: Record<string, unknown> = {}) =>
  call('POST', '/pledges', sid, {
    year: 2027,
    pledgeCategory: 'service',
    content: '窗口受理一次性告知，群众办事最多跑一次',
    measures: '首问负责，每周梳理退件原因。',
    dueDate: '2027-12-31',
    ...overrides,
  });

let kept = ''; // staff1's pledge that is approved and kept
let returned = ''; // staff1's pledge that is returned

describe('writing and handing in', () => {
  it('refuses what a person can correct, in their language, naming the field', async () => {
    const outside = await write(staff1, { dueDate: '2028-01-15' });
    expect(outside.status).toBe(400);
    expect(outside.json.error.message).toContain('2027 年之内');
    const category = await write(staff1, { pledgeCategory: 'points' });
    expect(category.status).toBe(400);
    expect(JSON.stringify(category.json.error)).toContain('承诺类别');
    const past = await write(staff1, { year: 2025, dueDate: '2025-12-31' });
    expect(past.status).toBe(400);
    expect(past.json.error.message).toContain('2025 年的承诺不能再新增或修改');
    const notMember = await write(admin);
    expect(notMember.status).toBe(403);
  });

  it('keeps drafts private, edits by version, and hands in every draft at once', async () => {
    const a = await write(staff1);
    expect(a.status).toBe(201);
    expect(a.json.state).toBe('draft');
    const b = await write(staff1, { pledgeCategory: 'study', content: '全年完成 50 学时学习', dueDate: '2027-11-30' });
    kept = a.json.pledgeId;
    returned = b.json.pledgeId;
    // A draft is its owner's (and reviewers'): another member of the branch does not find it.
    expect((await call('GET', `/pledges/${kept}`, staff2)).status).toBe(404);
    expect((await call('GET', `/pledges/${kept}`, organizer1)).status).toBe(200);
    const edited = await call('PUT', `/pledges/${kept}`, staff1, { version: 1, pledgeCategory: 'service', content: '窗口受理一次性告知，让群众少跑腿', measures: '首问负责。', dueDate: '2027-12-31' });
    expect(edited.status).toBe(200);
    const stale = await call('PUT', `/pledges/${kept}`, staff1, { version: 1, pledgeCategory: 'service', content: '旧版本', measures: '旧。', dueDate: '2027-12-31' });
    expect(stale.status).toBe(409);
    expect(stale.json.error.details.currentVersion).toBe(2);
    // Someone else's pledge cannot be written, whoever reads it.
    expect((await call('PUT', `/pledges/${kept}`, organizer1, { version: 2, pledgeCategory: 'service', content: '改', measures: '改。', dueDate: '2027-12-31' })).status).toBe(404);
    const submitted = await call('POST', '/pledge-submissions', staff1, { year: 2027 });
    expect(submitted.status).toBe(200);
    expect(submitted.json.items.map((i: { state: string }) => i.state)).toEqual(['submitted', 'submitted']);
    const again = await call('POST', '/pledge-submissions', staff1, { year: 2027 });
    expect(again.status).toBe(409);
    const locked = await call('PUT', `/pledges/${kept}`, staff1, { version: 3, pledgeCategory: 'service', content: '改', measures: '改。', dueDate: '2027-12-31' });
    expect(locked.status).toBe(409);
    expect(locked.json.error.message).toContain('待审核');
  });
});

describe('review', () => {
  it('returns an item with a reason its owner sees, approves another, and only the approved one becomes public', async () => {
    const list = await call('GET', `/pledges?branchId=${units.branch1}&year=2027`, organizer1);
    expect(list.status).toBe(200);
    const mine = list.json.owners.find((o: { ownerId: string }) => o.ownerId === people.staff1);
    expect(mine.counts.submitted).toBe(2);
    const back = await call('POST', `/pledges/${returned}/review`, organizer1, { outcome: 'return', version: 2, reason: '请写明可检验的目标。' });
    expect(back.status).toBe(200);
    expect(back.json.state).toBe('returned');
    const ok = await call('POST', `/pledges/${kept}/review`, organizer1, { outcome: 'approve', version: 3 });
    expect(ok.json.state).toBe('approved');
    const twice = await call('POST', `/pledges/${kept}/review`, leader, { outcome: 'approve', version: 4 });
    expect(twice.status).toBe(409);
    // The owner sees why; the branch's members and people elsewhere see the approved item, never the returned one.
    const own = await call('GET', '/pledges?year=2027', staff1);
    const items = own.json.owners[0].items as Array<{ pledgeId: string; returnReason: string | null; may: { edit: boolean } }>;
    expect(items.find((i) => i.pledgeId === returned)).toMatchObject({ returnReason: '请写明可检验的目标。', may: { edit: true } });
    expect((await call('GET', `/pledges/${returned}`, staff2)).status).toBe(404);
    const publicView = await call('GET', `/pledges/${kept}`, staff3);
    expect(publicView.status).toBe(200);
    expect(publicView.json.returnReason).toBeNull();
    // A branch member from another branch cannot review, an organizer cannot review their own.
    expect((await call('POST', `/pledges/${kept}/review`, staff2, { outcome: 'approve', version: 4 })).status).toBe(403);
    const theirs = await write(organizer1, { content: '每月为新同事讲一次业务课' });
    await call('POST', '/pledge-submissions', organizer1, { year: 2027 });
    const self = await call('POST', `/pledges/${theirs.json.pledgeId}/review`, organizer1, { outcome: 'approve', version: 2 });
    expect(self.status).toBe(403);
    expect(self.json.error.message).toContain('不能审核自己提交的承诺');
    expect((await call('POST', `/pledges/${theirs.json.pledgeId}/review`, leader, { outcome: 'approve', version: 2 })).status).toBe(200);
  });

  it('puts the approved item on the board as a card with nothing private on it', async () => {
    const board = await call('GET', `/pledge-board?unitId=${units.branch1}&year=2027`, staff3);
    expect(board.status).toBe(200);
    const card = board.json.cards.find((c: { ownerId: string }) => c.ownerId === people.staff1);
    expect(card.pledges.map((p: { pledgeId: string }) => p.pledgeId)).toEqual([kept]);
    expect(card.partyStatus).toBe('full');
    const text = JSON.stringify(board.json);
    expect(text).not.toContain('staff1');
    expect(text).not.toContain('请写明可检验的目标');
    expect(text).not.toMatch(/login|phone|returnReason|comment/i);
    // The bureau's board holds the branch's cards too (its subtree), and offers the units below to drill into.
    const bureau = await call('GET', `/pledge-board?unitId=${units.bureau}&year=2027`, staff1);
    expect(bureau.json.cards.some((c: { ownerId: string }) => c.ownerId === people.staff1)).toBe(true);
    expect(bureau.json.children.map((c: { unitId: string }) => c.unitId)).toContain(units.branch1);
    // A page at a time: two cards, then the rest from the cursor, with nothing twice.
    const first = await call('GET', `/pledge-board?unitId=${units.bureau}&year=2027&limit=2`, staff1);
    expect(first.json.cards).toHaveLength(2);
    expect(first.json.cursor).toEqual(expect.any(String));
    const rest = await call('GET', `/pledge-board?unitId=${units.bureau}&year=2027&limit=200&cursor=${encodeURIComponent(first.json.cursor)}`, staff1);
    const ids = [...first.json.cards, ...rest.json.cards].map((c: { ownerId: string }) => c.ownerId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(bureau.json.cards.length);
    expect(rest.json.cursor).toBeNull();
    const forged = await call('GET', `/pledge-board?unitId=${units.bureau}&cursor=bm9wZQ`, staff1);
    expect(forged.status).toBe(400);
  });
});

describe('keeping the pledge (践诺)', () => {
  it('records what was done, counts it on the card, and marks it done once', async () => {
    const future = await call('POST', `/pledges/${kept}/progress`, staff1, { text: '提前写好的', doneOn: '2027-04-01' });
    expect(future.status).toBe(400);
    expect(future.json.error.message).toContain('不能晚于今天');
    const notPublic = await call('POST', `/pledges/${returned}/progress`, staff1, { text: '做了一些', doneOn: '2027-03-01' });
    expect(notPublic.status).toBe(409);
    const entry = await call('POST', `/pledges/${kept}/progress`, staff1, { text: '本月办件 120 件，无退件。', doneOn: '2027-03-09' });
    expect(entry.status).toBe(201);
    expect(entry.json.progress).toHaveLength(1);
    expect(entry.json.progressCount).toBe(1);
    const done = await call('POST', `/pledges/${kept}/progress`, staff1, { text: '全年目标提前完成。', doneOn: '2027-03-10', markDone: true });
    expect(done.json.state).toBe('done');
    expect((await call('POST', `/pledges/${kept}/progress`, staff1, { text: '再标一次', doneOn: '2027-03-10', markDone: true })).status).toBe(409);
    const board = await call('GET', `/pledge-board?unitId=${units.branch1}&year=2027`, staff2);
    const card = board.json.cards.find((c: { ownerId: string }) => c.ownerId === people.staff1);
    expect(card.pledges[0]).toMatchObject({ state: 'done', progressCount: 2 });
    // Someone else cannot write the owner's record.
    expect((await call('POST', `/pledges/${kept}/progress`, organizer1, { text: '代写', doneOn: '2027-03-10' })).status).toBe(404);
  });
});

describe('the year-end review (评诺)', () => {
  it('opens by an admin’s window: self-assessment, peers’ comments (nameless to the owner), organizers’ guidance', async () => {
    const early = await call('PUT', `/pledges/${kept}/assessment`, staff1, { text: '已兑现。' });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toContain('2027 年的评诺尚未开放或已结束');
    const reversed = await call('PUT', '/pledge-windows', admin, { unitId: units.bureau, year: 2027, opensOn: '2027-12-31', closesOn: '2027-12-01' });
    expect(reversed.status).toBe(400);
    expect((await call('PUT', '/pledge-windows', admin, { unitId: units.bureau, year: 2027, opensOn: '2027-12-01', closesOn: '2027-12-31' })).status).toBe(200);
    await at('2027-12-05T02:00:00Z');
    const assessed = await call('PUT', `/pledges/${kept}/assessment`, staff1, { text: '已按承诺兑现，全年无退件。' });
    expect(assessed.status).toBe(200);
    expect(assessed.json.assessment).toContain('全年无退件');
    expect((await call('POST', `/pledges/${kept}/comments`, staff2, { text: '服务耐心，值得学习。' })).status).toBe(201);
    expect((await call('POST', `/pledges/${kept}/comments`, staff3, { text: '外支部评论' })).status).toBe(403);
    expect((await call('POST', `/pledges/${kept}/comments`, staff1, { text: '自己评自己' })).status).toBe(403);
    const asOwner = await call('GET', `/pledges/${kept}`, staff1);
    expect(asOwner.json.comments).toEqual([expect.objectContaining({ kind: 'peer', text: '服务耐心，值得学习。', authorName: null })]);
    const asOrganizer = await call('GET', `/pledges/${kept}`, organizer1);
    expect(asOrganizer.json.comments[0].authorName).toBe('陈静怡');
    // Another member sees their own comment only, and the board never shows comments.
    expect((await call('GET', `/pledges/${kept}`, staff3)).json.comments).toEqual([]);
  });

  it('takes proposals then decisions, warns past a third 优秀, and publishes decisions (not reasons) to the member and the board', async () => {
    const early = await call('PUT', '/pledge-ratings', organizer1, {
      year: 2027,
      branchId: units.branch1,
      ratings: [{ personId: people.staff2, stage: 'decision', rating: 'qualified', reason: '' }],
    });
    expect(early.status).toBe(400);
    expect(early.json.error.message).toContain('陈静怡');
    const stranger = await call('PUT', '/pledge-ratings', organizer1, { year: 2027, branchId: units.branch1, ratings: [{ personId: people.staff3, stage: 'proposal', rating: 'qualified' }] });
    expect(stranger.status).toBe(400);
    const logins = ['staff1', 'staff2', 'zw0003', 'zw0005', 'zw0007'];
    const proposed = await call('PUT', '/pledge-ratings', organizer1, {
      year: 2027,
      branchId: units.branch1,
      ratings: [
        ...logins.map((login) => ({ personId: people[login], stage: 'proposal', rating: 'excellent', reason: '表现突出' })),
        { personId: people.staff1, stage: 'decision', rating: 'excellent', reason: '支部大会决定' },
      ],
    });
    expect(proposed.status).toBe(200);
    const r = proposed.json.ratings;
    expect(r.excellent).toBe(5);
    expect(r.warnExcellent).toBe(r.excellent / r.members > 1 / 3);
    expect(r.members).toBeGreaterThan(5);
    expect(r.decided).toBe(1);
    // The member sees the decision, never a bare proposal.
    const mine = await call('GET', '/pledges?year=2027', staff1);
    expect(mine.json.owners[0].rating).toMatchObject({ proposal: null, decision: { rating: 'excellent' } });
    expect((await call('GET', '/pledges?year=2027', staff2)).json.owners[0].rating).toBeNull();
    const board = await call('GET', `/pledge-board?unitId=${units.branch1}&year=2027`, staff3);
    expect(board.json.cards.find((c: { ownerId: string }) => c.ownerId === people.staff1).rating).toBe('excellent');
    expect(JSON.stringify(board.json)).not.toContain('支部大会决定');
    // Rating more members 优秀 than a third of the branch warns.
    const many = await call('PUT', '/pledge-ratings', organizer1, {
      year: 2027,
      branchId: units.branch1,
      ratings: ['zw0008', 'zw0019', 'zw0027', 'organizer1', 'leader'].map((login) => ({ personId: people[login], stage: 'proposal', rating: 'excellent' })),
    });
    expect(many.json.ratings.warnExcellent).toBe(true);
    const audit = await call('GET', '/audit?action=ratePledges', await signIn('auditor'));
    expect(audit.json.items.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the card (亮岗位)', () => {
  it('keeps the post and days on duty by version and shows them on the board', async () => {
    const { version } = (await call('GET', '/pledges', staff1)).json.profile;
    const first = await call('PUT', '/me/pledge-profile', staff1, { version, post: '综合受理 6 号窗口', photo: null, dutyDays: [5, 1, 2, 3, 4] });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ post: '综合受理 6 号窗口', dutyDays: [1, 2, 3, 4, 5], version: expect.any(Number) });
    const stale = await call('PUT', '/me/pledge-profile', staff1, { version: first.json.version - 1, post: '旧', photo: null, dutyDays: [1] });
    expect(stale.status).toBe(409);
    const board = await call('GET', `/pledge-board?unitId=${units.branch1}&year=2027`, staff3);
    expect(board.json.cards.find((c: { ownerId: string }) => c.ownerId === people.staff1).post).toBe('综合受理 6 号窗口');
  });
});
