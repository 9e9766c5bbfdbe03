/**
 * The hall's display: links an administrator makes (the token is answered once; only a hash of its secret is kept),
 * lists and revokes; and the display itself, read by token with no sign-in. The token is the only key, and it opens
 * this answer and nothing else: it is no session, and the answer holds only public content (names, posts, Party
 * status, chosen photos, approved pledges with progress counts, the branch's rating summary, decided honours).
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { currentLang } from '../../platform/request-scope.js';
import { recordAudit } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { decidedHonoursFor } from '../honours/service.js';
import { loadTree } from '../org/service.js';
import { PLEDGE_CATEGORIES, type BoardEntry } from '../pledges/schema.js';
import { boardEntriesOf } from '../pledges/service.js';
import { downloadUrl } from '../uploads/service.js';
import { isoWeekday, onDuty } from '../pledges/board.js';
import { shanghaiDay } from '../practice/days.js';
import { displayMessages } from './messages.js';
import { CreateDisplayLinkInput, MAX_PEOPLE, REFRESH_SECONDS, ROTATE_SECONDS, type DisplayLink } from './schema.js';
import { allLinks, insertLink, readLink, writeRevoked, writeSeen } from './store.js';
import { hashSecret, newSecret, parseToken, secretMatches, tokenOf } from './token.js';

const DAY_MS = 24 * 3600_000;
/** A display polls every minute; "last seen" need not be written that often. */
const SEEN_EVERY_MS = 5 * 60_000;

// ─── Links (administrators) ────────────────────────────────────────────────────────────────────────────────────────

async function linkView(link: DisplayLink) {
  const tree = await loadTree();
  const now = clock.now().toISOString();
  return {
    linkId: link.linkId,
    label: link.label,
    units: link.unitIds.map((unitId) => ({ unitId, name: tree.get(unitId)?.name ?? '—' })),
    createdByName: link.createdByName,
    createdAt: link.createdAt,
    validUntil: link.validUntil,
    revokedAt: link.revokedAt,
    lastSeenAt: link.lastSeenAt,
    status: link.revokedAt ? ('revoked' as const) : link.validUntil <= now ? ('expired' as const) : ('active' as const),
  };
}

/** Makes a link; the answer carries the token (and its address) once: it is not stored and cannot be shown again. */
export async function createDisplayLink(actor: Actor | null, input: unknown) {
  authorize(actor, 'createDisplayLink');
  const q = CreateDisplayLinkInput.parse(input);
  const tree = await loadTree();
  const unitIds = [...new Set(q.unitIds)];
  if (unitIds.some((unitId) => !tree.get(unitId) || tree.get(unitId)!.retired)) {
    throw new AppError('VALIDATION', { messageKey: displayMessages.unitsUnknown, details: [{ path: 'unitIds' }] });
  }
  const secret = newSecret();
  const now = clock.now();
  const link: DisplayLink = {
    linkId: newId(),
    label: q.label,
    unitIds,
    secretHash: hashSecret(secret),
    createdBy: actor!.personId,
    createdByName: actor!.name,
    createdAt: now.toISOString(),
    validUntil: new Date(now.getTime() + q.days * DAY_MS).toISOString(),
    revokedAt: null,
    revokedBy: null,
    lastSeenAt: null,
  };
  await insertLink(link);
  await recordAudit({ action: 'createDisplayLink', actor, target: { type: 'displayLink', id: link.linkId, label: link.label }, details: { units: unitIds.length, days: q.days } });
  const token = tokenOf(link.linkId, secret);
  return { link: await linkView(link), token, path: `/display/${token}` };
}

export async function listDisplayLinks(actor: Actor | null) {
  authorize(actor, 'listDisplayLinks');
  const links = await allLinks();
  links.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { items: await Promise.all(links.map(linkView)) };
}

export async function revokeDisplayLink(actor: Actor | null, linkId: string) {
  authorize(actor, 'revokeDisplayLink');
  const link = await readLink(linkId, true);
  if (!link) throw new AppError('NOT_FOUND', { messageKey: displayMessages.linkNotFound });
  if (link.revokedAt) return linkView(link);
  const at = nowIso();
  if (await writeRevoked(linkId, at, actor!.personId)) {
    await recordAudit({ action: 'revokeDisplayLink', actor, target: { type: 'displayLink', id: linkId, label: link.label } });
  }
  return linkView((await readLink(linkId, true)) ?? link);
}

// ─── The display (public: the token is the key) ────────────────────────────────────────────────────────────────────

/** The link a token opens now, or a 404 a hall clerk can act on (wrong, revoked and expired read the same). */
async function openLink(token: string): Promise<DisplayLink> {
  const invalid = () => new AppError('NOT_FOUND', { messageKey: displayMessages.linkInvalid });
  const parts = parseToken(token);
  if (!parts) throw invalid();
  const link = await readLink(parts.linkId);
  if (!link || !secretMatches(parts.secret, link.secretHash) || link.revokedAt || link.validUntil <= clock.now().toISOString()) throw invalid();
  return link;
}

const categoryName = (code: string, lang: string) => {
  const category = PLEDGE_CATEGORIES.find((c) => c.code === code);
  return category ? (lang === 'en' ? category.en : category.zh) : code;
};

function pledgesOf(entry: BoardEntry, lang: string) {
  return entry.pledges.map((pledge) => ({
    pledgeCategory: pledge.pledgeCategory,
    categoryName: categoryName(pledge.pledgeCategory, lang),
    content: pledge.content,
    state: pledge.state,
    progressCount: pledge.progressCount,
  }));
}

/**
 * What the hall's screen shows now: the people on duty today (their card's duty days hold today's weekday in
 * Shanghai) with their approved pledges, the branches' own cards, and the latest quarter's decided honours of the
 * link's units. Reads the link, one query per unit for the cards, and the honours of a quarter: no scan.
 */
export async function getDisplay(token: string) {
  authorize(null, 'getDisplay');
  const link = await openLink(token);
  const now = clock.now();
  if (!link.lastSeenAt || now.getTime() - new Date(link.lastSeenAt).getTime() > SEEN_EVERY_MS) await writeSeen(link.linkId, now.toISOString());
  const lang = currentLang();
  const day = shanghaiDay(now);
  const [entries, honours] = await Promise.all([boardEntriesOf(link.unitIds, Number(day.slice(0, 4))), decidedHonoursFor(link.unitIds)]);
  const people = entries
    .filter((entry) => entry.ownerKind === 'person' && entry.pledges.length > 0 && onDuty(entry, day))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, MAX_PEOPLE);
  const branches = entries.filter((entry) => entry.ownerKind === 'branch' && entry.pledges.length > 0);
  return {
    title: link.label,
    generatedAt: now.toISOString(),
    day,
    weekday: isoWeekday(day),
    refreshSeconds: REFRESH_SECONDS,
    rotateSeconds: ROTATE_SECONDS,
    people: await Promise.all(
      people.map(async (entry) => ({
        name: entry.name,
        partyStatus: entry.partyStatus,
        post: entry.post,
        photoUrl: entry.photo ? await downloadUrl(entry.photo.key) : null,
        rating: entry.rating,
        pledges: pledgesOf(entry, lang),
      })),
    ),
    branches: branches.map((entry) => ({ name: entry.name, pledges: pledgesOf(entry, lang) })),
    honours: honours.map((card) => ({ type: card.type, typeName: card.typeName, quarter: card.quarter, nomineeKind: card.nomineeKind, name: card.name, unitName: card.unitName, reason: card.reason })),
  };
}
