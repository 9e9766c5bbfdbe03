/**
 * Quarterly honours (红旗窗口, 群众满意窗口, 党员先锋岗, 最美服务之星): nominated by organizers, decided by leaders.
 * Permissions: authz's table (nominateHonour, decideHonour, listHonours), then reach: an organizer nominates windows
 * of units and people within their subtree; a leader decides nominations whose unit is within theirs.
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { apiMessage, type Lang } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { recordAudit } from '../audit/service.js';
import { authorize, reachesPerson, reachesUnit, type Actor, type Grant } from '../authz/permissions.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { personById } from '../people/directory.js';
import type { EvidenceFile } from '../pledges/schema.js';
import { downloadUrl, useUploadFile } from '../uploads/service.js';
import { honoursMessages } from './messages.js';
import { openQuarters } from './quarter.js';
import { DecideHonourInput, HONOUR_TYPES, ListHonoursQuery, NominateHonourInput, type Honour } from './schema.js';
import { honoursOfPerson, honoursOfQuarter, insertHonour, readHonour, writeDecision } from './store.js';

const typeOf = (code: string) => HONOUR_TYPES.find((t) => t.code === code)!;
const typeName = (code: string, lang: Lang) => (lang === 'en' ? typeOf(code).en : typeOf(code).zh);

/** The grant an operation gives the actor, or null when their role may not perform it. */
function grantOf(actor: Actor, operation: 'nominateHonour' | 'decideHonour'): Grant | null {
  try {
    return authorize(actor, operation);
  } catch (error) {
    if (error instanceof AppError && error.code !== 'UNAUTHENTICATED') return null;
    throw error;
  }
}

// ─── Nominating and deciding ───────────────────────────────────────────────────────────────────────────────────────

export async function nominateHonour(actor: Actor | null, input: unknown) {
  const grant = authorize(actor, 'nominateHonour');
  const q = NominateHonourInput.parse(input);
  const [current, previous] = openQuarters(clock.now());
  if (q.quarter !== current && q.quarter !== previous) {
    throw new AppError('VALIDATION', { messageKey: honoursMessages.quarterNotOpen, params: { current, previous }, details: [{ path: 'quarter' }] });
  }
  const type = typeOf(q.honourType);
  const lang = currentLang();
  const tree = await loadTree();
  const outOfReach = () => new AppError('NOT_FOUND', { messageKey: honoursMessages.nomineeOutOfReach });
  let nominee: Pick<Honour, 'nomineeKind' | 'unitId' | 'personId' | 'windowName' | 'nomineeName'>;
  if (type.nominee === 'window') {
    if (!q.unitId || !q.windowName || q.personId) {
      throw new AppError('VALIDATION', { messageKey: honoursMessages.windowNeeded, params: { type: typeName(type.code, lang) }, details: [{ path: q.unitId ? 'windowName' : 'unitId' }] });
    }
    const unit = tree.get(q.unitId);
    if (!unit || unit.retired || !reachesUnit(grant, actor!, unit.unitId, tree)) throw outOfReach();
    nominee = { nomineeKind: 'window', unitId: unit.unitId, personId: null, windowName: q.windowName, nomineeName: q.windowName };
  } else {
    if (!q.personId || q.unitId || q.windowName) {
      throw new AppError('VALIDATION', { messageKey: honoursMessages.personNeeded, params: { type: typeName(type.code, lang) }, details: [{ path: 'personId' }] });
    }
    const person = await personById(q.personId);
    if (!person || !person.active || !reachesPerson(grant, actor!, person, tree)) throw outOfReach();
    nominee = { nomineeKind: 'person', unitId: person.unitId, personId: person.personId, windowName: null, nomineeName: person.name };
  }
  const evidence: EvidenceFile[] = [];
  for (const ref of q.evidence) {
    const file = await useUploadFile(actor!, ref.uploadId, ref.kind === 'photo' ? 'cover' : 'pdf');
    evidence.push({ ...file, kind: ref.kind });
  }
  const honour: Honour = {
    honourId: newId(),
    quarter: q.quarter,
    honourType: q.honourType,
    ...nominee,
    reason: q.reason,
    evidence,
    state: 'nominated',
    nominatedBy: actor!.personId,
    nominatedByName: actor!.name,
    nominatedAt: nowIso(),
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    decisionNote: null,
  };
  await insertHonour(honour);
  await recordAudit({ action: 'nominateHonour', actor, target: { type: 'honour', id: honour.honourId, label: `${honour.quarter} ${typeName(honour.honourType, 'zh-CN')} ${honour.nomineeName}`.slice(0, 120) } });
  return viewOf(actor!, honour, tree, lang);
}

