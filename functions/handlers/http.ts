import { handle } from 'hono/aws-lambda';
import { createApp } from '../http/app.js';
import { serverBuild } from './server-build.js';

/** API Gateway HTTP API (payload v2) → the one Hono app. CloudFront serves /assets/* from S3, so no static files here. */
export const handler = handle(createApp({ web: { build: serverBuild, mode: 'production' } }));
