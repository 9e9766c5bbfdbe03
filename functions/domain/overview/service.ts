/**
 * The overview across requirements (统计): per unit, the share of people meeting each requirement this year, from
 * items computed from the areas' records (compute.ts) and kept fresh by the stale marks (decision 042). A view reads
 * one item per unit it shows (and a unit's people rows when it drills down), whatever the number of people.
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { config } from '../../platform/config.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { eachLimited } from '../../platform/store.js';
import { toXlsx, XLSX_TYPE, type XlsxCell } from '../../platform/xlsx.js';
import { recordAudit } from '../audit/service.js';
import { authorize, reachesPerson, reachesUnit, type Actor, type Grant } from '../authz/permissions.js';
import { mayPerform } from '../authz/capabilities.js';
import { oldest } from '../stats/rollup.js';
import { allAssignments, allQuizAssignments } from '../assignments/service.js';
import { creditingCourseIds } from '../courses/service.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { orgMessages } from '../org/messages.js';
import { everyone, personById } from '../people/directory.js';
import { peopleMessages } from '../people/messages.js';
import { pledgeYearOfBranch, windowOfBranch } from '../pledges/service.js';
import { quizProgress } from '../quizzes/quiz-service.js';
import { yearSheetOf } from '../review/service.js';
import { attendanceOfBranchYear } from '../sessions/figures-service.js';
import { courseStandings } from '../study/service.js';
import { shanghaiYear } from '../study/progress.js';
import { shanghaiDay } from '../practice/days.js';
import { localTime } from '../stats/spreadsheet.js';
import { activeIn, fraction, overviewItems, type Assigned, type Sources } from './compute.js';
import type { Shares, UnitItem } from './entities.js';
import { overviewMessages as m } from './messages.js';
import { colourOf, COLOUR_RULES } from './rules.js';
import { OverviewQuery, requirements, UnitOverviewQuery, type PersonRow, type Requirement } from './schema.js';
import { readPeopleItems, readPersonRow, readUnitItems, writeOverviewItems } from './store.js';

const thisYear = () => shanghaiYear(nowIso());
/** How many branches' or subjects' reads run at once while computing. */
const CONCURRENCY = 8;

// ─── Computing ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Recomputes the year's overview from the areas' records and writes one figures item and one people item per unit
 * (whole items: running it twice writes the same). Reads: the tree and everyone, the assignments, each assigned quiz's
 * attempts, each course's progress (completion and credit in one query), and per branch its attendance, pledges and
 * review window.
 */
