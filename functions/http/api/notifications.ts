import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { listNotifications, listOutbox, markNotificationsRead, updateNotificationSettings } from '../../domain/notifications/service.js';
import { remindOverdue } from '../../domain/notifications/overdue-service.js';
import { ListNotificationsQuery, MarkReadInput, NotificationKind, OutboxEntry, RemindOverdueInput, SettingsInput } from '../../domain/notifications/schema.js';
import { body, commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

// Domain schemas may be made before the OpenAPI extension loads (the seed imports them): named here, made anew.

/** One's inbox and what one is reminded of; an organizer's overdue reminders; the outbox of e-mail. */

const Kinds = z.array(z.object({ kind: NotificationKind, channel: z.enum(['digest', 'event']), mutable: z.boolean() }));

const SettingsView = z
  .object({
    muted: z.array(NotificationKind),
    email: z.boolean(),
    emailAddress: z.string().nullable(),
    kinds: Kinds.openapi({ description: 'Every kind, whether it comes in the daily digest or at once, and whether it may be muted (what needs an answer may not).' }),
  })
  .openapi('NotificationSettings');

const NotificationView = z
  .object({
    notificationId: z.string(),
    kind: NotificationKind,
    title: z.string().openapi({ description: 'In the reader’s language, made when read.' }),
    body: z.string(),
    lines: z.array(z.object({ kind: NotificationKind, text: z.string(), link: z.string().nullable() })).openapi({ description: 'A digest’s reminders, one a line.' }),
    link: z.string().nullable().openapi({ description: 'A page of the web this is about.' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

const Inbox = z
  .object({ items: z.array(NotificationView), cursor: z.string().nullable(), unreadCount: z.number().int(), settings: SettingsView })
  .openapi('Inbox');

const OverdueTask = z.object({ kind: z.enum(['course', 'quiz']), title: z.string(), dueAt: z.string(), link: z.string() });
const OverdueReminders = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    dryRun: z.boolean(),
    sent: z.number().int().openapi({ description: 'Reminders sent by this call (0 for a dry run).' }),
    people: z.array(z.object({ personId: z.string(), name: z.string(), unitName: z.string(), since: z.string(), tasks: z.array(OverdueTask) })),
    remindedToday: z.object({ at: z.string(), byName: z.string(), people: z.number().int() }).nullable(),
  })
  .openapi('OverdueReminders');

const OutboxView = z.object({ items: z.array(z.object(OutboxEntry.shape)), cursor: z.string().nullable() }).openapi('Outbox');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/me/notifications',
    operationId: 'listNotifications',
    tags: ['notifications'],
    summary: 'My inbox, newest first, a page at a time, with the unread count and my settings',
    request: { query: ListNotificationsQuery },
    responses: { 200: json(Inbox, 'My notifications.'), ...denied(), ...commonErrors },
  }),
  read: createRoute({
    method: 'post',
    path: '/me/notifications/read',
    operationId: 'markNotificationsRead',
    tags: ['notifications'],
    summary: 'Mark notifications read: the ids given, or `all: true`',
    request: body(MarkReadInput),
    responses: { 200: json(z.object({ unreadCount: z.number().int() }), 'The unread count after.'), ...denied(), ...commonErrors },
  }),
  settings: createRoute({
    method: 'put',
    path: '/me/notification-settings',
    operationId: 'updateNotificationSettings',
    tags: ['notifications'],
    summary: 'Which reminder kinds to mute, and e-mail on or off (with an address)',
    description: 'What needs an answer (a returned pledge, a leave decision, an organizer’s reminder) cannot be muted.',
    request: body(SettingsInput),
    responses: { 200: json(SettingsView, 'Saved.'), ...denied(), ...commonErrors },
  }),
  remind: createRoute({
    method: 'post',
    path: '/units/{unitId}/overdue-reminders',
    operationId: 'remindOverdue',
    tags: ['notifications'],
    summary: 'The overdue people of a unit (dry run), or remind them all (at most once a day per unit)',
    request: { params: z.object({ unitId: pathId('unitId') }), ...body(RemindOverdueInput) },
    responses: {
      200: json(OverdueReminders, 'The overdue people, and what was sent.'),
      404: errorResponse('No such unit, or not within reach.'),
      409: errorResponse('Already reminded today (`details.at`, `details.by`), or nobody is overdue.'),
      ...denied('Organizers (their branches) and admins.'),
      ...commonErrors,
    },
  }),
  outbox: createRoute({
    method: 'get',
    path: '/admin/outbox',
    operationId: 'listOutbox',
    tags: ['notifications'],
    summary: 'The e-mail outbox: every message sent (on AWS, through SES) or kept (locally), newest first',
    request: { query: ListNotificationsQuery },
    responses: { 200: json(OutboxView, 'The outbox.'), ...denied('Admins only.'), ...commonErrors },
  }),
};

export const notificationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.list, async (c) => c.json(await listNotifications(c.get('actor'), c.req.valid('query')), 200))
  .openapi(routes.read, async (c) => c.json(await markNotificationsRead(c.get('actor'), c.req.valid('json')), 200))
  .openapi(routes.settings, async (c) => c.json(await updateNotificationSettings(c.get('actor'), c.req.valid('json')), 200))
  .openapi(routes.remind, async (c) => c.json(await remindOverdue(c.get('actor'), c.req.valid('param').unitId, c.req.valid('json')), 200))
  .openapi(routes.outbox, async (c) => c.json(await listOutbox(c.get('actor'), c.req.valid('query')), 200));
