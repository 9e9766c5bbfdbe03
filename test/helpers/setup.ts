import { inject } from 'vitest';
import { resetConfig } from '../../functions/platform/config.js';
import { resetAwsClients } from '../../functions/platform/aws.js';

// Point this test file's process at the shared engines with a table and bucket of its own.
const engines = inject('engines');
const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
process.env.DYNAMODB_ENDPOINT = engines.dynamoEndpoint;
process.env.S3_ENDPOINT = engines.s3Endpoint;
process.env.TABLE_NAME = `test-${suffix}`;
process.env.UPLOADS_BUCKET = `test-uploads-${suffix}`;
resetConfig();
resetAwsClients();
