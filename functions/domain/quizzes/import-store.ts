/**
 * Persistence of question file imports, without permission checks (import-service.ts has them):
 * - the import item `QIMPORT#<importId>`: previewed → applying → applied, each step a condition on the one item;
 *   `expiresAt` 24 h after the preview (treated as gone once past);
 * - the good rows in the uploads bucket (`question-imports/<id>/rows.json`): 5,000 questions outgrow an item;
 * - stem claims `QSTEM#<ownerUnitId>#<hash>`, written create-once before a question is written, so one stem becomes
 *   one question of a bank however many times a file is previewed or confirmed;
 * - the stems a bank holds now (its heads, read by the bank's own index).
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { nowIso } from '../../platform/clock.js';
import { guardedWrite, writeIfStill } from '../../platform/store.js';
import { questionImportEntities, questionImportStatuses } from './import-entities.js';
import { quizEntities } from './entities.js';
import { stemKey } from './question-columns.js';

/** How long a preview can be confirmed (and an applied import answers with its result). */
export const questionImportTtlSeconds = 24 * 3600;
/** How long a confirm holds the import while it writes; a confirm that finds an older hold takes over (resumes). */
export const questionImportLeaseMs = 5 * 60 * 1000;

export const QuestionImportRecord = z.object({
  importId: z.string(),
  status: z.enum(questionImportStatuses),
  ownerUnitId: z.string(),
  fileName: z.string(),
  rowsKey: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.number(),
  counts: z.object({ rows: z.number(), ready: z.number(), problems: z.number(), duplicates: z.number() }),
  leaseId: z.string().optional(),
  leaseUntil: z.number().optional(),
  result: z.object({ created: z.number(), skipped: z.number() }).optional(),
  appliedAt: z.string().optional(),
});
export type QuestionImportRecord = z.infer<typeof QuestionImportRecord>;

/** A good row as kept for the confirm: the question as it will be stored, under the id fixed at preview. */
const StoredQuestionRow = z.object({
  line: z.number().int(),
  stemKey: z.string(),
  questionId: z.string(),
  question: z.record(z.string(), z.unknown()),
});
export type StoredQuestionRow = z.infer<typeof StoredQuestionRow>;
const StoredRows = z.object({ version: z.literal(1), rows: z.array(StoredQuestionRow) });

/** The hash a stem claim is keyed by (a stem may be 2,000 characters; a key should not). */
export const stemHash = (key: string) => createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 32);

/** Keeps the good rows in the bucket, then writes the import item (only if absent). */
export async function insertQuestionImport(
  input: Omit<QuestionImportRecord, 'status' | 'rowsKey' | 'createdAt' | 'updatedAt' | 'expiresAt'>,
  rows: readonly StoredQuestionRow[],
): Promise<QuestionImportRecord> {
  const rowsKey = `question-imports/${input.importId}/rows.json`;
  await aws().s3.send(
    new PutObjectCommand({
      Bucket: config().uploadsBucket,
      Key: rowsKey,
      Body: JSON.stringify({ version: 1, rows }),
      ContentType: 'application/json; charset=utf-8',
    }),
  );
  const now = nowIso();
  const record: QuestionImportRecord = {
    ...input,
    status: 'previewed',
    rowsKey,
    createdAt: now,
    updatedAt: now,
    expiresAt: Math.floor(Date.parse(now) / 1000) + questionImportTtlSeconds,
  };
  await guardedWrite(() => questionImportEntities().questionImport.create(record).go(), { importId: input.importId });
  return record;
}

/** The import, or undefined when there is none, the id is not one, or it has expired. */
export async function readQuestionImport(importId: string, now = Date.now()): Promise<QuestionImportRecord | undefined> {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(importId)) return undefined;
  const { data } = await questionImportEntities().questionImport.get({ importId }).go();
  if (!data) return undefined;
  const record = QuestionImportRecord.parse(data);
  return record.expiresAt * 1000 <= now ? undefined : record;
}

