/**
 * Completion figures for organizers and leaders (DESIGN rule 4): rollup items computed by an idempotent job from the
 * source items (assignments, people, progress), one per (subject, unit), each with the time it was computed. A view
 * reads exactly one item per unit it shows, plus the course, whatever the size of the organisation.
 */
import { AppError } from '../../platform/errors.js';
import { clock } from '../../platform/clock.js';
import { toCsv, type CsvCell } from '../../platform/csv.js';
import { toXlsx, XLSX_TYPE } from '../../platform/xlsx.js';
import { apiMessage, type ApiMessageKey } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { authorize, reachesUnit, type Actor, type Grant } from '../authz/permissions.js';
import { loadTree } from '../org/service.js';
import { everyone as listAllPeople } from '../people/directory.js';
import type { PublicPerson } from '../people/schema.js';
import type { OrgTree } from '../org/tree.js';
import { allAssignments, assignmentById, assignmentsOfCourse, courseById, inAudience, mayReadFigures, progressOfCourse } from '../courses/service.js';
import type { Assignment } from '../courses/schema.js';
import { rollupEntity } from './entities.js';
import { UnitFigures, UnitPeople, type CompletionState, type Counts, type PersonState, type Subject } from './schema.js';

const subjectKey = (subject: Subject) => `${subject.kind}#${subject.id}`;
const zero = (): Counts => ({ total: 0, done: 0, inProgress: 0, notStarted: 0, overdue: 0 });

/** A person's state for a set of assignments of one course: done, else overdue once the earliest due date passed. */
export function stateOf(completedAt: string | null | undefined, started: boolean, dueAt: string, nowIso: string): CompletionState {
  if (completedAt) return 'done';
  if (dueAt < nowIso) return 'overdue';
  return started ? 'inProgress' : 'notStarted';
}

/**
 * Recomputes one subject's rollup from the sources and writes one item per unit (all units, so a unit whose people
 * left reads zero rather than stale figures). Running it twice gives the same items.
 */
export async function computeCompletion(subject: Subject, sources?: { tree?: OrgTree; people?: PublicPerson[] }): Promise<{ units: number; people: number }> {
  let courseId: string;
  let assignments: Assignment[];
  if (subject.kind === 'assignment') {
    const assignment = await assignmentById(subject.id);
    if (!assignment) return { units: 0, people: 0 };
    courseId = assignment.courseId;
    assignments = [assignment];
  } else {
    courseId = subject.id;
    assignments = await assignmentsOfCourse(courseId);
  }
  const [tree, people, progress] = await Promise.all([
    sources?.tree ?? loadTree(),
    sources?.people ?? listAllPeople(),
    progressOfCourse(courseId),
  ]);
  const now = clock.now().toISOString();
  const computedAt = now;
  const byUnit = new Map<string, PersonState[]>();
  for (const person of people) {
    if (!person.active) continue;
    const mine = assignments.filter((assignment) => inAudience(assignment.audience, person, tree));
    if (mine.length === 0) continue;
    const dueAt = mine.map((a) => a.dueAt).sort()[0]!;
    const completedAt = progress.get(person.personId);
    const state = stateOf(completedAt, progress.has(person.personId), dueAt, now);
    const list = byUnit.get(person.unitId) ?? [];
    list.push({ personId: person.personId, name: person.name, login: person.login, state, completedAt: completedAt ?? null });
    byUnit.set(person.unitId, list);
  }
  const items: (UnitFigures | UnitPeople)[] = [];
  const subtreeCounts = new Map<string, Counts>();
  const count = (list: PersonState[]): Counts => {
    const counts = zero();
    for (const entry of list) {
      counts.total++;
      counts[entry.state]++;
    }
    return counts;
  };
  // Post-order over the tree: a unit's subtree figures are its own plus its children's.
  const visit = (unitId: string): Counts => {
    const direct = count(byUnit.get(unitId) ?? []);
    const subtree = { ...direct };
    for (const child of tree.children(unitId)) {
      const childCounts = visit(child.unitId);
      for (const key of Object.keys(subtree) as (keyof Counts)[]) subtree[key] += childCounts[key];
    }
    subtreeCounts.set(unitId, subtree);
    const list = (byUnit.get(unitId) ?? []).sort((a, b) => a.login.localeCompare(b.login));
    items.push(UnitFigures.parse({ subject: subjectKey(subject), unitId, part: 'UNIT', direct, subtree, computedAt }));
    items.push(UnitPeople.parse({ subject: subjectKey(subject), unitId, part: 'PEOPLE', people: list, computedAt }));
    return subtree;
  };
  for (const root of tree.roots()) visit(root.unitId);
  const entity = rollupEntity();
  for (let i = 0; i < items.length; i += 25) await entity.put(items.slice(i, i + 25)).go();
  return { units: items.length, people: [...byUnit.values()].reduce((n, list) => n + list.length, 0) };
}

