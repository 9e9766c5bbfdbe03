/** Reads and writes of display links. No permission checks (the service decides). */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { writeIfStill } from '../../platform/store.js';
import { keys, linkFrom, linkItem } from './entities.js';
import type { DisplayLink } from './schema.js';

const table = () => config().tableName;

export async function insertLink(link: DisplayLink): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: linkItem(link), ConditionExpression: 'attribute_not_exists(pk)' }));
}

/** Writes a link whatever is there (the demo's fixed link, made again on every seed). */
export async function putLink(link: DisplayLink): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: linkItem(link) }));
}

export async function readLink(linkId: string, consistent = false): Promise<DisplayLink | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.link(linkId), ConsistentRead: consistent }));
  return Item ? linkFrom(Item) : undefined;
}

/** Every link (an administrator's list: a bureau keeps a handful). */
export async function allLinks(): Promise<DisplayLink[]> {
  const out: DisplayLink[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await aws().doc.send(
      new QueryCommand({ TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.all }, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    out.push(...(page.Items ?? []).map(linkFrom));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Revokes a link not yet revoked: false when it was already (or is gone). */
export async function writeRevoked(linkId: string, at: string, by: string): Promise<boolean> {
  return writeIfStill(() =>
    aws().doc.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.link(linkId),
        UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND revokedAt = :none',
        ExpressionAttributeValues: { ':at': at, ':by': by, ':none': null },
      }),
    ),
  );
}

/** Notes that a display read the link (unconditional: the latest reader wins, and it only informs the list). */
export async function writeSeen(linkId: string, at: string): Promise<void> {
  await aws().doc.send(new UpdateCommand({ TableName: table(), Key: keys.link(linkId), UpdateExpression: 'SET lastSeenAt = :at', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':at': at } }));
}
