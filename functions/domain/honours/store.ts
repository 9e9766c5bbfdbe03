/** Reads and writes of honours. No permission checks (the service decides); a decision is one guarded transition. */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { writeIfStill } from '../../platform/store.js';
import { honourFrom, honourItem, keys } from './entities.js';
import type { Honour } from './schema.js';

const table = () => config().tableName;
type Item = Record<string, unknown>;

async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await aws().doc.send(new QueryCommand({ TableName: table(), ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function insertHonour(honour: Honour): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: honourItem(honour), ConditionExpression: 'attribute_not_exists(pk)' }));
}

export async function readHonour(honourId: string): Promise<Honour | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.honour(honourId), ConsistentRead: true }));
  return Item ? honourFrom(Item) : undefined;
}

/** nominated → awarded | declined, once: false when it had been decided already (or is gone). */
export async function writeDecision(honourId: string, decision: Pick<Honour, 'state' | 'decidedBy' | 'decidedByName' | 'decidedAt' | 'decisionNote'>): Promise<boolean> {
  return writeIfStill(() =>
    aws().doc.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.honour(honourId),
        UpdateExpression: 'SET #state = :state, decidedBy = :by, decidedByName = :byName, decidedAt = :at, decisionNote = :note',
        ConditionExpression: '#state = :nominated',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':state': decision.state,
          ':by': decision.decidedBy,
          ':byName': decision.decidedByName,
          ':at': decision.decidedAt,
          ':note': decision.decisionNote,
          ':nominated': 'nominated',
        },
      }),
    ),
  );
}

/** A quarter's honours, every state (one query; a quarter holds dozens). */
export async function honoursOfQuarter(quarter: string): Promise<Honour[]> {
  const items = await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.quarter(quarter) } });
  return items.map(honourFrom);
}

/** A person's honours whose quarter starts with `prefix` (a year `2027-`, or empty for all). */
export async function honoursOfPerson(personId: string, prefix = ''): Promise<Honour[]> {
  const items = await queryAll({
    IndexName: 'gsi2',
    KeyConditionExpression: prefix ? 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)' : 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.person(personId), ...(prefix ? { ':prefix': prefix } : {}) },
  });
  return items.map(honourFrom);
}
