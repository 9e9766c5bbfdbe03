/**
 * Pledges (承诺践诺评诺): writing, handing in, reviewing, keeping (践诺) and assessing a year's items. The branch's
 * listing, ratings and the review window are in judging-service.ts; the public board and the profile in
 * board-service.ts. Permissions: authz's table, then access.ts for the pledge at hand. Every write that changes
 * what is public rewrites the owner's board entry (one item).
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { recordAudit, diff } from '../audit/service.js';
import { notify } from '../notifications/service.js';
import { authorize, reachesUnit, type Actor } from '../authz/permissions.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { peopleByIds, personById } from '../people/directory.js';
import { shanghaiDay } from '../practice/days.js';
import { useUploadFile } from '../uploads/service.js';
import { accessTo, notFound, ownsPledge, windowMatters, yearEndRights, type PledgeAccess } from './access.js';
import { rewriteBoard } from './board-service.js';
import { dueWithinYear, isPublic, MAX_PLEDGES_A_YEAR, toSubmit, windowFor, windowOpen, yearTakesPledges } from './cycle.js';
import { pledgesMessages } from './messages.js';
import {
  AddProgressInput,
  AssessPledgeInput,
  CommentPledgeInput,
  CreatePledgeInput,
  ReviewPledgeInput,
  SubmitPledgesInput,
  UpdatePledgeInput,
  type EvidenceFile,
  type EvidenceRef,
  type Pledge,
  type PledgeState,
} from './schema.js';
import { appendProgress, branchPledges, branchRatings, insertComment, insertPledge, ownerPledges, readPledge, readPledgePartition, readProfiles, replacePledge, windowsOfYear } from './store.js';
import { commentsView, pledgeView, progressView } from './view.js';

export const today = () => shanghaiDay(clock.now());

const stateWords = {
  draft: pledgesMessages.stateDraft,
  submitted: pledgesMessages.stateSubmitted,
  returned: pledgesMessages.stateReturned,
  approved: pledgesMessages.stateApproved,
  done: pledgesMessages.stateDone,
} as const;
export const stateWord = (state: PledgeState) => apiMessage(currentLang(), stateWords[state]);

// ─── Owners ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** Whose pledges a request names: the caller's own, or (with a branch) that branch's as an organisation. */
function ownerFor(actor: Actor, branchId: string | undefined, tree: OrgTree): { ownerKind: 'person' | 'branch'; ownerId: string; branchId: string; unitId: string } {
  if (branchId === undefined) {
    if (!actor.branchId) throw new AppError('FORBIDDEN', { messageKey: pledgesMessages.notMember });
    return { ownerKind: 'person', ownerId: actor.personId, branchId: actor.branchId, unitId: actor.unitId };
  }
  const branch = tree.get(branchId);
  if (!branch || branch.kind !== 'branch') throw new AppError('VALIDATION', { messageKey: pledgesMessages.notABranch, details: [{ path: 'branchId' }] });
  if (!ownsPledge(actor, { ownerKind: 'branch', ownerId: branchId, branchId }, tree)) throw new AppError('FORBIDDEN', { messageKey: pledgesMessages.notYours });
  return { ownerKind: 'branch', ownerId: branchId, branchId, unitId: branchId };
}

/** The name an owner reads by: the person's, or the branch's. */
export async function ownerName(pledge: Pick<Pledge, 'ownerKind' | 'ownerId'>, tree: OrgTree): Promise<string> {
  if (pledge.ownerKind === 'branch') return tree.get(pledge.ownerId)?.name ?? '—';
  return (await personById(pledge.ownerId))?.name ?? '—';
}

/** The review window covering a branch for a year, and whether it is open today. */
export async function windowOfBranch(branchId: string, year: number, tree: OrgTree) {
  const window = windowFor(branchId, await windowsOfYear(year), tree);
  return { window, open: windowOpen(window, today()) };
}

async function pledgeFor(actor: Actor, pledgeId: string, tree: OrgTree) {
  const pledge = await readPledge(pledgeId);
  if (!pledge) throw notFound();
  const access = accessTo(actor, pledge, tree);
  if (!access.read) throw notFound();
  return { pledge, access };
}

/** What the reader may add at year end; the window is read only when it decides something. */
async function yearEndMay(actor: Actor, pledge: Pledge, access: PledgeAccess, tree: OrgTree) {
  const open = windowMatters(actor, pledge, access) ? (await windowOfBranch(pledge.branchId, pledge.year, tree)).open : false;
  return yearEndRights(actor, pledge, access, open);
}

