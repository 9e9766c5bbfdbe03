import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE_READ_WRITE, UPLOADS_BUCKET_ACCESS } from '../constructs/access.js';
import { ServiceAlarms } from '../constructs/alarms.js';
import { AppFunction } from '../constructs/app-function.js';
import { AppHttpApi } from '../constructs/http-api.js';
import { SiteDistribution } from '../constructs/site-distribution.js';
import { paths } from '../paths.js';

export interface AppStackProps extends StackProps {
  readonly table: ITable;
  readonly uploadsBucket: IBucket;
  /** The Remix client build to publish (build/client; tests pass a temporary folder). */
  readonly clientAssetsPath: string;
  readonly appVersion: string;
  readonly alarmEmail?: string;
  /** Handler modules; default to functions/handlers/{http,jobs}.ts. */
  readonly httpEntry?: string;
  readonly jobsEntry?: string;
}

/** The running service: the http and jobs functions, the API, the CDN, the schedule and the alarms. */
export class AppStack extends Stack {
  readonly http: AppFunction;
  readonly jobs: AppFunction;
  readonly api: AppHttpApi;
  readonly site: SiteDistribution;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const environment = { APP_VERSION: props.appVersion };

    // CloudFront proves a request came through it with this secret (an origin custom header); only then does the
    // app believe the viewer address it hands on. Both read it by CloudFormation dynamic reference at deploy time.
    const originVerify = new Secret(this, 'OriginVerify', {
      description: 'Header value CloudFront adds to requests it forwards to the API',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const originVerifySecret = originVerify.secretValue.unsafeUnwrap();

    this.http = new AppFunction(this, 'Http', {
      entry: props.httpEntry ?? paths.httpHandler,
      description: 'Hono app: JSON API and Remix pages',
      memorySize: 1024,
      // Just under the HTTP API's 30 s integration limit, so the function, not the gateway, decides the answer.
      timeout: Duration.seconds(29),
      environment: { ...environment, ORIGIN_VERIFY_SECRET: originVerifySecret },
    })
      .bindTable(props.table, TABLE_READ_WRITE)
      .bindBucket(props.uploadsBucket, UPLOADS_BUCKET_ACCESS);

    this.jobs = new AppFunction(this, 'Jobs', {
      entry: props.jobsEntry ?? paths.jobsHandler,
      description: 'Scheduled jobs: statistics rollups, reminders, overdue marking',
      memorySize: 1024,
      // Well inside the 15-minute schedule, so runs do not pile up.
      timeout: Duration.minutes(5),
      environment,
    }).bindTable(props.table, TABLE_READ_WRITE);

    // A write that makes figures stale asks the jobs function to refresh them at once (an asynchronous invocation:
    // the request does not wait); the schedule below catches a request that was lost (docs/decisions/042).
    this.http.fn.addEnvironment('REFRESH_FUNCTION_NAME', this.jobs.fn.functionName);
    this.jobs.fn.grantInvoke(this.http.fn);
    new Rule(this, 'RefreshSchedule', {
      description: 'Refresh the figures writes marked stale, should a request to refresh them have been lost',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.jobs.fn, { event: RuleTargetInput.fromObject({ refresh: true }), retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
    });

    new Rule(this, 'JobsSchedule', {
      description: 'Run the scheduled jobs',
      schedule: Schedule.rate(Duration.minutes(15)),
      // Jobs are idempotent, so a retry is safe; a run older than the next one is pointless.
      targets: [
        new LambdaFunction(this.jobs.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(15) }),
      ],
    });

    this.api = new AppHttpApi(this, 'Api', { handler: this.http.fn });

    this.site = new SiteDistribution(this, 'Site', {
      apiEndpoint: this.api.url,
      clientAssetsPath: props.clientAssetsPath,
      originVerifySecret,
    });
    // New pages name new asset files: publish the files before the code that links to them goes live.
    this.http.fn.node.addDependency(...this.site.assetsDeployments);

    new ServiceAlarms(this, 'Alarms', props.alarmEmail ? { email: props.alarmEmail } : {})
      .watchHttpApi('Api', this.api.api)
      .watchFunction('Http', this.http.fn)
      .watchFunction('Jobs', this.jobs.fn);

    new CfnOutput(this, 'SiteUrl', { value: this.site.url, description: 'Open this in a browser' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API, bypassing CloudFront' });
  }
}
