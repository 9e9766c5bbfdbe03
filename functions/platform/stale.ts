/**
 * Derived figures that a write has made stale (docs/decisions/042). A write that changes what a figure is made from
 * marks it (`markStale`: one UpdateItem on the marker item `STALE` / `<key>`); a refresher recomputes what is marked
 * and clears each mark only if nobody marked it again meanwhile (`clearStale`, conditional on the time it read). The
 * first mark of a key asks for a refresh soon (`requestRefresh`), so figures follow a write within seconds with
 * nobody pressing a button; a scheduled run catches a request that was lost. Keys are strings the areas choose
 * (`course#<id>`, `overview`); the platform knows no area.
 *
 * Single-item atomicity (DESIGN rule 3): the mark is one item; recomputing is idempotent, so a refresh that runs
 * twice, or concurrently with another, writes the same figures.
 */
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from './aws.js';
import { clock } from './clock.js';
import { config } from './config.js';
import { writeIfStill } from './store.js';

const PK = 'STALE';
/** A mark older than this when marked again asks for a refresh again. */
const STUCK_MS = 20_000;
const LEASE = 'LEASE';

export interface StaleMark {
  key: string;
  /** The last time the key was marked (what `clearStale` checks). */
  markedAt: string;
  /** The first mark since the key was last cleared: the refresh lag is measured from it. */
  firstMarkedAt: string;
}

type Trigger = () => void;
let trigger: Trigger | undefined;

/**
 * Who hears that a refresh is wanted: locally, a debounced in-process run of the refresher; on AWS, an asynchronous
 * invocation of the jobs function. Set once where the process starts; unset, a mark waits for the scheduled run.
 */
export function onRefreshRequested(next: Trigger | undefined): void {
  trigger = next;
}

/** Asks for a refresh soon (never throws: a lost request is caught by the scheduled run). */
export function requestRefresh(): void {
  try {
    trigger?.();
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: 'refresh request failed', error: error instanceof Error ? error.message : String(error) }));
  }
}

/**
 * Marks derived figures stale. Safe to call from any write path: it never throws (a figure a moment late is better
 * than a write refused), and the first mark since the last refresh asks for one.
 */
export async function markStale(...keys: string[]): Promise<void> {
  const now = clock.now().toISOString();
  let fresh = false;
  await Promise.all(
    [...new Set(keys)].map(async (key) => {
      try {
        const { Attributes } = await aws().doc.send(
          new UpdateCommand({
            TableName: config().tableName,
            Key: { pk: PK, sk: key },
            UpdateExpression: 'SET markedAt = :now, firstMarkedAt = if_not_exists(firstMarkedAt, :now)',
            ExpressionAttributeValues: { ':now': now },
            ReturnValues: 'UPDATED_OLD',
          }),
        );
        // The first mark asks for a refresh; so does a mark left waiting too long (a refresh that was asked for and
        // lost, or a process that stopped before refreshing), rather than waiting for the schedule.
        const first = Attributes?.firstMarkedAt as string | undefined;
        if (!first || Date.parse(now) - Date.parse(first) > STUCK_MS) fresh = true;
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', msg: 'could not mark stale', key, error: error instanceof Error ? error.message : String(error) }));
      }
    }),
  );
  if (fresh) requestRefresh();
}

/** What is marked stale now (one query of one small partition). */
export async function staleMarks(): Promise<StaleMark[]> {
  const { Items = [] } = await aws().doc.send(
    new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': PK } }),
  );
  return Items.filter((item) => item.sk !== LEASE).map((item) => ({ key: String(item.sk), markedAt: String(item.markedAt), firstMarkedAt: String(item.firstMarkedAt ?? item.markedAt) }));
}

/** Clears a mark if it is still the one read (a write marked during the refresh keeps it). True when cleared. */
export function clearStale(mark: Pick<StaleMark, 'key' | 'markedAt'>): Promise<boolean> {
  return writeIfStill(() =>
    aws().doc.send(
      new DeleteCommand({
        TableName: config().tableName,
        Key: { pk: PK, sk: mark.key },
        ConditionExpression: 'markedAt = :seen',
        ExpressionAttributeValues: { ':seen': mark.markedAt },
      }),
    ),
  );
}

/**
 * Takes the refresher's lease for `seconds` (one conditional put): one refresher at a time, so concurrent requests
 * do not recompute the same figures side by side. A lease left by a crashed run expires by itself.
 */
export function takeRefreshLease(holder: string, seconds: number): Promise<boolean> {
  const now = clock.now();
  return writeIfStill(() =>
    aws().doc.send(
      new PutCommand({
        TableName: config().tableName,
        Item: { pk: PK, sk: LEASE, holder, until: new Date(now.getTime() + seconds * 1000).toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + seconds + 3600 },
        ConditionExpression: 'attribute_not_exists(pk) OR #until < :now OR holder = :holder',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':now': now.toISOString(), ':holder': holder },
      }),
    ),
  );
}

/** Gives the lease back (only if this holder still has it). */
export async function releaseRefreshLease(holder: string): Promise<void> {
  await writeIfStill(() =>
    aws().doc.send(
      new DeleteCommand({
        TableName: config().tableName,
        Key: { pk: PK, sk: LEASE },
        ConditionExpression: 'holder = :holder',
        ExpressionAttributeValues: { ':holder': holder },
      }),
    ),
  );
}
