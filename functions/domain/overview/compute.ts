/**
 * The overview as pure functions: one person's row from the areas' records, and per unit the share of its people
 * (own and subtree) meeting each requirement. The service reads the sources; this decides what they mean.
 */
import type { OrgTree } from '../org/tree.js';
import { inAudience, type Member } from '../assignments/audience.js';
import { shanghaiDay } from '../practice/days.js';
import { yearSpan } from '../sessions/cadence.js';
import { shanghaiYear } from '../study/progress.js';
import type { Audience } from '../assignments/schema.js';
import { requirements, type OpenTask, type PersonRow } from './schema.js';
import type { PeopleItem, Shares, UnitItem } from './entities.js';

/** An assignment as the overview needs it (course or quiz). */
export interface Assigned {
  kind: 'course' | 'quiz';
  assignmentId: string;
  subjectId: string;
  title: string;
  required: boolean;
  dueAt: string;
  audience: Audience;
}

export interface Person extends Member {
  name: string;
  active: boolean;
}

/** What the service read for one year. Maps are keyed by personId. */
export interface Sources {
  year: number;
  now: string;
  tree: OrgTree;
  people: Person[];
  assignments: Assigned[];
  /** Per course or quiz id: personId → when done (completed, or passed); null: started, not done. */
  progress: Map<string, Map<string, string | null>>;
  /** 学时 earned this year, by person. */
  credit: Map<string, number>;
  target: number;
  /** Attendance totals of the year, by person (from their branch's records). */
  attendance: Map<string, { expected: number; attended: number; leave: number; absent: number; madeUp: number }>;
  /** Pledge item states of the year, by person, and the decided rating. */
  pledges: Map<string, { states: string[]; rating: string | null }>;
  /** Branches whose review window has closed this year (a rating is then expected). */
  ratingDue: Set<string>;
}

/** The share of the year's target due by `now` (pro rata by time through the Shanghai year). */
export function expectedByNow(target: number, year: number, now: string): number {
  const { fromIso, toIso } = yearSpan(year);
  const [start, end] = [Date.parse(fromIso), Date.parse(toIso)];
  const at = Math.min(Math.max(Date.parse(now), start), end);
  return Math.round(((target * (at - start)) / (end - start)) * 10) / 10;
}

/** Whether an assignment belongs to a year's requirements: due in that year (Shanghai), or due after it and so still open. */
export const activeIn = (dueAt: string, year: number) => shanghaiYear(dueAt) >= year;

/** One person's row. */
export function personRow(person: Person, sources: Sources): PersonRow {
  const { now, tree } = sources;
  const mine = sources.assignments.filter((a) => inAudience(a.audience, person, tree));
  // One task per course or quiz: the earliest due date among the person's assignments of it.
  const bySubject = new Map<string, Assigned>();
  for (const a of mine) {
    const key = `${a.kind}#${a.subjectId}`;
    const seen = bySubject.get(key);
    // Required when any of them is.
    bySubject.set(key, seen ? { ...(a.dueAt < seen.dueAt ? a : seen), required: a.required || seen.required } : a);
  }
  const open: OpenTask[] = [];
  let required = 0;
  let onTime = 0;
  let overdue = 0;
  for (const a of bySubject.values()) {
    const progress = sources.progress.get(a.subjectId);
    // Done by the time of the computation (a computation "as of" an earlier day ignores what came after it).
    const recorded = progress?.get(person.personId) ?? null;
    const doneAt = recorded !== null && recorded <= now ? recorded : null;
    const started = progress?.has(person.personId) ?? false;
    const late = doneAt === null ? a.dueAt < now : doneAt > a.dueAt;
    if (a.required) {
      required += 1;
      if (!late) onTime += 1;
      if (doneAt === null && a.dueAt < now) overdue += 1;
    }
    if (doneAt === null) {
      open.push({ kind: a.kind, assignmentId: a.assignmentId, subjectId: a.subjectId, title: a.title, required: a.required, dueAt: a.dueAt, state: a.dueAt < now ? 'overdue' : started ? 'inProgress' : 'notStarted' });
    }
  }
  open.sort((x, y) => x.dueAt.localeCompare(y.dueAt));
  const earned = Math.round((sources.credit.get(person.personId) ?? 0) * 10) / 10;
  const expected = expectedByNow(sources.target, sources.year, now);
  const att = sources.attendance.get(person.personId) ?? { expected: 0, attended: 0, leave: 0, absent: 0, madeUp: 0 };
  const pledge = sources.pledges.get(person.personId) ?? { states: [], rating: null };
  const count = (state: string) => pledge.states.filter((s) => s === state).length;
  const approved = count('approved') + count('done');
  const returned = count('returned');
  const draft = count('draft');
  const member = person.branchId !== null && person.partyStatus !== 'none';
  const ratingNeeded = person.branchId !== null && sources.ratingDue.has(person.branchId);
  return {
    personId: person.personId,
    name: person.name,
    unitId: person.unitId,
    branchId: person.branchId,
    courses: { required, onTime, overdue },
    open,
    credit: { earned, target: sources.target, expectedByNow: expected },
    sessions: { ...att, makeUpDue: att.leave + att.absent },
    pledges: { items: pledge.states.length, approved, returned, draft, rating: pledge.rating },
    meets: {
      courses: required > 0 ? onTime === required : null,
      credit: earned >= expected,
      sessions: att.expected > 0 ? att.leave + att.absent === 0 : null,
      pledges: member ? approved > 0 && returned === 0 && draft === 0 && (!ratingNeeded || pledge.rating !== null) : null,
    },
  };
}

