import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { ServicePrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/** Where each kind of log lands in the log bucket. */
export const LOG_PREFIXES = {
  /** S3 server access logs of the uploads and assets buckets. */
  s3: 's3-access/',
  /** CloudFront standard logs. */
  cloudfront: 'cloudfront/',
} as const;

export interface LogBucketProps {
  /** Days every log object is kept (at least 180: settings.ts). */
  readonly retentionDays: number;
}

/**
 * The one bucket for the logs S3 and CloudFront write (server access logs, CloudFront standard logs), kept for the
 * retention the settings name and then expired. Retained with the data stack: logs outlive a torn-down service.
 */
export class LogBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: LogBucketProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logs can't be written with SSE-KMS; SSE-S3 it is.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logging writes through an ACL grant, so ACLs stay enabled (bucket owner preferred).
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'log-retention', expiration: Duration.days(props.retentionDays), abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });

    // S3 server access logs of buckets in either stack. Granted by account rather than by source bucket: naming the
    // app stack's assets bucket here would make the data stack depend on the app stack.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'S3ServerAccessLogs',
        principals: [new ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${LOG_PREFIXES.s3}*`)],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'This is the log bucket itself: logging its own accesses into itself would write a log for every log written.',
    );
  }
}