async function viewOf(actor: Actor, pledge: Pledge, tree: OrgTree) {
  const access = accessTo(actor, pledge, tree);
  const may = await yearEndMay(actor, pledge, access, tree);
  return pledgeView(pledge, access, { ownerName: await ownerName(pledge, tree), branchName: tree.get(pledge.branchId)?.name ?? '—', ...may });
}

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** One pledge: the item, its ledger with evidence, and the comments its reader may see. */
export async function getPledge(actor: Actor | null, pledgeId: string) {
  authorize(actor, 'getPledge');
  const tree = await loadTree();
  const { pledge, progress, comments } = await readPledgePartition(pledgeId);
  const access = pledge ? accessTo(actor!, pledge, tree) : undefined;
  if (!pledge || !access?.read) throw notFound();
  const may = await yearEndMay(actor!, pledge, access, tree);
  const names = new Map((await peopleByIds([...new Set(progress.map((e) => e.createdBy))])).map((p) => [p.personId, p.name]));
  return {
    ...pledgeView(pledge, access, { ownerName: await ownerName(pledge, tree), branchName: tree.get(pledge.branchId)?.name ?? '—', ...may }),
    progress: await progressView(progress, names),
    comments: commentsView(comments, { personId: actor!.personId, owner: access.owner, reviewer: access.reviewer }),
  };
}

// ─── Writing and handing in ────────────────────────────────────────────────────────────────────────────────────────

