import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { UPLOADS_PREFIXES } from './access.js';

export interface UploadsBucketProps {
  /** Browser origins that upload and download with presigned URLs. */
  readonly allowedOrigins: string[];
  /** How long an overwritten or deleted file can still be restored. */
  readonly keepOldVersionsFor?: Duration;
  /** Where S3 server access logs go. */
  readonly accessLogs: { readonly bucket: IBucket; readonly prefix: string };
}

/** Materials, photos, evidence and exports. Private; browsers reach it only through presigned URLs. */
export class UploadsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: UploadsBucketProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs.bucket,
      serverAccessLogsPrefix: props.accessLogs.prefix,
      // Evidence and materials are records: an overwrite or a deletion must be recoverable for a while.
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          allowedOrigins: props.allowedOrigins,
          allowedMethods: [HttpMethods.GET, HttpMethods.PUT, HttpMethods.HEAD],
          // Presigned PUTs carry Content-Type and, from current SDKs, checksum headers.
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'tidy-up',
          // A browser that gives up mid-upload leaves parts that are billed but invisible.
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          noncurrentVersionExpiration: props.keepOldVersionsFor ?? Duration.days(90),
          // Once its old versions are gone, a delete marker is clutter.
          expiredObjectDeleteMarker: true,
        },
        {
          id: 'unchecked-uploads',
          // Files browsers PUT and the platform has not (yet) checked. A check copies a file out within minutes of
          // its upload and deletes it; what remains was abandoned or refused, and no reader ever receives it.
          prefix: UPLOADS_PREFIXES.incoming,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          id: 'roster-imports',
          // Roster files name people (logins, phones, Party standing). A preview can be confirmed for 24 hours
          // (roster-store.ts); after that neither the file nor its rows serve any purpose, so none of it is kept.
          prefix: UPLOADS_PREFIXES.imports,
          expiration: Duration.days(2),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });
  }
}
