/**
 * The year's review sheet (民主评议): for a branch and a year, one sheet per member with the facts the branch meeting
 * weighs, read from the areas that keep them (pledges, study, quizzes, sessions, honours) through their internal
 * functions. The reads grow with the members only: per member one study query and one quiz query, per branch one
 * query each for pledges, attendance and honours; run with bounded concurrency. Nothing here grades anyone.
 */
import { AppError } from '../../platform/errors.js';
import { nowIso } from '../../platform/clock.js';
import { currentLang } from '../../platform/request-scope.js';
import { eachLimited } from '../../platform/store.js';
import { recordAudit } from '../audit/service.js';
import { authorize, reachesUnit, type Actor, type Grant } from '../authz/permissions.js';
import { honoursOfPeople } from '../honours/service.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { membersOfBranch, peopleByIds } from '../people/directory.js';
import type { PublicPerson } from '../people/schema.js';
import { pledgeYearOfBranch, postsOf } from '../pledges/service.js';
import type { Pledge, PledgeRatingRecord } from '../pledges/schema.js';
import { quizzesTakenBy } from '../quizzes/quiz-service.js';
import { attendanceOfBranchYear } from '../sessions/figures-service.js';
import { yearSpan } from '../sessions/cadence.js';
import { studyYearOf } from '../study/service.js';
import { shanghaiYear } from '../study/progress.js';
import { reviewMessages } from './messages.js';
import { ReviewExportQuery, ReviewSheetQuery, type ReviewSheets } from './schema.js';
import { inReadingOrder, memberSheet, peopleToSheet } from './sheet.js';
import { reviewWorkbook } from './workbook.js';

/** How many people's reads run at once (each a query or two). */
const CONCURRENCY = 8;

const notFound = () => new AppError('NOT_FOUND', { messageKey: reviewMessages.branchNotFound });

/** The branches a grant reaches, in tree order. */
function branchesInReach(actor: Actor, grant: Grant, tree: OrgTree) {
  return tree
    .ordered()
    .filter((unit) => unit.kind === 'branch' && reachesUnit(grant, actor, unit.unitId, tree))
    .map((unit) => ({ branchId: unit.unitId, name: unit.name }));
}


/** The sheets of some people of one branch (or of none), from their pledges and ratings already read. */
async function sheetsFor(people: readonly PublicPerson[], branch: { branchId: string | null; pledges: Pledge[]; ratings: PledgeRatingRecord[] }, year: number, tree: OrgTree) {
  const lang = currentLang();
  const personIds = people.map((p) => p.personId);

  const { fromIso, toIso } = yearSpan(year);
  const study = new Map<string, Awaited<ReturnType<typeof studyYearOf>>>();
  const [attendance, quizzes, honours, posts] = await Promise.all([
    branch.branchId ? attendanceOfBranchYear(branch.branchId, year) : Promise.resolve(new Map<string, never>()),
    quizzesTakenBy(personIds, fromIso, toIso, CONCURRENCY),
    honoursOfPeople(personIds, year),
    postsOf(personIds),
    eachLimited(personIds, CONCURRENCY, async (personId) => {
      study.set(personId, await studyYearOf(personId, year));
    }),
  ]);

  const pledgesBy = new Map<string, typeof branch.pledges>();
  for (const pledge of branch.pledges) pledgesBy.set(pledge.ownerId, [...(pledgesBy.get(pledge.ownerId) ?? []), pledge]);
  const ratings = new Map(branch.ratings.map((r) => [r.personId, r]));
  return people.map((person) =>
    memberSheet(
      {
        person: { personId: person.personId, name: person.name, unitName: tree.get(person.unitId)?.name ?? '—', partyStatus: person.partyStatus },
        post: posts.get(person.personId) ?? null,
        pledges: pledgesBy.get(person.personId) ?? [],
        rating: ratings.get(person.personId),
        study: study.get(person.personId),
        quizzes: quizzes.get(person.personId) ?? [],
        attendance: attendance.get(person.personId),
        honours: honours.get(person.personId) ?? [],
      },
      lang,
    ),
  );
}

/** Reads every fact of a branch's year and assembles the sheets. */
async function sheetsOf(branchId: string, branchName: string, year: number, tree: OrgTree): Promise<Omit<ReviewSheets, 'branches'>> {
  const asOf = nowIso();
  const [members, pledgeYear] = await Promise.all([membersOfBranch(branchId), pledgeYearOfBranch(branchId, year)]);
  const ownPledges = pledgeYear.pledges.filter((p) => p.ownerKind === 'person');
  const ids = peopleToSheet(
    members,
    ownPledges.map((p) => p.ownerId),
    pledgeYear.ratings.map((r) => r.personId),
  );
  const known = new Map(members.map((p) => [p.personId, p]));
  const missing = ids.filter((id) => !known.has(id));
  for (const person of missing.length ? await peopleByIds(missing) : []) known.set(person.personId, person);
  const people = ids.map((id) => known.get(id)).filter((p): p is PublicPerson => p !== undefined);
  const sheets = await sheetsFor(people, { branchId, pledges: ownPledges, ratings: pledgeYear.ratings }, year, tree);
  return { branchId, branchName, year, asOf, sheets: inReadingOrder(sheets) };
}

/** The review sheets of a branch and year (organizers and leaders within reach, admins). */
export async function getReviewSheet(actor: Actor | null, query: unknown): Promise<ReviewSheets> {
  const grant = authorize(actor, 'getReviewSheet');
  const q = ReviewSheetQuery.parse(query);
  const tree = await loadTree();
  const branches = branchesInReach(actor!, grant, tree);
  const chosen = q.branchId
    ? branches.find((b) => b.branchId === q.branchId)
    : (branches.find((b) => b.branchId === actor!.branchId) ?? branches[0]);
  if (!chosen) throw q.branchId ? notFound() : new AppError('NOT_FOUND', { messageKey: reviewMessages.noBranch });
  const year = q.year ?? shanghaiYear(nowIso());
  return { ...(await sheetsOf(chosen.branchId, chosen.name, year, tree)), branches };
}

/** The same sheets as a workbook: a summary, then one worksheet per member. Audited: who exported which branch and year. */
export async function exportReviewSheet(actor: Actor | null, query: unknown) {
  const grant = authorize(actor, 'exportReviewSheet');
  const q = ReviewExportQuery.parse(query);
  const tree = await loadTree();
  const branch = tree.get(q.branchId);
  if (!branch || branch.kind !== 'branch' || !reachesUnit(grant, actor!, q.branchId, tree)) throw notFound();
  const view = await sheetsOf(q.branchId, branch.name, q.year, tree);
  const file = reviewWorkbook({ ...view, branches: [] }, currentLang());
  await recordAudit({ action: 'exportReviewSheet', actor, target: { type: 'unit', id: q.branchId, label: branch.name }, details: { year: q.year, members: view.sheets.length } });
  return file;
}

/**
 * For a person's record (no actor: the caller decided the reach): the same facts as the person's review sheet for a
 * year — pledges and rating, study, quizzes, sessions, honours.
 */
export async function yearSheetOf(person: PublicPerson, year: number, tree: OrgTree) {
  const pledgeYear = person.branchId ? await pledgeYearOfBranch(person.branchId, year) : { pledges: [], ratings: [] };
  const own = { branchId: person.branchId, pledges: pledgeYear.pledges.filter((p) => p.ownerKind === 'person' && p.ownerId === person.personId), ratings: pledgeYear.ratings.filter((r) => r.personId === person.personId) };
  const [sheet] = await sheetsFor([person], own, year, tree);
  return sheet!;
}