export const noShares = (): Shares => Object.fromEntries(requirements.map((r) => [r, { met: 0, of: 0 }])) as Shares;

function add(into: Shares, from: Shares): void {
  for (const r of requirements) {
    into[r].met += from[r].met;
    into[r].of += from[r].of;
  }
}

function sharesOf(rows: readonly PersonRow[]): Shares {
  const shares = noShares();
  for (const row of rows) {
    for (const r of requirements) {
      const meets = row.meets[r];
      if (meets === null) continue;
      shares[r].of += 1;
      if (meets) shares[r].met += 1;
    }
  }
  return shares;
}

/** A `YYYY-MM` month of an instant, in Shanghai. */
export const monthOf = (iso: string) => shanghaiDay(new Date(iso)).slice(0, 7);

/**
 * Every unit's items for the year: its people's rows and, post-order over the tree, its own and subtree shares; the
 * trend keeps the months already recorded (`previous`) and sets this month's to the subtree's shares now.
 */
export function overviewItems(sources: Sources, previous: Map<string, UnitItem>): { units: UnitItem[]; people: PeopleItem[]; counted: number } {
  const rowsByUnit = new Map<string, PersonRow[]>();
  let counted = 0;
  for (const person of sources.people) {
    if (!person.active) continue;
    const row = personRow(person, sources);
    rowsByUnit.set(person.unitId, [...(rowsByUnit.get(person.unitId) ?? []), row]);
    counted += 1;
  }
  const month = monthOf(sources.now);
  const units: UnitItem[] = [];
  const people: PeopleItem[] = [];
  const visit = (unitId: string): { shares: Shares; people: number } => {
    const rows = (rowsByUnit.get(unitId) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    const direct = sharesOf(rows);
    const subtree = noShares();
    add(subtree, direct);
    let headcount = rows.length;
    for (const child of sources.tree.children(unitId)) {
      const below = visit(child.unitId);
      add(subtree, below.shares);
      headcount += below.people;
    }
    const trend = { ...(previous.get(unitId)?.trend ?? {}), [month]: subtree };
    units.push({ unitId, year: sources.year, people: headcount, direct, subtree, trend, computedAt: sources.now });
    people.push({ unitId, year: sources.year, rows, computedAt: sources.now });
    return { shares: subtree, people: headcount };
  };
  for (const root of sources.tree.roots()) visit(root.unitId);
  return { units, people, counted };
}

/** A share as a fraction (null when it applies to nobody). */
export const fraction = (share: { met: number; of: number }) => (share.of > 0 ? share.met / share.of : null);

