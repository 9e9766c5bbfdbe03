import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE_READ_WRITE, UPLOADS_BUCKET_ACCESS } from '../constructs/access.js';
import { ServiceAlarms } from '../constructs/alarms.js';
import { AppFunction } from '../constructs/app-function.js';
import { AppHttpApi } from '../constructs/http-api.js';
import { acceptWildcards, acknowledge } from '../constructs/nag.js';
import { inChina } from '../constructs/partition.js';
import { SiteDistribution } from '../constructs/site-distribution.js';
import { paths } from '../paths.js';
import type { InfraSettings } from '../settings.js';
import { importData } from './data-stack.js';

export interface AppStackProps extends StackProps {
  /** The data stack's name: its table and buckets are imported by its export names. */
  readonly dataStackName: string;
  readonly settings: InfraSettings;
  /** The Remix client build to publish (build/client; tests pass a temporary folder). */
  readonly clientAssetsPath: string;
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
    const { settings } = props;
    const china = inChina(this);
    if (china && settings.sesFromAddress) {
      throw new Error('Amazon SES is not offered in the China regions: leave sesFromAddress unset there (reminders stay in the app).');
    }
    const data = importData(this, props.dataStackName);
    const environment: Record<string, string> = {
      APP_VERSION: settings.appVersion,
      ...(settings.sesFromAddress ? { SES_FROM_ADDRESS: settings.sesFromAddress } : {}),
    };
    const logRetentionDays = settings.logRetentionDays;

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
      logRetentionDays,
      reservedConcurrency: settings.httpConcurrency,
    })
      .bindTable(data.table, TABLE_READ_WRITE)
      .bindBucket(data.uploadsBucket, UPLOADS_BUCKET_ACCESS);

    this.jobs = new AppFunction(this, 'Jobs', {
      entry: props.jobsEntry ?? paths.jobsHandler,
      description: 'Scheduled jobs: statistics rollups, reminders, overdue marking',
      memorySize: 1024,
      // Well inside the 15-minute schedule, so runs do not pile up.
      timeout: Duration.minutes(5),
      environment,
      logRetentionDays,
      reservedConcurrency: settings.jobsConcurrency,
    }).bindTable(data.table, TABLE_READ_WRITE);
    if (settings.sesFromAddress) this.allowEmailFrom(settings.sesFromAddress, [this.http, this.jobs]);

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

    this.api = new AppHttpApi(this, 'Api', { handler: this.http.fn, logRetentionDays });

    this.site = new SiteDistribution(this, 'Site', {
      apiEndpoint: this.api.url,
      clientAssetsPath: props.clientAssetsPath,
      originVerifySecret,
      logRetentionDays,
      logBucket: data.logBucket,
      ...(settings.domainName
        ? {
            domain: {
              name: settings.domainName,
              ...(settings.certificateArn ? { certificate: Certificate.fromCertificateArn(this, 'Certificate', settings.certificateArn) } : {}),
              ...(settings.iamCertificateId ? { iamCertificateId: settings.iamCertificateId } : {}),
            },
          }
        : {}),
      ...(settings.webAclArn ? { webAclArn: settings.webAclArn } : {}),
    });
    // New pages name new asset files: publish the files before the code that links to them goes live.
    this.http.fn.node.addDependency(...this.site.assetsDeployments);

    this.acknowledgeFindings(originVerify);

    new ServiceAlarms(this, 'Alarms', settings.alarmEmail ? { email: settings.alarmEmail } : {})
      .watchHttpApi('Api', this.api.api)
      .watchFunction('Http', this.http.fn)
      .watchFunction('Jobs', this.jobs.fn);

    new CfnOutput(this, 'SiteUrl', { value: this.site.url, description: 'Open this in a browser' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API, bypassing CloudFront' });
  }

  /**
   * SES_FROM_ADDRESS is set above; this lets the functions send as that sender only: SendEmail on its identity (the
   * address, or its domain if that is what was verified), on condition the From address is exactly it.
   */
  private allowEmailFrom(address: string, functions: AppFunction[]): void {
    const domain = address.slice(address.lastIndexOf('@') + 1);
    const statement = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [address, domain].map((identity) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity })),
      conditions: { StringEquals: { 'ses:FromAddress': address } },
    });
    for (const fn of functions) fn.fn.addToRolePolicy(statement);
  }

  /** What cdk-nag finds and is accepted, each on its resource with the reason. */
  private acknowledgeFindings(originVerify: Secret): void {
    acknowledge(
      originVerify,
      'AwsSolutions-SMG4',
      'CloudFront and the function read this value at deployment time (a dynamic reference), so a rotation would not reach them; a new deployment with a new secret replaces it.',
    );
    const indexes = {
      finding: /^Resource::.*-TableArn\/index\/\*$/,
      reason: 'Queries go through the table’s indexes, and an index ARN is the table ARN followed by /index/ and its name: every index of our one table is meant.',
    };
    acceptWildcards(this.jobs.role, [indexes]);
    acceptWildcards(this.http.role, [
      indexes,
      {
        finding: /^Resource::.*-UploadsBucketArn\/(incoming|uploads|imports)\/\*$/,
        reason: 'Object keys are made by the app under one prefix per purpose, and the grant names the prefix (constructs/access.ts); a key cannot be known beforehand.',
      },
      {
        finding: new RegExp(`^Resource::<${this.getLogicalId(this.jobs.fn.node.defaultChild as CfnElementLike)}\\.Arn>:\\*$`),
        reason: 'Invoking the jobs function by version or alias needs the ARN with a qualifier, which is what the trailing wildcard stands for; it is still one function.',
      },
    ]);
    // The deployments share one publishing function (CDK makes it once per stack and memory size).
    for (const role of new Set(this.site.assetsDeployments.map((d) => d.handlerRole))) {
      const fn = role.node.scope!;
      acknowledge(
        role,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'This role belongs to CDK’s asset publishing function (BucketDeployment), whose role the library makes; it only writes logs with this policy.',
      );
      acceptWildcards(role, [
        {
          finding: /^(Action::s3:|Resource::)/,
          reason: 'CDK’s asset publishing function (BucketDeployment) copies the build from the CDK assets bucket into the assets bucket with the grants the library makes.',
        },
      ]);
      acknowledge(
        fn,
        'AwsSolutions-L1',
        'This is CDK’s own asset publishing function (BucketDeployment), whose runtime the library chooses and updates with each release.',
      );
    }
  }
}

type CfnElementLike = Parameters<Stack['getLogicalId']>[0];
