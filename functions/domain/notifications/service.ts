/**
 * One's inbox (listNotifications, markNotificationsRead), what one is reminded of (updateNotificationSettings), the
 * unread count the shell shows on every page, and the outbox an admin reads. The overdue reminders an organizer
 * sends are in overdue-service.ts; events come in through notify.ts, reminders through reminders.ts.
 */
import { clock, nowIso } from '../../platform/clock.js';
import { parseInput } from '../../platform/store.js';
import { currentLang } from '../../platform/request-scope.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { render } from './render.js';
import { ListNotificationsQuery, MarkReadInput, NOTIFICATION_KINDS, SettingsInput, type Notification, type Settings } from './schema.js';
import { addUnread, inboxPage, markRead, outboxPage, putSettings, readSettings, readUnread, setUnread, unreadIds } from './store.js';

export { notify } from './notify.js';

const settingsView = (settings: Settings) => ({
  muted: settings.muted,
  email: settings.email,
  emailAddress: settings.emailAddress,
  kinds: NOTIFICATION_KINDS.map(({ kind, channel, mutable }) => ({ kind, channel, mutable })),
});

function notificationView(notification: Notification) {
  const { title, body, lines } = render(notification, currentLang());
  return {
    notificationId: notification.notificationId,
    kind: notification.kind,
    title,
    body,
    lines,
    link: notification.link,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
  };
}

/** A person's unread count (one GetItem): what getMe answers for the bell in the header. */
export function unreadCountOf(personId: string): Promise<number> {
  return readUnread(personId);
}

export async function listNotifications(actor: Actor | null, query: unknown) {
  authorize(actor, 'listNotifications');
  const q = parseInput(ListNotificationsQuery, query);
  const [page, unreadCount, settings] = await Promise.all([inboxPage(actor!.personId, q.cursor, q.limit ?? 20), readUnread(actor!.personId), readSettings(actor!.personId)]);
  return { items: page.items.map(notificationView), cursor: page.cursor, unreadCount, settings: settingsView(settings) };
}

/** Marks the given notifications (or all) read; answers the unread count after. */
export async function markNotificationsRead(actor: Actor | null, input: unknown) {
  authorize(actor, 'markNotificationsRead');
  const data = parseInput(MarkReadInput, input);
  const personId = actor!.personId;
  const at = nowIso();
  if (data.all) {
    await markRead(personId, await unreadIds(personId), at);
    await setUnread(personId, 0);
  } else {
    const marked = await markRead(personId, data.ids ?? [], at);
    if (marked > 0) await addUnread(personId, -marked);
  }
  return { unreadCount: await readUnread(personId) };
}

export async function updateNotificationSettings(actor: Actor | null, input: unknown) {
  authorize(actor, 'updateNotificationSettings');
  const data = parseInput(SettingsInput, input);
  const settings: Settings = {
    muted: [...new Set(data.muted)],
    email: data.email,
    emailAddress: data.emailAddress ? data.emailAddress : null,
    lang: currentLang(),
    updatedAt: clock.now().toISOString(),
  };
  await putSettings(actor!.personId, settings);
  return settingsView(settings);
}

/** The outbox: every e-mail queued, sent or kept (locally: what would have been sent), newest first. */
export async function listOutbox(actor: Actor | null, query: unknown) {
  authorize(actor, 'listOutbox');
  const q = parseInput(ListNotificationsQuery, query);
  const page = await outboxPage(q.cursor, q.limit ?? 50);
  return { items: page.items, cursor: page.cursor };
}