export async function readQuestionImportRows(record: QuestionImportRecord): Promise<StoredQuestionRow[]> {
  const out = await aws().s3.send(new GetObjectCommand({ Bucket: config().uploadsBucket, Key: record.rowsKey }));
  return StoredRows.parse(JSON.parse(await out.Body!.transformToString('utf-8'))).rows;
}

/**
 * Takes the import for writing: previewed → applying, or (a takeover of a lapsed hold) applying with the lease seen
 * → applying with ours. A failed condition means another confirm got there first: ConflictError.
 */
export async function beginQuestionImport(record: QuestionImportRecord, leaseId: string, leaseUntil: number): Promise<void> {
  const fromLease = record.status === 'applying' ? record.leaseId : undefined;
  await guardedWrite(
    () =>
      questionImportEntities()
        .questionImport.patch({ importId: record.importId })
        .set({ status: 'applying', leaseId, leaseUntil, updatedAt: nowIso() })
        .where((attr, op) => (fromLease === undefined ? op.eq(attr.status, 'previewed') : `${op.eq(attr.status, 'applying')} AND ${op.eq(attr.leaseId, fromLease)}`))
        .go(),
    { importId: record.importId },
  );
}

/** applying (with our lease) → applied, with what was done. */
export async function finishQuestionImport(importId: string, leaseId: string, result: NonNullable<QuestionImportRecord['result']>): Promise<void> {
  const now = nowIso();
  await guardedWrite(
    () =>
      questionImportEntities()
        .questionImport.patch({ importId })
        .set({ status: 'applied', result, appliedAt: now, updatedAt: now })
        .remove(['leaseUntil'])
        .where((attr, op) => `${op.eq(attr.status, 'applying')} AND ${op.eq(attr.leaseId, leaseId)}`)
        .go(),
    { importId },
  );
}

/** Gives up our hold after a failed write, so a retry may resume at once (what was written stays: idempotent). */
export async function releaseQuestionImport(importId: string, leaseId: string): Promise<void> {
  await questionImportEntities()
    .questionImport.patch({ importId })
    .set({ leaseUntil: 0, updatedAt: nowIso() })
    .where((attr, op) => `${op.eq(attr.status, 'applying')} AND ${op.eq(attr.leaseId, leaseId)}`)
    .go()
    .catch(() => undefined);
}

export interface StemClaim {
  questionId: string;
  importId: string;
  createdAt: string;
}

/**
 * Claims a stem of a bank for a question (create-once). Answers the claim that holds: ours when written now or by
 * an earlier run of the same confirm, another question's when someone else's import got there first.
 */
export async function claimStem(ownerUnitId: string, key: string, claim: StemClaim): Promise<StemClaim> {
  const entity = questionImportEntities().questionStem;
  const id = { ownerUnitId, stemHash: stemHash(key) };
  if (await writeIfStill(() => entity.create({ ...id, ...claim }).go())) return claim;
  const { data } = await entity.get(id).go();
  if (!data) return claimStem(ownerUnitId, key, claim); // claims are never deleted: only a read racing the write lands here
  return { questionId: data.questionId, importId: data.importId, createdAt: data.createdAt };
}

/** Moves a claim from a question that was never written (its confirm died and expired) to ours; false if it moved meanwhile. */
export async function takeOverStem(ownerUnitId: string, key: string, from: StemClaim, to: StemClaim): Promise<boolean> {
  const entity = questionImportEntities().questionStem;
  return writeIfStill(() =>
    entity
      .put({ ownerUnitId, stemHash: stemHash(key), ...to })
      .where((attr, op) => op.eq(attr.questionId, from.questionId))
      .go(),
  );
}

/** The stems a bank holds now (active and retired questions), folded as a question file's are compared. */
export async function readBankStems(ownerUnitId: string): Promise<Map<string, { questionId: string; retired: boolean }>> {
  const stems = new Map<string, { questionId: string; retired: boolean }>();
  const { data } = await quizEntities()
    .questionHead.query.byOwner({ ownerUnitId })
    .go({ pages: 'all', attributes: ['questionId', 'stem', 'retired'] });
  for (const head of data) stems.set(stemKey(String(head.stem)), { questionId: String(head.questionId), retired: head.retired === true });
  return stems;
}
