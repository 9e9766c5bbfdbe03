/**
 * The demo pledges (dev/seed.ts calls this once, after the people): last year's pledges of branches 1 and 2, kept,
 * assessed and rated by the branch; this year's in every state — drafts, handed in and waiting, one returned with a
 * reason, approved ones with their record of what was done, one kept early — the branches' own pledges as
 * organisations, the hall's members with their windows (亮岗位), and the year-end review open for the bureau.
 *
 * Written in batches with the area's own item shapes and its pure card (board.ts), as the sessions' demo year is.
 */
import { clock } from '../functions/platform/clock.js';
import { config } from '../functions/platform/config.js';
import { newId } from '../functions/platform/ids.js';
import { batchWrite } from '../functions/platform/store.js';
import { everyone } from '../functions/domain/people/directory.js';
import type { PublicPerson } from '../functions/domain/people/schema.js';
import { loadTree } from '../functions/domain/org/service.js';
import { shanghaiDay, addDays } from '../functions/domain/practice/days.js';
import { boardEntryOf } from '../functions/domain/pledges/board.js';
import { boardItem, pledgeItem, profileItem, progressItem, ratingItem, windowItem, commentItem } from '../functions/domain/pledges/entities.js';
import type { Pledge, PledgeCategory, PledgeProfile, PledgeRating, PledgeRatingRecord, PledgeState, ProgressEntry } from '../functions/domain/pledges/schema.js';

interface Item {
  c: PledgeCategory;
  content: string;
  measures: string;
  due: string;
}

/** What people at a county service hall promise, by category. */
const catalogue: Item[] = [
  { c: 'service', content: '窗口受理做到一次性告知，让群众办事“最多跑一次”', measures: '坚持首问负责，一次性告知清单随身带；每周梳理一次退件原因并改进。', due: '12-31' },
  { c: 'study', content: '全年完成 50 学时以上学习，学懂弄通《政务服务条例》', measures: '每周至少学习两次，每季度写一篇学习体会，在党小组会上交流。', due: '12-20' },
  { c: 'work', content: '推进“高效办成一件事”企业开办套餐，办理时限压缩到 1 个工作日', measures: '梳理企业开办全流程材料，与市场监管、税务窗口建立联办机制。', due: '09-30' },
  { c: 'discipline', content: '严守廉洁纪律，不吃拿卡要，不接受服务对象宴请和礼品', measures: '每季度对照廉政风险点自查一次，主动接受群众和同事监督。', due: '12-31' },
  { c: 'service', content: '主动提供延时、预约和上门服务，全年“好差评”好评率 99% 以上', measures: '午间和周末轮值延时服务；对老年人、残疾人提供帮办代办。', due: '12-31' },
  { c: 'work', content: '每季度更新一次本窗口常见问题解答并在大厅公示', measures: '收集群众咨询高频问题，编写通俗易懂的问答，经科室审核后公示。', due: '12-15' },
  { c: 'study', content: '带头参加“三会一课”，全年不无故缺席组织生活', measures: '有事提前请假，缺席及时补学并提交心得。', due: '12-31' },
];

const progressNotes = [
  '本月为 126 位群众办理业务，一次性告知到位，无因材料不全退件。',
  '整理退件原因 8 条，修订告知清单并在窗口张贴。',
  '完成《政务服务条例》专题学习 6 学时，在党小组会上交流体会。',
  '为行动不便的老人提供上门帮办服务 3 次，群众送来感谢信一封。',
];

const ratingReasons: Record<PledgeRating, string> = {
  excellent: '承诺事项全部兑现，服务质效突出，群众评价高。',
  qualified: '承诺事项基本兑现，能够履行党员义务。',
  basicallyQualified: '部分承诺未按期兑现，需加强学习、改进作风。',
  unqualified: '承诺未兑现，且无正当理由。',
};

