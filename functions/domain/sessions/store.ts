/**
 * Reads and writes of study sessions. No permission checks here (the services decide). Each write is one item with
 * its own condition: a session moves by its version, a check-in creates the pair's record or keeps the one there,
 * a leave request and the minutes are their own items.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { markStale } from '../../platform/stale.js';
import { eachLimited, queryItems, versionedWrite, writeIfStill } from '../../platform/store.js';
import {
  keys,
  leaveFrom,
  leaveItem,
  minutesFrom,
  minutesItem,
  recordFrom,
  recordIndexKeys,
  recordItem,
  rollupFrom,
  rollupItem,
  sessionFrom,
  sessionItem,
  type Rollup,
  type StoredRules,
} from './entities.js';
import { CadenceRules, type AttendanceRecord, type LeaveRequest, type Minutes, type Session } from './schema.js';

const table = () => config().tableName;
type Item = Record<string, unknown>;

const queryAll = queryItems;

// ─── Sessions ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function readSession(sessionId: string, consistent = true): Promise<Session | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.session(sessionId), ConsistentRead: consistent }));
  return Item ? sessionFrom(Item) : undefined;
}

export async function insertSession(session: Session): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: sessionItem(session), ConditionExpression: 'attribute_not_exists(pk)' }));
}

/** Replaces the session if it is still at `expectedVersion` (409 naming the version stored now otherwise). */
export async function replaceSession(session: Session, expectedVersion: number): Promise<void> {
  await versionedWrite(
    () => aws().doc.send(new PutCommand({ TableName: table(), Item: sessionItem(session), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } })),
    expectedVersion,
    () => readSession(session.sessionId),
  );
}

/** Sets the attendance counted for a closed session (no version change: nobody edits a tally). */
export async function writeTally(sessionId: string, tally: Session['tally']): Promise<void> {
  await aws().doc.send(
    new UpdateCommand({ TableName: table(), Key: keys.session(sessionId), UpdateExpression: 'SET tally = :t', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':t': tally } }),
  );
}

/** A branch's sessions starting within [fromIso, toIso), earliest first. */
export async function branchSessions(branchId: string, fromIso: string, toIso: string): Promise<Session[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.branchSessions(branchId), ':from': fromIso, ':to': `${toIso}` },
  });
  return items.map(sessionFrom).filter((session) => session.startsAt < toIso);
}

/** Everything of one session in one query: the session, its records, leave requests and minutes. */
export async function readSessionPartition(sessionId: string): Promise<{ session?: Session; records: AttendanceRecord[]; leaves: LeaveRequest[]; minutes?: Minutes }> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.sessionPartition(sessionId) }, ConsistentRead: true });
  const out: { session?: Session; records: AttendanceRecord[]; leaves: LeaveRequest[]; minutes?: Minutes } = { records: [], leaves: [] };
  for (const item of items) {
    const sk = String(item.sk);
    if (sk === 'SESSION') out.session = sessionFrom(item);
    else if (sk === 'MINUTES') out.minutes = minutesFrom(item);
    else if (sk.startsWith('ATT#')) out.records.push(recordFrom(item));
    else if (sk.startsWith('LEAVE#')) out.leaves.push(leaveFrom(item));
  }
  return out;
}

// ─── Attendance records ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A check-in in one call: creates the pair's record, or keeps every attribute of the one there (a second scan, a
 * retry, a mark the organizer set first), filling only a missing check-in time. Answers the record as stored after,
 * and whether this call created it.
 */
export async function upsertCheckIn(record: AttendanceRecord, branchId: string): Promise<{ created: boolean; record: AttendanceRecord }> {
  const fields: Record<string, unknown> = { entity: 'attendance', branchId, ...record };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  Object.entries(fields).forEach(([name, value], index) => {
    names[`#a${index}`] = name;
    values[`:a${index}`] = value;
    sets.push(`#a${index} = if_not_exists(#a${index}, :a${index})`);
  });
  Object.entries(recordIndexKeys(record, branchId)).forEach(([name, value], index) => {
    names[`#k${index}`] = name;
    values[`:k${index}`] = value;
    sets.push(`#k${index} = :k${index}`);
  });
  const { Attributes } = await aws().doc.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.record(record.sessionId, record.personId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_OLD',
    }),
  );
  if (!Attributes) {
    await markStale('overview');
    return { created: true, record };
  }
  const before = recordFrom(Attributes);
  return { created: false, record: { ...before, checkedInAt: before.checkedInAt ?? record.checkedInAt } };
}