/** The job: every assignment, and every course that has assignments. Idempotent. */
export async function computeAllCompletion(): Promise<Record<string, number>> {
  const [tree, people, assignments] = await Promise.all([loadTree(), listAllPeople(), allAssignments()]);
  const courses = new Set(assignments.map((a) => a.courseId));
  for (const assignment of assignments) await computeCompletion({ kind: 'assignment', id: assignment.assignmentId }, { tree, people });
  for (const courseId of courses) await computeCompletion({ kind: 'course', id: courseId }, { tree, people });
  return { assignments: assignments.length, courses: courses.size, people: people.length };
}

/**
 * What a reader may see of a course's completion: the course, the subject (the course or one of its assignments) and
 * the units of their reach with each one's depth; with `unitId`, that unit must be one of them. Absent → 404.
 */
async function completionScope(actor: Actor, grant: Grant, courseId: string, query: { assignmentId?: string; unitId?: string }) {
  const [course, tree] = await Promise.all([courseById(courseId), loadTree()]);
  if (!course || !mayReadFigures(actor, course, tree)) throw new AppError('NOT_FOUND', { messageKey: 'courseNotFound' });
  if (query.assignmentId && (await assignmentById(query.assignmentId))?.courseId !== courseId) {
    throw new AppError('NOT_FOUND', { messageKey: 'courseNotFound' });
  }
  const subject: Subject = query.assignmentId ? { kind: 'assignment', id: query.assignmentId } : { kind: 'course', id: courseId };
  const tops = grant.access === 'scope' ? grant.unitIds : tree.roots().map((u) => u.unitId);
  const shown = new Map<string, number>();
  for (const top of tops) for (const unit of tree.subtree(top)) if (!shown.has(unit.unitId)) shown.set(unit.unitId, tree.path(unit.unitId).length - 1);
  if (query.unitId && !(shown.has(query.unitId) && reachesUnit(grant, actor, query.unitId, tree))) {
    throw new AppError('NOT_FOUND', { messageKey: 'unitNotFound' });
  }
  return { course, tree, subject: subjectKey(subject), shown };
}

/** Each unit's figures as read from its rollup item (zero, never computed, when there is none yet). */
function unitRows(wanted: string[], shown: Map<string, number>, tree: OrgTree, byUnit: Map<string, UnitFigures>) {
  const minDepth = Math.min(...wanted.map((id) => shown.get(id) ?? 0));
  return wanted.map((unitId) => {
    const rollup = byUnit.get(unitId);
    return {
      unitId,
      name: tree.get(unitId)?.name ?? '',
      depth: (shown.get(unitId) ?? 0) - minDepth,
      direct: rollup?.direct ?? zero(),
      subtree: rollup?.subtree ?? zero(),
      computedAt: rollup?.computedAt ?? null,
    };
  });
}

const oldest = (times: (string | null)[]) => times.filter((t): t is string => t !== null).sort()[0] ?? null;

/**
 * Completion of a course (or one of its assignments) for the units the actor reaches: each unit's own and subtree
 * figures with the time they were computed; with `unitId`, that unit's people and their states.
 */
export async function getCourseCompletion(actor: Actor | null, courseId: string, query: { assignmentId?: string; unitId?: string } = {}) {
  const grant = authorize(actor, 'getCourseCompletion');
  const { course, tree, subject, shown } = await completionScope(actor!, grant, courseId, query);
  const wanted = query.unitId ? [query.unitId] : [...shown.keys()];
  const keys: { subject: string; unitId: string; part: 'UNIT' | 'PEOPLE' }[] = wanted.map((unitId) => ({ subject, unitId, part: 'UNIT' }));
  if (query.unitId) keys.push({ subject, unitId: query.unitId, part: 'PEOPLE' });
  const { data } = keys.length ? await rollupEntity().get(keys).go() : { data: [] };
  const byUnit = new Map(data.filter((r) => r.part === 'UNIT').map((record) => [record.unitId, UnitFigures.parse(record)]));
  const drill = data.find((r) => r.part === 'PEOPLE');
  const units = unitRows(wanted, shown, tree, byUnit);
  return {
    courseId,
    courseTitle: course.title,
    assignmentId: query.assignmentId ?? null,
    asOf: oldest(units.map((u) => u.computedAt)),
    units,
    people: query.unitId ? (drill ? UnitPeople.parse(drill).people : []) : null,
  };
}