export async function decideHonour(actor: Actor | null, honourId: string, input: unknown) {
  const grant = authorize(actor, 'decideHonour');
  const q = DecideHonourInput.parse(input);
  const tree = await loadTree();
  const honour = await readHonour(honourId);
  if (!honour || !reachesUnit(grant, actor!, honour.unitId, tree)) throw new AppError('NOT_FOUND', { messageKey: honoursMessages.honourNotFound });
  const lang = currentLang();
  const decidedState = (state: Honour['state']) => apiMessage(lang, state === 'awarded' ? honoursMessages.stateAwarded : honoursMessages.stateDeclined);
  if (honour.state !== 'nominated') {
    throw new AppError('CONFLICT', { messageKey: honoursMessages.alreadyDecided, params: { state: decidedState(honour.state) }, details: { state: honour.state } });
  }
  const decision = {
    state: q.outcome === 'award' ? ('awarded' as const) : ('declined' as const),
    decidedBy: actor!.personId,
    decidedByName: actor!.name,
    decidedAt: nowIso(),
    decisionNote: q.note === '' ? null : q.note,
  };
  if (!(await writeDecision(honourId, decision))) {
    const now = await readHonour(honourId);
    const state = now?.state ?? 'awarded';
    throw new AppError('CONFLICT', { messageKey: honoursMessages.alreadyDecided, params: { state: decidedState(state) }, details: { state } });
  }
  await recordAudit({
    action: 'decideHonour',
    actor,
    target: { type: 'honour', id: honourId, label: `${honour.quarter} ${typeName(honour.honourType, 'zh-CN')} ${honour.nomineeName}`.slice(0, 120) },
    details: { outcome: decision.state },
  });
  return viewOf(actor!, { ...honour, ...decision }, tree, lang);
}

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** How an honour reads to one person: decided ones are public; the rest, and notes, are for those who reach it. */
async function viewOf(actor: Actor, honour: Honour, tree: OrgTree, lang: Lang, reaches = true) {
  const decideGrant = grantOf(actor, 'decideHonour');
  const evidence = reaches
    ? await Promise.all(honour.evidence.map(async (file) => ({ fileName: file.fileName, kind: file.kind, url: await downloadUrl(file.key, file.fileName) })))
    : [];
  return {
    honourId: honour.honourId,
    quarter: honour.quarter,
    honourType: honour.honourType,
    typeName: typeName(honour.honourType, lang),
    nomineeKind: honour.nomineeKind,
    name: honour.nomineeName,
    personId: honour.personId,
    unitId: honour.unitId,
    unitName: tree.get(honour.unitId)?.name ?? '—',
    reason: honour.reason,
    state: honour.state,
    evidence,
    nominatedByName: reaches ? honour.nominatedByName : null,
    nominatedAt: honour.nominatedAt,
    decidedAt: honour.decidedAt,
    decisionNote: reaches ? honour.decisionNote : null,
    may: { decide: honour.state === 'nominated' && decideGrant !== null && reachesUnit(decideGrant, actor, honour.unitId, tree) },
  };
}

/**
 * A quarter's honours (default: the current quarter and the one before): the awarded ones for everyone signed in;
 * nominations and declined ones only for those whose nominating or deciding grant reaches the nominee's unit.
 */
