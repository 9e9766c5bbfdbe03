/**
 * Persistence of roster imports, without permission checks (roster-service.ts has them):
 *
 * - the Import item `IMPORT#<importId>` / `IMPORT`: status previewed → applying → applied, each step a condition
 *   expression on the one item, so two confirms can never both write; counts, file name, who, when; `expiresAt` (TTL,
 *   24 h; treated as gone once past, whatever DynamoDB has done with it);
 * - in the uploads bucket: the file as uploaded (`imports/<id>/<file name>`) and the rows (`imports/<id>/rows.json`),
 *   which for thousands of rows outgrow DynamoDB's 400 KB item limit;
 * - bulk reads of the login claims and people a roster names (BatchGetItem, 100 keys a call), and the idempotent
 *   writes a confirm makes.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { aws } from '../../platform/aws.js';
import { boundToTable } from '../../platform/bound-to-table.js';
import { config } from '../../platform/config.js';
import { AppError, ConflictError } from '../../platform/errors.js';
import { nowIso } from '../../platform/clock.js';
import { peopleEntities, service } from './entities.js';
import { LoginClaim, Person } from './schema.js';
import { claimLogin, getLoginClaim, getPerson, guardedWrite, personItem } from './store.js';
import type { LoginHolder, StoredRosterRow } from './roster.js';

export const importStatuses = ['previewed', 'applying', 'applied'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** How long a preview can be confirmed (and an applied import answers "already applied"). */
export const importTtlSeconds = 24 * 3600;
/** How long a confirm holds the import while it writes; a confirm that finds an older hold takes over (resumes). */
export const applyLeaseMs = 5 * 60 * 1000;

export function createImportEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'rosterImport', version: '1', service },
      attributes: {
        importId: { type: 'string', required: true, readOnly: true },
        status: { type: importStatuses, required: true },
        fileName: { type: 'string', required: true, readOnly: true },
        fileKey: { type: 'string', required: true, readOnly: true },
        rowsKey: { type: 'string', required: true, readOnly: true },
        hasRoles: { type: 'boolean', required: true, readOnly: true },
        hasBranch: { type: 'boolean', required: true, readOnly: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        createdByName: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        /** Epoch seconds (the table's TTL attribute). */
        expiresAt: { type: 'number', required: true },
        counts: {
          type: 'map',
          required: true,
          properties: {
            rows: { type: 'number', required: true },
            create: { type: 'number', required: true },
            update: { type: 'number', required: true },
            unchanged: { type: 'number', required: true },
            problems: { type: 'number', required: true },
          },
        },
        /** The hash of an initial password the admin chose at preview (never the password itself). */
        passwordHash: { type: 'string' },
        /** The confirm currently writing, and until when its hold lasts (epoch ms). */
        leaseId: { type: 'string' },
        leaseUntil: { type: 'number' },
        attempts: { type: 'number', required: true, default: 0 },
        result: {
          type: 'map',
          properties: {
            created: { type: 'number', required: true },
            updated: { type: 'number', required: true },
            unchanged: { type: 'number', required: true },
          },
        },
        appliedAt: { type: 'string' },
      },
      indexes: {
        /** An import by id. */
        byId: {
          pk: { field: 'pk', composite: ['importId'], template: 'IMPORT#${importId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'IMPORT', casing: 'none' },
        },
      },
    },
    { client, table },
  );
}

export const importEntity = boundToTable(createImportEntity);

const Counts = z.object({ rows: z.number(), create: z.number(), update: z.number(), unchanged: z.number(), problems: z.number() });

