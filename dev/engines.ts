/**
 * The local platform's storage: dynalite (DynamoDB protocol) and s3rver (S3 protocol) in this process.
 * Used by `npm start`, `npm run dev`, the test setup and the benchmarks.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand } from '@aws-sdk/client-s3';
import { createTableInput } from '../functions/platform/table.js';
import { createAwsClients, type AwsClients } from '../functions/platform/aws.js';
import { loadConfig } from '../functions/platform/config.js';

export interface EngineOptions {
  /** Folder for persisted data; omit for in-memory DynamoDB and a temporary S3 folder. */
  dataDir?: string;
  /** Ports to listen on; 0 (default) picks free ones. */
  dynamoPort?: number;
  s3Port?: number;
  host?: string;
  tableName: string;
  buckets: string[];
  /** Origins browsers upload from (CORS on the buckets). */
  corsOrigins?: string[];
  /**
   * Run dynalite in a child process rather than in this one (in memory only). For measurements: DynamoDB never
   * shares a Lambda's thread or heap, so a latency figure should not pay for the store's CPU and garbage collection.
   */
  dynamoInChildProcess?: boolean;
}

export interface Engines {
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** Environment variables that point the platform at these engines. */
  env: Record<string, string>;
  clients: AwsClients;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: { close(cb: (err?: Error) => void): unknown }): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startEngines(options: EngineOptions): Promise<Engines> {
  const host = options.host ?? '127.0.0.1';
  let dynamoDir: string | undefined;
  let s3Dir: string;
  if (options.dataDir) {
    dynamoDir = `${options.dataDir}/dynamodb`;
    s3Dir = `${options.dataDir}/s3`;
    mkdirSync(dynamoDir, { recursive: true });
  } else {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    s3Dir = mkdtempSync(`${tmpdir()}/dangjian-s3-`);
  }
  mkdirSync(s3Dir, { recursive: true });

  const dynamoServer = options.dynamoInChildProcess
    ? await dynaliteProcess(options.dynamoPort ?? 0, host)
    : (dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dynamoDir ? { path: dynamoDir } : {}) }) as Server);
  const dynamoPort = 'port' in dynamoServer ? dynamoServer.port : await listen(dynamoServer, options.dynamoPort ?? 0, host);

  const s3 = new S3rver({ port: options.s3Port ?? 0, address: host, silent: true, directory: s3Dir });
  const s3Address = (await s3.run()) as AddressInfo;

  const dynamoEndpoint = `http://${host}:${dynamoPort}`;
  const s3Endpoint = `http://${host}:${s3Address.port}`;
  const env = {
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    S3_ENDPOINT: s3Endpoint,
    TABLE_NAME: options.tableName,
    UPLOADS_BUCKET: options.buckets[0] ?? 'uploads',
  };
  const clients = createAwsClients(loadConfig({ ...env }));
  await ensureTable(clients, options.tableName);
  for (const bucket of options.buckets) await ensureBucket(clients, bucket, options.corsOrigins ?? ['*']);

  return {
    dynamoEndpoint,
    s3Endpoint,
    env,
    clients,
    async stop() {
      clients.dynamo.destroy();
      clients.s3.destroy();
      await Promise.all([close(dynamoServer), s3.close()]);
    },
  };
}

/** dynalite (in memory) in a child process of its own; `close` ends it. */
async function dynaliteProcess(port: number, host: string): Promise<{ port: number; close(cb: () => void): void }> {
  const script = `const s = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
s.listen(${port}, ${JSON.stringify(host)}, () => process.stdout.write(String(s.address().port) + '\\n'));
process.on('disconnect', () => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const listening = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dynalite exited with code ${code} before listening`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
  });
  return {
    port: listening,
    close(cb) {
      child.once('exit', () => cb());
      child.kill();
    },
  };
}

export async function ensureTable(clients: AwsClients, tableName: string): Promise<'created' | 'existed'> {
  try {
    await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await clients.dynamo.send(new CreateTableCommand(createTableInput(tableName)));
  return 'created';
}

export async function ensureBucket(clients: AwsClients, bucket: string, corsOrigins: string[]): Promise<'created' | 'existed'> {
  let result: 'created' | 'existed' = 'existed';
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    result = 'created';
  }
  // Browsers upload straight to S3 with presigned URLs, so the bucket must answer their preflight.
  await clients.s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: corsOrigins,
            AllowedMethods: ['GET', 'PUT', 'HEAD'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3600,
          },
        ],
      },
    }),
  );
  return result;
}
