import { z } from 'zod';
import { Id, Timestamp } from '../../platform/fields.js';
import { apiMessage, languages } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { notificationsLabels, notificationsMessages } from './messages.js';

/**
 * What a person is told, as data. `digest`: gathered into the day's one digest (reminders; mutable); `event`: sent at
 * once when it happens. `answer`: it asks the person to act (a returned pledge, a leave decision, an organizer's
 * reminder), so it cannot be muted.
 */
export const NOTIFICATION_KINDS = [
  { kind: 'dueIn3Days', channel: 'digest', mutable: true },
  { kind: 'dueIn1Day', channel: 'digest', mutable: true },
  { kind: 'overdue', channel: 'digest', mutable: true },
  { kind: 'sessionTomorrow', channel: 'digest', mutable: true },
  { kind: 'makeUpDue', channel: 'digest', mutable: true },
  { kind: 'sessionCancelled', channel: 'event', mutable: true },
  { kind: 'leaveDecided', channel: 'event', mutable: false },
  { kind: 'pledgeReturned', channel: 'event', mutable: false },
  { kind: 'pledgeRated', channel: 'event', mutable: true },
  { kind: 'quizResult', channel: 'event', mutable: true },
  { kind: 'remindedByOrganizer', channel: 'event', mutable: false },
  { kind: 'digest', channel: 'event', mutable: false },
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]['kind'];
export const notificationKinds = NOTIFICATION_KINDS.map((k) => k.kind) as [NotificationKind, ...NotificationKind[]];
export const NotificationKind = z.enum(notificationKinds);
/** The kinds a person may mute (everything but what needs an answer, and the digest that carries reminders). */
export const mutableKinds = NOTIFICATION_KINDS.filter((k) => k.mutable).map((k) => k.kind) as NotificationKind[];
export const MutableKind = z.enum(mutableKinds as [NotificationKind, ...NotificationKind[]]);
/** The kinds a digest gathers. */
export const digestKinds = NOTIFICATION_KINDS.filter((k) => k.channel === 'digest').map((k) => k.kind) as NotificationKind[];

/**
 * A parameter of a notification's text: a number, a string shown as is (a title, a name), an instant (`…At`: shown
 * as a date and time in Shanghai in the reader's language), or a word given in every language (a rating, a decision).
 */
export const Param = z.union([z.string().max(500), z.number(), z.record(z.enum(languages), z.string().max(200))]);
export type Param = z.infer<typeof Param>;
export const Params = z.record(z.string().max(40), Param);
export type Params = z.infer<typeof Params>;

/** A link into the web: a plain same-site path. */
export const Link = z.string().max(300).regex(/^\/(?!\/)[^\s\\]*$/);

/** One line of a digest (or an event before it is stored). */
export const Entry = z.object({
  kind: NotificationKind,
  /** A variant of the kind's text (`approved` / `refused` for a leave decision, `passed` / `failed` for a quiz). */
  variant: z.string().max(20).regex(/^[a-z][a-zA-Z]*$/).optional(),
  params: Params,
  link: Link.nullable(),
});
export type Entry = z.infer<typeof Entry>;

/** What the areas hand to `notify`. */
export type NotificationEvent = Entry;

/** A notification as stored: an entry (a digest carries its lines in `lines`), when it came and when it was read. */
export const Notification = Entry.extend({
  notificationId: Id,
  personId: Id,
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
  lines: z.array(Entry).optional(),
  /** The Shanghai day a digest is for. */
  day: z.string().optional(),
});
export type Notification = z.infer<typeof Notification>;

/** A person's choices: kinds muted, and e-mail (the platform keeps no address of people: it is given here). */
export const Settings = z.object({
  muted: z.array(MutableKind),
  email: z.boolean(),
  emailAddress: z.string().nullable(),
  /** The language e-mail is written in (the person's when they last saved). */
  lang: z.enum(languages),
  updatedAt: Timestamp.nullable(),
});
export type Settings = z.infer<typeof Settings>;
export const defaultSettings = (lang: Settings['lang'] = 'zh-CN'): Settings => ({ muted: [], email: false, emailAddress: null, lang, updatedAt: null });

/** One message to be sent by e-mail, keyed by the notification it carries (so it is queued and sent once). */
export const OutboxEntry = z.object({
  personId: z.string(),
  notificationId: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  queuedAt: z.string(),
  /** `kept`: no mail service is configured (locally), the entry is the record; `sent` / `failed` on AWS. */
  status: z.enum(['kept', 'sending', 'sent', 'failed']),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

// ─── Inputs ────────────────────────────────────────────────────────────────────────────────────────────────────────

export const ListNotificationsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const MarkReadInput = z
  .object({
    /** The notifications to mark read; or `all: true` for every unread one. */
    ids: z.array(Id).max(100).optional(),
    all: z.boolean().optional(),
  })
  .strict()
  .refine((input) => input.all === true || (input.ids?.length ?? 0) > 0, { path: ['ids'], error: () => apiMessage(currentLang(), notificationsMessages.markWhich) });

const EmailAddress = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/, { error: () => apiMessage(currentLang(), notificationsMessages.emailInvalid) });

export const SettingsInput = z
  .object({
    muted: z.array(MutableKind).max(notificationKinds.length),
    email: z.boolean(),
    emailAddress: z.union([EmailAddress, z.literal(''), z.null()]).optional(),
  })
  .strict()
  .refine((input) => !input.email || Boolean(input.emailAddress), { path: ['emailAddress'], error: () => apiMessage(currentLang(), notificationsMessages.emailNeedsAddress) });

export const RemindOverdueInput = z.object({ dryRun: z.boolean() }).strict();

/** Fields named in validation messages; the labels are declared in messages.ts. */
export const fieldLabels = notificationsLabels;
