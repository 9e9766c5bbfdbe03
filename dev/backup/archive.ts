/**
 * One archive holds everything the platform keeps: every item of the table and every object of the uploads bucket.
 * It is a tar.gz (decision 046) laid out as
 *
 *   manifest.json                 format, version, when, from which table and bucket, counts
 *   table/segment-NN.ndjson       one item a line, in DynamoDB's own JSON (attribute-json.ts), one file per scan segment
 *   objects/index.ndjson          one object a line: key, file, content type, metadata and the other stored headers
 *   objects/NNNNNN                the objects' bytes
 *
 * Backing up scans the table in parallel segments and copies objects a few at a time into a staging folder, then
 * packs it; restoring unpacks and writes items in batches of 25 and objects one by one.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import * as tar from 'tar';
import { BatchWriteItemCommand, ScanCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type PutObjectCommandInput } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../functions/platform/aws.js';
import { fromJson, toJson, type Item } from './attribute-json.js';

export const archiveFormat = 'dangjian-backup';
export const archiveVersion = 1;

export interface Target {
  clients: AwsClients;
  tableName: string;
  bucket: string;
}

export interface Figures {
  items: number;
  objects: number;
  /** The objects' bytes (as stored, before packing). */
  objectBytes: number;
  /** The archive's size on disk. */
  archiveBytes: number;
  seconds: number;
}

interface Manifest {
  format: typeof archiveFormat;
  version: number;
  createdAt: string;
  source: { tableName: string; bucket: string };
  items: number;
  objects: number;
  objectBytes: number;
}

interface ObjectEntry {
  key: string;
  file: string;
  size: number;
  contentType?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
}

/** Runs `work` over `inputs` with at most `limit` at a time. */
async function eachLimited<T>(inputs: T[], limit: number, work: (input: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, inputs.length) }, async () => {
    while (next < inputs.length) {
      const index = next++;
      await work(inputs[index] as T, index);
    }
  });
  await Promise.all(runners);
}

