/**
 * Reads and writes of pledges. No permission checks here (the services decide). Each write is one item with its own
 * condition: a pledge moves by its version, a progress entry is its own item and bumps its pledge's counter, a
 * rating and a profile are one item each, a board entry is rewritten whole from what it summarises.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { markStale } from '../../platform/stale.js';
import { batchGetItems, eachLimited, queryItems, versionedWrite } from '../../platform/store.js';
import {
  boardFrom,
  boardItem,
  boardSortKey,
  commentFrom,
  commentItem,
  keys,
  pledgeFrom,
  pledgeItem,
  profileFrom,
  profileItem,
  progressFrom,
  progressItem,
  ratingFrom,
  ratingItem,
  windowFrom,
  windowItem,
} from './entities.js';
import type { BoardEntry, Pledge, PledgeComment, PledgeProfile, PledgeRatingRecord, ProgressEntry, ReviewWindow } from './schema.js';

const table = () => config().tableName;

// ─── Pledges ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function readPledge(pledgeId: string): Promise<Pledge | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.pledge(pledgeId), ConsistentRead: true }));
  return Item ? pledgeFrom(Item) : undefined;
}

export async function insertPledge(pledge: Pledge): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: pledgeItem(pledge), ConditionExpression: 'attribute_not_exists(pk)' }));
  await markStale('overview');
}

/** Replaces the pledge if it is still at `expectedVersion` (409 naming the version stored now otherwise). */
export async function replacePledge(pledge: Pledge, expectedVersion: number): Promise<void> {
  await versionedWrite(
    () => aws().doc.send(new PutCommand({ TableName: table(), Item: pledgeItem(pledge), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } })),
    expectedVersion,
    () => readPledge(pledge.pledgeId),
  );
  await markStale('overview');
}

/** Everything of one pledge in one query: the pledge, its ledger (oldest first) and its comments (oldest first). */
export async function readPledgePartition(pledgeId: string): Promise<{ pledge?: Pledge; progress: ProgressEntry[]; comments: PledgeComment[] }> {
  const items = await queryItems({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.pledgePartition(pledgeId) }, ConsistentRead: true });
  const out: { pledge?: Pledge; progress: ProgressEntry[]; comments: PledgeComment[] } = { progress: [], comments: [] };
  for (const item of items) {
    const sk = String(item.sk);
    if (sk === 'PLEDGE') out.pledge = pledgeFrom(item);
    else if (sk.startsWith('PROGRESS#')) out.progress.push(progressFrom(item));
    else if (sk.startsWith('COMMENT#')) out.comments.push(commentFrom(item));
  }
  return out;
}

/** An owner's pledges of a year, in the order written. */
export async function ownerPledges(ownerId: string, year: number): Promise<Pledge[]> {
  const items = await queryItems({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.ownerPledges(ownerId, year) } });
  return items.map(pledgeFrom);
}

/** A branch's pledges of a year (every owner, every state). */
export async function branchPledges(branchId: string, year: number): Promise<Pledge[]> {
  const items = await queryItems({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.branchPledges(branchId, year) } });
  return items.map(pledgeFrom);
}

// ─── The ledger and comments ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Adds a ledger entry, then counts it on the pledge (one UpdateItem, no read; `done` also marks the pledge done).
 * The pledge must still be public: an entry never lands on a pledge that is not.
 */
export async function appendProgress(entry: ProgressEntry, done: boolean): Promise<Pledge> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: progressItem(entry), ConditionExpression: 'attribute_not_exists(pk)' }));
  const { Attributes } = await aws().doc.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.pledge(entry.pledgeId),
      UpdateExpression: `SET progressCount = progressCount + :one, lastProgressAt = :at, updatedAt = :at, version = version + :one${done ? ', #state = :done, doneAt = :at' : ''}`,
      ConditionExpression: '#state IN (:approved, :done)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':one': 1, ':at': entry.createdAt, ':approved': 'approved', ':done': 'done' },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return pledgeFrom(Attributes!);
}

export async function insertComment(comment: PledgeComment): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: commentItem(comment), ConditionExpression: 'attribute_not_exists(pk)' }));
}

// ─── Profiles, ratings, windows ────────────────────────────────────────────────────────────────────────────────────

