import { z } from 'zod';

/**
 * The one place that reads the environment. Local, test and AWS differ only in these values.
 * Parsed once, on first use; `resetConfig` exists for tests that start engines on fresh ports.
 */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  APP_VERSION: z.string().min(1).default('0.1.0'),
  TABLE_NAME: z.string().min(3).default('dangjian'),
  UPLOADS_BUCKET: z.string().min(3).default('dangjian-uploads'),
  AWS_REGION: z.string().min(1).default('cn-northwest-1'),
  /** Set locally and in tests: where dynalite listens. Unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Set locally and in tests: where s3rver listens. Unset on AWS. */
  S3_ENDPOINT: z.url().optional(),
  /** The S3 address a browser can reach for presigned URLs (defaults to S3_ENDPOINT). */
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  /** Largest request body the API accepts, in bytes. */
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Run scheduled jobs in-process every this many seconds (local only; 0 turns it off). */
  JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** A session ends after this long without a request. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
  /** A session ends this long after sign-in, however busy. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** 学时 each person should earn in a year. */
  YEARLY_CREDIT_TARGET: z.coerce.number().min(0).max(1000).default(50),
  /** Caps every lesson's minimum study time (seconds): browser tests and demos shorten it; unset in production. */
  STUDY_MIN_SECONDS_CAP: z.coerce.number().int().min(0).optional(),
  /** How often a lesson page reports study while it is visible (seconds): browser tests shorten it; 15 in production. */
  STUDY_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(40).default(15),
  /**
   * On AWS: the secret CloudFront adds to every request it forwards (an origin custom header). Only a request that
   * carries it may name the viewer's address; unset locally, where the socket's peer is the address.
   */
  ORIGIN_VERIFY_SECRET: z.string().min(16).optional(),
  /** On AWS: the jobs function a write invokes (asynchronously) to refresh the figures it made stale. */
  REFRESH_FUNCTION_NAME: z.string().min(1).optional(),
  /**
   * On AWS: the verified sender that notifications are e-mailed from through Amazon SES. Unset (locally, in tests),
   * e-mails are kept in the outbox an admin reads instead of being sent.
   */
  SES_FROM_ADDRESS: z.email().optional(),
  /**
   * Locally (`npm start` as a service): the address people use, e.g. https://xuexi.example.gov.cn. When it is
   * https, cookies are Secure and answers carry HSTS, as on AWS.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Locally: whose X-Forwarded-* headers to believe (`1`, or addresses/CIDR blocks); read by dev/front-door.ts. */
  TRUST_PROXY: z.string().optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  version: string;
  region: string;
  tableName: string;
  uploadsBucket: string;
  dynamoEndpoint: string | undefined;
  s3Endpoint: string | undefined;
  s3PublicEndpoint: string | undefined;
  bodyLimitBytes: number;
  jobsIntervalSeconds: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  yearlyCreditTarget: number;
  studyMinSecondsCap: number | undefined;
  studyHeartbeatSeconds: number;
  originVerifySecret: string | undefined;
  refreshFunctionName: string | undefined;
  sesFromAddress: string | undefined;
  publicUrl: string | undefined;
  trustProxy: string | undefined;
  /** True when talking to the local engines rather than AWS. */
  local: boolean;
  /**
   * True when browsers reach the platform over HTTPS: on AWS always, locally when PUBLIC_URL is https. Then cookies
   * are Secure (with the __Host- prefix) and answers carry Strict-Transport-Security.
   */
  https: boolean;
};

let cached: Config | undefined;

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const local = Boolean(e.DYNAMODB_ENDPOINT || e.S3_ENDPOINT);
  return {
    env: e.NODE_ENV,
    version: e.APP_VERSION,
    region: e.AWS_REGION,
    tableName: e.TABLE_NAME,
    uploadsBucket: e.UPLOADS_BUCKET,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    s3Endpoint: e.S3_ENDPOINT,
    s3PublicEndpoint: e.S3_PUBLIC_ENDPOINT ?? e.S3_ENDPOINT,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    jobsIntervalSeconds: e.JOBS_INTERVAL_SECONDS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    yearlyCreditTarget: e.YEARLY_CREDIT_TARGET,
    studyMinSecondsCap: e.STUDY_MIN_SECONDS_CAP,
    studyHeartbeatSeconds: e.STUDY_HEARTBEAT_SECONDS,
    originVerifySecret: e.ORIGIN_VERIFY_SECRET,
    refreshFunctionName: e.REFRESH_FUNCTION_NAME,
    sesFromAddress: e.SES_FROM_ADDRESS,
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    local,
    https: !local || e.PUBLIC_URL?.startsWith('https:') === true,
  };
}

export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/** Forget the parsed configuration (tests and the local starter call this after changing the environment). */
export function resetConfig(): void {
  cached = undefined;
}