export const ImportRecord = z.object({
  importId: z.string(),
  status: z.enum(importStatuses),
  fileName: z.string(),
  fileKey: z.string(),
  rowsKey: z.string(),
  hasRoles: z.boolean(),
  hasBranch: z.boolean(),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.number(),
  counts: Counts,
  passwordHash: z.string().optional(),
  leaseId: z.string().optional(),
  leaseUntil: z.number().optional(),
  attempts: z.number(),
  result: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }).optional(),
  appliedAt: z.string().optional(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

/** A file name safe to use in a key and to show: no folders, no control characters, at most 120 characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-120);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'roster' : cleaned;
}

const StoredRows = z.object({
  version: z.literal(1),
  rows: z.array(
    z.object({
      line: z.number().int(),
      name: z.string(),
      login: z.string(),
      unit: z.string(),
      partyStatus: z.string(),
      roles: z.string(),
      branch: z.string(),
      plannedPersonId: z.string(),
      previewAction: z.enum(['create', 'update', 'unchanged', 'problem']).optional(),
    }),
  ),
});

export interface NewImport {
  importId: string;
  fileName: string;
  file: Uint8Array;
  rows: StoredRosterRow[];
  hasRoles: boolean;
  hasBranch: boolean;
  counts: ImportRecord['counts'];
  createdBy: { personId: string; name: string };
  passwordHash?: string;
}

/** Keeps the file and its rows in S3, then writes the Import item (only if absent). */
export async function createImport(input: NewImport): Promise<ImportRecord> {
  const { s3 } = aws();
  const bucket = config().uploadsBucket;
  const fileName = safeFileName(input.fileName);
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
export async function getImport(importId: string, now = Date.now()): Promise<ImportRecord | undefined> {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(importId)) return undefined;
  const { data } = await importEntity().get({ importId }).go();
  if (!data) return undefined;
  const record = ImportRecord.parse(data);
  return record.expiresAt * 1000 <= now ? undefined : record;
}

export async function loadImportRows(record: ImportRecord): Promise<StoredRosterRow[]> {
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

// ─── Bulk reads ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Reads items by key in batches of 100, retrying what DynamoDB leaves unprocessed. */
async function batchGet<K extends object, R>(keys: K[], get: (keys: K[]) => Promise<{ data: R[]; unprocessed: K[] }>): Promise<R[]> {
  const out: R[] = [];
  let pending = keys;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    if (attempt > 8) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${attempt} attempts`);
    const { data, unprocessed } = await get(pending);
    out.push(...data);
    pending = unprocessed;
  }
  return out;
}

function personFromRecord(record: object & { branchId?: string | undefined }): Person {
  return Person.parse({ ...record, branchId: record.branchId ?? null });
}

/**
 * Who holds each of the logins (canonical form): a person (the claim's person, still at that login), or an orphan
 * claim (its person missing or moved on). Logins nobody holds are absent. Two batched reads, whatever the count.
 */
export async function findLoginHolders(logins: readonly string[]): Promise<Map<string, LoginHolder>> {
  const unique = [...new Set(logins)];
  const { login: loginEntity, person: personEntity } = peopleEntities();
  const claims = (
    await batchGet(
      unique.map((login) => ({ login })),
      (keys) => loginEntity.get(keys).go({ concurrency: 4 }),
    )
  ).map((record) => LoginClaim.parse(record));
  const personIds = [...new Set(claims.map((claim) => claim.personId))];
  const people = new Map(
    (
      await batchGet(
        personIds.map((personId) => ({ personId })),
        (keys) => personEntity.get(keys).go({ concurrency: 4 }),
      )
    ).map((record) => {
      const person = personFromRecord(record);
      return [person.personId, person] as const;
    }),
  );
  const holders = new Map<string, LoginHolder>();
  for (const claim of claims) {
    const person = people.get(claim.personId);
    holders.set(claim.login, person && person.login === claim.login ? { kind: 'person', person } : { kind: 'orphan', personId: claim.personId });
  }
  return holders;
}

// ─── Idempotent writes ─────────────────────────────────────────────────────────────────────────────────────────────

/** Claims a login for a person; a claim this person already holds (an earlier attempt) counts as done. */
export async function claimLoginOnce(login: string, personId: string): Promise<void> {
  try {
    await claimLogin(login, personId);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const claim = await getLoginClaim(login);
    if (claim?.personId === personId) return;
    throw new AppError('CONFLICT', { messageKey: 'loginTaken', params: { login }, details: [{ path: 'login', login }], cause: error });
  }
}

/**
 * Writes a new person only if absent. If the person is already there (an earlier attempt of the same import wrote it:
 * same id, same login), that counts as done.
 */
export async function createPersonOnce(person: Person): Promise<void> {
  const parsed = Person.parse(person);
  try {
    await guardedWrite(() => peopleEntities().person.create(personItem(parsed)).go(), { personId: parsed.personId });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const existing = await getPerson(parsed.personId);
    if (existing?.login === parsed.login) return;
    throw error;
  }
}
