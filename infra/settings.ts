import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'constructs';
import { repoRoot } from './paths.js';

/** What may differ between deployments, read from CDK context (`cdk.json` or `-c key=value`). */
export interface InfraSettings {
  /** Origins allowed to upload to and read from the uploads bucket with presigned URLs (S3 CORS). */
  readonly siteOrigins: string[];
  /** Where alarm notifications go; without it the alarms still exist and show in the console. */
  readonly alarmEmail?: string;
  /** Reported by the app (APP_VERSION). */
  readonly appVersion: string;
}

/**
 * Until a custom domain is set, the site lives on a CloudFront domain that is unknown before the first deployment
 * (and the app stack cannot feed it back into the data stack without a cycle), so allow CloudFront's own domains.
 * A presigned URL is still required for every request, so the wildcard does not open the bucket.
 */
export const DEFAULT_SITE_ORIGINS = ['https://*.cloudfront.net', 'https://*.cloudfront.cn'];

export function readSettings(node: Node): InfraSettings {
  const email = node.tryGetContext('alarmEmail') as string | undefined;
  return {
    siteOrigins: list(node.tryGetContext('siteOrigins')) ?? DEFAULT_SITE_ORIGINS,
    ...(email ? { alarmEmail: email } : {}),
    appVersion: String(node.tryGetContext('appVersion') ?? packageVersion()),
  };
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
