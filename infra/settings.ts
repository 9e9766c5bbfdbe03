import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'constructs';
import { repoRoot } from './paths.js';

/** What may differ between deployments, read from CDK context (`cdk.json` or `-c key=value`). infra/README.md lists them. */
export interface InfraSettings {
  /** Origins allowed to upload to and read from the uploads bucket with presigned URLs (S3 CORS). */
  readonly siteOrigins: string[];
  /** Where alarm notifications go; without it the alarms still exist and show in the console. */
  readonly alarmEmail?: string;
  /** Reported by the app (APP_VERSION). */
  readonly appVersion: string;
  /** Days every log (Lambda, API access, CloudFront, S3 access) is kept: at least 180 (网络安全法 Art. 21). */
  readonly logRetentionDays: LogRetentionDays;
  /** The site's own name (CloudFront alias). Required in the China regions (an ICP-filed domain). */
  readonly domainName?: string;
  /** Global partition: an ACM certificate for `domainName`, which CloudFront requires to be in us-east-1. */
  readonly certificateArn?: string;
  /** China partition: the IAM server certificate id (uploaded with `aws iam upload-server-certificate --path /cloudfront/`). */
  readonly iamCertificateId?: string;
  /** A WAFv2 web ACL (scope CLOUDFRONT, so made in us-east-1: the `Dangjian-WebAcl` stack) to put in front of the site. */
  readonly webAclArn?: string;
  /** Also define the `Dangjian-WebAcl` stack (us-east-1) whose ARN `webAclArn` then names. */
  readonly createWebAcl: boolean;
  /** Sender of e-mail reminders through SES (global partition only): sets SES_FROM_ADDRESS and grants ses:SendEmail on it. */
  readonly sesFromAddress?: string;
  /** Reserved concurrency of the http function: the most requests served at once, and so the most a flood can bill. */
  readonly httpConcurrency: number;
  /** Reserved concurrency of the jobs function (schedule and refresh requests). */
  readonly jobsConcurrency: number;
}

/** The retention periods CloudWatch Logs accepts from 180 days up (shorter ones fall short of the law). */
export const LOG_RETENTION_DAYS = [180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

export const DEFAULT_LOG_RETENTION_DAYS: LogRetentionDays = 180;
/** 100 at once covers a check-in rush of a few thousand people (each request ~100 ms) and caps a flood's bill. */
export const DEFAULT_HTTP_CONCURRENCY = 100;
/** Jobs are idempotent and short; a few at once keeps the refresh requests of a busy hour flowing. */
export const DEFAULT_JOBS_CONCURRENCY = 5;

/**
 * Until a custom domain is set, the site lives on a CloudFront domain that is unknown before the first deployment
 * (and the app stack cannot feed it back into the data stack without a cycle), so allow CloudFront's own domains.
 * A presigned URL is still required for every request, so the wildcard does not open the bucket.
 */
export const DEFAULT_SITE_ORIGINS = ['https://*.cloudfront.net', 'https://*.cloudfront.cn'];

export function readSettings(node: Node): InfraSettings {
  const get = (key: string) => {
    const value = node.tryGetContext(key) as unknown;
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const domainName = get('domainName');
  const certificateArn = get('certificateArn');
  if (certificateArn && certificateArn.split(':')[3] !== 'us-east-1') {
    throw new Error(`certificateArn must name an ACM certificate in us-east-1 (CloudFront takes no other); got ${certificateArn}`);
  }
  const optional = (key: string, value: string | undefined) => (value ? { [key]: value } : {});
  return {
    siteOrigins: list(node.tryGetContext('siteOrigins')) ?? (domainName ? [`https://${domainName}`] : DEFAULT_SITE_ORIGINS),
    ...optional('alarmEmail', get('alarmEmail')),
    appVersion: get('appVersion') ?? packageVersion(),
    logRetentionDays: retention(get('logRetentionDays')),
    ...optional('domainName', domainName),
    ...optional('certificateArn', certificateArn),
    ...optional('iamCertificateId', get('iamCertificateId')),
    ...optional('webAclArn', get('webAclArn')),
    createWebAcl: get('createWebAcl') === 'true',
    ...optional('sesFromAddress', get('sesFromAddress')),
    httpConcurrency: positive('httpConcurrency', get('httpConcurrency'), DEFAULT_HTTP_CONCURRENCY),
    jobsConcurrency: positive('jobsConcurrency', get('jobsConcurrency'), DEFAULT_JOBS_CONCURRENCY),
  } as InfraSettings;
}

function retention(value: string | undefined): LogRetentionDays {
  if (value === undefined) return DEFAULT_LOG_RETENTION_DAYS;
  const days = Number(value);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days)) {
    throw new Error(`logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')} (at least 180 days); got ${value}`);
  }
  return days as LogRetentionDays;
}

function positive(key: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${key} must be a whole number of at least 1; got ${value}`);
  return n;
}

/** Context arrives as an array from cdk.json and as a comma-separated string from `-c`. */
function list(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const trimmed = items.map((s) => s.trim()).filter(Boolean);
  return trimmed.length ? trimmed : undefined;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
