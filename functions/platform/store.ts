/**
 * What every area's store.ts needs and none should copy: failed conditions as 409s (a lost race is never a 500),
 * caller input parsed to a 400, batched reads that retry what DynamoDB leaves unprocessed, writes with bounded
 * concurrency, and pages with an opaque cursor. Nothing here knows any area.
 */
import { BatchGetCommand, BatchWriteCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { aws } from './aws.js';
import { config } from './config.js';
import { AppError, ConflictError, isConditionFailure } from './errors.js';
import { apiMessage } from './i18n.js';
import { currentLang } from './request-scope.js';

export { isConditionFailure };

// ─── Conditions ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** Runs a conditional write; a failed condition becomes a ConflictError carrying `details`. */
export async function guardedWrite<T>(write: () => Promise<T>, details: unknown): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(details, error);
    throw error;
  }
}

/** Runs a conditional write whose failure is an answer, not an error: true when it was written. */
export async function writeIfStill(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Replaces an item only if it is still at `expectedVersion` (the condition lives in `write`); a lost race is a 409
 * that names the version the caller saw and the one stored now (read by `current`).
 */
export async function versionedWrite<T>(write: () => Promise<T>, expectedVersion: number, current: () => Promise<{ version: number } | undefined>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const now = await current();
    throw new AppError('CONFLICT', {
      messageKey: 'versionConflict',
      params: { expected: expectedVersion, actual: now?.version ?? '—' },
      details: { expectedVersion, currentVersion: now?.version ?? null },
      cause: error,
    });
  }
}

// ─── Input at the store boundary ─────────────────────────────────────────────────────────────────────────────────────

/** Parses caller input; what does not fit is a VALIDATION error (400) listing the problems, never a 500. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION', {
    details: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), problem: issue.message })),
    cause: parsed.error,
  });
}

/** A 400 naming one field and what is wrong with it. */
export function invalidField(field: string, problem: string): AppError {
  return new AppError('VALIDATION', { details: { field, problem } });
}

// ─── Batches ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** How often a batch is sent again for what DynamoDB left unprocessed (throttling) before giving up. */
const maxBatchAttempts = 8;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));

/**
 * Reads items by key through `get` (an ElectroDB batch get, which sends 100 keys a call), sending again, with a short
 * backoff, whatever DynamoDB leaves unprocessed. Missing items are simply absent from the answer.
 */
export async function batchGet<K extends object, R>(keys: readonly K[], get: (keys: K[]) => Promise<{ data: R[]; unprocessed: K[] }>): Promise<R[]> {
  const out: R[] = [];
  let pending = [...keys];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > maxBatchAttempts) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${attempt} attempts`);
    if (attempt > 0) await backoff(attempt);
    const { data, unprocessed } = await get(pending);
    out.push(...data);
    pending = unprocessed;
  }
  return out;
}

/**
 * Sends batch writes (each at most 25 requests, as ElectroDB's batch `.params()` makes them), a few at a time, sending
 * again, with a short backoff, whatever DynamoDB leaves unprocessed. Unconditional: for items no one else can be
 * writing (a caller's guard, such as a create-once claim, decided that first).
 */
export async function batchWrite(batches: ReadonlyArray<{ RequestItems: Record<string, unknown[]> }>, concurrency = 4): Promise<void> {
  await eachLimited(batches, concurrency, async (batch) => {
    let pending: Record<string, unknown[]> | undefined = batch.RequestItems;
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt > maxBatchAttempts) throw new Error(`BatchWriteItem left requests unprocessed after ${attempt} attempts`);
      if (attempt > 0) await backoff(attempt);
      const out = await aws().doc.send(new BatchWriteCommand({ RequestItems: pending as never }));
      pending = out.UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  });
}

type TableKey = Record<string, unknown>;

/**
 * Raw items of the configured table by their table keys, for a read that spans entities of several areas (each area
 * parses its own). One BatchGetItem per 100 keys, retrying what is left unprocessed; order is not kept.
 */
export async function batchGetItems(keys: readonly TableKey[]): Promise<Array<Record<string, unknown>>> {
  const table = config().tableName;
  const chunks: TableKey[][] = [];
  for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
  const read = await Promise.all(
    chunks.map((chunk) =>
      batchGet<TableKey, Record<string, unknown>>(chunk, async (pending) => {
        const result = await aws().doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
        return { data: result.Responses?.[table] ?? [], unprocessed: (result.UnprocessedKeys?.[table]?.Keys ?? []) as TableKey[] };
      }),
    ),
  );
  return read.flat();
}

/** Every item a query of the configured table answers, page after page (for the areas on the document client). */
export async function queryItems(input: Omit<QueryCommandInput, 'TableName'>): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await aws().doc.send(new QueryCommand({ TableName: config().tableName, ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Runs `work` over the items, at most `limit` at once; stops taking new items at the first failure and rethrows it. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

// ─── Pages ───────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Null at the end. */
  cursor: string | null;
}

export interface PageRequest {
  cursor?: string | null;
  limit?: number;
}

/** Every item of a paged listing, page after page (for reads whose whole answer is bounded by their caller). */
export async function everyPage<T>(read: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/** A page size within 1..500, 100 when none is asked for. */
export const pageLimit = (limit: number | undefined) => Math.min(Math.max(Math.trunc(limit ?? 100), 1), 500);

/** The opaque cursor of a listing that resumes after a sort key it read last (e.g. a login). */
export function encodeAfterCursor(after: string): string {
  return Buffer.from(JSON.stringify({ after })).toString('base64url');
}

/** The sort key a cursor of `encodeAfterCursor` names; a cursor this listing never gave out is a 400. */
export function decodeAfterCursor(cursor: string | null | undefined, maxLength: number): string | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string' && parsed.after.length <= maxLength) return parsed.after;
  } catch {
    // fall through
  }
  throw unknownCursor();
}

/** The 400 for a cursor the listing never gave out (a hand-edited link, a listing that changed): ask for page one. */
export function unknownCursor(cause?: unknown): AppError {
  const message = apiMessage(currentLang(), 'cursorUnknown');
  return new AppError('VALIDATION', { messageKey: 'cursorUnknown', details: [{ path: 'cursor', message }], ...(cause === undefined ? {} : { cause }) });
}