export async function listHonours(actor: Actor | null, query: unknown) {
  authorize(actor, 'listHonours');
  const q = ListHonoursQuery.parse(query);
  const lang = currentLang();
  const tree = await loadTree();
  if (q.unitId && !tree.get(q.unitId)) throw new AppError('NOT_FOUND', { messageKey: honoursMessages.honourNotFound });
  const quarters = q.quarter ? [q.quarter] : openQuarters(clock.now());
  const all = (await Promise.all(quarters.map(honoursOfQuarter))).flat();
  const nominate = grantOf(actor!, 'nominateHonour');
  const decide = grantOf(actor!, 'decideHonour');
  const reaches = (honour: Honour) => [nominate, decide].some((grant) => grant !== null && reachesUnit(grant, actor!, honour.unitId, tree));
  const shown = all
    .filter((honour) => honour.state === 'awarded' || reaches(honour))
    .filter((honour) => !q.unitId || tree.isWithin(honour.unitId, q.unitId))
    .filter((honour) => !q.state || honour.state === q.state)
    .sort((a, b) => b.quarter.localeCompare(a.quarter) || typeOrder(a) - typeOrder(b) || a.nominatedAt.localeCompare(b.nominatedAt));
  return {
    quarters,
    types: HONOUR_TYPES.map((type) => ({ code: type.code, name: lang === 'en' ? type.en : type.zh, nominee: type.nominee })),
    items: await Promise.all(shown.map((honour) => viewOf(actor!, honour, tree, lang, reaches(honour)))),
    may: { nominate: nominate !== null },
  };
}

const typeOrder = (honour: Honour) => HONOUR_TYPES.findIndex((t) => t.code === honour.honourType);

// ─── For other areas (no actor: callers are trusted system code) ──────────────────────────────────────────────────

/** An honour a person received (decided), for their record and the review sheet. */
export interface PersonHonour {
  honourId: string;
  /** The honour type's stable code. */
  type: string;
  /** The type's name in the reader's language. */
  typeName: string;
  /** `2027-Q1`. */
  quarter: string;
  reason: string;
  decidedAt: string;
}

/** The honours each of these people received in a year (decided ones, by quarter): personId → honours. */
export async function honoursOfPeople(personIds: readonly string[], year: number): Promise<Map<string, PersonHonour[]>> {
  const lang = currentLang();
  const out = new Map<string, PersonHonour[]>();
  const ids = [...new Set(personIds)];
  const read = await Promise.all(ids.map((personId) => honoursOfPerson(personId, `${year}-`)));
  ids.forEach((personId, index) => {
    const awarded = read[index]!.filter((honour) => honour.state === 'awarded').sort((a, b) => a.quarter.localeCompare(b.quarter));
    out.set(
      personId,
      awarded.map((honour) => ({ honourId: honour.honourId, type: honour.honourType, typeName: typeName(honour.honourType, lang), quarter: honour.quarter, reason: honour.reason, decidedAt: honour.decidedAt! })),
    );
  });
  return out;
}

/** A decided honour as the board and the hall's display show it: public content only. */
export interface HonourCard {
  honourId: string;
  type: string;
  typeName: string;
  quarter: string;
  nomineeKind: 'window' | 'person';
  /** The person's name, or the window's. */
  name: string;
  unitName: string;
  reason: string;
}

/**
 * The decided honours of a quarter for people and windows within the units' subtrees, in the reader's language. By
 * default "the quarter's honours" as the board and the hall show them: this quarter's once any is decided, else last
 * quarter's (a quarter's honours are decided early in the next) — the two read at once, two queries whatever the
 * history; older honours stay in the people's records and on /honours.
 */
export async function decidedHonoursFor(unitIds: readonly string[], quarter?: string): Promise<HonourCard[]> {
  const lang = currentLang();
  const tree = await loadTree();
  const within = (honour: Honour) => honour.state === 'awarded' && unitIds.some((unitId) => tree.isWithin(honour.unitId, unitId));
  const card = (honour: Honour): HonourCard => ({
    honourId: honour.honourId,
    type: honour.honourType,
    typeName: typeName(honour.honourType, lang),
    quarter: honour.quarter,
    nomineeKind: honour.nomineeKind,
    name: honour.nomineeName,
    unitName: tree.get(honour.unitId)?.name ?? '—',
    reason: honour.reason,
  });
  const order = (a: Honour, b: Honour) => typeOrder(a) - typeOrder(b) || a.nomineeName.localeCompare(b.nomineeName, 'zh-CN');
  if (quarter) return (await honoursOfQuarter(quarter)).filter(within).sort(order).map(card);
  const [current, last] = await Promise.all(openQuarters(clock.now()).map(async (q) => (await honoursOfQuarter(q)).filter(within)));
  return (current!.length > 0 ? current! : last!).sort(order).map(card);
}

