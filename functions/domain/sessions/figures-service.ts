/**
 * What leaders and organizers read across sessions: each branch against the cadence rules (from one rollup item per
 * branch and year), a branch's attendance per person and per session, and the year-end archive for inspection.
 * Figures are of branches and of each person's own attendance; nobody is ranked.
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { recordAudit } from '../audit/service.js';
import { authorize, reachesUnit, type Actor, type Grant } from '../authz/permissions.js';
import { mayPerform } from '../authz/capabilities.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { peopleByIds } from '../people/directory.js';
import type { PublicPerson } from '../people/schema.js';
import { audiencePeople, reachesBranch } from './access.js';
import { flagInactive, INACTIVE_MONTHS, lastAttendedOrMadeUp, monthsBefore, statusOf } from './attendance.js';
import { archiveWorkbook } from './archive.js';
import { cadenceOf, summarize, yearSpan } from './cadence.js';
import type { RollupSession } from './entities.js';
import { shanghaiYear } from '../study/progress.js';
import { sessionsMessages } from './messages.js';
import { refreshAllRollups } from './rollup.js';
import { ArchiveQuery, DEFAULT_CADENCE_RULES, FiguresQuery, SESSION_TYPES, SetCadenceRulesInput, type AttendanceRecord, type CadenceRules, type SessionTally } from './schema.js';
import { branchRecords, branchSessions, readRules, rollupsOfYear, writeRules, personRecords } from './store.js';
import { namesOf, summaryOf } from './view.js';
import { z } from 'zod';

// ─── Rules ─────────────────────────────────────────────────────────────────────────────────────────────────────────

let cachedRules: { at: number; rules: CadenceRules } | undefined;
/** The rules in force: the county's own if an admin set them, else the national ones. Kept a minute per process. */
export async function currentRules(): Promise<CadenceRules> {
  if (cachedRules && Date.now() - cachedRules.at < 60_000) return cachedRules.rules;
  const stored = await readRules();
  cachedRules = { at: Date.now(), rules: stored?.rules ?? DEFAULT_CADENCE_RULES };
  return cachedRules.rules;
}

export async function setCadenceRules(actor: Actor | null, input: unknown) {
  authorize(actor, 'setCadenceRules');
  const { rules } = SetCadenceRulesInput.parse(input);
  if (rules.length === 0) throw new AppError('VALIDATION', { messageKey: sessionsMessages.rulesNeedOne, details: [{ path: 'rules' }] });
  const before = await currentRules();
  await writeRules({ rules, updatedAt: nowIso(), updatedBy: actor!.personId });
  cachedRules = undefined;
  await recordAudit({ action: 'setCadenceRules', actor, target: { type: 'settings', id: 'cadence', label: '组织生活制度' }, changes: { rules: { before, after: rules } } });
  return getCadence(actor, {});
}

// ─── Totals ────────────────────────────────────────────────────────────────────────────────────────────────────────

function totalsOf(tallies: readonly SessionTally[]) {
  const sum = { sessions: tallies.length, expected: 0, attended: 0, leave: 0, absent: 0, madeUp: 0, outstanding: 0, rate: null as number | null };
  for (const t of tallies) {
    sum.expected += t.expected;
    sum.attended += t.present + t.late;
    sum.leave += t.leave;
    sum.absent += t.absent;
    sum.madeUp += t.madeUp;
  }
  sum.outstanding = sum.leave + sum.absent;
  sum.rate = sum.expected > 0 ? Math.round((sum.attended / sum.expected) * 1000) / 1000 : null;
  return sum;
}

/** The branches a reader's grant covers (within `unitId` if given), in tree order. */
function branchesInReach(actor: Actor, grant: Grant, tree: OrgTree, unitId?: string): string[] {
  if (unitId && (!tree.get(unitId) || !reachesUnit(grant, actor, unitId, tree))) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.sessionNotFound });
  return tree
    .ordered()
    .filter((unit) => unit.kind === 'branch' && reachesUnit(grant, actor, unit.unitId, tree) && (!unitId || tree.isWithin(unit.unitId, unitId)))
    .map((unit) => unit.unitId);
}

