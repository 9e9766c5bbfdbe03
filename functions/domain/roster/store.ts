/**
 * Persistence of roster imports, without permission checks (service.ts has them):
 *
 * - the Import item `IMPORT#<importId>` / `IMPORT`: status previewed → applying → applied, each step a condition
 *   expression on the one item, so two confirms can never both write; counts, file name, who, when; `expiresAt` (TTL,
 *   24 h; treated as gone once past, whatever DynamoDB has done with it);
 * - in the uploads bucket: the file as uploaded (`imports/<id>/<file name>`) and the rows (`imports/<id>/rows.json`),
 *   which for thousands of rows outgrow DynamoDB's 400 KB item limit.
 *
 * The people a confirm writes are written by the people area (its directory), not here.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { nowIso } from '../../platform/clock.js';
import { safeFileName } from '../../platform/content-disposition.js';
import { guardedWrite } from '../../platform/store.js';
import { importEntity } from './entities.js';
import { ImportRecord, StoredRows, type NewImport } from './schema.js';
import type { StoredRosterRow } from './roster.js';

/** How long a preview can be confirmed (and an applied import answers "already applied"). */
export const importTtlSeconds = 24 * 3600;
/** How long a confirm holds the import while it writes; a confirm that finds an older hold takes over (resumes). */
export const applyLeaseMs = 5 * 60 * 1000;

/** The name a file is kept and shown under: its last path segment, made safe, at most 120 characters. */
export function importFileName(name: string): string {
  const cleaned = safeFileName(name.split(/[/\\]/).pop() ?? '').slice(-120);
  return cleaned === '' ? 'roster' : cleaned;
}

/** Keeps the file and its rows in S3, then writes the Import item (only if absent). */
export async function insertImport(input: NewImport): Promise<ImportRecord> {
  const { s3 } = aws();
  const bucket = config().uploadsBucket;
  const fileName = importFileName(input.fileName);
  const prefix = `imports/${input.importId}`;
  const fileKey = `${prefix}/${fileName}`;
  const rowsKey = `${prefix}/rows.json`;
  await Promise.all([
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: fileKey, Body: input.file, ContentType: 'application/octet-stream' })),
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: rowsKey,
        Body: JSON.stringify({ version: 1, rows: input.rows }),
        ContentType: 'application/json; charset=utf-8',
      }),
    ),
  ]);
  const now = nowIso();
  const record: ImportRecord = {
    importId: input.importId,
    status: 'previewed',
    fileName,
    fileKey,
    rowsKey,
    hasRoles: input.hasRoles,
    hasBranch: input.hasBranch,
    createdBy: input.createdBy.personId,
    createdByName: input.createdBy.name,
    createdAt: now,
    updatedAt: now,
    expiresAt: Math.floor(Date.parse(now) / 1000) + importTtlSeconds,
    counts: input.counts,
    attempts: 0,
    ...(input.passwordHash ? { passwordHash: input.passwordHash } : {}),
  };
  await guardedWrite(() => importEntity().create(record).go(), { importId: input.importId });
  return record;
}

/** The import, or undefined when there is none or it has expired. */
export async function readImport(importId: string, now = Date.now()): Promise<ImportRecord | undefined> {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(importId)) return undefined;
  const { data } = await importEntity().get({ importId }).go();
  if (!data) return undefined;
  const record = ImportRecord.parse(data);
  return record.expiresAt * 1000 <= now ? undefined : record;
}

export async function readImportRows(record: ImportRecord): Promise<StoredRosterRow[]> {
  const out = await aws().s3.send(new GetObjectCommand({ Bucket: config().uploadsBucket, Key: record.rowsKey }));
  const text = await out.Body!.transformToString('utf-8');
  return StoredRows.parse(JSON.parse(text)).rows;
}

/**
 * Takes the import for writing: previewed → applying, or (a takeover) applying with the stale lease `previousLeaseId`
 * → applying with ours. A failed condition means another confirm got there first: ConflictError.
 */
export async function beginApply(record: ImportRecord, leaseId: string, leaseUntil: number): Promise<void> {
  const fromLease = record.status === 'applying' ? record.leaseId : undefined;
  await guardedWrite(
    () =>
      importEntity()
        .patch({ importId: record.importId })
        .set({ status: 'applying', leaseId, leaseUntil, updatedAt: nowIso() })
        .add({ attempts: 1 })
        .where((attr, op) =>
          fromLease === undefined
            ? op.eq(attr.status, 'previewed')
            : `${op.eq(attr.status, 'applying')} AND ${op.eq(attr.leaseId, fromLease)}`,
        )
        .go(),
    { importId: record.importId },
  );
}

/** applying (with our lease) → applied, with what was done. */
export async function finishApply(importId: string, leaseId: string, result: NonNullable<ImportRecord['result']>): Promise<void> {
  const now = nowIso();
  await guardedWrite(
    () =>
      importEntity()
        .patch({ importId })
        .set({ status: 'applied', result, appliedAt: now, updatedAt: now })
        .remove(['leaseUntil'])
        .where((attr, op) => `${op.eq(attr.status, 'applying')} AND ${op.eq(attr.leaseId, leaseId)}`)
        .go(),
    { importId },
  );
}

/** Gives up our hold after a failed write, so a retry may resume at once (the writes done so far stay: idempotent). */
export async function releaseApply(importId: string, leaseId: string): Promise<void> {
  await importEntity()
    .patch({ importId })
    .set({ leaseUntil: 0, updatedAt: nowIso() })
    .where((attr, op) => `${op.eq(attr.status, 'applying')} AND ${op.eq(attr.leaseId, leaseId)}`)
    .go()
    .catch(() => undefined);
}
