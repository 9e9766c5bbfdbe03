/** Reads and writes of flags. No permission checks (the service decides); a flag is created once and dismissed once. */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { queryItems, writeIfStill } from '../../platform/store.js';
import { flagFrom, flagItem, keys } from './entities.js';
import type { Flag, FlagState } from './schema.js';

const table = () => config().tableName;

/** Stores a flag unless its fact was flagged before: true when this call created it. */
export function insertFlag(flag: Flag): Promise<boolean> {
  return writeIfStill(() => aws().doc.send(new PutCommand({ TableName: table(), Item: flagItem(flag), ConditionExpression: 'attribute_not_exists(pk)' })));
}

export async function readFlag(flagId: string): Promise<Flag | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.flag(flagId), ConsistentRead: true }));
  return Item ? flagFrom(Item) : undefined;
}

/** open → dismissed, once: false when it had been dismissed already (or is gone). */
export function writeDismissal(flagId: string, at: string, dismissal: Pick<Flag, 'dismissedBy' | 'dismissedByName' | 'dismissedAt' | 'dismissReason'>): Promise<boolean> {
  return writeIfStill(() =>
    aws().doc.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.flag(flagId),
        UpdateExpression: 'SET #state = :dismissed, gsi1pk = :pk, gsi1sk = :sk, dismissedBy = :by, dismissedByName = :byName, dismissedAt = :at, dismissReason = :reason',
        ConditionExpression: '#state = :open',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':dismissed': 'dismissed',
          ':open': 'open',
          ':pk': keys.state('dismissed'),
          ':sk': `${at}#${flagId}`,
          ':by': dismissal.dismissedBy,
          ':byName': dismissal.dismissedByName,
          ':at': dismissal.dismissedAt,
          ':reason': dismissal.dismissReason,
        },
      }),
    ),
  );
}

/** Every open flag (one query: a county has dozens at a time; each is dismissed or stays until someone looks). */
export async function queryOpenFlags(): Promise<Flag[]> {
  const items = await queryItems({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.state('open') }, ScanIndexForward: false });
  return items.map(flagFrom);
}

/** The newest `limit` dismissed flags (one query). */
export async function queryDismissedFlags(limit: number): Promise<Flag[]> {
  const page = await aws().doc.send(
    new QueryCommand({ TableName: table(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.state('dismissed') }, ScanIndexForward: false, Limit: limit }),
  );
  return (page.Items ?? []).map(flagFrom);
}

/** The job's mark: until when it last looked (one item). */
const markKey = { pk: 'FLAGS#JOB', sk: 'MARK' };

export async function readJobMark(): Promise<string | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: markKey, ConsistentRead: true }));
  return typeof Item?.until === 'string' ? Item.until : undefined;
}

/** Moves the mark forward only (a late run that read less never moves it back). */
export async function writeJobMark(until: string): Promise<void> {
  await writeIfStill(() =>
    aws().doc.send(
      new UpdateCommand({
        TableName: table(),
        Key: markKey,
        UpdateExpression: 'SET #until = :until, entity = :entity',
        ConditionExpression: 'attribute_not_exists(#until) OR #until < :until',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':until': until, ':entity': 'flagJobMark' },
      }),
    ),
  );
}