export async function createPledge(actor: Actor | null, input: unknown) {
  const grant = authorize(actor, 'createPledge');
  const data = CreatePledgeInput.parse(input);
  const tree = await loadTree();
  const owner = ownerFor(actor!, data.branchId, tree);
  if (owner.ownerKind === 'branch' && !reachesUnit(grant, actor!, owner.branchId, tree)) throw new AppError('FORBIDDEN', { messageKey: pledgesMessages.notYours });
  checkYear(data.year, data.dueDate);
  const existing = await ownerPledges(owner.ownerId, data.year);
  if (existing.length >= MAX_PLEDGES_A_YEAR) throw new AppError('VALIDATION', { messageKey: pledgesMessages.tooMany, params: { max: MAX_PLEDGES_A_YEAR } });
  const now = nowIso();
  const pledge: Pledge = {
    pledgeId: newId(),
    year: data.year,
    ...owner,
    pledgeCategory: data.pledgeCategory,
    content: data.content,
    measures: data.measures,
    dueDate: data.dueDate,
    state: 'draft',
    returnReason: null,
    reviewedBy: null,
    reviewedAt: null,
    submittedAt: null,
    doneAt: null,
    progressCount: 0,
    lastProgressAt: null,
    assessment: null,
    assessedAt: null,
    createdBy: actor!.personId,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await insertPledge(pledge);
  await recordAudit({ action: 'createPledge', actor: actor!, target: { type: 'pledge', id: pledge.pledgeId, label: pledge.content.slice(0, 60) }, details: { year: pledge.year, ownerKind: pledge.ownerKind } });
  return viewOf(actor!, pledge, tree);
}

function checkYear(year: number, dueDate: string) {
  if (!yearTakesPledges(year, today())) throw new AppError('VALIDATION', { messageKey: pledgesMessages.yearClosed, params: { year }, details: [{ path: 'year' }] });
  if (!dueWithinYear(dueDate, year)) throw new AppError('VALIDATION', { messageKey: pledgesMessages.dueOutsideYear, params: { due: dueDate, year }, details: [{ path: 'dueDate' }] });
}

export async function updatePledge(actor: Actor | null, pledgeId: string, input: unknown) {
  authorize(actor, 'updatePledge');
  const data = UpdatePledgeInput.parse(input);
  const tree = await loadTree();
  const { pledge, access } = await pledgeFor(actor!, pledgeId, tree);
  // Only its owner writes a pledge: for anyone else there is no such pledge to write.
  if (!access.owner) throw notFound();
  if (!access.edit) throw new AppError('CONFLICT', { messageKey: pledgesMessages.notEditable, params: { state: stateWord(pledge.state) }, details: { currentVersion: pledge.version } });
  checkYear(pledge.year, data.dueDate);
  const next: Pledge = { ...pledge, pledgeCategory: data.pledgeCategory, content: data.content, measures: data.measures, dueDate: data.dueDate, updatedAt: nowIso(), version: data.version + 1 };
  await replacePledge(next, data.version);
  const changes = diff(pledge, next, ['updatedAt', 'version']);
  if (Object.keys(changes).length) await recordAudit({ action: 'updatePledge', actor: actor!, target: { type: 'pledge', id: pledgeId, label: next.content.slice(0, 60) }, changes });
  return viewOf(actor!, next, tree);
}

/** Hands in every draft and returned item of the caller's (or a branch's) year: each waits for review. */
export async function submitPledges(actor: Actor | null, input: unknown) {
  authorize(actor, 'submitPledges');
  const data = SubmitPledgesInput.parse(input);
  const tree = await loadTree();
  const owner = ownerFor(actor!, data.branchId, tree);
  const pledges = toSubmit(await ownerPledges(owner.ownerId, data.year));
  if (pledges.length === 0) throw new AppError('CONFLICT', { messageKey: pledgesMessages.nothingToSubmit });
  const now = nowIso();
  const handedIn: Pledge[] = [];
  for (const pledge of pledges) {
    const next: Pledge = { ...pledge, state: 'submitted', submittedAt: now, updatedAt: now, version: pledge.version + 1 };
    await replacePledge(next, pledge.version);
    handedIn.push(next);
  }
  await recordAudit({ action: 'submitPledges', actor: actor!, target: { type: 'pledge', id: handedIn[0]!.pledgeId, label: await ownerName(owner, tree) }, details: { year: data.year, count: handedIn.length } });
  return { items: await Promise.all(handedIn.map((p) => viewOf(actor!, p, tree))) };
}

// ─── Review ────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function reviewPledge(actor: Actor | null, pledgeId: string, input: unknown) {
  authorize(actor, 'reviewPledge');
  const data = ReviewPledgeInput.parse(input);
  const tree = await loadTree();
  const { pledge, access } = await pledgeFor(actor!, pledgeId, tree);
  if (!access.reviewer) throw notFound();
  if (pledge.state !== 'submitted') {
    throw new AppError('CONFLICT', { messageKey: pledgesMessages.notSubmitted, params: { state: stateWord(pledge.state) }, details: { currentVersion: pledge.version } });
  }
  if (!access.review) throw new AppError('FORBIDDEN', { messageKey: pledgesMessages.reviewOwn });
  const now = nowIso();
  const next: Pledge = {
    ...pledge,
    state: data.outcome === 'approve' ? 'approved' : 'returned',
    returnReason: data.outcome === 'return' ? data.reason : null,
    reviewedBy: actor!.personId,
    reviewedAt: now,
    updatedAt: now,
    version: data.version + 1,
  };
  await replacePledge(next, data.version);
  if (next.state === 'approved') await rewriteBoard(next, tree);
  await recordAudit({
    action: 'reviewPledge',
    actor: actor!,
    target: { type: 'pledge', id: pledgeId, label: pledge.content.slice(0, 60) },
    changes: { state: { before: pledge.state, after: next.state } },
    ...(data.outcome === 'return' ? { details: { reason: data.reason } } : {}),
  });
  if (next.state === 'returned' && next.ownerKind === 'person') {
    await notify([next.ownerId], { kind: 'pledgeReturned', params: { content: next.content.slice(0, 60), reason: next.returnReason ?? '' }, link: `/pledges/${pledgeId}` });
  }
  return viewOf(actor!, next, tree);
}

/** The items waiting for the reviewer: every submitted pledge of the branches their grant reaches, oldest first. */
export async function waitingFor(actor: Actor, branchIds: readonly string[], year: number, tree: OrgTree): Promise<Pledge[]> {
  const all = (await Promise.all(branchIds.map((id) => branchPledges(id, year)))).flat();
  return all.filter((p) => p.state === 'submitted' && accessTo(actor, p, tree).review).sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
}

// ─── Keeping (践诺) ────────────────────────────────────────────────────────────────────────────────────────────────

async function evidenceOf(actor: Actor, refs: readonly EvidenceRef[]): Promise<EvidenceFile[]> {
  const out: EvidenceFile[] = [];
  for (const ref of refs) out.push({ ...(await useUploadFile(actor, ref.uploadId, ref.kind === 'photo' ? 'cover' : 'pdf')), kind: ref.kind });
  return out;
}

