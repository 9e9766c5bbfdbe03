import { handle } from 'hono/aws-lambda';
import { createApp } from '../http/app.js';
import { config } from '../platform/config.js';
import { onRefreshRequested } from '../platform/stale.js';
import { refreshByInvoking } from '../jobs/refresh.js';
import { serverBuild } from './server-build.js';

// A write that makes figures stale asks the jobs function to refresh them (docs/decisions/042).
const refreshFunction = config().refreshFunctionName;
if (refreshFunction) onRefreshRequested(refreshByInvoking(refreshFunction));

/** API Gateway HTTP API (payload v2) → the one Hono app. CloudFront serves /assets/* from S3, so no static files here. */
export const handler = handle(createApp({ web: { build: serverBuild, mode: 'production' } }));
