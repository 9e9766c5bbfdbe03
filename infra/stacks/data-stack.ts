import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AppTable } from '../constructs/app-table.js';
import { LogBucket, LOG_PREFIXES } from '../constructs/log-bucket.js';
import { UploadsBucket } from '../constructs/uploads-bucket.js';

export interface DataStackProps extends StackProps {
  /** Origins allowed to use presigned upload/download URLs from a browser. */
  readonly siteOrigins: string[];
  /** Days the logs in the log bucket are kept. */
  readonly logRetentionDays: number;
}

/** What the data stack exports, under names of its own (so the app stack and cdk-nag acknowledgments see stable names). */
const EXPORTS = ['TableArn', 'TableName', 'UploadsBucketArn', 'UploadsBucketName', 'LogBucketArn', 'LogBucketName'] as const;
type ExportKey = (typeof EXPORTS)[number];
const exportName = (dataStackName: string, key: ExportKey) => `${dataStackName}-${key}`;

/** The data stack's table and buckets as seen from another stack (by `Fn::ImportValue`, which works in every partition). */
export function importData(scope: Construct, dataStackName: string): { table: ITable; uploadsBucket: IBucket; logBucket: IBucket } {
  const value = (key: ExportKey) => Fn.importValue(exportName(dataStackName, key));
  return {
    table: Table.fromTableArn(scope, 'DataTable', value('TableArn')),
    uploadsBucket: Bucket.fromBucketAttributes(scope, 'UploadsBucket', { bucketArn: value('UploadsBucketArn'), bucketName: value('UploadsBucketName') }),
    logBucket: Bucket.fromBucketAttributes(scope, 'LogBucket', { bucketArn: value('LogBucketArn'), bucketName: value('LogBucketName') }),
  };
}

/**
 * What holds the data: the table, the uploads bucket and the log bucket. Kept apart from the app so the app stack can
 * be replaced or torn down freely; everything here is retained and protected.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly uploadsBucket: Bucket;
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    this.table = new AppTable(this, 'Data').table;
    this.logBucket = new LogBucket(this, 'Logs', { retentionDays: props.logRetentionDays }).bucket;
    this.uploadsBucket = new UploadsBucket(this, 'Uploads', {
      allowedOrigins: props.siteOrigins,
      accessLogs: { bucket: this.logBucket, prefix: `${LOG_PREFIXES.s3}uploads/` },
    }).bucket;

    const values: Record<ExportKey, string> = {
      TableArn: this.table.tableArn,
      TableName: this.table.tableName,
      UploadsBucketArn: this.uploadsBucket.bucketArn,
      UploadsBucketName: this.uploadsBucket.bucketName,
      LogBucketArn: this.logBucket.bucketArn,
      LogBucketName: this.logBucket.bucketName,
    };
    for (const key of EXPORTS) new CfnOutput(this, key, { value: values[key], exportName: exportName(id, key) });
  }
}
