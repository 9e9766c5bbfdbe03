/**
 * A year's pledges as a whole: the member's own year (their items, card, window and published rating), a branch's
 * year for its organizers and leaders (every member's items, the branch's own, the ratings and how they stand), the
 * year-end ratings (评诺: the organizer's proposal, then the branch's decision) and the review window an admin opens.
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { recordAudit } from '../audit/service.js';
import { notify } from '../notifications/service.js';
import { mayPerform, reachesUnitFor } from '../authz/capabilities.js';
import { authorize, reachesUnit, type Actor } from '../authz/permissions.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { orgMessages } from '../org/messages.js';
import { membersOfBranch, peopleByIds } from '../people/directory.js';
import type { PublicPerson } from '../people/schema.js';
import { shanghaiYear } from '../study/progress.js';
import { accessTo, yearEndRights } from './access.js';
import { myProfile, rewriteBoard } from './board-service.js';
import { ratingSummary } from './cycle.js';
import { pledgesMessages } from './messages.js';
import { ListPledgesQuery, PLEDGE_RATINGS, RatePledgesInput, ReviewWindowInput, type Pledge, type PledgeRatingRecord, type ReviewWindow } from './schema.js';
import { today, windowOfBranch } from './service.js';
import { branchPledges, branchRatings, ownerPledges, putRating, putWindow, readRating } from './store.js';
import { pledgeView, ratingView, windowView } from './view.js';

const thisYear = () => shanghaiYear(clock.now().toISOString());

type Owner = { ownerKind: 'person' | 'branch'; ownerId: string; name: string; partyStatus: PublicPerson['partyStatus'] | null };

function ownerRow(actor: Actor, owner: Owner, pledges: readonly Pledge[], tree: OrgTree, extra: { rating: ReturnType<typeof ratingView>; open: boolean }) {
  const branchName = (p: Pledge) => tree.get(p.branchId)?.name ?? '—';
  const items = pledges.map((p) => {
    const access = accessTo(actor, p, tree);
    return pledgeView(p, access, { ownerName: owner.name, branchName: branchName(p), ...yearEndRights(actor, p, access, extra.open) });
  });
  const counts = { draft: 0, submitted: 0, returned: 0, approved: 0, done: 0 };
  for (const p of pledges) counts[p.state] += 1;
  return { ...owner, items, counts, rating: extra.rating };
}

/**
 * Without a branch: the caller's own year (their items, their card's profile, the window, their published rating).
 * With a branch (its organizers and leaders): every member's year and the branch's own items, with the ratings.
 */
export async function listPledges(actor: Actor | null, query: unknown) {
  const grant = authorize(actor, 'listPledges');
  const q = ListPledgesQuery.parse(query);
  const year = q.year ?? thisYear();
  const tree = await loadTree();
  if (q.branchId === undefined) {
    const branchId = actor!.branchId;
    const [pledges, profile, rating, window] = await Promise.all([
      ownerPledges(actor!.personId, year),
      myProfile(actor!),
      readRating(actor!.personId, year),
      branchId ? windowOfBranch(branchId, year, tree) : Promise.resolve({ window: undefined, open: false }),
    ]);
    const me: Owner = { ownerKind: 'person', ownerId: actor!.personId, name: actor!.name, partyStatus: actor!.profile?.partyStatus ?? null };
    return {
      year,
      scope: 'own' as const,
      branch: branchId ? { unitId: branchId, name: tree.get(branchId)?.name ?? '—' } : null,
      window: windowView(window.window, today()),
      owners: [ownerRow(actor!, me, q.state ? pledges.filter((p) => p.state === q.state) : pledges, tree, { rating: ratingView(rating, false), open: window.open })],
      profile,
      ratings: null,
      may: { create: branchId !== null, rate: false, review: false, openWindow: false },
    };
  }
  const branch = tree.get(q.branchId);
  if (!branch || branch.kind !== 'branch' || !reachesUnit(grant, actor!, q.branchId, tree) || grant.access === 'self') {
    throw new AppError('NOT_FOUND', { messageKey: orgMessages.unitNotFound });
  }
  const { owners, pledges, ratings, members } = await branchYear(q.branchId, year, tree);
  const window = await windowOfBranch(q.branchId, year, tree);
  const byOwner = new Map<string, Pledge[]>();
  for (const p of pledges) byOwner.set(p.ownerId, [...(byOwner.get(p.ownerId) ?? []), p]);
  const ratingOf = new Map(ratings.map((r) => [r.personId, r]));
  const reviewer = reachesUnitFor(actor!, 'reviewPledge', q.branchId, tree);
  const rows = owners
    .filter((o) => q.personId === undefined || o.ownerId === q.personId)
    .map((o) => {
      const own = (byOwner.get(o.ownerId) ?? []).filter((p) => q.state === undefined || p.state === q.state);
      return ownerRow(actor!, o, own, tree, { rating: o.ownerKind === 'person' ? ratingView(ratingOf.get(o.ownerId), reviewer) : null, open: window.open });
    });
  return {
    year,
    scope: 'branch' as const,
    branch: { unitId: branch.unitId, name: branch.name },
    window: windowView(window.window, today()),
    owners: rows,
    profile: null,
    ratings: ratingSummary(ratings, members.length),
    may: {
      create: reachesUnitFor(actor!, 'createPledge', q.branchId, tree),
      rate: reachesUnitFor(actor!, 'ratePledges', q.branchId, tree) && window.window !== undefined && window.window.opensOn <= today(),
      review: reviewer,
      openWindow: mayPerform(actor!, 'setReviewWindow'),
    },
  };
}

