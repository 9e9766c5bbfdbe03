/**
 * Starts dynalite and s3rver once for the whole test run, on free ports, and hands their addresses to every
 * test file (see setup.ts). Each test file uses its own table and bucket names, so files never see each other's data.
 */
import type { TestProject } from 'vitest/node';
import { startEngines, type Engines } from '../../dev/engines.js';
import { ensureWebBuild } from '../../dev/build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    engines: { dynamoEndpoint: string; s3Endpoint: string };
  }
}

let engines: Engines | undefined;

export async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Page tests render the real web build: make sure it reflects the sources.
  ensureWebBuild();
  engines = await startEngines({ tableName: 'bootstrap', buckets: ['bootstrap'] });
  project.provide('engines', { dynamoEndpoint: engines.dynamoEndpoint, s3Endpoint: engines.s3Endpoint });
}

export async function teardown() {
  await engines?.stop();
}
