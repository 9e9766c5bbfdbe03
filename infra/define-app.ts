import type { App, Environment } from 'aws-cdk-lib';
import { AppStack } from './stacks/app-stack.js';
import { DataStack } from './stacks/data-stack.js';
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

export const STACK_NAMES = { data: 'Dangjian-Data', app: 'Dangjian-App' } as const;

/** Both stacks, wired: the app stack reads the table and bucket from the data stack. Used by app.ts and tests. */
export function defineApp(app: App, options: DefineAppOptions) {
  const { settings } = options;
  // Stack tags are set on the stacks themselves (the explicitStackTags flag); CloudFormation passes them on.
  const common = { env: options.env ?? {}, tags: { project: 'dangjian' } };

  const data = new DataStack(app, STACK_NAMES.data, {
    ...common,
    description: 'Dangjian data: DynamoDB table and uploads bucket (retained)',
    siteOrigins: settings.siteOrigins,
  });

  const service = new AppStack(app, STACK_NAMES.app, {
    ...common,
    description: 'Dangjian service: functions, HTTP API, CloudFront, schedule, alarms',
    table: data.table,
    uploadsBucket: data.uploadsBucket,
    clientAssetsPath: options.clientAssetsPath,
    appVersion: settings.appVersion,
    ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    ...(options.httpEntry ? { httpEntry: options.httpEntry } : {}),
    ...(options.jobsEntry ? { jobsEntry: options.jobsEntry } : {}),
  });

  return { data, app: service };
}
