/**
 * The reminders job over the organisation the learning bench seeds (10,000 people in 69 units: a bureau, 8
 * departments, 10 branches of 5 Party groups): each person's standing as the overview's people rows hold it (one item
 * per unit; every person with open tasks, due in 3 days, tomorrow or yesterday), each branch with a session tomorrow
 * expecting its members, and 1 person in 100 with e-mail on (kept in the outbox: no mail service here).
 *
 * Printed: the job's time, the DynamoDB calls and the items read (the people rows, the settings of those with
 * something to be reminded of), the digests written and e-mails queued; then the same job again, which must write
 * nothing (each digest is keyed by person and day and written with attribute_not_exists).
 *
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/reminders.ts` (also a section of `npm run bench`).
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../functions/platform/aws.js';
import { nowIso } from '../../functions/platform/clock.js';
import { newId } from '../../functions/platform/ids.js';
import { hashPassword } from '../../functions/platform/passwords.js';
import { batchWrite } from '../../functions/platform/store.js';
import { config } from '../../functions/platform/config.js';
import { peopleItem } from '../../functions/domain/overview/entities.js';
import type { PersonRow } from '../../functions/domain/overview/schema.js';
import { sendReminders, type ReminderSources } from '../../functions/domain/notifications/reminders.js';
import { putSettings } from '../../functions/domain/notifications/store.js';
import { outboxPage } from '../../functions/domain/notifications/store.js';
import { addDays, shanghaiDay } from '../../functions/domain/practice/days.js';
import { onEnginesOfItsOwn } from './own-engines.js';
import { meterDynamo, PEOPLE, seedOrganisation } from './learning.js';
import { ms, table } from './stats.js';

export const REMINDER_PEOPLE = PEOPLE;

async function putItems(items: Record<string, unknown>[]) {
  const name = config().tableName;
  const batches = [];
  for (let i = 0; i < items.length; i += 25) batches.push({ RequestItems: { [name]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } });
  await batchWrite(batches, 8);
}

async function seed(now: Date) {
  const at = nowIso();
  // The organisation the other benches use; nobody signs in here, so no login claims.
  const { units, people } = await seedOrganisation(await hashPassword('bench-not-used-1234'), 0);
  const today = shanghaiDay(now);
  const due = (day: string) => new Date(`${day}T17:00:00+08:00`).toISOString();
  const byUnit = new Map<string, PersonRow[]>();
  const members = new Map<string, string[]>();
  for (const [i, { personId, unitId, branchId }] of people.entries()) {
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
      unitId,
      branchId,
      courses: { required: 2, onTime: 0, overdue: soon < today ? 1 : 0 },
      open,
      credit: { earned: 10, target: 50, expectedByNow: 45 },
      sessions: { expected: 10, attended: 9, leave: 0, absent: 1, madeUp: 0, makeUpDue: i % 10 === 0 ? 1 : 0 },
      pledges: { items: 3, approved: 3, returned: 0, draft: 0, rating: null },
      meets: { courses: false, credit: false, sessions: true, pledges: true },
    };
    byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), row]);
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
  // Eight in the morning in Shanghai, today: digests go out from seven.
  const now = new Date(`${shanghaiDay(new Date())}T08:00:00+08:00`);
  const seeded = await seed(now);
  const sources: ReminderSources = { sessionsBetween: async (fromIso, toIso) => seeded.sessions.filter((s) => s.startsAt >= fromIso && s.startsAt < toIso) };
  const runs = [];
  for (const label of ['first run', 'a later run the same day', 'a retry of a run that stopped half-way']) {
    // The half-way case: the record that the day is done was never written.
    if (label.startsWith('a retry')) await aws().doc.send(new DeleteCommand({ TableName: config().tableName, Key: { pk: 'REMINDERS#DAYS', sk: shanghaiDay(now) } }));
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
  const [first, later, second] = runs;
  return { people: seeded.people, units: seeded.units, firstMs: Math.round(first!.ms), firstItemsRead: first!.items, firstCalls: first!.calls, digests: first!.digests, secondDigests: second!.digests, secondMs: Math.round(second!.ms), laterCalls: later!.calls, emails: outbox };
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
