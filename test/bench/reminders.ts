/**
 * The reminders job over 10,000 people in 69 units (a bureau, 8 departments, 10 branches of 5 Party groups): each
 * person's standing as the overview's people rows hold it (one item per unit; every person with three open tasks,
 * due in 3 days, tomorrow and yesterday for a share of them), each branch with a session tomorrow expecting its
 * members, and 1 person in 100 with e-mail on (kept in the outbox: no mail service here).
 *
 * Printed: the job's time, the DynamoDB calls and the items read (the people rows, the settings of those with
 * something to be reminded of), the digests written and e-mails queued; then the same job again, which must write
 * nothing (each digest is keyed by person and day and written with attribute_not_exists).
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/reminders.ts` (also a section of `npm run bench`).
 */
import { nowIso } from '../../functions/platform/clock.js';
import { newId } from '../../functions/platform/ids.js';
import { batchWrite } from '../../functions/platform/store.js';
import { config } from '../../functions/platform/config.js';
import { orgEntities } from '../../functions/domain/org/entities.js';
import { unitItem } from '../../functions/domain/org/store.js';
import { forgetTree } from '../../functions/domain/org/service.js';
import { peopleItem } from '../../functions/domain/overview/entities.js';
import type { PersonRow } from '../../functions/domain/overview/schema.js';
import { sendReminders, type ReminderSources } from '../../functions/domain/notifications/reminders.js';
import { putSettings } from '../../functions/domain/notifications/store.js';
import { outboxPage } from '../../functions/domain/notifications/store.js';
import { addDays, shanghaiDay } from '../../functions/domain/practice/days.js';
import type { Unit } from '../../functions/domain/org/schema.js';
import { onEnginesOfItsOwn } from './own-engines.js';
import { meterDynamo } from './learning.js';
import { ms, table } from './stats.js';

export const REMINDER_PEOPLE = 10_000;