async function scanSegment(target: Target, segment: number, totalSegments: number, file: string): Promise<number> {
  const out = createWriteStream(file);
  let count = 0;
  let start: Item | undefined;
  try {
    do {
      const page = await target.clients.dynamo.send(
        new ScanCommand({ TableName: target.tableName, Segment: segment, TotalSegments: totalSegments, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) {
        if (!out.write(`${toJson(item)}\n`)) await new Promise<void>((done) => out.once('drain', () => done()));
        count++;
      }
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
  }
  return count;
}

async function listKeys(target: Target): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await target.clients.s3.send(new ListObjectsV2Command({ Bucket: target.bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** Writes the table's items and the bucket's objects to `file` (a tar.gz). */
export async function backup(target: Target, file: string, options: { segments?: number; concurrency?: number } = {}): Promise<Figures> {
  const started = performance.now();
  const segments = options.segments ?? 4;
  const staging = await mkdtemp(join(tmpdir(), 'dangjian-backup-'));
  try {
    await mkdir(join(staging, 'table'));
    await mkdir(join(staging, 'objects'));
    const counts = await Promise.all(
      Array.from({ length: segments }, (_, segment) =>
        scanSegment(target, segment, segments, join(staging, 'table', `segment-${String(segment).padStart(2, '0')}.ndjson`)),
      ),
    );
    const items = counts.reduce((sum, n) => sum + n, 0);

    const keys = await listKeys(target);
    const entries: ObjectEntry[] = new Array(keys.length);
    await eachLimited(keys, options.concurrency ?? 8, async (key, index) => {
      const got = await target.clients.s3.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
      const name = `objects/${String(index).padStart(6, '0')}`;
      await pipeline(got.Body as Readable, createWriteStream(join(staging, name)));
      entries[index] = {
        key,
        file: name,
        size: (await stat(join(staging, name))).size,
        ...(got.ContentType ? { contentType: got.ContentType } : {}),
        ...(got.ContentDisposition ? { contentDisposition: got.ContentDisposition } : {}),
        ...(got.ContentEncoding ? { contentEncoding: got.ContentEncoding } : {}),
        ...(got.ContentLanguage ? { contentLanguage: got.ContentLanguage } : {}),
        ...(got.CacheControl ? { cacheControl: got.CacheControl } : {}),
        ...(got.Metadata && Object.keys(got.Metadata).length > 0 ? { metadata: got.Metadata } : {}),
      };
    });
    await writeFile(join(staging, 'objects', 'index.ndjson'), entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const objectBytes = entries.reduce((sum, e) => sum + e.size, 0);

    const manifest: Manifest = {
      format: archiveFormat,
      version: archiveVersion,
      createdAt: new Date().toISOString(),
      source: { tableName: target.tableName, bucket: target.bucket },
      items,
      objects: entries.length,
      objectBytes,
    };
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await tar.c({ file, cwd: staging, gzip: true, portable: true }, ['manifest.json', 'table', 'objects']);
    return { items, objects: entries.length, objectBytes, archiveBytes: (await stat(file)).size, seconds: (performance.now() - started) / 1000 };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Why a restore refuses: the archive is not one of ours, or the target already holds data. */
export class RestoreRefused extends Error {}

/** True when the table has no item and the bucket no object. */
export async function isEmpty(target: Target): Promise<{ table: boolean; bucket: boolean }> {
  const [scan, list] = await Promise.all([
    target.clients.dynamo.send(new ScanCommand({ TableName: target.tableName, Limit: 1 })),
    // One page of keys, not MaxKeys 1: s3rver cannot make the continuation token of a truncated list without
    // OpenSSL's legacy provider, which the npm scripts turn on but a plain `node` does not.
    target.clients.s3.send(new ListObjectsV2Command({ Bucket: target.bucket })),
  ]);
  return { table: (scan.Items ?? []).length === 0 && !scan.LastEvaluatedKey, bucket: (list.Contents ?? []).length === 0 };
}

async function writeBatch(target: Target, batch: Item[]): Promise<void> {
  let requests: WriteRequest[] = batch.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(2000, 50 * 2 ** attempt)));
    if (attempt > 10) throw new Error(`DynamoDB left ${requests.length} items unwritten after ${attempt} attempts.`);
    const answer = await target.clients.dynamo.send(new BatchWriteItemCommand({ RequestItems: { [target.tableName]: requests } }));
    requests = answer.UnprocessedItems?.[target.tableName] ?? [];
  }
}

async function* linesOf(file: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield line;
}

/**
 * Loads the archive `file` into the target. Refuses (RestoreRefused) when the table or bucket already holds data,
 * unless `force`: then items and objects of the same keys are overwritten and the others are left as they are.
 */
export async function restore(target: Target, file: string, options: { force?: boolean; concurrency?: number } = {}): Promise<Figures> {
  const started = performance.now();
  const staging = await mkdtemp(join(tmpdir(), 'dangjian-restore-'));
  try {
    await tar.x({ file, cwd: staging, strict: true });
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(join(staging, 'manifest.json'), 'utf8')) as Manifest;
    } catch {
      throw new RestoreRefused(`${file} is not a backup of this platform (it has no readable manifest.json).`);
    }
    if (manifest.format !== archiveFormat || manifest.version !== archiveVersion) {
      throw new RestoreRefused(`${file} is a ${manifest.format} archive of version ${manifest.version}; this restore reads ${archiveFormat} version ${archiveVersion}.`);
    }
    if (!options.force) {
      const empty = await isEmpty(target);
      const full = [!empty.table && `the table ${target.tableName} holds items`, !empty.bucket && `the bucket ${target.bucket} holds objects`].filter(Boolean);
      if (full.length > 0) {
        throw new RestoreRefused(
          `Nothing restored: ${full.join(' and ')}. Restore into an empty installation, or add --force to write the archive over what is there (items and objects of the same keys are replaced; others stay).`,
        );
      }
    }

    const concurrency = options.concurrency ?? 8;
    let items = 0;
    const segmentFiles = (await readdir(join(staging, 'table'))).filter((name) => name.endsWith('.ndjson')).sort();
    for (const name of segmentFiles) {
      let batches: Item[][] = [];
      let batch: Item[] = [];
      const flush = async () => {
        await eachLimited(batches, concurrency, (b) => writeBatch(target, b));
        batches = [];
      };
      for await (const line of linesOf(join(staging, 'table', name))) {
        batch.push(fromJson(line));
        items++;
        if (batch.length === 25) {
          batches.push(batch);
          batch = [];
          if (batches.length === concurrency * 4) await flush();
        }
      }
      if (batch.length > 0) batches.push(batch);
      await flush();
    }

    const entries: ObjectEntry[] = [];
    for await (const line of linesOf(join(staging, 'objects', 'index.ndjson'))) entries.push(JSON.parse(line) as ObjectEntry);
    await eachLimited(entries, concurrency, async (entry) => {
      const input: PutObjectCommandInput = {
        Bucket: target.bucket,
        Key: entry.key,
        Body: entry.size === 0 ? '' : createReadStream(join(staging, entry.file)),
        ContentLength: entry.size,
        ContentType: entry.contentType,
        ContentDisposition: entry.contentDisposition,
        ContentEncoding: entry.contentEncoding,
        ContentLanguage: entry.contentLanguage,
        CacheControl: entry.cacheControl,
        Metadata: entry.metadata,
      };
      await target.clients.s3.send(new PutObjectCommand(input));
    });
    if (items !== manifest.items || entries.length !== manifest.objects) {
      throw new Error(`The archive is incomplete: its manifest lists ${manifest.items} items and ${manifest.objects} objects, it held ${items} and ${entries.length}.`);
    }
    const objectBytes = entries.reduce((sum, e) => sum + e.size, 0);
    return { items, objects: entries.length, objectBytes, archiveBytes: (await stat(file)).size, seconds: (performance.now() - started) / 1000 };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
