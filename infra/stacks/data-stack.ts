import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AppTable } from '../constructs/app-table.js';
import { UploadsBucket } from '../constructs/uploads-bucket.js';

export interface DataStackProps extends StackProps {
  /** Origins allowed to use presigned upload/download URLs from a browser. */
  readonly siteOrigins: string[];
}

/**
 * What holds the data: the table and the uploads bucket. Kept apart from the app so the app stack can be
 * replaced or torn down freely; everything here is retained and protected.
 */
export class DataStack extends Stack {
  readonly table: ITable;
  readonly uploadsBucket: IBucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    this.table = new AppTable(this, 'Data').table;
    this.uploadsBucket = new UploadsBucket(this, 'Uploads', { allowedOrigins: props.siteOrigins }).bucket;

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UploadsBucketName', { value: this.uploadsBucket.bucketName });
  }
}
