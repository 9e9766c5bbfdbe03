/**
 * Telling people of an event at once (internal: no actor; the areas call it after their own write succeeded). It
 * imports no other area, so any area may call it without an import cycle. A failure to notify never fails the
 * write that caused it: it is logged and the call returns.
 */
import { clock } from '../../platform/clock.js';
import { eachLimited } from '../../platform/store.js';
import { newId } from '../../platform/ids.js';
import { deliverByEmail } from './delivery.js';
import { renderable } from './render.js';
import { Entry, type Notification, type NotificationEvent, type Settings } from './schema.js';
import { addUnread, insertNotification, readManySettings } from './store.js';

const logFailure = (what: string, error: unknown, extra: Record<string, unknown> = {}) =>
  console.error(JSON.stringify({ level: 'error', msg: what, ...extra, error: error instanceof Error ? error.message : String(error) }));

/**
 * Writes one notification to a person's inbox (skipped if they muted its kind), moves their unread count and sends
 * the e-mail they asked for. True when written; false when muted or already there (a notification's id is its
 * identity: a digest's is its day).
 */
export async function deliver(notification: Notification, settings: Settings | undefined, now: Date): Promise<boolean> {
  // Only mutable kinds can be among a person's muted ones (the settings' schema).
  if (settings?.muted.includes(notification.kind)) return false;
  if (!(await insertNotification(notification))) return false;
  await addUnread(notification.personId, 1);
  if (settings) await deliverByEmail(notification, settings, now);
  return true;
}

/** An event the areas hand in, checked: its shape, and that its kind (and variant) has texts. */
function checked(event: NotificationEvent): Entry {
  const entry = Entry.parse(event);
  if (!renderable(entry, false)) throw new Error(`no texts for ${entry.kind}${entry.variant ? `/${entry.variant}` : ''}`);
  return entry;
}

/** Tells each person of the event (in-app, and by e-mail if they asked). Never throws. */
export async function notify(personIds: readonly string[], event: NotificationEvent): Promise<void> {
  try {
    const entry = checked(event);
    await deliverEach([...new Set(personIds)].map((personId) => ({ personId, entry })));
  } catch (error) {
    logFailure('could not notify', error, { kind: event?.kind });
  }
}

/** Tells each person of an event of their own (the same kind, their own parameters). Never throws. */
export async function notifyEach(events: ReadonlyArray<{ personId: string; event: NotificationEvent }>): Promise<void> {
  try {
    await deliverEach(events.map(({ personId, event }) => ({ personId, entry: checked(event) })));
  } catch (error) {
    logFailure('could not notify', error, { kind: events[0]?.event?.kind });
  }
}

/** Delivers each entry to its person, with one batched read of everyone's settings. */
async function deliverEach(deliveries: ReadonlyArray<{ personId: string; entry: Entry }>): Promise<void> {
  if (deliveries.length === 0) return;
  const settings = await readManySettings([...new Set(deliveries.map((d) => d.personId))]);
  const now = clock.now();
  await eachLimited(deliveries, 8, async ({ personId, entry }) => {
    try {
      await deliver({ ...entry, notificationId: newId(), personId, createdAt: now.toISOString(), readAt: null }, settings.get(personId), now);
    } catch (error) {
      logFailure('could not notify', error, { personId, kind: entry.kind });
    }
  });
}
