/**
 * Each person's home (getHome): what is due for them, nearest first and overdue first; this year's 学时 against the
 * target; the lesson to continue. An organizer sees besides what waits for them in their branches and how the
 * branches stand; a leader the overview's figures for the top of their reach. The home has no items of its own: it
 * reads the overview's row of the person (computed within seconds of a change, decision 042), the sessions ahead,
 * and the study clock.
 */
import { clock } from '../../platform/clock.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { mayPerform, reachesUnitFor } from '../authz/capabilities.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { overviewTops, rowOfPerson, unitFiguresOf } from '../overview/service.js';
import { waitingFor } from '../pledges/service.js';
import { branchWaiting, sessionsAhead } from '../sessions/agenda-service.js';
import { lastLessonOf } from '../study/service.js';
import { shanghaiYear } from '../study/progress.js';
import { dueItems } from './due.js';

/** At most this many branches' worklists on an organizer's home (the rest are a tap away in 组织生活). */
const MAX_BRANCHES = 3;

/** The branches whose sessions the actor organizes, in tree order. */
function organizedBranches(actor: Actor, tree: OrgTree): string[] {
  if (!mayPerform(actor, 'decideLeave')) return [];
  return tree
    .ordered()
    .filter((unit) => unit.kind === 'branch' && reachesUnitFor(actor, 'decideLeave', unit.unitId, tree))
    .map((unit) => unit.unitId)
    .slice(0, MAX_BRANCHES);
}

export async function getHome(actor: Actor | null) {
  authorize(actor, 'getHome');
  const me = actor!;
  const now = clock.now();
  const year = shanghaiYear(now.toISOString());
  const tree = await loadTree();
  const person = { personId: me.personId, unitId: me.unitId, branchId: me.branchId, partyStatus: me.profile?.partyStatus ?? 'none' };
  const branches = organizedBranches(me, tree);
  const tops = overviewTops(me, tree);
  const [mine, sessions, lesson, waiting, pledgesToReview, figures] = await Promise.all([
    rowOfPerson(me.personId, me.unitId, year),
    sessionsAhead(person, now, tree),
    lastLessonOf(me.personId),
    Promise.all(branches.map(async (branchId) => ({ branchId, ...(await branchWaiting(branchId, now)) }))),
    branches.length ? waitingFor(me, branches, year, tree) : Promise.resolve([]),
    branches.length || tops.length ? unitFiguresOf([...new Set([...branches, ...tops])], year) : Promise.resolve(new Map()),
  ]);
  const row = mine?.row ?? null;
  const name = (unitId: string) => tree.get(unitId)?.name ?? '—';
  return {
    now: now.toISOString(),
    year,
    asOf: mine?.computedAt ?? null,
    due: dueItems(row, sessions, now),
    credit: row?.credit ?? null,
    continueLesson: lesson,
    branches: branches.map((branchId) => {
      const w = waiting.find((x) => x.branchId === branchId)!;
      return {
        branchId,
        name: name(branchId),
        leaveToDecide: w.leaveToDecide.length,
        makeUpsToConfirm: w.makeUpsToConfirm.length,
        pledgesToReview: pledgesToReview.filter((p) => p.branchId === branchId).length,
        cadence: w.cadence,
        figures: figures.get(branchId) ?? null,
      };
    }),
    // A top of the reader's reach already shown as one of their branches is not shown twice.
    overview: tops.filter((unitId) => !branches.includes(unitId)).map((unitId) => ({ unitId, name: name(unitId), ...(figures.get(unitId) ?? { people: 0, figures: [], computedAt: null }) })),
  };
}