export async function seedDemoPledges(): Promise<{ pledges: number }> {
  const now = clock.now();
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  const last = year - 1;
  const tree = await loadTree();
  const people = await everyone();
  const byLogin = new Map(people.map((p) => [p.login, p]));
  const person = (login: string) => byLogin.get(login)!;
  const unitId = (name: string) => tree.ordered().find((u) => u.name === name)!.unitId;
  const branch1 = unitId('机关第一党支部');
  const branch2 = unitId('机关第二党支部（窗口党支部）');
  const bureau = tree.roots()[0]!.unitId;
  const organizer1 = person('organizer1');
  const organizer2 = person('organizer2');
  const reviewerOf = (p: PublicPerson) => (p.branchId === branch2 ? organizer2 : organizer1);

  const items: Record<string, unknown>[] = [];
  const pledges: Pledge[] = [];
  const ratings: PledgeRatingRecord[] = [];
  const profiles = new Map<string, PledgeProfile>();
  /** A day of the year as an instant at 10:00 in Shanghai. */
  const at = (y: number, monthDay: string) => new Date(`${y}-${monthDay}T10:00:00+08:00`).toISOString();
  const clamp = (iso: string) => (iso > now.toISOString() ? now.toISOString() : iso);

  function pledge(owner: { kind: 'person'; p: PublicPerson } | { kind: 'branch'; branchId: string }, y: number, item: Item, state: PledgeState, extra: Partial<Pledge> = {}): Pledge {
    const ownerId = owner.kind === 'person' ? owner.p.personId : owner.branchId;
    const branchId = owner.kind === 'person' ? owner.p.branchId! : owner.branchId;
    const created = clamp(at(y, '01-10'));
    const reviewed = state === 'approved' || state === 'done' || state === 'returned';
    const reviewer = owner.kind === 'person' ? reviewerOf(owner.p) : person('leader');
    const p: Pledge = {
      pledgeId: newId(),
      year: y,
      ownerKind: owner.kind,
      ownerId,
      branchId,
      unitId: owner.kind === 'person' ? owner.p.unitId : owner.branchId,
      pledgeCategory: item.c,
      content: item.content,
      measures: item.measures,
      dueDate: `${y}-${item.due}`,
      state,
      returnReason: state === 'returned' ? '承诺内容较笼统，请写明可检验的目标（例如数量、时限），再提交。' : null,
      reviewedBy: reviewed ? reviewer.personId : null,
      reviewedAt: reviewed ? clamp(at(y, '01-20')) : null,
      submittedAt: state === 'draft' ? null : clamp(at(y, '01-15')),
      doneAt: null,
      progressCount: 0,
      lastProgressAt: null,
      assessment: null,
      assessedAt: null,
      createdBy: owner.kind === 'person' ? ownerId : (owner.branchId === branch2 ? organizer2 : organizer1).personId,
      createdAt: created,
      updatedAt: created,
      version: state === 'draft' ? 1 : 3,
      ...extra,
    };
    pledges.push(p);
    return p;
  }

  /** The record of what was done: `count` entries spread over the months before now (or over last year). */
  function keep(p: Pledge, count: number, doneEarly = false) {
    const months = p.year < year ? [3, 6, 9, 11] : [2, 4, 6, 8, 10].filter((m) => new Date(`${p.year}-${String(m).padStart(2, '0')}-15T10:00:00+08:00`) < now);
    let lastAt: string | null = null;
    let n = 0;
    for (const month of months.slice(0, count)) {
      const day = `${p.year}-${String(month).padStart(2, '0')}-15`;
      const entry: ProgressEntry = { entryId: newId(), pledgeId: p.pledgeId, text: progressNotes[n % progressNotes.length]!, doneOn: day, evidence: [], createdBy: p.ownerKind === 'person' ? p.ownerId : p.createdBy, createdAt: new Date(`${day}T18:00:00+08:00`).toISOString() };
      items.push(progressItem(entry));
      lastAt = entry.createdAt;
      n += 1;
    }
    p.progressCount = n;
    p.lastProgressAt = lastAt;
    if (doneEarly && lastAt) {
      p.state = 'done';
      p.doneAt = lastAt;
    }
  }

  // ── Last year: kept, assessed, rated by the branch ──
  const rated: Array<[string, PledgeRating]> = [
    ['staff1', 'excellent'],
    ['staff2', 'qualified'],
    ['staff3', 'excellent'],
    ['organizer1', 'qualified'],
    ['zw0005', 'qualified'],
    ['zw0008', 'qualified'],
    ['organizer2', 'qualified'],
    ['zw0010', 'qualified'],
    ['zw0011', 'basicallyQualified'],
    ['zw0013', 'qualified'],
  ];
  rated.forEach(([login, rating], i) => {
    const p = person(login);
    for (const k of [0, 1, 3]) {
      const item = catalogue[(k + i) % catalogue.length]!;
      const made = pledge({ kind: 'person', p }, last, item, 'approved');
      keep(made, 3, true);
      made.assessment = '已按承诺兑现：全年窗口服务零投诉，学习任务按时完成，存在的不足是主动宣传政策不够，来年改进。';
      made.assessedAt = at(last, '12-20');
    }
    const by = reviewerOf(p);
    const step = (r: PledgeRating, when: string) => ({ rating: r, reason: ratingReasons[r], by: by.personId, byName: by.name, at: at(last, when) });
    ratings.push({ personId: p.personId, branchId: p.branchId!, year: last, proposal: step(rating, '12-22'), decision: step(rating, '12-28'), updatedAt: at(last, '12-28') });
  });

  // ── This year ──
  const s1 = person('staff1');
  keep(pledge({ kind: 'person', p: s1 }, year, catalogue[0]!, 'approved'), 3);
  keep(pledge({ kind: 'person', p: s1 }, year, catalogue[1]!, 'approved'), 2, true);
  pledge({ kind: 'person', p: s1 }, year, catalogue[5]!, 'returned', { content: '做好本职工作', measures: '认真工作。' });
  pledge({ kind: 'person', p: s1 }, year, catalogue[3]!, 'draft');
  // Handed in and waiting for the organizer.
  for (const login of ['staff2', 'zw0005']) {
    pledge({ kind: 'person', p: person(login) }, year, catalogue[2]!, 'submitted');
    pledge({ kind: 'person', p: person(login) }, year, catalogue[6]!, 'submitted');
  }
  // Approved and kept through the year, across branches 1 and 2.
  const approvedLogins = ['organizer1', 'leader', 'zw0003', 'zw0007', 'zw0008', 'zw0019', 'organizer2', 'staff3', 'zw0010', 'zw0011', 'zw0012', 'zw0013', 'zw0016', 'zw0018', 'zw0030'];
  approvedLogins.forEach((login, i) => {
    const p = person(login);
    keep(pledge({ kind: 'person', p }, year, catalogue[i % 2 === 0 ? 0 : 4]!, 'approved'), 1 + (i % 3));
    keep(pledge({ kind: 'person', p }, year, catalogue[(i % 3) + 1]!, 'approved'), i % 2);
    if (i % 4 === 0) pledge({ kind: 'person', p }, year, catalogue[6]!, 'approved');
  });
  // The branches' own pledges as organisations.
  keep(pledge({ kind: 'branch', branchId: branch1 }, year, { c: 'work', content: '支部全体党员亮身份、亮承诺，年内窗口零投诉', measures: '每月支委会通报践诺情况，党员先锋岗挂牌服务。', due: '12-31' }, 'approved'), 2);
  keep(pledge({ kind: 'branch', branchId: branch2 }, year, { c: 'service', content: '设立党员示范窗口，推行“帮办代办”全程服务', measures: '党员轮值帮办代办岗，重点服务老年人和企业群众。', due: '12-31' }, 'approved'), 3);
  keep(pledge({ kind: 'branch', branchId: branch2 }, year, { c: 'study', content: '每月开展一次窗口业务“微课堂”', measures: '由业务骨干轮流授课，课后测验巩固。', due: '12-31' }, 'approved'), 2);

  // ── Cards: posts and windows (亮岗位), days on duty ──
  const posts: Record<string, [string, number[]]> = {
    staff1: ['综合科 · 文秘岗', [1, 2, 3, 4, 5]],
    organizer1: ['第一党支部书记 · 综合科科长', [1, 2, 3, 4, 5]],
    leader: ['局长、党组书记', [1, 2, 3, 4, 5]],
    organizer2: ['窗口党支部书记 · 综合受理区负责人', [1, 2, 3, 4, 5]],
    staff3: ['综合受理 3 号窗口', [1, 2, 3, 4, 5, 6]],
    zw0010: ['综合受理 1 号窗口', [1, 2, 3, 4, 5]],
    zw0011: ['综合受理 2 号窗口', [1, 2, 3, 4, 5]],
    zw0012: ['不动产登记专区 5 号窗口', [1, 2, 3, 4, 5]],
    zw0013: ['企业开办专区 7 号窗口', [1, 2, 3, 4, 5]],
    zw0016: ['帮办代办服务台', [1, 2, 3, 4, 5, 6, 7]],
    zw0018: ['社保医保专区 9 号窗口', [1, 2, 3, 4, 5]],
    zw0030: ['“办不成事”反映窗口', [1, 2, 3, 4, 5, 6]],
  };
  for (const [login, [post, dutyDays]] of Object.entries(posts)) {
    const p = person(login);
    profiles.set(p.personId, { personId: p.personId, post, photo: null, dutyDays, updatedAt: at(year, '01-05'), version: 1 });
  }

  // A peer's comment and the organizer's guidance on staff1's first pledge.
  const first = pledges.find((p) => p.year === year && p.ownerId === s1.personId && p.state === 'approved')!;
  items.push(commentItem({ commentId: newId(), pledgeId: first.pledgeId, kind: 'guidance', text: '退件原因梳理得很细，建议把告知清单做成二维码，方便群众提前准备。', authorId: organizer1.personId, authorName: organizer1.name, createdAt: clamp(at(year, '06-20')) }));

  // ── Review windows: last year's (closed) and this year's, open now for the bureau ──
  const window = (y: number, opensOn: string, closesOn: string) => ({ unitId: bureau, year: y, opensOn, closesOn, openedBy: person('admin').personId, openedAt: new Date(`${opensOn}T09:00:00+08:00`).toISOString() });
  items.push(windowItem(window(last, `${last}-12-01`, `${year}-01-15`)));
  items.push(windowItem(window(year, addDays(today, -7), addDays(today, 45))));

  for (const p of pledges) items.push(pledgeItem(p));
  for (const r of ratings) items.push(ratingItem(r));
  for (const profile of profiles.values()) items.push(profileItem(profile));
  // Each owner's card per year, from the same pure rules the service uses.
  const owners = new Map<string, Pledge>();
  for (const p of pledges) owners.set(`${p.ownerId}#${p.year}`, p);
  const stamp = now.toISOString();
  for (const p of owners.values()) {
    const own = pledges.filter((x) => x.ownerId === p.ownerId && x.year === p.year);
    const who = p.ownerKind === 'person' ? people.find((x) => x.personId === p.ownerId)! : undefined;
    const facts = who
      ? { ownerKind: 'person' as const, ownerId: who.personId, name: who.name, branchId: who.branchId!, unitId: who.unitId, partyStatus: who.partyStatus }
      : { ownerKind: 'branch' as const, ownerId: p.ownerId, name: tree.get(p.ownerId)!.name, branchId: p.ownerId, unitId: p.ownerId, partyStatus: null };
    const card = boardEntryOf(facts, p.year, own, profiles.get(p.ownerId), ratings.find((r) => r.personId === p.ownerId && r.year === p.year), stamp);
    if (card) items.push(boardItem(card));
  }

  const table = config().tableName;
  const batches = [];
  for (let i = 0; i < items.length; i += 25) batches.push({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
  await batchWrite(batches);
  return { pledges: pledges.length };
}
