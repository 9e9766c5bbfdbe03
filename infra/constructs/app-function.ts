import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { paths, repoRoot } from '../paths.js';
import {
  BUCKET_LEVEL_ACTIONS,
  INDEX_ACTIONS,
  type BucketAction,
  type TableAction,
} from './access.js';
import { lambdaBundling, lambdaRuntimeEnvironment } from './bundling.js';

export interface AppFunctionProps {
  /** The handler module (absolute path); it must export `handler`. */
  readonly entry: string;
  readonly description?: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly environment?: Record<string, string>;
  readonly logRetention?: RetentionDays;
}

/**
 * A Lambda function with the house defaults (Node 22 on Graviton, one ESM bundle, a log group with retention)
 * and no rights at all until `bindTable` / `bindBucket` grant the exact actions its code uses.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);

    // Made here rather than left to Lambda, so retention is set from the first log line and the group is ours.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });

    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: paths.lockFile,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(29),
      ...(props.description ? { description: props.description } : {}),
      logGroup: this.logGroup,
      bundling: lambdaBundling,
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

  /** Grants exactly `actions`: object actions on `bucket/*`, bucket actions on the bucket; names it in `envName`. */
  bindBucket(bucket: IBucket, actions: readonly BucketAction[], envName = 'UPLOADS_BUCKET'): this {
    const onBucket = unique(actions.filter((a) => BUCKET_LEVEL_ACTIONS.includes(a)));
    const onObjects = unique(actions.filter((a) => !BUCKET_LEVEL_ACTIONS.includes(a)));
    if (onObjects.length) {
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: onObjects.map((a) => `s3:${a}`),
          resources: [bucket.arnForObjects('*')],
        }),
      );
    }
    if (onBucket.length) {
      this.fn.addToRolePolicy(
        new PolicyStatement({ actions: onBucket.map((a) => `s3:${a}`), resources: [bucket.bucketArn] }),
      );
    }
    this.fn.addEnvironment(envName, bucket.bucketName);
    return this;
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
