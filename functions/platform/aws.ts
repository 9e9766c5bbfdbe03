import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { config, type Config } from './config.js';

/** Credentials the local engines accept (s3rver requires this access key id; dynalite accepts any). */
const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface AwsClients {
  dynamo: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  s3: S3Client;
}

export function createAwsClients(cfg: Config = config()): AwsClients {
  const dynamo = new DynamoDBClient({
    region: cfg.region,
    ...(cfg.dynamoEndpoint ? { endpoint: cfg.dynamoEndpoint, credentials: localCredentials } : {}),
  });
  const doc = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const s3 = new S3Client({
    region: cfg.region,
    // Only checksum when an operation demands it: otherwise streamed bodies reach s3rver with chunk framing.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(cfg.s3Endpoint ? { endpoint: cfg.s3Endpoint, forcePathStyle: true, credentials: localCredentials } : {}),
  });
  return { dynamo, doc, s3 };
}

let cached: AwsClients | undefined;

/** The process-wide clients, made on first use from the configuration. */
export function aws(): AwsClients {
  cached ??= createAwsClients();
  return cached;
}

export function resetAwsClients(): void {
  cached?.dynamo.destroy();
  cached?.s3.destroy();
  cached = undefined;
}