// ─── The cadence ───────────────────────────────────────────────────────────────────────────────────────────────────

const CadenceQuery = z.object({ unitId: z.string().optional() });

export async function getCadence(actor: Actor | null, query: unknown) {
  const grant = authorize(actor, 'getCadence');
  const { unitId } = CadenceQuery.parse(query);
  const [tree, rules] = await Promise.all([loadTree(), currentRules()]);
  const now = clock.now();
  const year = shanghaiYear(now.toISOString());
  const branchIds = branchesInReach(actor!, grant, tree, unitId);
  const rollups = new Map((await rollupsOfYear(year)).map((rollup) => [rollup.branchId, rollup]));
  return {
    now: now.toISOString(),
    year,
    rules,
    branches: branchIds.map((branchId) => {
      const rollup = rollups.get(branchId);
      const sessions: RollupSession[] = rollup?.sessions ?? [];
      const standings = cadenceOf(rules, sessions, now);
      const held = sessions.filter((s) => s.state === 'held');
      return {
        branchId,
        name: tree.get(branchId)?.name ?? '—',
        path: tree.pathName(branchId),
        computedAt: rollup?.computedAt ?? null,
        standings,
        summary: summarize(standings),
        attendance: totalsOf(held.map((s) => s.tally).filter((t): t is SessionTally => t !== null)),
        byType: SESSION_TYPES.map((t) => ({ type: t.code, held: held.filter((s) => s.type === t.code).length })).filter((t) => t.held > 0),
      };
    }),
    mayChangeRules: mayPerform(actor!, 'setCadenceRules'),
  };
}

// ─── A branch's year ───────────────────────────────────────────────────────────────────────────────────────────────

/** A branch's sessions and records of a year, and its people: its members now and anyone with a record. */
async function branchYear(branchId: string, year: number, tree: OrgTree) {
  const branch = tree.get(branchId);
  if (!branch || branch.kind !== 'branch') throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.sessionNotFound });
  const { fromIso, toIso } = yearSpan(year);
  const [sessions, records, members] = await Promise.all([
    branchSessions(branchId, fromIso, toIso),
    branchRecords(branchId, year),
    audiencePeople({ kind: 'members', unitIds: [branchId] }, tree),
  ]);
  const known = new Map(members.map((p) => [p.personId, p]));
  const missing = [...new Set(records.map((r) => r.personId))].filter((id) => !known.has(id));
  for (const person of missing.length ? await peopleByIds(missing) : []) known.set(person.personId, person);
  const people = [...known.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { branch, sessions, records, people };
}

/**
 * Who has attended or made up nothing for six months (organizers only): the branch's records of the years the six
 * months span — one query a year, whatever the number of members.
 */
async function inactiveOf(branchId: string, people: readonly PublicPerson[], loaded: { year: number; records: AttendanceRecord[] }, now: Date): Promise<Set<string>> {
  const years = new Set([shanghaiYear(monthsBefore(now, INACTIVE_MONTHS).toISOString()), shanghaiYear(now.toISOString())]);
  const history = (await Promise.all([...years].map((year) => (year === loaded.year ? loaded.records : branchRecords(branchId, year))))).flat();
  const members = people.map((p) => ({ personId: p.personId, since: p.createdAt }));
  return new Set(flagInactive(members, history, now).map((flag) => flag.personId));
}

function personTotals(records: readonly AttendanceRecord[]) {
  const t = { expected: records.length, attended: 0, leave: 0, absent: 0, madeUp: 0, outstanding: 0, rate: null as number | null };
  for (const record of records) {
    const status = statusOf(record);
    if (status === 'present' || status === 'late') t.attended += 1;
    else if (status === 'madeUp') t.madeUp += 1;
    else t[status] += 1;
  }
  t.outstanding = t.leave + t.absent;
  t.rate = t.expected > 0 ? Math.round((t.attended / t.expected) * 1000) / 1000 : null;
  return t;
}

