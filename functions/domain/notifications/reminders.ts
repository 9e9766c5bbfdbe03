/**
 * The scheduled job `reminders`: for every person, what is due in 3 days or tomorrow, overdue, sessions tomorrow and
 * make-up study (digest.ts decides which, without nagging), minus the kinds they muted, as ONE digest notification
 * per person and Shanghai day. The digest's id is made from the day, and it is written with `attribute_not_exists`:
 * a job run twice (a retry, a second process) writes and sends nothing the second time.
 *
 * People's standing comes from the overview's people rows; the sessions of tomorrow come through `sources` (the job
 * registry wires the sessions area in, which itself notifies through this area: no import cycle).
 */
import { eachLimited } from '../../platform/store.js';
import { loadTree } from '../org/service.js';
import { peopleRowsOf } from '../overview/service.js';
import { addDays, shanghaiDay } from '../practice/days.js';
import { digestEntries, type SessionForDigest } from './digest.js';
import { digestId } from './entities.js';
import { deliver } from './notify.js';
import { haveNotification, markReminderDayDone, readManySettings, reminderDayDone } from './store.js';

export interface ReminderSources {
  /** Scheduled sessions starting within [fromIso, toIso), with the people each expects. */
  sessionsBetween(fromIso: string, toIso: string): Promise<Array<SessionForDigest & { personIds: readonly string[] }>>;
}

const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();

/** Digests go out in the morning (Shanghai), not at midnight: runs before this hour send nothing. */
export const DIGEST_HOUR = 7;

export async function sendReminders(now: Date, sources: ReminderSources): Promise<Record<string, number>> {
  const today = shanghaiDay(now);
  const hour = new Date(now.getTime() + 8 * 3600_000).getUTCHours();
  if (hour < DIGEST_HOUR) return { beforeMorning: 1 };
  // The job runs with every schedule; once a day's digests are all out, its later runs read this one item.
  if (await reminderDayDone(today)) return { alreadyDone: 1 };
  const tree = await loadTree();
  const [rowsByUnit, sessions] = await Promise.all([
    peopleRowsOf(tree.ordered().map((unit) => unit.unitId), Number(today.slice(0, 4))),
    sources.sessionsBetween(dayStart(addDays(today, 1)), dayStart(addDays(today, 2))),
  ]);
  const standing = new Map([...rowsByUnit.values()].flat().map((row) => [row.personId, row]));
  const tomorrow = new Map<string, SessionForDigest[]>();
  for (const { personIds, ...session } of sessions) {
    for (const personId of personIds) tomorrow.set(personId, [...(tomorrow.get(personId) ?? []), session]);
  }
  const everyone = new Set([...standing.keys(), ...tomorrow.keys()]);
  const drafts = [...everyone]
    .map((personId) => ({ personId, entries: digestEntries(standing.get(personId), tomorrow.get(personId) ?? [], today) }))
    .filter((draft) => draft.entries.length > 0);
  // A retry skips, with a batched read, the digests already written (the conditional write below stays the guard);
  // only those with something still to be reminded of need their settings read.
  const sent = await haveNotification(drafts.map((draft) => draft.personId), digestId(today));
  const pending = drafts.filter((draft) => !sent.has(draft.personId));
  const settings = await readManySettings(pending.map((draft) => draft.personId));
  const figures = { people: everyone.size, withReminders: drafts.length, digests: 0, alreadySent: sent.size, allMuted: 0 };
  await eachLimited(pending, 16, async ({ personId, entries }) => {
    const mine = settings.get(personId);
    const lines = entries.filter((entry) => !mine?.muted.includes(entry.kind));
    if (lines.length === 0) {
      figures.allMuted++;
      return;
    }
    const written = await deliver(
      { kind: 'digest', params: { count: lines.length }, link: null, lines, day: today, notificationId: digestId(today), personId, createdAt: now.toISOString(), readAt: null },
      mine,
      now,
    );
    if (written) figures.digests++;
    else figures.alreadySent++;
  });
  await markReminderDayDone(today, figures, now.toISOString());
  return figures;
}
