/**
 * Reads and writes of notifications (entities.ts has the keys). No permission checks here. Each write is one item:
 * a notification created once, its read mark set once, the unread counter moved by ADD, a digest, an overdue
 * reminder of a unit and an e-mail each claimed with `attribute_not_exists`.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { batchGetItems, decodeAfterCursor, encodeAfterCursor, eachLimited, unknownCursor, writeIfStill, type Page } from '../../platform/store.js';
import { keys, notificationFrom, notificationItem, outboxFrom, outboxItem, remindedItem, settingsFrom, settingsItem, Reminded } from './entities.js';
import type { Notification, OutboxEntry, Settings } from './schema.js';

const table = () => config().tableName;

// ─── Notifications ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Writes a notification unless one with its id is there (a digest of the day, a retried event): true when written. */
export function insertNotification(notification: Notification): Promise<boolean> {
  return writeIfStill(() => aws().doc.send(new PutCommand({ TableName: table(), Item: notificationItem(notification), ConditionExpression: 'attribute_not_exists(pk)' })));
}

/** Which of these people already have the notification of this id (a digest of the day): one BatchGetItem per 100. */
export async function haveNotification(personIds: readonly string[], notificationId: string): Promise<Set<string>> {
  const items = await batchGetItems(personIds.map((personId) => keys.notification(personId, notificationId)));
  return new Set(items.map((item) => String(item.personId)));
}

/** A person's notifications, newest first, a page at a time. */
export async function inboxPage(personId: string, cursor: string | null | undefined, limit: number): Promise<Page<Notification>> {
  const after = decodeAfterCursor(cursor, 40);
  const page = await aws().doc.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
      ExpressionAttributeValues: { ':pk': keys.inbox(personId), ':n': 'N#' },
      ScanIndexForward: false,
      Limit: limit,
      ...(after ? { ExclusiveStartKey: { pk: keys.inbox(personId), sk: after } } : {}),
    }),
  );
  const items = (page.Items ?? []).map(notificationFrom);
  const last = page.LastEvaluatedKey?.sk;
  return { items, cursor: typeof last === 'string' ? encodeAfterCursor(last) : null };
}

/** The ids of a person's unread notifications (the partition's unread ones; a bounded inbox: TTL tidies it). */
export async function unreadIds(personId: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await aws().doc.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
        FilterExpression: 'attribute_not_exists(readAt)',
        ProjectionExpression: 'notificationId',
        ExpressionAttributeValues: { ':pk': keys.inbox(personId), ':n': 'N#' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => String(item.notificationId)));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

/** Marks the given notifications read (each once); answers how many this call marked. */
export async function markRead(personId: string, ids: readonly string[], at: string): Promise<number> {
  let marked = 0;
  await eachLimited(ids, 8, async (id) => {
    const done = await writeIfStill(() =>
      aws().doc.send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.notification(personId, id),
          UpdateExpression: 'SET readAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(readAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
    if (done) marked++;
  });
  return marked;
}

// ─── The unread counter ────────────────────────────────────────────────────────────────────────────────────────────

/** Moves a person's unread count by `delta` (one UpdateItem, ADD). */
export async function addUnread(personId: string, delta: number): Promise<void> {
  await aws().doc.send(new UpdateCommand({ TableName: table(), Key: keys.counter(personId), UpdateExpression: 'ADD unread :d', ExpressionAttributeValues: { ':d': delta } }));
}

/** Sets the count (after "mark all read": 0, which also heals a count a lost ADD left wrong). */
export async function setUnread(personId: string, unread: number): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: { ...keys.counter(personId), entity: 'unreadCount', unread } }));
}

/** A person's unread count: one GetItem (never below zero). */
export async function readUnread(personId: string): Promise<number> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.counter(personId) }));
  return Math.max(0, Number(Item?.unread ?? 0));
}

// ─── Settings ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function readSettings(personId: string): Promise<Settings> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.settings(personId) }));
  return settingsFrom(Item);
}

/** The settings of many people (one BatchGetItem per 100): person → settings; people who never saved have none. */
export async function readManySettings(personIds: readonly string[]): Promise<Map<string, Settings>> {
  const items = await batchGetItems(personIds.map((personId) => keys.settings(personId)));
  return new Map(items.map((item) => [String(item.personId), settingsFrom(item)]));
}

export async function putSettings(personId: string, settings: Settings): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: settingsItem(personId, settings) }));
}

// ─── Overdue reminders of a unit ───────────────────────────────────────────────────────────────────────────────────

export async function readReminded(unitId: string, day: string): Promise<Reminded | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.reminded(unitId, day), ConsistentRead: true }));
  return Item ? Reminded.parse(Item) : undefined;
}

/** Claims the unit's reminder of the day: false when someone already sent it. */
export function claimReminded(reminded: Reminded): Promise<boolean> {
  return writeIfStill(() => aws().doc.send(new PutCommand({ TableName: table(), Item: remindedItem(reminded), ConditionExpression: 'attribute_not_exists(pk)' })));
}

// ─── The outbox ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Queues an e-mail once per notification: false when it was queued before (a retried job sends nothing twice). */
export function claimOutbox(entry: OutboxEntry): Promise<boolean> {
  return writeIfStill(() => aws().doc.send(new PutCommand({ TableName: table(), Item: outboxItem(entry), ConditionExpression: 'attribute_not_exists(pk)' })));
}

export async function settleOutbox(entry: OutboxEntry): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: outboxItem(entry) }));
}

/** The outbox, newest first, a page at a time. */
export async function outboxPage(cursor: string | null | undefined, limit: number): Promise<Page<OutboxEntry>> {
  const after = decodeAfterCursor(cursor, 200);
  const page = await aws().doc.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.outboxIndex },
      ScanIndexForward: false,
      Limit: limit,
      ...(after ? { ExclusiveStartKey: outboxKey(after) } : {}),
    }),
  );
  const last = page.LastEvaluatedKey;
  return { items: (page.Items ?? []).map(outboxFrom), cursor: last ? encodeAfterCursor(JSON.stringify(last)) : null };
}

/** The index key an outbox cursor carries; anything else is a cursor this listing never gave out (400). */
function outboxKey(after: string): Record<string, string> {
  try {
    const key = JSON.parse(after) as Record<string, unknown>;
    const names = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
    if (key && typeof key === 'object' && Object.keys(key).every((name) => names.includes(name)) && names.every((name) => typeof key[name] === 'string')) return key as Record<string, string>;
  } catch {
    // fall through
  }
  throw unknownCursor();
}

/** The day the reminder job finished sending (so the runs after it that day read one item, not everyone's). */
const dayKey = (day: string) => ({ pk: 'REMINDERS#DAYS', sk: day });

export async function reminderDayDone(day: string): Promise<boolean> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: dayKey(day) }));
  return Item !== undefined;
}

export async function markReminderDayDone(day: string, figures: Record<string, number>, at: string): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: { ...dayKey(day), entity: 'reminderDay', figures, at, expiresAt: Math.floor(Date.parse(at) / 1000) + 90 * 86_400 } }));
}
