/**
 * How notifications sit in the single table (README.md beside this file has the chart), written with the document
 * client as the newer areas do (decisions 034, 041). A person's inbox is one partition: their notifications (newest
 * first by a time-sortable id), the unread counter and their settings. A digest's id is made from its person's day,
 * so writing it once (`attribute_not_exists`) is what keeps a retried job from sending it twice.
 */
import { encodeTime } from 'ulid';
import { z } from 'zod';
import { Notification, OutboxEntry, Settings, defaultSettings } from './schema.js';

/** Notifications and outbox entries are tidied away after this long (TTL; code reads no further back anyway). */
export const KEEP_DAYS = 180;

export const keys = {
  inbox: (personId: string) => `INBOX#${personId}`,
  notification: (personId: string, notificationId: string) => ({ pk: `INBOX#${personId}`, sk: `N#${notificationId}` }),
  counter: (personId: string) => ({ pk: `INBOX#${personId}`, sk: 'COUNT' }),
  settings: (personId: string) => ({ pk: `INBOX#${personId}`, sk: 'SETTINGS' }),
  /** The one overdue reminder a unit gets a day (Shanghai). */
  reminded: (unitId: string, day: string) => ({ pk: `REMIND#${unitId}`, sk: day }),
  outbox: (personId: string, notificationId: string) => ({ pk: `OUTBOX#${personId}`, sk: notificationId }),
  /** gsi1: every e-mail, newest first (what an admin reads at /admin/outbox). */
  outboxIndex: 'OUTBOX',
};

/** A digest's id: the ULID of the start of its Shanghai day, with a zero random part (one per person and day). */
export function digestId(day: string): string {
  return `${encodeTime(new Date(`${day}T00:00:00+08:00`).getTime(), 10)}${'0'.repeat(16)}`;
}

type Item = Record<string, unknown>;
const expiresAt = (fromIso: string) => Math.floor(new Date(fromIso).getTime() / 1000) + KEEP_DAYS * 86_400;

export function notificationItem(notification: Notification): Item {
  const { readAt, ...rest } = notification;
  return {
    ...keys.notification(notification.personId, notification.notificationId),
    entity: 'notification',
    ...rest,
    ...(readAt ? { readAt } : {}),
    expiresAt: expiresAt(notification.createdAt),
  };
}

export const notificationFrom = (item: Item): Notification => Notification.parse({ ...item, readAt: item.readAt ?? null });

export const settingsItem = (personId: string, settings: Settings): Item => ({ ...keys.settings(personId), entity: 'notificationSettings', personId, ...settings });
export const settingsFrom = (item: Item | undefined): Settings => (item ? Settings.parse({ ...defaultSettings(), ...item }) : defaultSettings());

export const Reminded = z.object({ unitId: z.string(), day: z.string(), at: z.string(), by: z.string(), byName: z.string(), people: z.number().int() });
export type Reminded = z.infer<typeof Reminded>;
export const remindedItem = (r: Reminded): Item => ({ ...keys.reminded(r.unitId, r.day), entity: 'overdueReminder', ...r, expiresAt: expiresAt(r.at) });

export const outboxItem = (entry: OutboxEntry): Item => ({
  ...keys.outbox(entry.personId, entry.notificationId),
  entity: 'outbox',
  gsi1pk: keys.outboxIndex,
  gsi1sk: `${entry.queuedAt}#${entry.personId}#${entry.notificationId}`,
  ...entry,
  expiresAt: expiresAt(entry.queuedAt),
});
export const outboxFrom = (item: Item): OutboxEntry => OutboxEntry.parse(item);
