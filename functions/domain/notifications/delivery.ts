/**
 * How a notification reaches a person. In the app always: the notification item is the delivery (written by
 * `notify` and the reminders job), and the unread counter moves with it. By e-mail when the person turned it on
 * and gave an address: through Amazon SES (SESv2 SendEmail) when `SES_FROM_ADDRESS` is configured; otherwise (locally,
 * in tests) the message is kept in the outbox an admin reads at /admin/outbox. Either way the e-mail is first claimed
 * in the outbox under the notification's id, so a retried job or a repeated event sends it once.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { config } from '../../platform/config.js';
import { apiMessage } from '../../platform/i18n.js';
import { notificationsMessages } from './messages.js';
import { render } from './render.js';
import type { Notification, OutboxEntry, Settings } from './schema.js';
import { claimOutbox, settleOutbox } from './store.js';

/** Sends one e-mail; the interface a test or another mail service could stand behind. */
export interface MailSender {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

let sesClient: SESv2Client | undefined;

/** Amazon SES, from the configured sender. */
export const sesSender = (from: string): MailSender => ({
  async send({ to, subject, text }) {
    sesClient ??= new SESv2Client({ region: config().region });
    await sesClient.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: text, Charset: 'UTF-8' } } } },
      }),
    );
  },
});

let override: MailSender | null | undefined;

/** Replaces the sender (null: keep in the outbox; undefined: back to the configuration). */
export function useMailSender(sender: MailSender | null | undefined): void {
  override = sender;
}

function mailSender(): MailSender | null {
  if (override !== undefined) return override;
  const from = config().sesFromAddress;
  return from ? sesSender(from) : null;
}

/** The e-mail of a notification, in the person's language. */
export function emailOf(notification: Notification, settings: Settings): { subject: string; text: string } {
  const rendered = render(notification, settings.lang);
  const lines = rendered.lines.map((line) => `• ${line.text}`);
  const footer = apiMessage(settings.lang, notificationsMessages.emailFooter);
  return {
    subject: apiMessage(settings.lang, notificationsMessages.emailSubject, { title: rendered.title }),
    text: [rendered.body, ...lines, '', footer].filter((part, i) => part !== '' || i > 0).join('\n'),
  };
}

/**
 * Sends a notification by e-mail if the person asked for it: true when this call sent (or kept) it, false when it
 * was not wanted or was claimed before. Errors of the mail service are recorded on the outbox entry, not thrown.
 */
export async function deliverByEmail(notification: Notification, settings: Settings, now: Date): Promise<boolean> {
  if (!settings.email || !settings.emailAddress) return false;
  const sender = mailSender();
  const { subject, text } = emailOf(notification, settings);
  const entry: OutboxEntry = {
    personId: notification.personId,
    notificationId: notification.notificationId,
    to: settings.emailAddress,
    subject,
    text,
    queuedAt: now.toISOString(),
    status: sender ? 'sending' : 'kept',
    sentAt: null,
    error: null,
  };
  if (!(await claimOutbox(entry))) return false;
  if (!sender) return true;
  try {
    await sender.send({ to: entry.to, subject, text });
    await settleOutbox({ ...entry, status: 'sent', sentAt: new Date().toISOString() });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ level: 'error', msg: 'e-mail not sent', notificationId: entry.notificationId, error: message }));
    await settleOutbox({ ...entry, status: 'failed', error: message.slice(0, 300) });
  }
  return true;
}
