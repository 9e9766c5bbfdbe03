import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { aws } from './aws.js';
import { config } from './config.js';
import { nowIso } from './clock.js';
import { table } from './table.js';

export interface CheckResult {
  ok: boolean;
  ms: number;
  reason?: string;
}

const timeoutMs = 3000;

async function timed(check: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, ms: Math.round(performance.now() - started), reason };
  } finally {
    clearTimeout(timer);
  }
}

/** Reads one (absent) item and asks for the bucket: the same rights the platform uses, nothing more. */
export async function checkHealth() {
  const cfg = config();
  const { dynamo, s3 } = aws();
  const [tableCheck, bucketCheck] = await Promise.all([
    timed(() =>
      dynamo.send(
        new GetItemCommand({
          TableName: cfg.tableName,
          Key: { [table.partitionKey]: { S: 'HEALTH' }, [table.sortKey]: { S: 'HEALTH' } },
        }),
      ),
    ),
    timed(() => s3.send(new HeadBucketCommand({ Bucket: cfg.uploadsBucket }))),
  ]);
  return {
    status: tableCheck.ok && bucketCheck.ok ? ('ok' as const) : ('unavailable' as const),
    version: cfg.version,
    time: nowIso(),
    checks: { table: tableCheck, bucket: bucketCheck },
  };
}