async function putItems(items: Record<string, unknown>[]) {
  const name = config().tableName;
  const batches = [];
  for (let i = 0; i < items.length; i += 25) batches.push({ RequestItems: { [name]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
  await batchWrite(batches, 8);
}

async function seed(now: Date) {
  const at = nowIso();
  const unit = (name: string, kind: Unit['kind'], parentId: string | null, sortOrder: number): Unit => ({ unitId: newId(), name, kind, parentId, sortOrder, retired: false, createdAt: at, updatedAt: at, version: 1 });
  const root = unit('县政务服务管理局', 'bureau', null, 0);
  const units: Unit[] = [root];
  for (let d = 0; d < 8; d++) units.push(unit(`科室${d + 1}`, 'department', root.unitId, d));
  for (let b = 0; b < 10; b++) {
    const branch = unit(`第${b + 1}党支部`, 'branch', root.unitId, 100 + b);
    units.push(branch);
    for (let g = 0; g < 5; g++) units.push(unit(`第${b + 1}支部第${g + 1}党小组`, 'group', branch.unitId, g));
  }
  for (let i = 0; i < units.length; i += 25) await orgEntities().unit.put(units.slice(i, i + 25).map(unitItem)).go();
  forgetTree();
  const today = shanghaiDay(now);
  const due = (day: string) => new Date(`${day}T17:00:00+08:00`).toISOString();
  const leaves = units.filter((u) => u.kind !== 'bureau');
  const byUnit = new Map<string, PersonRow[]>();
  const members = new Map<string, string[]>();
  for (let i = 0; i < REMINDER_PEOPLE; i++) {
    const home = leaves[i % leaves.length]!;
    const branchId = home.kind === 'branch' ? home.unitId : home.kind === 'group' ? home.parentId : null;
    const personId = newId();
    if (branchId) members.set(branchId, [...(members.get(branchId) ?? []), personId]);
    // A third due in 3 days, a third tomorrow, a third fell due yesterday; everyone has one more due next month.
    const soon = [addDays(today, 3), addDays(today, 1), addDays(today, -1)][i % 3]!;
    const open = [
      { kind: 'course' as const, assignmentId: newId(), subjectId: newId(), title: `必修课程 ${i % 50}`, required: true, dueAt: due(soon), state: soon < today ? ('overdue' as const) : ('inProgress' as const) },
      { kind: 'quiz' as const, assignmentId: newId(), subjectId: newId(), title: '月度测验', required: true, dueAt: due(addDays(today, 30)), state: 'notStarted' as const },
    ];
    const row: PersonRow = {
      personId,
      name: `职工${i}`,
      unitId: home.unitId,
      branchId,
      courses: { required: 2, onTime: 0, overdue: soon < today ? 1 : 0 },
      open,
      credit: { earned: 10, target: 50, expectedByNow: 45 },
      sessions: { expected: 10, attended: 9, leave: 0, absent: 1, madeUp: 0, makeUpDue: i % 10 === 0 ? 1 : 0 },
      pledges: { items: 3, approved: 3, returned: 0, draft: 0, rating: null },
      meets: { courses: false, credit: false, sessions: true, pledges: true },
    };
    byUnit.set(home.unitId, [...(byUnit.get(home.unitId) ?? []), row]);
  }
  const year = Number(today.slice(0, 4));
  await putItems([...byUnit].map(([unitId, rows]) => peopleItem({ unitId, year, rows, computedAt: at })));
  // E-mail on for 1 in 100 (the first of each 100 in the order written).
  const everyone = [...byUnit.values()].flat();
  const mailed = everyone.filter((_, i) => i % 100 === 0);
  for (const row of mailed) await putSettings(row.personId, { muted: [], email: true, emailAddress: `p${row.personId.slice(-6).toLowerCase()}@example.com`, lang: 'zh-CN', updatedAt: at });
  const tomorrow = new Date(`${addDays(today, 1)}T14:30:00+08:00`).toISOString();
  const sessions = units
    .filter((u) => u.kind === 'branch')
    .map((branch) => ({ sessionId: newId(), topic: `${branch.name}主题党日`, startsAt: tomorrow, place: '三楼会议室', personIds: members.get(branch.unitId) ?? [] }));
  return { units: units.length, people: everyone.length, mailed: mailed.length, sessions };
}

export async function runRemindersBench(log: (line: string) => void = console.log) {
  const meter = meterDynamo();
  const now = new Date();
  const seeded = await seed(now);
  const sources: ReminderSources = { sessionsBetween: async (fromIso, toIso) => seeded.sessions.filter((s) => s.startsAt >= fromIso && s.startsAt < toIso) };
  const runs = [];
  for (const label of ['first run', 'second run (a retry)']) {
    const started = performance.now();
    const { value, calls, items, byCommand } = await meter.measure(() => sendReminders(now, sources));
    runs.push({ label, ms: performance.now() - started, calls, items, byCommand, digests: value.digests ?? 0, alreadySent: value.alreadySent ?? 0 });
  }
  const outbox = (await outboxPage(null, 500)).items.length;
  log(`${seeded.people} people in ${seeded.units} units; ${seeded.sessions.length} sessions tomorrow; e-mail on for ${seeded.mailed}`);
  log(
    table(
      ['run', 'time', 'DynamoDB calls', 'items read', 'digests written', 'already sent', 'calls by command'],
      runs.map((r) => [r.label, ms(r.ms), String(r.calls), String(r.items), String(r.digests), String(r.alreadySent), Object.entries(r.byCommand).map(([c, n]) => `${c.replace('Command', '')} ${n}`).join(', ')]),
    ),
  );
  log(`e-mails in the outbox after both runs: ${outbox} (one per person with e-mail on)`);
  const [first, second] = runs;
  return { people: seeded.people, units: seeded.units, firstMs: Math.round(first!.ms), firstItemsRead: first!.items, firstCalls: first!.calls, digests: first!.digests, secondDigests: second!.digests, secondMs: Math.round(second!.ms), emails: outbox };
}

export async function runRemindersSection(log: (line: string) => void = console.log) {
  return onEnginesOfItsOwn('bench-reminders', () => runRemindersBench(log), { dynamoInChildProcess: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runRemindersSection().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
