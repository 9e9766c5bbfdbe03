/**
 * One member's review sheet, assembled from the facts other areas keep (pure: no reads). What it shows is what the
 * branch meeting weighs; it computes no grade and ranks nobody.
 */
import { apiMessage, type Lang } from '../../platform/i18n.js';
import { pledgesMessages } from '../pledges/messages.js';
import { PLEDGE_CATEGORIES, PLEDGE_RATINGS, type Pledge, type PledgeRatingRecord, type PledgeState, type RatingStep } from '../pledges/schema.js';
import type { PersonHonour } from '../honours/service.js';
import type { QuizTaken } from '../quizzes/quiz-service.js';
import { reviewMessages } from './messages.js';
import type { MemberSheet } from './schema.js';

export interface SheetFacts {
  person: { personId: string; name: string; unitName: string; partyStatus: 'full' | 'probationary' | 'none' };
  /** The post or window on the person's public card, if they wrote one. */
  post: string | null;
  /** The person's own pledges of the year, in any state. */
  pledges: readonly Pledge[];
  rating: PledgeRatingRecord | undefined;
  study: { credit: number; target: number; coursesCompleted: readonly { courseId: string; title: string; credit: number; completedAt: string }[] } | undefined;
  quizzes: readonly QuizTaken[];
  attendance: { expected: number; attended: number; leave: number; absent: number; madeUp: number } | undefined;
  honours: readonly PersonHonour[];
}

const stateKey: Record<PledgeState, keyof typeof pledgesMessages> = {
  draft: 'stateDraft',
  submitted: 'stateSubmitted',
  returned: 'stateReturned',
  approved: 'stateApproved',
  done: 'stateDone',
};
const partyKey = { full: 'partyFull', probationary: 'partyProbationary', none: 'partyNone' } as const;
const categoryOrder = new Map<string, number>(PLEDGE_CATEGORIES.map((c, i) => [c.code, i]));

/** A category's or a rating's name in the reader's language. */
const named = (list: readonly { code: string; zh: string; en: string }[], code: string, lang: Lang) => {
  const item = list.find((x) => x.code === code);
  return item ? (lang === 'en' ? item.en : item.zh) : code;
};

/** 学时 to two decimals (credits are quarters and halves; a sum of floats must not print 12.750000001). */
const credit = (n: number) => Math.round(n * 100) / 100;

function step(rating: RatingStep | null | undefined, lang: Lang) {
  return rating ? { rating: rating.rating, ratingName: named(PLEDGE_RATINGS, rating.rating, lang), reason: rating.reason, byName: rating.byName, at: rating.at } : null;
}

export function memberSheet(facts: SheetFacts, lang: Lang): MemberSheet {
  const { person } = facts;
  const pledges = [...facts.pledges].sort(
    (a, b) => (categoryOrder.get(a.pledgeCategory) ?? 9) - (categoryOrder.get(b.pledgeCategory) ?? 9) || a.createdAt.localeCompare(b.createdAt) || a.pledgeId.localeCompare(b.pledgeId),
  );
  const study = facts.study ?? { credit: 0, target: 0, coursesCompleted: [] };
  const courses = [...study.coursesCompleted].sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  const attendance = facts.attendance ?? { expected: 0, attended: 0, leave: 0, absent: 0, madeUp: 0 };
  return {
    personId: person.personId,
    name: person.name,
    unitName: person.unitName,
    partyStatus: person.partyStatus,
    partyStatusName: apiMessage(lang, reviewMessages[partyKey[person.partyStatus]]),
    post: facts.post?.trim() ? facts.post.trim() : null,
    pledges: pledges.map((p) => ({
      pledgeId: p.pledgeId,
      pledgeCategory: p.pledgeCategory,
      categoryName: named(PLEDGE_CATEGORIES, p.pledgeCategory, lang),
      content: p.content,
      state: p.state,
      stateName: apiMessage(lang, pledgesMessages[stateKey[p.state]]),
      dueDate: p.dueDate,
      progressCount: p.progressCount,
      assessment: p.assessment,
    })),
    rating: { proposal: step(facts.rating?.proposal, lang), decision: step(facts.rating?.decision, lang) },
    study: {
      credit: credit(study.credit),
      target: study.target,
      met: study.target > 0 && credit(study.credit) >= study.target,
      courses: courses.map((c) => ({ courseId: c.courseId, title: c.title, credit: credit(c.credit), completedAt: c.completedAt })),
    },
    quizzes: {
      taken: facts.quizzes.length,
      passed: facts.quizzes.filter((q) => q.passed).length,
      items: facts.quizzes.map((q) => ({ quizId: q.quizId, title: q.title, passed: q.passed, lastFinishedAt: q.lastFinishedAt })),
    },
    sessions: { expected: attendance.expected, attended: attendance.attended, leave: attendance.leave, absent: attendance.absent, madeUp: attendance.madeUp },
    honours: [...facts.honours]
      .sort((a, b) => a.quarter.localeCompare(b.quarter) || a.typeName.localeCompare(b.typeName, 'zh-CN'))
      .map((h) => ({ honourId: h.honourId, type: h.type, typeName: h.typeName, quarter: h.quarter, reason: h.reason })),
  };
}

/** Sheets in the order a branch meeting reads them: by name (Chinese collation), then id for namesakes. */
export function inReadingOrder<T extends { name: string; personId: string }>(sheets: readonly T[]): T[] {
  return [...sheets].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.personId.localeCompare(b.personId));
}

/**
 * Who gets a sheet: the branch's active Party members now, and anyone with a pledge or a rating of the branch that
 * year (someone who moved or left still had their year here). Ids, each once.
 */
export function peopleToSheet(members: readonly { personId: string; active: boolean; partyStatus: string }[], pledgeOwners: readonly string[], rated: readonly string[]): string[] {
  const ids = members.filter((m) => m.active && m.partyStatus !== 'none').map((m) => m.personId);
  return [...new Set([...ids, ...pledgeOwners, ...rated])];
}
