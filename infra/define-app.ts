import type { App, Environment } from 'aws-cdk-lib';
import { AppStack } from './stacks/app-stack.js';
import { DataStack } from './stacks/data-stack.js';
import { WebAclStack } from './stacks/web-acl-stack.js';
import type { InfraSettings } from './settings.js';

export interface DefineAppOptions {
  readonly settings: InfraSettings;
  /** The Remix client build to publish. */
  readonly clientAssetsPath: string;
  readonly env?: Environment;
  /** Overrides for tests. */
  readonly httpEntry?: string;
  readonly jobsEntry?: string;
}

export const STACK_NAMES = { data: 'Dangjian-Data', app: 'Dangjian-App', webAcl: 'Dangjian-WebAcl' } as const;

/**
 * The stacks, wired: the app stack imports the table and buckets the data stack exports. With `createWebAcl`, also
 * the web ACL stack, always in us-east-1 (CloudFront's web ACLs live there). Used by app.ts and tests.
 */
export function defineApp(app: App, options: DefineAppOptions) {
  const { settings } = options;
  // Stack tags are set on the stacks themselves (the explicitStackTags flag); CloudFormation passes them on.
  const common = { env: options.env ?? {}, tags: { project: 'dangjian' } };

  const data = new DataStack(app, STACK_NAMES.data, {
    ...common,
    description: 'Dangjian data: DynamoDB table, uploads bucket and log bucket (retained)',
    siteOrigins: settings.siteOrigins,
    logRetentionDays: settings.logRetentionDays,
  });

  const service = new AppStack(app, STACK_NAMES.app, {
    ...common,
    description: 'Dangjian service: functions, HTTP API, CloudFront, schedule, alarms',
    dataStackName: data.stackName,
    settings,
    clientAssetsPath: options.clientAssetsPath,
    ...(options.httpEntry ? { httpEntry: options.httpEntry } : {}),
    ...(options.jobsEntry ? { jobsEntry: options.jobsEntry } : {}),
  });
  service.addStackDependency(data, 'imports the table and buckets by export name');

  const webAcl = settings.createWebAcl
    ? new WebAclStack(app, STACK_NAMES.webAcl, {
        ...common,
        env: { account: options.env?.account, region: 'us-east-1' },
        description: 'Dangjian web ACL for CloudFront (us-east-1): AWS managed common rules, sign-in rate limit',
      })
    : undefined;

  return { data, app: service, ...(webAcl ? { webAcl } : {}) };
}
