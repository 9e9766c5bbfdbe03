import { Fn } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  CfnDistribution,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type IOriginRequestPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { LOG_PREFIXES } from './log-bucket.js';
import { acknowledge } from './nag.js';
import { inChina } from './partition.js';

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
  /** Days the asset publisher's logs are kept. */
  readonly logRetentionDays: number;
  /** Where CloudFront's standard logs and the assets bucket's access logs go. */
  readonly logBucket: IBucket;
  /**
   * The site's own name and its certificate: an ACM certificate in us-east-1 (global), or the id of an IAM server
   * certificate (China, where CloudFront takes no ACM certificate). Required in China (an ICP-filed domain).
   */
  readonly domain?: { readonly name: string; readonly certificate?: ICertificate; readonly iamCertificateId?: string };
  /** A WAFv2 web ACL (scope CLOUDFRONT) in front of the site. */
  readonly webAclArn?: string;
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
 * Viewer headers the app reads (functions/http and the pages: language, form bodies, same-origin checks, request
 * ids, the audit log's user agent), forwarded in China where no function can rewrite headers; plus
 * CloudFront-Viewer-Address, the viewer's address as CloudFront saw it (ip:port).
 */
export const CHINA_FORWARDED_HEADERS = [
  'Accept',
  'Accept-Language',
  'Content-Type',
  'Origin',
  'User-Agent',
  'Sec-Fetch-Site',
  'X-Request-Id',
  'CloudFront-Viewer-Address',
];

/**
 * The site's front door: CloudFront sends /assets/* to a private bucket (cached for a year: the names are hashed)
 * and everything else, uncached, to the HTTP API.
 */
export class SiteDistribution extends Construct {
  readonly distribution: Distribution;
  readonly assetsBucket: Bucket;
  /** Publish the client build; the code that links to these files must go live after them. */
  readonly assetsDeployments: BucketDeployment[];
  private readonly domainName: string | undefined;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);

    this.domainName = props.domain?.name;
    const china = inChina(this);
    if (china && !(props.domain?.name && props.domain.iamCertificateId)) {
      throw new Error(
        'In the China regions CloudFront serves only an ICP-filed domain: set domainName and iamCertificateId (infra/README.md).',
      );
    }
    if (!china && props.domain && !props.domain.certificate) {
      throw new Error('domainName needs certificateArn: an ACM certificate for it in us-east-1 (infra/README.md).');
    }

    // Nothing here that cannot be rebuilt, but the default (retain) keeps a deleted stack from failing on a
    // non-empty bucket; an orphaned assets bucket costs next to nothing.
    this.assetsBucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: `${LOG_PREFIXES.s3}assets/`,
    });
    acknowledge(
      this.assetsBucket,
      'Annotation::@aws-cdk/aws-s3:accessLogsPolicyNotAdded',
      'The log bucket is in the data stack and its policy already lets S3 logging write for this account (constructs/log-bucket.ts).',
    );

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Dangjian site',
      defaultBehavior: china ? this.chinaDefaultBehavior(props) : this.globalDefaultBehavior(props),
      additionalBehaviors: {
        '/assets/*': {
          // Origin access control where it exists; China's CloudFront has only origin access identities.
          origin: china
            ? S3BucketOrigin.withOriginAccessIdentity(this.assetsBucket)
            : S3BucketOrigin.withOriginAccessControl(this.assetsBucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
        },
      },
      // Standard logs, kept with the others in the log bucket.
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: LOG_PREFIXES.cloudfront,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.domain?.certificate
        ? {
            domainNames: [props.domain.name],
            certificate: props.domain.certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    if (china && props.domain?.iamCertificateId) {
      // The L2 construct takes ACM certificates only.
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.domain.name]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: props.domain.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      });
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'The viewer certificate is set by a property override (an IAM server certificate with TLSv1.2_2021), which cdk-nag reads before overrides apply.',
      );
    } else if (!props.domain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without a custom domain CloudFront serves its default certificate, whose policy it fixes; setting domainName and certificateArn brings TLSv1.2_2021.',
      );
    }
    if (china) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR7',
        'Origin access control does not exist in the China regions; the assets bucket is reached through an origin access identity instead, and stays private.',
      );
    }
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'A web ACL is optional (setting webAclArn, made by the Dangjian-WebAcl stack); without it the application still locks an account after five failed sign-ins.',
      );
    }
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Every page asks for a staff account, and blocking countries would lock out staff reading abroad; the optional web ACL can add such a rule.',
    );

    const unhashed = props.unhashedFiles ?? ['assets/api-docs/*'];
    const deployLogs = new LogGroup(this, 'DeployAssetsLogs', {
      retention: props.logRetentionDays as RetentionDays,
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

  /**
   * API Gateway routes on its own Host header, so CloudFront must not forward the viewer's. The app still needs
   * the name the browser used (origin checks, absolute URLs): a CloudFront Function hands it on as X-Forwarded-Host,
   * and the viewer's address as X-Viewer-Address (sign-in throttling, the audit log), overwriting whatever a client
   * sent under those names.
   */
  private globalDefaultBehavior(props: SiteDistributionProps): BehaviorOptions {
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
    return this.apiBehavior(props, OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER, {}, [
      { function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST },
    ]);
  }

  /**
   * China's CloudFront has no CloudFront Functions. The site's one name (set in China) goes to the app as an origin
   * custom header, which overwrites a viewer's header of the same name; the viewer headers the app reads are named one
   * by one, so a client's X-Viewer-Address never reaches it, and CloudFront's own CloudFront-Viewer-Address is added.
   */
  private chinaDefaultBehavior(props: SiteDistributionProps): BehaviorOptions {
    const policy = new OriginRequestPolicy(this, 'ApiRequests', {
      comment: 'Dangjian: the viewer headers, cookies and query strings the app reads',
      headerBehavior: OriginRequestHeaderBehavior.allowList(...CHINA_FORWARDED_HEADERS),
      cookieBehavior: OriginRequestCookieBehavior.all(),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
    });
    return this.apiBehavior(props, policy, { 'x-forwarded-host': props.domain!.name }, []);
  }

  private apiBehavior(
    props: SiteDistributionProps,
    originRequestPolicy: IOriginRequestPolicy,
    headers: Record<string, string>,
    functionAssociations: BehaviorOptions['functionAssociations'],
  ): BehaviorOptions {
    return {
      origin: new HttpOrigin(Fn.parseDomainName(props.apiEndpoint), {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        customHeaders: { ...headers, 'x-origin-verify': props.originVerifySecret },
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Pages are personal (cookies): nothing is cached at the edge.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy,
      ...(functionAssociations?.length ? { functionAssociations } : {}),
    };
  }

  get url(): string {
    return `https://${this.domainName ?? this.distribution.distributionDomainName}`;
  }
}
