/**
 * How pledges read to one person: an item with what they may do to it, its ledger with evidence links, its comments
 * (peers' without their names when the owner reads them: the review is candid), a rating, a profile, a window.
 */
import { downloadUrl } from '../uploads/service.js';
import type { PledgeAccess } from './access.js';
import { windowOpen } from './cycle.js';
import type { EvidenceFile, Pledge, PledgeComment, PledgeProfile, PledgeRatingRecord, ProgressEntry, RatingStep, ReviewWindow } from './schema.js';

export function pledgeView(pledge: Pledge, access: PledgeAccess, extra: { ownerName: string; branchName: string; mayComment: boolean; mayAssess: boolean }) {
  return {
    pledgeId: pledge.pledgeId,
    year: pledge.year,
    ownerKind: pledge.ownerKind,
    ownerId: pledge.ownerId,
    ownerName: extra.ownerName,
    branchId: pledge.branchId,
    branchName: extra.branchName,
    pledgeCategory: pledge.pledgeCategory,
    content: pledge.content,
    measures: pledge.measures,
    dueDate: pledge.dueDate,
    state: pledge.state,
    returnReason: access.readPrivate ? pledge.returnReason : null,
    submittedAt: pledge.submittedAt,
    reviewedAt: pledge.reviewedAt,
    doneAt: pledge.doneAt,
    progressCount: pledge.progressCount,
    lastProgressAt: pledge.lastProgressAt,
    assessment: access.readPrivate || extra.mayComment ? pledge.assessment : null,
    assessedAt: pledge.assessedAt,
    version: pledge.version,
    updatedAt: pledge.updatedAt,
    may: { edit: access.edit, review: access.review, addProgress: access.addProgress, comment: extra.mayComment, assess: extra.mayAssess },
  };
}

export async function evidenceView(files: readonly EvidenceFile[]) {
  return Promise.all(files.map(async (file) => ({ fileName: file.fileName, kind: file.kind, url: await downloadUrl(file.key, file.fileName) })));
}

export async function progressView(entries: readonly ProgressEntry[], names: ReadonlyMap<string, string>) {
  return Promise.all(
    entries.map(async (entry) => ({
      entryId: entry.entryId,
      text: entry.text,
      doneOn: entry.doneOn,
      evidence: await evidenceView(entry.evidence),
      authorName: names.get(entry.createdBy) ?? '—',
      createdAt: entry.createdAt,
    })),
  );
}

/** The comments a reader sees: everything for reviewers; for the owner, peers' without names; for a peer, their own. */
export function commentsView(comments: readonly PledgeComment[], reader: { personId: string; owner: boolean; reviewer: boolean }) {
  return comments
    .filter((c) => reader.owner || reader.reviewer || c.authorId === reader.personId)
    .map((c) => ({
      commentId: c.commentId,
      kind: c.kind,
      text: c.text,
      authorName: c.kind === 'peer' && reader.owner && !reader.reviewer ? null : c.authorName,
      createdAt: c.createdAt,
    }));
}

const stepView = (step: RatingStep | null) => (step ? { rating: step.rating, reason: step.reason, byName: step.byName, at: step.at } : null);

/** A rating to its reader: reviewers see the proposal and the decision; the member sees the decision once recorded. */
export function ratingView(rating: PledgeRatingRecord | undefined, reviewer: boolean) {
  if (!rating) return null;
  if (!reviewer && !rating.decision) return null;
  return { proposal: reviewer ? stepView(rating.proposal) : null, decision: stepView(rating.decision) };
}

export async function profileView(profile: PledgeProfile | undefined) {
  if (!profile) return { post: '', photo: null, dutyDays: [1, 2, 3, 4, 5], version: 0 };
  return {
    post: profile.post,
    photo: profile.photo ? { fileName: profile.photo.fileName, url: await downloadUrl(profile.photo.key, profile.photo.fileName) } : null,
    dutyDays: profile.dutyDays,
    version: profile.version,
  };
}

export function windowView(window: ReviewWindow | undefined, today: string) {
  return window ? { unitId: window.unitId, opensOn: window.opensOn, closesOn: window.closesOn, open: windowOpen(window, today) } : null;
}
