/**
 * The public side of pledges (亮身份、亮岗位、亮承诺): each owner's card for a year, rewritten from their pledges,
 * profile and rating by every write that changes them; the board of a unit (its subtree's cards, one query per unit,
 * never a scan); and the member's profile (post or window, photo, days on duty).
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { decidedHonoursFor } from '../honours/service.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { orgMessages } from '../org/messages.js';
import { personById } from '../people/directory.js';
import { shanghaiYear } from '../study/progress.js';
import { useUploadFile } from '../uploads/service.js';
import { boardEntryOf, type OwnerFacts } from './board.js';
import { yearTakesPledges } from './cycle.js';
import { shanghaiDay } from '../practice/days.js';
import { BoardQuery, ProfileInput, type BoardEntry, type Pledge, type PledgeProfile } from './schema.js';
import { boardOfUnits, boardPage, deleteBoardEntry, ownerPledges, putBoardEntry, readProfile, readRating, writeProfile } from './store.js';
import { decodeAfterCursor, encodeAfterCursor, unknownCursor } from '../../platform/store.js';
import { evidenceView, profileView } from './view.js';

// ─── The card ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** Rewrites an owner's card for a year from what it summarises (idempotent: the same facts give the same card). */
export async function rewriteBoard(owner: Pick<Pledge, 'ownerKind' | 'ownerId' | 'year' | 'branchId' | 'unitId'>, tree: OrgTree): Promise<BoardEntry | null> {
  const facts = await ownerFacts(owner, tree);
  const [pledges, profile, rating] = await Promise.all([
    ownerPledges(owner.ownerId, owner.year),
    owner.ownerKind === 'person' ? readProfile(owner.ownerId) : Promise.resolve(undefined),
    owner.ownerKind === 'person' ? readRating(owner.ownerId, owner.year) : Promise.resolve(undefined),
  ]);
  const entry = facts ? boardEntryOf(facts, owner.year, pledges, profile, rating, nowIso()) : null;
  if (entry) await putBoardEntry(entry);
  else await deleteBoardEntry(owner.ownerId, owner.year);
  return entry;
}

/** Who the card is of, as now: a person's name, unit and Party status (an inactive person has no card). */
async function ownerFacts(owner: Pick<Pledge, 'ownerKind' | 'ownerId' | 'branchId' | 'unitId'>, tree: OrgTree): Promise<OwnerFacts | undefined> {
  if (owner.ownerKind === 'branch') {
    const branch = tree.get(owner.ownerId);
    return branch ? { ownerKind: 'branch', ownerId: branch.unitId, name: branch.name, branchId: branch.unitId, unitId: branch.unitId, partyStatus: null } : undefined;
  }
  const person = await personById(owner.ownerId);
  if (!person || !person.active) return undefined;
  return { ownerKind: 'person', ownerId: person.personId, name: person.name, branchId: person.branchId ?? owner.branchId, unitId: person.unitId, partyStatus: person.partyStatus };
}

// ─── The board ─────────────────────────────────────────────────────────────────────────────────────────────────────

const unitsUnder = (unitIds: readonly string[], tree: OrgTree) => [...new Set(unitIds.flatMap((id) => tree.subtree(id).map((u) => u.unitId)))];

/**
 * The public cards of a year for the units given (each unit's subtree: its people's cards and the cards of the
 * branches in it): one item per card, read by one query per unit, never a scan. Only public content.
 */