/** Shanghai wall-clock time, as a spreadsheet shows it: 2026-11-28 09:34. */
function localTime(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

const stateOrder: Record<CompletionState, number> = { overdue: 0, notStarted: 1, inProgress: 2, done: 3 };
const stateLabel: Record<CompletionState, ApiMessageKey> = { done: 'stateDone', inProgress: 'stateInProgress', notStarted: 'stateNotStarted', overdue: 'stateOverdue' };

/**
 * The completion figures as a spreadsheet, for a leader's report: an Excel workbook with two sheets (per unit with
 * subtree figures and rate; every person counted with unit, state and completion time, the unfinished first), or one
 * of them as CSV. The same rollup items as the page, so the file agrees with the page.
 */
export async function exportCourseCompletion(
  actor: Actor | null,
  courseId: string,
  query: { assignmentId?: string; format: 'xlsx' | 'csv'; part: 'units' | 'people' },
): Promise<{ fileName: string; contentType: string; body: Uint8Array | string }> {
  const grant = authorize(actor, 'exportCourseCompletion');
  const { course, tree, subject, shown } = await completionScope(actor!, grant, courseId, query);
  const wanted = [...shown.keys()];
  const parts: ('UNIT' | 'PEOPLE')[] = query.format === 'xlsx' ? ['UNIT', 'PEOPLE'] : [query.part === 'people' ? 'PEOPLE' : 'UNIT'];
  const keys = parts.flatMap((part) => wanted.map((unitId) => ({ subject, unitId, part })));
  const { data } = keys.length ? await rollupEntity().get(keys).go() : { data: [] };
  const lang = currentLang();
  const m = (key: ApiMessageKey, params?: Record<string, string | number>) => apiMessage(lang, key, params);
  const path = (unitId: string) => tree.path(unitId).map((id) => tree.get(id)?.name ?? '').join(' / ');

  const unitsTable = (): CsvCell[][] => {
    const byUnit = new Map(data.filter((r) => r.part === 'UNIT').map((record) => [record.unitId, UnitFigures.parse(record)]));
    return [
      [m('csvUnit'), m('csvTotal'), m('csvDone'), m('csvInProgress'), m('csvNotStarted'), m('csvOverdue'), m('csvRate'), m('csvComputedAt')],
      ...unitRows(wanted, shown, tree, byUnit).map((u) => [
        path(u.unitId),
        u.subtree.total,
        u.subtree.done,
        u.subtree.inProgress,
        u.subtree.notStarted,
        u.subtree.overdue,
        u.subtree.total ? `${Math.round((u.subtree.done / u.subtree.total) * 100)}%` : '',
        localTime(u.computedAt),
      ]),
    ];
  };
  const peopleTable = (): CsvCell[][] => {
    const byUnit = new Map(data.filter((r) => r.part === 'PEOPLE').map((record) => [record.unitId, UnitPeople.parse(record)]));
    const rows: CsvCell[][] = [[m('csvUnit'), m('csvName'), m('csvLogin'), m('csvState'), m('csvCompletedAt')]];
    for (const unitId of wanted) {
      const people = [...(byUnit.get(unitId)?.people ?? [])].sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || a.name.localeCompare(b.name, 'zh-CN'));
      for (const person of people) rows.push([path(unitId), person.name, person.login, m(stateLabel[person.state]), localTime(person.completedAt)]);
    }
    return rows;
  };

  const day = localTime(clock.now().toISOString()).slice(0, 10);
  // No characters a file name may not hold on Windows (a course may be called "放管服：一次办好/网上办").
  const title = course.title.replace(/[\\/:*?"<>|]+/g, '_');
  if (query.format === 'xlsx') {
    return {
      fileName: `${m('csvFileBook', { course: title, date: day })}.xlsx`,
      contentType: XLSX_TYPE,
      body: toXlsx([
        { name: m('sheetUnits'), rows: unitsTable() },
        { name: m('sheetPeople'), rows: peopleTable() },
      ]),
    };
  }
  const units = parts[0] === 'UNIT';
  return {
    fileName: `${m(units ? 'csvFileUnits' : 'csvFilePeople', { course: title, date: day })}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: toCsv(units ? unitsTable() : peopleTable()),
  };
}

/** Recomputes one course's figures on demand (its assignments and the course as a whole). */
export async function refreshCourseCompletion(actor: Actor | null, courseId: string) {
  const grant = authorize(actor, 'refreshCourseCompletion');
  // The same reach as reading the figures: a course whose figures the actor may not see does not exist for them.
  const { tree } = await completionScope(actor!, grant, courseId, {});
  const [people, assignments] = await Promise.all([listAllPeople(), assignmentsOfCourse(courseId)]);
  let units = 0;
  for (const assignment of assignments) units = (await computeCompletion({ kind: 'assignment', id: assignment.assignmentId }, { tree, people })).units;
  await computeCompletion({ kind: 'course', id: courseId }, { tree, people });
  return { assignments: assignments.length, units };
}