/**
 * For the year's review sheet (no actor): each person's attendance in a branch's year (expected, attended, on leave,
 * absent, made up), from the branch's records of the year — one query whatever the number of members. With `until`,
 * only the sessions that had started by then.
 */
export async function attendanceOfBranchYear(branchId: string, year: number, until?: string): Promise<Map<string, ReturnType<typeof personTotals>>> {
  const byPerson = new Map<string, AttendanceRecord[]>();
  const records = await branchRecords(branchId, year);
  // `until`: only sessions that had started by then (the overview computed as of an earlier day).
  for (const record of until ? records.filter((r) => r.sessionStartsAt <= until) : records) byPerson.set(record.personId, [...(byPerson.get(record.personId) ?? []), record]);
  return new Map([...byPerson].map(([personId, records]) => [personId, personTotals(records)]));
}

/** A branch's year: the figures the page shows, and the records, sessions and names the archive adds. */
async function figuresOf(actor: Actor, branchId: string, year: number) {
  const tree = await loadTree();
  const { branch, sessions, records, people } = await branchYear(branchId, year, tree);
  const organizer = reachesBranch(actor, 'updateSession', branchId, tree);
  const [inactive, names] = await Promise.all([
    organizer ? inactiveOf(branchId, people, { year, records }, clock.now()) : Promise.resolve(null),
    namesOf(sessions.flatMap((s) => [s.hostId, s.recorderId])),
  ]);
  const byPerson = new Map<string, AttendanceRecord[]>();
  for (const record of records) byPerson.set(record.personId, [...(byPerson.get(record.personId) ?? []), record]);
  const held = sessions.filter((s) => s.state === 'held');
  const figures = {
    branchId,
    branchName: branch.name,
    year,
    totals: totalsOf(held.map((s) => s.tally).filter((t): t is SessionTally => t !== null)),
    people: people.map((person) => {
      const own = byPerson.get(person.personId) ?? [];
      return {
        personId: person.personId,
        name: person.name,
        unitName: tree.get(person.unitId)?.name ?? '—',
        ...personTotals(own),
        lastAttendedAt: lastAttendedOrMadeUp(own),
        inactive: inactive ? inactive.has(person.personId) : null,
      };
    }),
    sessions: sessions.map((session) => summaryOf(session, tree, names, { expected: false })),
  };
  return { figures, records, sessions, names };
}

export async function getAttendanceFigures(actor: Actor | null, query: unknown) {
  const grant = authorize(actor, 'getAttendanceFigures');
  const q = FiguresQuery.parse(query);
  const tree = await loadTree();
  const branchId = q.unitId ?? actor!.branchId;
  if (!branchId || !tree.get(branchId) || !reachesUnit(grant, actor!, branchId, tree)) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.sessionNotFound });
  return (await figuresOf(actor!, branchId, q.year ?? shanghaiYear(nowIso()))).figures;
}

export async function exportSessionArchive(actor: Actor | null, query: unknown) {
  const grant = authorize(actor, 'exportSessionArchive');
  const q = ArchiveQuery.parse(query);
  const tree = await loadTree();
  if (!tree.get(q.branchId) || !reachesUnit(grant, actor!, q.branchId, tree)) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.sessionNotFound });
  const { figures, records, sessions, names } = await figuresOf(actor!, q.branchId, q.year);
  // Who exported which figures (the audit log: docs/decisions/047).
  await recordAudit({ action: 'exportSessionArchive', actor: actor!, target: { type: 'unit', id: q.branchId, label: tree.get(q.branchId)?.name ?? '' }, details: { year: q.year } });
  return archiveWorkbook({ ...figures, sessionsFull: sessions, records, personNames: new Map(figures.people.map((p) => [p.personId, p.name])), hostNames: names });
}

/** For the scheduled job: every branch's cadence rollup of this year, recomputed from its sessions. */
export async function recomputeCadenceRollups(now: Date): Promise<Record<string, number>> {
  const tree = await loadTree();
  return refreshAllRollups(
    tree
      .ordered()
      .filter((unit) => unit.kind === 'branch')
      .map((unit) => unit.unitId),
    now,
  );
}