export async function boardEntriesOf(unitIds: readonly string[], year: number, tree?: OrgTree): Promise<BoardEntry[]> {
  const t = tree ?? (await loadTree());
  const entries = await boardOfUnits(unitsUnder(unitIds, t), year);
  const order = new Map(t.ordered().map((u, i) => [u.unitId, i]));
  return entries.sort(
    (a, b) =>
      (a.ownerKind === 'branch' ? 0 : 1) - (b.ownerKind === 'branch' ? 0 : 1) ||
      (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/** A card as the board shows it: the photo as a short-lived address. */
export async function cardView(entry: BoardEntry, tree: OrgTree) {
  const [photo] = entry.photo ? await evidenceView([entry.photo]) : [];
  return {
    ownerKind: entry.ownerKind,
    ownerId: entry.ownerId,
    name: entry.name,
    unitName: tree.get(entry.unitId)?.name ?? '—',
    branchName: tree.get(entry.branchId)?.name ?? '—',
    partyStatus: entry.partyStatus,
    post: entry.post,
    photoUrl: photo?.url ?? null,
    dutyDays: entry.dutyDays,
    pledges: entry.pledges,
    rating: entry.rating,
  };
}

/**
 * A unit's board for a year, a page at a time: its subtree's cards in the tree's order (O(cards shown) items, never a
 * scan), the units below it to drill into, and (on the first page) the latest quarter's honours.
 */
export async function getPledgeBoard(actor: Actor | null, query: unknown) {
  authorize(actor, 'getPledgeBoard');
  const q = BoardQuery.parse(query);
  const tree = await loadTree();
  const unitId = q.unitId ?? actor!.branchId ?? tree.roots()[0]?.unitId;
  const unit = unitId ? tree.get(unitId) : undefined;
  if (!unit) throw new AppError('NOT_FOUND', { messageKey: orgMessages.unitNotFound });
  const year = q.year ?? shanghaiYear(clock.now().toISOString());
  const units = tree.subtree(unit.unitId).map((u) => u.unitId);
  const after = readBoardCursor(q.cursor, units);
  const [page, honours] = await Promise.all([boardPage(units, year, after, q.limit ?? BOARD_PAGE), after ? Promise.resolve([]) : decidedHonoursFor([unit.unitId])]);
  const children = tree.children(unit.unitId).filter((child) => !child.retired).map((child) => ({ unitId: child.unitId, name: child.name, kind: child.kind }));
  const entries = page.entries;
  return {
    year,
    unit: { unitId: unit.unitId, name: unit.name, kind: unit.kind },
    path: tree.path(unit.unitId).map((id) => ({ unitId: id, name: tree.get(id)?.name ?? '—' })),
    children,
    cards: await Promise.all(entries.map((entry) => cardView(entry, tree))),
    honours,
    cursor: page.next ? encodeAfterCursor(JSON.stringify(page.next)) : null,
    asOf: nowIso(),
  };
}

/** Cards on a board's page unless asked otherwise: a screenful on a desktop, a few swipes on a phone. */
const BOARD_PAGE = 60;

/** Where a board's page resumes: a unit of this board and a card's sort key in it (a cursor it never gave is a 400). */
function readBoardCursor(cursor: string | undefined, units: readonly string[]): { unitId: string; sk: string } | undefined {
  const raw = decodeAfterCursor(cursor, 300);
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as { unitId?: unknown; sk?: unknown };
    if (typeof parsed.unitId === 'string' && typeof parsed.sk === 'string' && units.includes(parsed.unitId)) return { unitId: parsed.unitId, sk: parsed.sk };
  } catch {
    // fall through
  }
  throw unknownCursor();
}

// ─── The profile ───────────────────────────────────────────────────────────────────────────────────────────────────

export async function myProfile(actor: Actor) {
  return profileView(await readProfile(actor.personId));
}

/** The caller's post or window, photo and days on duty; their card of this year (and next, from December) is rewritten with it. */
export async function updatePledgeProfile(actor: Actor | null, input: unknown) {
  authorize(actor, 'updatePledgeProfile');
  const data = ProfileInput.parse(input);
  const before = await readProfile(actor!.personId);
  const photo =
    data.photo === 'keep' ? (before?.photo ?? null) : data.photo === null ? null : { ...(await useUploadFile(actor!, data.photo.uploadId, 'cover')), kind: 'photo' as const };
  const profile: PledgeProfile = {
    personId: actor!.personId,
    post: data.post,
    photo,
    dutyDays: [...new Set(data.dutyDays)].sort(),
    updatedAt: nowIso(),
    version: data.version + 1,
  };
  await writeProfile(profile, data.version);
  if (actor!.branchId) {
    const tree = await loadTree();
    const today = shanghaiDay(clock.now());
    const year = Number(today.slice(0, 4));
    // Next year's card can exist only once next year takes pledges (in December).
    for (const y of yearTakesPledges(year + 1, today) ? [year, year + 1] : [year]) {
      await rewriteBoard({ ownerKind: 'person', ownerId: actor!.personId, year: y, branchId: actor!.branchId, unitId: actor!.unitId }, tree);
    }
  }
  return profileView(profile);
}