export async function readRecord(sessionId: string, personId: string): Promise<AttendanceRecord | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.record(sessionId, personId), ConsistentRead: true }));
  return Item ? recordFrom(Item) : undefined;
}

export async function putRecord(record: AttendanceRecord, branchId: string): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: recordItem(record, branchId) }));
  // Attendance feeds the overview: it follows within seconds (decision 042).
  await markStale('overview');
}

/** Creates records only where the pair has none (closing a roster never overwrites a check-in that raced it). */
export async function insertRecords(records: readonly AttendanceRecord[], branchId: string): Promise<void> {
  await eachLimited(records, 8, async (record) => {
    await writeIfStill(() => aws().doc.send(new PutCommand({ TableName: table(), Item: recordItem(record, branchId), ConditionExpression: 'attribute_not_exists(pk)' })));
  });
  await markStale('overview');
}

/** A person's records, by the session's start, within [fromIso, toIso). */
export async function personRecords(personId: string, fromIso: string, toIso: string): Promise<AttendanceRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.personRecords(personId), ':from': fromIso, ':to': toIso },
  });
  return items.map(recordFrom);
}

/** Every record of a branch's sessions that started in a year (Shanghai). */
export async function branchRecords(branchId: string, year: number): Promise<AttendanceRecord[]> {
  const items = await queryAll({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.branchRecords(branchId, year) } });
  return items.map(recordFrom);
}

/** A branch's leave requests waiting for a decision, oldest first (gsi3: only pending requests carry its keys). */
export async function pendingLeaveOf(branchId: string): Promise<LeaveRequest[]> {
  const items = await queryAll({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.pendingLeave(branchId) } });
  return items.map(leaveFrom);
}

/** One branch's rollup of a year, if computed. */
export async function readRollup(year: number, branchId: string): Promise<Rollup | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.rollup(year, branchId) }));
  return Item ? rollupFrom(Item) : undefined;
}

// ─── Leave and minutes ─────────────────────────────────────────────────────────────────────────────────────────────

export async function putLeave(leave: LeaveRequest): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: leaveItem(leave) }));
}

/** Stores the minutes if they are still at `expectedVersion` (0: none yet); false when someone saved first. */
export async function writeMinutes(sessionId: string, minutes: Minutes, expectedVersion: number): Promise<boolean> {
  return writeIfStill(() =>
    aws().doc.send(
      new PutCommand({
        TableName: table(),
        Item: minutesItem(sessionId, minutes),
        ...(expectedVersion === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
      }),
    ),
  );
}

export async function readMinutes(sessionId: string): Promise<Minutes | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.minutes(sessionId), ConsistentRead: true }));
  return Item ? minutesFrom(Item) : undefined;
}

// ─── Cadence: rollups and rules ────────────────────────────────────────────────────────────────────────────────────

export async function putRollup(rollup: Rollup): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: rollupItem(rollup) }));
}

/** Every branch's rollup of a year: one item per branch, whatever the number of sessions. */
export async function rollupsOfYear(year: number): Promise<Rollup[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.rollupPartition(year) } });
  return items.map(rollupFrom);
}

export async function readRules(): Promise<StoredRules | undefined> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.rules }));
  return Item ? { rules: CadenceRules.parse(Item.rules), updatedAt: String(Item.updatedAt), updatedBy: String(Item.updatedBy) } : undefined;
}

export async function writeRules(stored: StoredRules): Promise<void> {
  await aws().doc.send(new PutCommand({ TableName: table(), Item: { ...keys.rules, entity: 'cadenceRules', ...stored } }));
}

// ─── The check-in secret ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * The key check-in codes are computed with: 32 random bytes made once by whichever process first needs them (a
 * conditional put, so two processes starting together agree on one), then read.
 */
export async function checkInSecret(): Promise<Buffer> {
  const candidate = randomBytes(32).toString('base64');
  await writeIfStill(() => aws().doc.send(new PutCommand({ TableName: table(), Item: { ...keys.secret, entity: 'secret', value: candidate }, ConditionExpression: 'attribute_not_exists(pk)' })));
  const { Item } = await aws().doc.send(new GetCommand({ TableName: table(), Key: keys.secret, ConsistentRead: true }));
  return Buffer.from(String(Item!.value), 'base64');
}
