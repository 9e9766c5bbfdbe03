/**
 * An organizer reminds the overdue people of a branch (or unit) within reach, at most once a day per unit
 * (remindOverdue). A dry run lists them, with what is overdue and since when, from the overview's people rows; a
 * real run sends each a `remindedByOrganizer` notification and is audited. The day's one reminder is an item claimed
 * with `attribute_not_exists`: a second real run that day is a 409 saying when it was sent and by whom.
 */
import { AppError } from '../../platform/errors.js';
import { clock } from '../../platform/clock.js';
import { apiMessage } from '../../platform/i18n.js';
import { parseInput } from '../../platform/store.js';
import { currentLang } from '../../platform/request-scope.js';
import { recordAudit } from '../audit/service.js';
import { authorize, reachesUnit, type Actor } from '../authz/permissions.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { peopleRowsOf } from '../overview/service.js';
import { shanghaiDay } from '../practice/days.js';
import { taskLink } from './digest.js';
import { notificationsMessages } from './messages.js';
import { notifyEach } from './notify.js';
import { instantIn } from './render.js';
import { RemindOverdueInput } from './schema.js';
import { claimReminded, readReminded } from './store.js';
import type { Reminded } from './entities.js';

/** The people of a unit's subtree (sitting there, or members of a branch there) with something overdue. */
async function overduePeople(tree: OrgTree, unitId: string) {
  const within = new Set(tree.subtree(unitId).map((unit) => unit.unitId));
  // People sit in departments and belong to branches: read every unit's rows (one item per unit) and keep those
  // who sit in the subtree or belong to a branch in it.
  const rows = [...(await peopleRowsOf(tree.ordered().map((unit) => unit.unitId))).values()].flat();
  return rows
    .filter((row) => within.has(row.unitId) || (row.branchId !== null && within.has(row.branchId)))
    .map((row) => ({ row, tasks: row.open.filter((task) => task.state === 'overdue').sort((a, b) => a.dueAt.localeCompare(b.dueAt)) }))
    .filter(({ tasks }) => tasks.length > 0)
    .map(({ row, tasks }) => ({
      personId: row.personId,
      name: row.name,
      unitName: tree.get(row.unitId)?.name ?? '',
      since: tasks[0]!.dueAt,
      tasks: tasks.map((task) => ({ kind: task.kind, title: task.title, dueAt: task.dueAt, link: taskLink(task) })),
    }))
    .sort((a, b) => a.since.localeCompare(b.since) || a.name.localeCompare(b.name, 'zh-CN'));
}

const remindedView = (reminded: Reminded | undefined) => (reminded ? { at: reminded.at, byName: reminded.byName, people: reminded.people } : null);

function alreadyReminded(reminded: Reminded, unitName: string): AppError {
  return new AppError('CONFLICT', {
    messageKey: notificationsMessages.remindedToday,
    params: { at: instantIn(currentLang(), reminded.at), by: reminded.byName, unit: unitName },
    details: { reason: 'remindedToday', at: reminded.at, by: reminded.byName },
  });
}

export async function remindOverdue(actor: Actor | null, unitId: string, input: unknown) {
  const grant = authorize(actor, 'remindOverdue');
  const { dryRun } = parseInput(RemindOverdueInput, input);
  const tree = await loadTree();
  const unit = tree.get(unitId);
  if (!unit || !reachesUnit(grant, actor!, unitId, tree)) throw new AppError('NOT_FOUND', { messageKey: notificationsMessages.notAUnit });
  const now = clock.now();
  const day = shanghaiDay(now);
  const [people, reminded] = await Promise.all([overduePeople(tree, unitId), readReminded(unitId, day)]);
  const answer = (sent: number, remindedToday: Reminded | undefined) => ({ unitId, unitName: unit.name, dryRun, sent, people, remindedToday: remindedView(remindedToday) });
  if (dryRun) return answer(0, reminded);
  if (reminded) throw alreadyReminded(reminded, unit.name);
  if (people.length === 0) throw new AppError('CONFLICT', { messageKey: notificationsMessages.nobodyOverdue, params: { unit: unit.name }, details: { reason: 'nobodyOverdue' } });
  const claim: Reminded = { unitId, day, at: now.toISOString(), by: actor!.personId, byName: actor!.name, people: people.length };
  if (!(await claimReminded(claim))) throw alreadyReminded((await readReminded(unitId, day)) ?? claim, unit.name);
  const list = (titles: string[], separator: string) => titles.join(separator).slice(0, 200);
  await notifyEach(
    people.map(({ personId, tasks }) => {
      const titles = tasks.map((task) => task.title);
      return {
        personId,
        event: { kind: 'remindedByOrganizer', params: { organizer: actor!.name, tasks: { 'zh-CN': list(titles, '、'), en: list(titles, '; ') } }, link: tasks.length === 1 ? tasks[0]!.link : '/learn' },
      };
    }),
  );
  await recordAudit({ action: 'remindOverdue', actor: actor!, target: { type: 'unit', id: unitId, label: unit.name }, details: { people: people.length, day } });
  return answer(people.length, claim);
}