export async function recomputeOverview(now: Date = clock.now()): Promise<Record<string, number>> {
  const nowText = now.toISOString();
  const year = shanghaiYear(nowText);
  const [tree, people, courseAssignments, quizAssignments, courseIds] = await Promise.all([loadTree(), everyone(), allAssignments(), allQuizAssignments(), creditingCourseIds()]);
  const assignments: Assigned[] = [
    ...courseAssignments.map((a) => ({ kind: 'course' as const, assignmentId: a.assignmentId, subjectId: a.courseId, title: a.courseTitle, required: a.required, dueAt: a.dueAt, audience: a.audience })),
    ...quizAssignments.map((a) => ({ kind: 'quiz' as const, assignmentId: a.assignmentId, subjectId: a.quizId, title: a.quizTitle, required: a.required, dueAt: a.dueAt, audience: a.audience })),
  ].filter((a) => activeIn(a.dueAt, year));

  const progress = new Map<string, Map<string, string | null>>();
  const credit = new Map<string, number>();
  const courses = new Set([...courseIds, ...assignments.filter((a) => a.kind === 'course').map((a) => a.subjectId)]);
  await eachLimited([...courses], CONCURRENCY, async (courseId) => {
    const standings = await courseStandings(courseId, year);
    progress.set(courseId, new Map([...standings].map(([personId, s]) => [personId, s.completedAt])));
    for (const [personId, s] of standings) if (s.credit > 0 && (s.completedAt ?? '') <= nowText) credit.set(personId, (credit.get(personId) ?? 0) + s.credit);
  });
  await eachLimited([...new Set(assignments.filter((a) => a.kind === 'quiz').map((a) => a.subjectId))], CONCURRENCY, async (quizId) => {
    progress.set(quizId, await quizProgress(quizId));
  });

  const attendance: Sources['attendance'] = new Map();
  const pledges: Sources['pledges'] = new Map();
  const ratingDue = new Set<string>();
  const branches = tree.ordered().filter((unit) => unit.kind === 'branch');
  const today = shanghaiDay(now);
  await eachLimited(branches, CONCURRENCY, async ({ unitId: branchId }) => {
    const [totals, pledgeYear, window] = await Promise.all([attendanceOfBranchYear(branchId, year, nowText), pledgeYearOfBranch(branchId, year), windowOfBranch(branchId, year, tree)]);
    for (const [personId, t] of totals) attendance.set(personId, t);
    // As of `now`: pledges written by then (in the state they have now), ratings decided by then.
    for (const pledge of pledgeYear.pledges) {
      if (pledge.ownerKind !== 'person' || pledge.createdAt > nowText) continue;
      const seen = pledges.get(pledge.ownerId) ?? { states: [], rating: null };
      seen.states.push(pledge.state);
      pledges.set(pledge.ownerId, seen);
    }
    for (const rating of pledgeYear.ratings) {
      const seen = pledges.get(rating.personId) ?? { states: [], rating: null };
      seen.rating = rating.decision && rating.decision.at <= nowText ? rating.decision.rating : null;
      pledges.set(rating.personId, seen);
    }
    if (window.window && window.window.closesOn < today) ratingDue.add(branchId);
  });

  const previous = await readUnitItems(year, tree.ordered().map((u) => u.unitId));
  const sources: Sources = { year, now: nowText, tree, people, assignments, progress, credit, target: config().yearlyCreditTarget, attendance, pledges, ratingDue };
  const { units, people: peopleItems, counted } = overviewItems(sources, previous);
  await writeOverviewItems(units, peopleItems);
  return { units: units.length, people: counted, assignments: assignments.length, courses: courses.size, branches: branches.length };
}

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** The units a grant reaches, each with its depth below the top of the reader's reach, in tree order. */
function unitsInReach(grant: Grant, actor: Actor, tree: OrgTree): { unitId: string; depth: number }[] {
  const ordered = tree.ordered();
  if (grant.access === 'all') return ordered.map((u) => ({ unitId: u.unitId, depth: tree.path(u.unitId).length - 1 }));
  const reached = ordered.filter((u) => reachesUnit(grant, actor, u.unitId, tree));
  const ids = new Set(reached.map((u) => u.unitId));
  // Depth below the nearest unit of the reach whose parent is not reached (a top of the reader's reach).
  return reached.map((u) => ({ unitId: u.unitId, depth: tree.path(u.unitId).filter((id) => ids.has(id)).length - 1 }));
}

/** One unit's figures as the API gives them: each requirement's share, fraction and colour. */
function figuresOf(shares: Shares | undefined) {
  return requirements.map((requirement) => {
    const share = shares?.[requirement] ?? { met: 0, of: 0 };
    return { requirement, met: share.met, of: share.of, share: fraction(share), colour: colourOf(requirement, share) };
  });
}

function unitRow(unitId: string, depth: number, tree: OrgTree, item: UnitItem | undefined) {
  const unit = tree.get(unitId);
  return {
    unitId,
    name: unit?.name ?? '—',
    kind: unit?.kind ?? 'department',
    depth,
    hasChildren: tree.children(unitId).length > 0,
    people: item?.people ?? 0,
    figures: figuresOf(item?.subtree),
    computedAt: item?.computedAt ?? null,
  };
}

/** The trend of a unit for the year: one point per month recorded, each requirement's share then. */
function trendOf(item: UnitItem | undefined) {
  if (!item) return [];
  return Object.keys(item.trend)
    .sort()
    .map((month) => ({ month, figures: figuresOf(item.trend[month]) }));
}

const requirementLabels = () => {
  const lang = currentLang();
  const keys = { courses: m.requirementCourses, credit: m.requirementCredit, sessions: m.requirementSessions, pledges: m.requirementPledges } as const;
  return requirements.map((requirement) => ({ requirement, label: apiMessage(lang, keys[requirement]), ...COLOUR_RULES[requirement] }));
};

