import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PutItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { useLocalPlatform } from '../helpers/platform.js';
import { aws } from '../../functions/platform/aws.js';
import { config } from '../../functions/platform/config.js';
import { ensureBucket, ensureTable } from '../../dev/engines.js';
import { backup, restore, RestoreRefused, type Target } from '../../dev/backup/archive.js';

type Item = Record<string, AttributeValue>;

const platform = useLocalPlatform({ app: false });

async function allItems(target: Target): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await target.clients.dynamo.send(new ScanCommand({ TableName: target.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (item: Item) => `${item.pk?.S}\u0000${item.sk?.S}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

async function allObjects(target: Target) {
  const list = await target.clients.s3.send(new ListObjectsV2Command({ Bucket: target.bucket }));
  const objects = [];
  for (const { Key } of list.Contents ?? []) {
    const got = await target.clients.s3.send(new GetObjectCommand({ Bucket: target.bucket, Key }));
    objects.push({
      key: Key,
      bytes: Buffer.from(await got.Body!.transformToByteArray()).toString('base64'),
      contentType: got.ContentType,
      contentDisposition: got.ContentDisposition,
      metadata: got.Metadata,
    });
  }
  return objects.sort((a, b) => (a.key! < b.key! ? -1 : 1));
}

describe('backup and restore', () => {
  let source: Target;
  let archive: string;

  beforeAll(async () => {
    const cfg = config();
    source = { clients: aws(), tableName: cfg.tableName, bucket: cfg.uploadsBucket };
    // Beside the demo organisation: values a careless copy would change (exact decimals, sets, binary) and uploads.
    await source.clients.dynamo.send(
      new PutItemCommand({
        TableName: source.tableName,
        Item: {
          pk: { S: 'BACKUP#probe' },
          sk: { S: 'ITEM' },
          exact: { N: '12345678901234567890.000000000000000001' },
          scores: { NS: ['1', '2.5', '-0.001'] },
          tags: { SS: ['学习', 'a'] },
          raw: { B: new Uint8Array(randomBytes(300)) },
          raws: { BS: [new Uint8Array([0]), new Uint8Array([255, 254])] },
          nested: { M: { list: { L: [{ NULL: true }, { BOOL: true }, { N: '0.10' }] } } },
        },
      }),
    );
    await source.clients.s3.send(
      new PutObjectCommand({ Bucket: source.bucket, Key: 'lessons/L1/slides.pdf', Body: randomBytes(200_000), ContentType: 'application/pdf', Metadata: { 'uploaded-by': 'P01', name: encodeURIComponent('课件.pdf') } }),
    );
    await source.clients.s3.send(
      new PutObjectCommand({ Bucket: source.bucket, Key: 'imports/people.xlsx', Body: randomBytes(5000), ContentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ContentDisposition: 'attachment; filename="people.xlsx"' }),
    );
    await source.clients.s3.send(new PutObjectCommand({ Bucket: source.bucket, Key: 'notes/empty.txt', Body: '', ContentType: 'text/plain; charset=utf-8' }));
    archive = join(mkdtempSync(join(tmpdir(), 'backup-test-')), 'all.tar.gz');
  });

  it('round-trips the demo installation: every item and every object, byte for byte', async () => {
    const wrote = await backup(source, archive);
    const before = await allItems(source);
    expect(platform.seeded()?.seeded).toBe(true);
    expect(wrote.items).toBe(before.length);
    expect(wrote.items).toBeGreaterThan(500);
    const objects = await allObjects(source);
    expect(wrote.objects).toBe(objects.length);
    expect(objects.map((o) => o.key)).toEqual(expect.arrayContaining(['lessons/L1/slides.pdf', 'imports/people.xlsx', 'notes/empty.txt']));

    const suffix = Math.random().toString(36).slice(2, 8);
    const fresh: Target = { clients: aws(), tableName: `restored-${suffix}`, bucket: `restored-${suffix}` };
    await ensureTable(fresh.clients, fresh.tableName);
    await ensureBucket(fresh.clients, fresh.bucket, ['*']);
    const read = await restore(fresh, archive);
    expect(read.items).toBe(before.length);
    expect(read.objects).toBe(objects.length);
    expect(read.objectBytes).toBe(wrote.objectBytes);

    const after = await allItems(fresh);
    expect(after.length).toBe(before.length);
    for (let i = 0; i < before.length; i++) expect(after[i]).toEqual(before[i]);
    expect(await allObjects(fresh)).toEqual(await allObjects(source));
    const probe = after.find((item) => item.pk?.S === 'BACKUP#probe');
    expect(probe?.exact).toEqual({ N: '12345678901234567890.000000000000000001' });
    expect(probe?.raw?.B).toBeInstanceOf(Uint8Array);
  });

  it('refuses a table or bucket that holds data unless forced, and says what to do', async () => {
    await backup(source, archive);
    const refused = await restore(source, archive).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RestoreRefused);
    expect((refused as Error).message).toMatch(/holds items.*--force/);
    const forced = await restore(source, archive, { force: true });
    expect(forced.items).toBe((await allItems(source)).length);
  });

  it('refuses a file that is not one of its archives', async () => {
    const { writeFileSync } = await import('node:fs');
    const bogus = join(mkdtempSync(join(tmpdir(), 'backup-test-')), 'bogus.tar.gz');
    const tar = await import('tar');
    const dir = mkdtempSync(join(tmpdir(), 'backup-bogus-'));
    writeFileSync(join(dir, 'readme.txt'), 'hello');
    await tar.c({ file: bogus, cwd: dir, gzip: true }, ['readme.txt']);
    await expect(restore(source, bogus, { force: true })).rejects.toThrow(/not a backup of this platform/);
  });
});