export async function readProfile(personId: string): Promise<PledgeProfile | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.profile(personId), ConsistentRead: true }));
  return Item ? profileFrom(Item) : undefined;
}

/** The profiles of these people that exist (one BatchGetItem per 100 people). */
export async function readProfiles(personIds: readonly string[]): Promise<PledgeProfile[]> {
  return (await batchGetItems(personIds.map((id) => keys.profile(id)))).map(profileFrom);
}

/** Stores the profile if it is still at `expectedVersion` (0: none yet). */
export async function writeProfile(profile: PledgeProfile, expectedVersion: number): Promise<void> {
  await versionedWrite(
    () =>
      aws().doc.send(
        new PutCommand({
          TableName: table(),
          Item: profileItem(profile),
          ...(expectedVersion === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      ),
    expectedVersion,
    async () => (await readProfile(profile.personId)) ?? { version: 0 },
  );
}

export async function readRating(personId: string, year: number): Promise<PledgeRatingRecord | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.rating(personId, year), ConsistentRead: true }));
  return Item ? ratingFrom(Item) : undefined;
}

export async function putRating(rating: PledgeRatingRecord): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: ratingItem(rating) }));
  await markStale('overview');
}

/** A branch's ratings of a year: one item per person rated. */
export async function branchRatings(branchId: string, year: number): Promise<PledgeRatingRecord[]> {
  const items = await queryItems({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.branchRatings(branchId, year) } });
  return items.map(ratingFrom);
}

export async function putWindow(window: ReviewWindow): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: windowItem(window) }));
  await markStale('overview');
}

/** The review windows opened for a year (a few: one per unit that has one). */
export async function windowsOfYear(year: number): Promise<ReviewWindow[]> {
  const items = await queryItems({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.windowPartition(year) } });
  return items.map(windowFrom);
}

// ─── The board ─────────────────────────────────────────────────────────────────────────────────────────────────────

export async function putBoardEntry(entry: BoardEntry): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: boardItem(entry) }));
}

export async function deleteBoardEntry(ownerId: string, year: number): Promise<void> {
  await aws().doc.send(new DeleteCommand({ TableName: table(), Key: keys.board(ownerId, year) }));
}

/**
 * A page of the public cards of the units' own people (not their subtrees: the caller names every unit, in the order
 * shown), at most `limit`, resuming after a unit's sort key; `next` names where the following page starts. Reads only
 * the cards it answers with (a query per unit touched, each limited to what is still wanted).
 */
export async function boardPage(unitIds: readonly string[], year: number, after: { unitId: string; sk: string } | undefined, limit: number): Promise<{ entries: BoardEntry[]; next: { unitId: string; sk: string } | null }> {
  const entries: BoardEntry[] = [];
  let start = after ? unitIds.indexOf(after.unitId) : 0;
  if (start < 0) start = unitIds.length;
  for (let i = start; i < unitIds.length; i++) {
    const unitId = unitIds[i]!;
    const from = i === start && after ? after.sk : undefined;
    let exclusive: Record<string, unknown> | undefined;
    do {
      const page = await aws().doc.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'gsi1',
          KeyConditionExpression: from ? 'gsi1pk = :pk AND gsi1sk > :after' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.unitBoard(unitId, year), ...(from ? { ':after': from } : {}) },
          Limit: limit - entries.length,
          ...(exclusive ? { ExclusiveStartKey: exclusive } : {}),
        }),
      );
      entries.push(...(page.Items ?? []).map(boardFrom));
      exclusive = page.LastEvaluatedKey;
      if (entries.length >= limit) {
        const last = entries[entries.length - 1]!;
        const more = exclusive !== undefined || i < unitIds.length - 1;
        return { entries, next: more ? { unitId, sk: boardSortKey(last) } : null };
      }
    } while (exclusive);
  }
  return { entries, next: null };
}

/** The public cards of the units' own people (not their subtrees: the caller names every unit), one query per unit. */
export async function boardOfUnits(unitIds: readonly string[], year: number): Promise<BoardEntry[]> {
  const found: BoardEntry[][] = [];
  await eachLimited(
    unitIds.map((unitId, index) => ({ unitId, index })),
    8,
    async ({ unitId, index }) => {
      const items = await queryItems({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.unitBoard(unitId, year) } });
      found[index] = items.map(boardFrom);
    },
  );
  return found.flat();
}