export async function addPledgeProgress(actor: Actor | null, pledgeId: string, input: unknown) {
  authorize(actor, 'addPledgeProgress');
  const data = AddProgressInput.parse(input);
  const tree = await loadTree();
  const { pledge, access } = await pledgeFor(actor!, pledgeId, tree);
  if (!access.owner) throw notFound();
  if (!isPublic(pledge.state)) throw new AppError('CONFLICT', { messageKey: pledgesMessages.notPublic, details: { currentVersion: pledge.version } });
  if (data.markDone && pledge.state === 'done') throw new AppError('CONFLICT', { messageKey: pledgesMessages.alreadyDone, details: { currentVersion: pledge.version } });
  if (data.doneOn > today()) throw new AppError('VALIDATION', { messageKey: pledgesMessages.doneOnFuture, params: { day: data.doneOn }, details: [{ path: 'doneOn' }] });
  const evidence = await evidenceOf(actor!, data.evidence);
  const next = await appendProgress(
    { entryId: newId(), pledgeId, text: data.text, doneOn: data.doneOn, evidence, createdBy: actor!.personId, createdAt: nowIso() },
    data.markDone,
  );
  await rewriteBoard(next, tree);
  if (data.markDone) await recordAudit({ action: 'markPledgeDone', actor: actor!, target: { type: 'pledge', id: pledgeId, label: pledge.content.slice(0, 60) } });
  return getPledge(actor, pledgeId);
}

// ─── Year end: comments and self-assessment ────────────────────────────────────────────────────────────────────────

export async function commentPledge(actor: Actor | null, pledgeId: string, input: unknown) {
  authorize(actor, 'commentPledge');
  const data = CommentPledgeInput.parse(input);
  const tree = await loadTree();
  const { pledge, access } = await pledgeFor(actor!, pledgeId, tree);
  const { mayComment } = await yearEndMay(actor!, pledge, access, tree);
  if (!mayComment) throw new AppError('FORBIDDEN', { messageKey: pledgesMessages.commentNotAllowed });
  await insertComment({
    commentId: newId(),
    pledgeId,
    kind: access.reviewer ? 'guidance' : 'peer',
    text: data.text,
    authorId: actor!.personId,
    authorName: actor!.name,
    createdAt: nowIso(),
  });
  return getPledge(actor, pledgeId);
}

export async function assessPledge(actor: Actor | null, pledgeId: string, input: unknown) {
  authorize(actor, 'assessPledge');
  const data = AssessPledgeInput.parse(input);
  const tree = await loadTree();
  const { pledge, access } = await pledgeFor(actor!, pledgeId, tree);
  if (!access.owner || pledge.ownerKind !== 'person') throw new AppError('FORBIDDEN', { messageKey: pledgesMessages.notYours });
  if (!isPublic(pledge.state)) throw new AppError('CONFLICT', { messageKey: pledgesMessages.assessNotPublic, details: { currentVersion: pledge.version } });
  const { window, open } = await windowOfBranch(pledge.branchId, pledge.year, tree);
  if (!open) {
    const span = window ? `${window.opensOn} – ${window.closesOn}` : apiMessage(currentLang(), pledgesMessages.windowNotSet);
    throw new AppError('CONFLICT', { messageKey: pledgesMessages.windowClosed, params: { year: pledge.year, window: span } });
  }
  const now = nowIso();
  const next: Pledge = { ...pledge, assessment: data.text, assessedAt: now, updatedAt: now, version: pledge.version + 1 };
  await replacePledge(next, pledge.version);
  return viewOf(actor!, next, tree);
}

// ─── For other areas (no actor: callers are trusted system code) ──────────────────────────────────────────────────

/** A branch's year of pledges (every state) and ratings: what the review sheet gathers. */
export async function pledgeYearOfBranch(branchId: string, year: number) {
  const [pledges, ratings] = await Promise.all([branchPledges(branchId, year), branchRatings(branchId, year)]);
  return { pledges, ratings };
}

/** The posts or windows people wrote on their cards (亮岗位): personId → post, for those who wrote one. */
export async function postsOf(personIds: readonly string[]): Promise<Map<string, string>> {
  const profiles = personIds.length ? await readProfiles(personIds) : [];
  return new Map(profiles.filter((p) => p.post.trim() !== '').map((p) => [p.personId, p.post]));
}

export { boardEntriesOf } from './board-service.js';
