/**
 * CDK entry (cdk.json: `npx tsx infra/app.ts`). Run `npm run build` first: the http function bundles the Remix
 * server build and CloudFront serves the client build.
 */
import { App } from 'aws-cdk-lib';
import { defineApp } from './define-app.js';
import { paths, requireBuilt } from './paths.js';
import { readSettings } from './settings.js';

const app = new App();

defineApp(app, {
  settings: readSettings(app.node),
  clientAssetsPath: requireBuilt(paths.clientBuild),
  // Environment-agnostic unless the CLI found an account and region (credentials / AWS_REGION).
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