/**
 * The tops of what an overview reader reaches (the units their grants name, or every root for all), for a person's
 * home; none for a person without the operation.
 */
export function overviewTops(actor: Actor, tree: OrgTree): string[] {
  if (!mayPerform(actor, 'getOverview')) return [];
  return unitsInReach(authorize(actor, 'getOverview'), actor, tree)
    .filter((u) => u.depth === 0)
    .map((u) => u.unitId);
}

/** Every unit a grant reaches, in tree order with depth (one item per unit), and the trend of the tops of the reach. */
async function overviewFor(grant: Grant, actor: Actor, year: number) {
  const tree = await loadTree();
  const reach = unitsInReach(grant, actor, tree);
  const items = await readUnitItems(year, reach.map((u) => u.unitId));
  const units = reach.map(({ unitId, depth }) => unitRow(unitId, depth, tree, items.get(unitId)));
  const tops = reach.filter((u) => u.depth === 0);
  return {
    year,
    asOf: oldest(units.map((u) => u.computedAt)),
    requirements: requirementLabels(),
    units,
    trends: tops.map(({ unitId }) => ({ unitId, name: tree.get(unitId)?.name ?? '—', points: trendOf(items.get(unitId)) })),
  };
}

/** The overview of every unit the reader reaches, and the trend of the top of their reach for the year. */
export async function getOverview(actor: Actor | null, query: unknown) {
  const grant = authorize(actor, 'getOverview');
  const q = OverviewQuery.parse(query);
  return overviewFor(grant, actor!, q.year ?? thisYear());
}

const unitNotFound = () => new AppError('NOT_FOUND', { messageKey: orgMessages.unitNotFound });

/** A person's row as the API gives it: the requirements they meet, nothing that ranks them. */
function personView(row: PersonRow) {
  return {
    personId: row.personId,
    name: row.name,
    meets: row.meets,
    courses: row.courses,
    credit: row.credit,
    sessions: row.sessions,
    pledges: row.pledges,
    overdue: row.open.filter((t) => t.state === 'overdue').map((t) => ({ kind: t.kind, subjectId: t.subjectId, title: t.title, dueAt: t.dueAt })),
  };
}

/** One unit within a grant's reach: its figures, its sub-units', and its own people (by name; never by a score). */
async function unitFor(grant: Grant, actor: Actor, unitId: string, year: number) {
  const tree = await loadTree();
  if (!tree.get(unitId) || !reachesUnit(grant, actor, unitId, tree)) throw unitNotFound();
  const children = tree.children(unitId).map((u) => u.unitId);
  const [items, people] = await Promise.all([readUnitItems(year, [unitId, ...children]), readPeopleItems(year, [unitId])]);
  const unit = unitRow(unitId, 0, tree, items.get(unitId));
  return {
    year,
    asOf: unit.computedAt,
    requirements: requirementLabels(),
    unit,
    path: tree.path(unitId).filter((id) => reachesUnit(grant, actor, id, tree)).map((id) => ({ unitId: id, name: tree.get(id)?.name ?? '—' })),
    children: children.map((id) => unitRow(id, 1, tree, items.get(id))),
    people: (people.get(unitId)?.rows ?? []).map(personView),
    trend: trendOf(items.get(unitId)),
  };
}

export async function getUnitOverview(actor: Actor | null, unitId: string, query: unknown) {
  const grant = authorize(actor, 'getUnitOverview');
  const q = UnitOverviewQuery.parse(query);
  return unitFor(grant, actor!, unitId, q.year ?? thisYear());
}

/**
 * A person's record for those who reach them (staff: their own): where they stand against each requirement (the
 * overview's row) and the year's facts as their review sheet gathers them (courses, quizzes, sessions, pledges).
 */
