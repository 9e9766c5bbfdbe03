/**
 * Where a backup is read from or a restore written to, as a person running `npm run backup|restore` expects:
 *
 * - `--aws`: the table and bucket the functions use (TABLE_NAME, UPLOADS_BUCKET, AWS_REGION; see
 *   functions/platform/config.ts), with the credentials of the AWS SDK's usual chain.
 * - DYNAMODB_ENDPOINT and S3_ENDPOINT set: those engines.
 * - otherwise the local installation in DATA_DIR (default .data): through the engines of the `npm start` that is
 *   serving it (it notes their addresses in DATA_DIR/engines.json), or, when none is running, engines this process
 *   starts on DATA_DIR and stops when done.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createAwsClients } from '../../functions/platform/aws.js';
import { loadConfig } from '../../functions/platform/config.js';
import { startEngines } from '../engines.js';
import type { Target } from './archive.js';

/** The file `npm start` writes while it runs: the addresses of its engines. */
export const enginesFileName = 'engines.json';

export interface Connection extends Target {
  /** Said to the person: where the data is. */
  where: string;
  close(): Promise<void>;
}

async function reachable(endpoint: string): Promise<boolean> {
  const clients = createAwsClients(loadConfig({ DYNAMODB_ENDPOINT: endpoint }));
  try {
    await clients.dynamo.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  } finally {
    clients.dynamo.destroy();
    clients.s3.destroy();
  }
}

export async function connect(options: { aws: boolean; env?: Record<string, string | undefined> }): Promise<Connection> {
  const env = options.env ?? process.env;
  const explicit = Boolean(env.DYNAMODB_ENDPOINT || env.S3_ENDPOINT);
  if (options.aws || explicit) {
    if (options.aws && explicit) throw new Error('--aws and DYNAMODB_ENDPOINT/S3_ENDPOINT contradict each other: unset the endpoints to reach AWS.');
    const cfg = loadConfig(env);
    const clients = createAwsClients(cfg);
    return {
      clients,
      tableName: cfg.tableName,
      bucket: cfg.uploadsBucket,
      where: cfg.local ? `table ${cfg.tableName} at ${cfg.dynamoEndpoint}, bucket ${cfg.uploadsBucket} at ${cfg.s3Endpoint}` : `table ${cfg.tableName} and bucket ${cfg.uploadsBucket} on AWS (${cfg.region})`,
      async close() {
        clients.dynamo.destroy();
        clients.s3.destroy();
      },
    };
  }

  const dataDir = resolve(env.DATA_DIR ?? '.data');
  const tableName = env.TABLE_NAME ?? 'dangjian';
  const bucket = env.UPLOADS_BUCKET ?? 'dangjian-uploads';
  const enginesFile = resolve(dataDir, enginesFileName);
  if (existsSync(enginesFile)) {
    const running = JSON.parse(readFileSync(enginesFile, 'utf8')) as { dynamoEndpoint: string; s3Endpoint: string };
    if (await reachable(running.dynamoEndpoint)) {
      const clients = createAwsClients(loadConfig({ DYNAMODB_ENDPOINT: running.dynamoEndpoint, S3_ENDPOINT: running.s3Endpoint }));
      return {
        clients,
        tableName,
        bucket,
        where: `${dataDir} (through the running npm start's engines)`,
        async close() {
          clients.dynamo.destroy();
          clients.s3.destroy();
        },
      };
    }
  }
  const engines = await startEngines({ dataDir, tableName, buckets: [bucket] }).catch((error: unknown) => {
    throw new Error(`Could not open the data in ${dataDir} (${error instanceof Error ? error.message : String(error)}). If npm start is serving it, run this while it runs, or stop it first.`);
  });
  return { clients: engines.clients, tableName, bucket, where: dataDir, close: () => engines.stop() };
}

export function describeFigures(f: { items: number; objects: number; objectBytes: number; archiveBytes: number; seconds: number }): string {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
  return `${f.items} items, ${f.objects} objects (${mb(f.objectBytes)} MB), archive ${mb(f.archiveBytes)} MB, ${f.seconds.toFixed(2)} s`;
}

/**
 * Runs a command-line script's `main` and exits with its code: a thrown error prints its message (not a stack, for
 * an operator at a terminal) and exits 1.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