/** A branch's year: its own card first, then its members now and anyone else with a pledge there that year, by name. */
async function branchYear(branchId: string, year: number, tree: OrgTree) {
  const [pledges, ratings, members] = await Promise.all([branchPledges(branchId, year), branchRatings(branchId, year), membersOfBranch(branchId)]);
  const active = members.filter((p) => p.active);
  const known = new Map(active.map((p) => [p.personId, p]));
  const others = [...new Set(pledges.filter((p) => p.ownerKind === 'person' && !known.has(p.ownerId)).map((p) => p.ownerId))];
  for (const person of others.length ? await peopleByIds(others) : []) known.set(person.personId, person);
  const people = [...known.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const branch = tree.get(branchId)!;
  const owners: Owner[] = [
    { ownerKind: 'branch', ownerId: branchId, name: branch.name, partyStatus: null },
    ...people.map((p) => ({ ownerKind: 'person' as const, ownerId: p.personId, name: p.name, partyStatus: p.partyStatus })),
  ];
  return { owners, pledges, ratings, members: people, known };
}

// ─── Ratings (评诺) ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The organizer's proposals and the branch's decisions for members of a branch, in one call: a decision needs a
 * proposal first (made before or earlier in the same call); a decision is published to the member and, as a summary
 * (the rating alone), to the board. Answers the branch's year as listPledges does, with the ratings as they stand.
 */
export async function ratePledges(actor: Actor | null, input: unknown) {
  const grant = authorize(actor, 'ratePledges');
  const data = RatePledgesInput.parse(input);
  const tree = await loadTree();
  const branch = tree.get(data.branchId);
  if (!branch || branch.kind !== 'branch' || !reachesUnit(grant, actor!, data.branchId, tree)) throw new AppError('NOT_FOUND', { messageKey: orgMessages.unitNotFound });
  const { window } = await windowOfBranch(data.branchId, data.year, tree);
  if (!window || window.opensOn > today()) {
    throw new AppError('CONFLICT', { messageKey: pledgesMessages.windowClosed, params: { year: data.year, window: window ? `${window.opensOn} – ${window.closesOn}` : '—' } });
  }
  const { known, ratings } = await branchYear(data.branchId, data.year, tree);
  const current = new Map(ratings.map((r) => [r.personId, r]));
  const now = nowIso();
  const changed = new Map<string, PledgeRatingRecord>();
  data.ratings.forEach((row, index) => {
    const person = known.get(row.personId);
    if (!person) throw new AppError('VALIDATION', { messageKey: pledgesMessages.notInBranch, params: { name: row.personId }, details: [{ path: `ratings.${index}.personId` }] });
    const before = changed.get(row.personId) ?? current.get(row.personId) ?? { personId: row.personId, branchId: data.branchId, year: data.year, proposal: null, decision: null, updatedAt: now };
    if (row.stage === 'decision' && before.proposal === null) {
      throw new AppError('VALIDATION', { messageKey: pledgesMessages.decisionFirstProposal, params: { name: person.name }, details: [{ path: `ratings.${index}.stage` }] });
    }
    const step = { rating: row.rating, reason: row.reason, by: actor!.personId, byName: actor!.name, at: now };
    changed.set(row.personId, { ...before, [row.stage]: step, updatedAt: now });
  });
  for (const rating of changed.values()) await putRating(rating);
  for (const rating of changed.values()) {
    const person = known.get(rating.personId)!;
    if (rating.decision) await rewriteBoard({ ownerKind: 'person', ownerId: rating.personId, year: data.year, branchId: data.branchId, unitId: person.unitId }, tree);
  }
  const decided = [...changed.values()].filter((r) => r.decision?.at === now).length;
  await recordAudit({
    action: 'ratePledges',
    actor: actor!,
    target: { type: 'unit', id: branch.unitId, label: branch.name },
    details: { year: data.year, proposals: changed.size - decided, decisions: decided },
  });
  for (const rating of changed.values()) {
    if (rating.decision?.at !== now) continue;
    const word = PLEDGE_RATINGS.find((r) => r.code === rating.decision!.rating)!;
    await notify([rating.personId], { kind: 'pledgeRated', params: { year: data.year, rating: { 'zh-CN': word.zh, en: word.en } }, link: '/pledges' });
  }
  return listPledges(actor, { branchId: data.branchId, year: data.year });
}

// ─── The review window ─────────────────────────────────────────────────────────────────────────────────────────────

/** Opens (or moves) a unit's review window for a year; branches below it without their own use it. */
export async function setReviewWindow(actor: Actor | null, input: unknown): Promise<ReviewWindow> {
  authorize(actor, 'setReviewWindow');
  const data = ReviewWindowInput.parse(input);
  const tree = await loadTree();
  const unit = tree.get(data.unitId);
  if (!unit) throw new AppError('VALIDATION', { messageKey: orgMessages.unitNotFound, details: [{ path: 'unitId' }] });
  if (data.opensOn > data.closesOn) {
    throw new AppError('VALIDATION', { messageKey: pledgesMessages.windowReversed, params: { opensOn: data.opensOn, closesOn: data.closesOn }, details: [{ path: 'closesOn' }] });
  }
  const window: ReviewWindow = { ...data, openedBy: actor!.personId, openedAt: nowIso() };
  await putWindow(window);
  await recordAudit({ action: 'setReviewWindow', actor: actor!, target: { type: 'unit', id: unit.unitId, label: unit.name }, details: { year: data.year, opensOn: data.opensOn, closesOn: data.closesOn } });
  return window;
}