export async function getPersonRecord(actor: Actor | null, personId: string, query: unknown) {
  const grant = authorize(actor, 'getPersonRecord');
  const q = UnitOverviewQuery.parse(query);
  const year = q.year ?? thisYear();
  const [tree, person] = await Promise.all([loadTree(), personById(personId)]);
  if (!person || !reachesPerson(grant, actor!, person, tree)) throw new AppError('NOT_FOUND', { messageKey: peopleMessages.personNotFound });
  const [mine, sheet] = await Promise.all([readPersonRow(year, person.unitId, personId), yearSheetOf(person, year, tree)]);
  const row = mine?.row;
  return {
    year,
    asOf: mine?.computedAt ?? null,
    readAt: nowIso(),
    person: { personId, name: person.name, unitId: person.unitId, unitName: tree.pathName(person.unitId), partyStatus: person.partyStatus },
    standing: row ? { ...personView(row), open: row.open } : null,
    sheet,
  };
}

// ─── The spreadsheet ───────────────────────────────────────────────────────────────────────────────────────────────

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/**
 * Exactly what the screen shows as an Excel workbook: with `unitId`, that unit and its sub-units, then its people;
 * without, every unit the reader reaches. Audited.
 */
export async function exportOverview(actor: Actor | null, query: unknown) {
  const grant = authorize(actor, 'exportOverview');
  const q = OverviewQuery.parse(query);
  const lang = currentLang();
  const year = q.year ?? thisYear();
  const labels = requirementLabels();
  const header: XlsxCell[] = [apiMessage(lang, m.colUnit), apiMessage(lang, m.colPeople), ...labels.flatMap((l) => [l.label, '']), apiMessage(lang, m.colAsOf)];
  const unitLine = (u: { name: string; depth: number; people: number; figures: ReturnType<typeof figuresOf>; computedAt: string | null }): XlsxCell[] => [
    `${'　'.repeat(u.depth)}${u.name}`,
    u.people,
    ...u.figures.flatMap((f) => [`${f.met}/${f.of}`, percent(f.share)]),
    u.computedAt ? localTime(u.computedAt) : '—',
  ];
  const sheets = [];
  let title: string;
  if (q.unitId) {
    const view = await unitFor(grant, actor!, q.unitId, year);
    title = view.unit.name;
    sheets.push({ name: apiMessage(lang, m.sheetUnits), rows: [header, unitLine(view.unit), ...view.children.map(unitLine)] });
    const yes = (value: boolean | null) => (value === null ? '—' : value ? '✓' : '✗');
    sheets.push({
      name: apiMessage(lang, m.sheetPeople),
      rows: [[apiMessage(lang, m.colName), ...labels.map((l) => l.label)], ...view.people.map((p) => [p.name, ...requirements.map((r: Requirement) => yes(p.meets[r]))])],
    });
  } else {
    const view = await overviewFor(grant, actor!, year);
    title = view.trends[0]?.name ?? '';
    sheets.push({ name: apiMessage(lang, m.sheetUnits), rows: [header, ...view.units.map(unitLine)] });
  }
  const day = localTime(nowIso()).slice(0, 10);
  await recordAudit({ action: 'exportOverview', actor: actor!, target: { type: 'overview', id: q.unitId ?? 'all', label: title }, details: { year } });
  return { fileName: `${apiMessage(lang, m.fileName, { unit: title, date: day })}.xlsx`, contentType: XLSX_TYPE, body: toXlsx(sheets) };
}

// ─── For the other areas (no actor: callers are trusted system code) ──────────────────────────────────────────────

/**
 * The people rows of units as last computed (the reminders' and the home's source): unitId → rows. Units never
 * computed are absent.
 */
export async function peopleRowsOf(unitIds: readonly string[], year: number = thisYear()): Promise<Map<string, PersonRow[]>> {
  const items = await readPeopleItems(year, unitIds);
  return new Map([...items].map(([unitId, item]) => [unitId, item.rows]));
}

/** Units' figures as last computed, for a home's summary: unitId → each requirement's share and colour. */
export async function unitFiguresOf(unitIds: readonly string[], year: number = thisYear()) {
  const items = await readUnitItems(year, unitIds);
  return new Map([...items].map(([unitId, item]) => [unitId, { people: item.people, figures: figuresOf(item.subtree), computedAt: item.computedAt }]));
}

/** One person's row as last computed, with when (the home's source); null when their unit was never computed. */
export async function rowOfPerson(personId: string, unitId: string, year: number = thisYear()): Promise<{ row: PersonRow | null; computedAt: string } | null> {
  return readPersonRow(year, unitId, personId);
}
