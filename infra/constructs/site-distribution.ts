import { Fn } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface SiteDistributionProps {
  /** The HTTP API's endpoint URL (https://id.execute-api.region.domain/). */
  readonly apiEndpoint: string;
  /** The Remix client build (`build/client`); its hashed files under assets/ are served from S3. */
  readonly clientAssetsPath: string;
  /**
   * Files in the client build whose names carry no content hash (globs relative to it), so they must not be
   * cached as immutable. Default: the API reference's swagger-ui files, copied from the npm package as they are.
   */
  readonly unhashedFiles?: string[];
  readonly logRetention?: RetentionDays;
  /**
   * Added to every request CloudFront forwards to the API (as the `x-origin-verify` origin custom header): the app
   * believes the viewer address CloudFront's function wrote only on requests that carry it.
   */
  readonly originVerifySecret: string;
}

/** Vite names files after their content: a changed file is a new name, so the old one may be cached forever. */
const HASHED_CACHE = CacheControl.fromString('public, max-age=31536000, immutable');
/** Same name, new content on a later deploy: let browsers and the edge check again within the hour. */
const UNHASHED_CACHE = CacheControl.fromString('public, max-age=3600');

/**
 * The site's front door: CloudFront sends /assets/* to a private bucket (cached for a year: the names are hashed)
 * and everything else, uncached, to the HTTP API.
 */
export class SiteDistribution extends Construct {
  readonly distribution: Distribution;
  readonly assetsBucket: Bucket;
  /** Publish the client build; the code that links to these files must go live after them. */
  readonly assetsDeployments: BucketDeployment[];

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);

    // Nothing here that cannot be rebuilt, but the default (retain) keeps a deleted stack from failing on a
    // non-empty bucket; an orphaned assets bucket costs next to nothing.
    this.assetsBucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
    });

    // API Gateway routes on its own Host header, so CloudFront must not forward the viewer's. The app still needs
    // the name the browser used (origin checks, absolute URLs): this hands it on as X-Forwarded-Host, and the
    // viewer's address as X-Viewer-Address (sign-in throttling, the audit log), overwriting whatever a client sent
    // under those names.
    const forwardHost = new EdgeFunction(this, 'ForwardHost', {
      comment: 'Copy the viewer Host and address to X-Forwarded-Host and X-Viewer-Address',
      code: FunctionCode.fromInline(
        [
          'function handler(event) {',
          '  var request = event.request;',
          "  request.headers['x-forwarded-host'] = { value: request.headers.host.value };",
          "  request.headers['x-viewer-address'] = { value: event.viewer.ip };",
          '  return request;',
          '}',
        ].join('\n'),
      ),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Dangjian site',
      defaultBehavior: {
        origin: new HttpOrigin(Fn.parseDomainName(props.apiEndpoint), {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          customHeaders: { 'x-origin-verify': props.originVerifySecret },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Pages are personal (cookies): nothing is cached at the edge.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/assets/*': {
          origin: S3BucketOrigin.withOriginAccessControl(this.assetsBucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
        },
      },
    });

    const unhashed = props.unhashedFiles ?? ['assets/api-docs/*'];
    const deployLogs = new LogGroup(this, 'DeployAssetsLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });
    const deploy = (id: string, cacheControl: CacheControl, filter: { include?: string[]; exclude: string[] }) =>
      new BucketDeployment(this, id, {
        sources: [Source.asset(props.clientAssetsPath)],
        destinationBucket: this.assetsBucket,
        ...filter,
        // Keep earlier builds' files: a page rendered by the previous version may still ask for them.
        prune: false,
        cacheControl: [cacheControl],
        // The list of keys would come back in a custom resource response, which is capped at 4 KB.
        outputObjectKeys: false,
        memoryLimit: 512,
        logGroup: deployLogs,
      });
    this.assetsDeployments = [deploy('DeployAssets', HASHED_CACHE, { exclude: unhashed })];
    if (unhashed.length) {
      this.assetsDeployments.push(deploy('DeployUnhashed', UNHASHED_CACHE, { exclude: ['*'], include: unhashed }));
    }
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
