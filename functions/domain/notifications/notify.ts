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

/** Tells each person of the event (in-app, and by e-mail if they asked). Never throws. */
export async function notify(personIds: readonly string[], event: NotificationEvent): Promise<void> {
  try {
    const entry = Entry.parse(event);
    if (!renderable(entry, false)) throw new Error(`no texts for ${entry.kind}${entry.variant ? `/${entry.variant}` : ''}`);
    const people = [...new Set(personIds)];
    if (people.length === 0) return;
    const settings = await readManySettings(people);
    const now = clock.now();
    await eachLimited(people, 8, async (personId) => {
      try {
        await deliver({ ...entry, notificationId: newId(), personId, createdAt: now.toISOString(), readAt: null }, settings.get(personId), now);
      } catch (error) {
        logFailure('could not notify', error, { personId, kind: entry.kind });
      }
    });
  } catch (error) {
    logFailure('could not notify', error, { kind: event?.kind });
  }
}
