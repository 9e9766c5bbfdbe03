import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { INDEX_ACTIONS, type BucketAccess, type TableAction } from './access.js';
import { lambdaRuntimeEnvironment } from './bundling.js';
import { lambdaCode } from './lambda-code.js';

export interface AppFunctionProps {
  /** The handler module (absolute path); it must export `handler`. */
  readonly entry: string;
  readonly description?: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly environment?: Record<string, string>;
  /** Days the function's logs are kept (settings.ts: at least 180). */
  readonly logRetentionDays: number;
  /** The most instances at once: a flood is throttled rather than billed without bound. */
  readonly reservedConcurrency: number;
}

/**
 * A Lambda function with the house defaults (Node 24, the newest Node.js runtime CDK knows and one Lambda offers in
 * every region, China's included (Runtime.NODEJS_LATEST); on Graviton; one ESM bundle made by `bundleLambda`; a log
 * group with retention; reserved concurrency) and no rights but writing its own logs until `bindTable` / `bindBucket`
 * grant the exact actions its code uses.
 */
export class AppFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);

    // Made here rather than left to Lambda, so retention is set from the first log line and the group is ours.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as RetentionDays,
    });

    // Our own role, not AWSLambdaBasicExecutionRole (a managed policy that may write to any log group): this one
    // writes to the function's own group only.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);

    this.fn = new LambdaFunction(this, 'Function', {
      code: lambdaCode(props.entry),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      role: this.role,
      reservedConcurrentExecutions: props.reservedConcurrency,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(29),
      ...(props.description ? { description: props.description } : {}),
      logGroup: this.logGroup,
      environment: { ...lambdaRuntimeEnvironment, ...props.environment },
    });
  }

  /** Grants exactly `actions` on the table (and its indexes where the action reaches them); names it in `envName`. */
  bindTable(table: ITable, actions: readonly TableAction[], envName = 'TABLE_NAME'): this {
    const resources = [table.tableArn];
    if (actions.some((a) => INDEX_ACTIONS.includes(a))) resources.push(`${table.tableArn}/index/*`);
    this.fn.addToRolePolicy(
      new PolicyStatement({ actions: unique(actions).map((a) => `dynamodb:${a}`), resources }),
    );
    this.fn.addEnvironment(envName, table.tableName);
    return this;
  }

  /**
   * Grants exactly `access`: each object grant on the keys under its prefix (a copy-only PutObject conditioned on its
   * source), bucket actions on the bucket; names the bucket in `envName`.
   */
  bindBucket(bucket: IBucket, access: BucketAccess, envName = 'UPLOADS_BUCKET'): this {
    for (const grant of access.objects) {
      if (grant.copiedFrom && grant.actions.some((a) => a !== 'PutObject')) {
        throw new Error(`bindBucket: a copy-only grant on ${grant.prefix} may hold PutObject alone`);
      }
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: unique(grant.actions).map((a) => `s3:${a}`),
          resources: [bucket.arnForObjects(`${grant.prefix}*`)],
          ...(grant.copiedFrom
            ? {
                conditions: {
                  StringLike: {
                    's3:x-amz-copy-source': [`${bucket.bucketName}/${grant.copiedFrom}*`, `/${bucket.bucketName}/${grant.copiedFrom}*`],
                  },
                },
              }
            : {}),
        }),
      );
    }
    if (access.bucket.length) {
      this.fn.addToRolePolicy(
        new PolicyStatement({ actions: unique(access.bucket).map((a) => `s3:${a}`), resources: [bucket.bucketArn] }),
      );
    }
    this.fn.addEnvironment(envName, bucket.bucketName);
    return this;
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
