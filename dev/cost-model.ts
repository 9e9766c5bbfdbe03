/**
 * The cost model `npm run bench` prints (docs/decisions/048): list prices, usage assumptions and the arithmetic that
 * turns measured units per action into a month's bill per service. Pure; the units per action are measured by
 * test/bench/cost.ts. It lives in dev/ so that its vitest file is found.
 *
 * Prices are list prices without free tiers, without taxes, read on the date given. A price whose page could not be
 * read is `verified: false` and printed as "assumed": it is a placeholder to check before quoting the figure.
 */

export type Partition = 'global' | 'china';

export interface Price {
  /** What one unit is. */
  unit: string;
  value: number;
  source: string;
  /** The day the source was read (or, for an assumed price, the day it was written down). */
  read: string;
  verified: boolean;
}

export interface PriceList {
  partition: Partition;
  region: string;
  currency: 'USD' | 'CNY';
  dynamoWriteMillion: Price;
  dynamoReadMillion: Price;
  dynamoStorageGbMonth: Price;
  lambdaRequestMillion: Price;
  lambdaGbSecond: Price;
  apiRequestMillion: Price;
  s3StorageGbMonth: Price;
  cloudFrontGb: Price;
  cloudFrontHttpsTenThousand: Price;
  logsIngestGb: Price;
  logsStorageGbMonth: Price;
}

const READ = '2026-11-30';
const seen = (value: number, unit: string, source: string): Price => ({ value, unit, source, read: READ, verified: true });
const assumed = (value: number, unit: string, why: string): Price => ({ value, unit, source: `assumed: ${why}`, read: READ, verified: false });

/** us-east-1 (N. Virginia), USD. CloudFront at the Hong Kong/Asia edge rate, where a county's viewers are served. */
export const GLOBAL_PRICES: PriceList = {
  partition: 'global',
  region: 'us-east-1',
  currency: 'USD',
  dynamoWriteMillion: seen(0.625, 'per million write request units (on-demand)', 'https://airbyte.com/data-engineering-resources/dynamodb-pricing (third-party page quoting the AWS list price after the price cut announced on https://aws.amazon.com/blogs/aws/amazon-dynamodb-on-demand-no-capacity-planning-and-pay-per-request-pricing)'),
  dynamoReadMillion: seen(0.125, 'per million read request units (on-demand)', 'https://airbyte.com/data-engineering-resources/dynamodb-pricing (third-party page)'),
  dynamoStorageGbMonth: assumed(0.25, 'per GB-month (Standard table class)', 'the pricing page could not be read here'),
  lambdaRequestMillion: seen(0.2, 'per million requests', 'https://git.mcrn.ar/mariano/lambda_local_runner (third-party table of the AWS list price)'),
  // The functions run on arm64 (infra/constructs/app-function.ts).
  lambdaGbSecond: seen(0.0000133334, 'per GB-second (arm64, first tier)', 'https://cloudchipr.com/blog/aws-lambda-pricing (third-party page; the x86 rate, 0.0000166667, also on https://aws.amazon.com/cn/lambda/pricing/)'),
  apiRequestMillion: seen(1.0, 'per million HTTP API requests (first 300 million)', 'https://www.learnaws.org/2021/01/10/api-gateway-pricing/ (third-party page)'),
  s3StorageGbMonth: assumed(0.023, 'per GB-month (S3 Standard, first 50 TB)', 'the pricing page could not be read here'),
  cloudFrontGb: seen(0.12, 'per GB out (Hong Kong, Indonesia, … first 10 TB)', 'http://aws.amazon.com/cloudfront/pricing'),
  cloudFrontHttpsTenThousand: assumed(0.012, 'per 10,000 HTTPS requests (Asia)', 'the request rates of the pricing page could not be read here'),
  logsIngestGb: seen(0.5, 'per GB ingested (Standard log class)', 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization (third-party page, us-east-1)'),
  logsStorageGbMonth: seen(0.03, 'per GB-month stored', 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization (third-party page, us-east-1)'),
};

/** cn-northwest-1 (Ningxia, operated by NWCD), CNY. Only the DynamoDB write price could be read on amazonaws.cn. */
export const CHINA_PRICES: PriceList = {
  partition: 'china',
  region: 'cn-northwest-1',
  currency: 'CNY',
  dynamoWriteMillion: seen(11.1538, 'per million write request units (on-demand)', 'https://www.amazonaws.cn/en/dynamodb/pricing/'),
  dynamoReadMillion: assumed(2.2308, 'per million read request units (on-demand)', 'one fifth of the write price, as in the global list; the line was not readable'),
  dynamoStorageGbMonth: assumed(2.0, 'per GB-month', 'not verified'),
  lambdaRequestMillion: assumed(1.36, 'per million requests', 'not verified'),
  lambdaGbSecond: assumed(0.0000907816, 'per GB-second (arm64)', 'not verified; four fifths of an x86 rate of 0.000113477, as arm64 is priced in the global list'),
  apiRequestMillion: assumed(7.0, 'per million HTTP API requests', 'not verified'),
  s3StorageGbMonth: assumed(0.1755, 'per GB-month (S3 Standard)', 'not verified'),
  cloudFrontGb: assumed(0.6, 'per GB out (China CloudFront)', 'not verified'),
  cloudFrontHttpsTenThousand: assumed(0.1, 'per 10,000 HTTPS requests', 'not verified'),
  logsIngestGb: assumed(3.5, 'per GB ingested', 'not verified'),
  logsStorageGbMonth: assumed(0.2, 'per GB-month stored', 'not verified'),
};

/** What one action consumed, as measured (per action, per person, or per run, as `per` says). */
export interface ActionCost {
  action: string;
  /** Capacity units DynamoDB reported (ReturnConsumedCapacity TOTAL), split by command kind. */
  rcu: number;
  wcu: number;
  dynamoCalls: number;
  /** Lambda invocations of the http function (one per API Gateway request; 0 for a job run). */
  httpInvocations: number;
  /** Lambda invocations of the jobs function (a scheduled run, or a refresh a write asked for). */
  jobInvocations: number;
  /** In-process handler time: a lower bound of Lambda's billed duration. */
  ms: number;
  /** Response body, gzip -6 (what CloudFront sends compressed). */
  bytesOut: number;
  /** Log bytes: the app's own output + the access log line + the function's platform lines. */
  logBytes: number;
}

export interface Usage {
  name: string;
  people: number;
  branches: number;
  workingDays: number;
  /** Lesson study per person per working day, in minutes; heartbeats every `heartbeatSeconds`. */
  studyMinutesPerDay: number;
  pageViewsPerDay: number;
  quizzesPerMonth: number;
  answerSavesPerQuiz: number;
  sessionsPerBranchPerMonth: number;
  /** People who read the overview (leaders, organizers) and how often a working day. */
  overviewReaders: number;
  overviewReadsPerDay: number;
  /** Static JavaScript a person downloads afresh a month (hashed assets are cached between visits). */
  assetDownloadsPerMonth: number;
  assetBytes: number;
  uploadsGb: number;
  logRetentionDays: number;
}

/** The bureau: 300 staff in 10 branches. */
const bureau: Usage = {
  name: 'bureau of 300',
  people: 300,
  branches: 10,
  workingDays: 21,
  studyMinutesPerDay: 15,
  pageViewsPerDay: 8,
  quizzesPerMonth: 2,
  answerSavesPerQuiz: 20,
  sessionsPerBranchPerMonth: 4,
  overviewReaders: 15,
  overviewReadsPerDay: 3,
  assetDownloadsPerMonth: 4,
  assetBytes: 110 * 1024,
  uploadsGb: 5,
  logRetentionDays: 180,
};

/** The scenarios: the bureau, and a county of 10,000 whose people use it as the bureau's do. */
export const SCENARIOS: Usage[] = [bureau, { ...bureau, name: 'county of 10,000', people: 10_000, branches: 330, overviewReaders: 400, uploadsGb: 100 }];

export interface Measured {
  heartbeatSeconds: number;
  heartbeat: ActionCost;
  /** The mean of the pages a learner opens (each rendered by the http function, its API calls in-process). */
  page: ActionCost;
  answerSave: ActionCost;
  submit: ActionCost;
  checkIn: ActionCost;
  overview: ActionCost;
  /** One scheduled run of every job on the seeded organisation, divided by its people: per person per run. */
  jobsPerPerson: ActionCost;
  /** One run of the refresher with nothing stale (the minute schedule). */
  idleRefresh: ActionCost;
  /** One refresh after a write marked figures stale. */
  refresh: ActionCost;
  /** Table bytes per person (items' attribute bytes of the seeded table, divided by its people). */
  tableBytesPerPerson: number;
}

export const LAMBDA_MEMORY_GB = 1024 / 1024;
const JOB_RUNS_PER_MONTH = 30 * 24 * 4; // every 15 minutes (infra/stacks/app-stack.ts)
const REFRESH_RUNS_PER_MONTH = 30 * 24 * 60; // every minute

export interface Month {
  counts: { action: string; perMonth: number }[];
  totals: { rcu: number; wcu: number; httpInvocations: number; jobInvocations: number; gbSeconds: number; bytesOut: number; logBytes: number; tableGb: number };
}

/** Monthly counts of each action and the units they add up to. */
export function monthOf(usage: Usage, m: Measured): Month {
  const days = usage.workingDays;
  const counts: [string, number, ActionCost][] = [
    ['study heartbeat', usage.people * days * ((usage.studyMinutesPerDay * 60) / m.heartbeatSeconds), m.heartbeat],
    ['page view', usage.people * days * usage.pageViewsPerDay, m.page],
    ['quiz answer save', usage.people * usage.quizzesPerMonth * usage.answerSavesPerQuiz, m.answerSave],
    ['quiz submit', usage.people * usage.quizzesPerMonth, m.submit],
    ['session check-in', usage.people * usage.sessionsPerBranchPerMonth, m.checkIn],
    ['overview read', usage.overviewReaders * days * usage.overviewReadsPerDay, m.overview],
    ['jobs run × person', JOB_RUNS_PER_MONTH * usage.people, m.jobsPerPerson],
    ['refresh, idle (each minute)', REFRESH_RUNS_PER_MONTH, m.idleRefresh],
  ];
  // Writes that ask for a refresh (the jobs function, invoked asynchronously): each measured ask counted, an upper
  // bound, as a mark made while one is pending asks nothing more.
  const refreshes = counts.slice(0, 6).reduce((sum, [, n, cost]) => sum + n * cost.jobInvocations, 0);
  counts.push(['refresh after a write', refreshes, { ...m.refresh, jobInvocations: 1 }]);
  const jobInvocations = JOB_RUNS_PER_MONTH + REFRESH_RUNS_PER_MONTH + refreshes;
  const sum = (pick: (c: ActionCost) => number) => counts.reduce((total, [, n, cost]) => total + n * pick(cost), 0);
  const httpInvocations = sum((c) => c.httpInvocations);
  return {
    counts: counts.map(([action, perMonth]) => ({ action, perMonth })),
    totals: {
      rcu: sum((c) => c.rcu),
      wcu: sum((c) => c.wcu),
      httpInvocations,
      jobInvocations,
      gbSeconds: (sum((c) => c.ms) / 1000) * LAMBDA_MEMORY_GB,
      bytesOut: sum((c) => c.bytesOut) + usage.people * usage.assetDownloadsPerMonth * usage.assetBytes,
      logBytes: sum((c) => c.logBytes),
      tableGb: (m.tableBytesPerPerson * usage.people) / 1e9,
    },
  };
}

export interface Bill {
  lines: { service: string; amount: number; assumed: boolean }[];
  total: number;
}

/** A month's bill by service, at the list prices of one partition (free tiers ignored). */
export function billOf(usage: Usage, month: Month, p: PriceList): Bill {
  const t = month.totals;
  const gb = (bytes: number) => bytes / 1e9;
  const any = (...prices: Price[]) => prices.some((price) => !price.verified);
  // Logs kept `logRetentionDays`: in a steady state the group holds that many days of ingestion.
  const storedLogGb = gb(t.logBytes) * (usage.logRetentionDays / 30);
  const lines = [
    { service: 'DynamoDB requests', amount: (t.rcu / 1e6) * p.dynamoReadMillion.value + (t.wcu / 1e6) * p.dynamoWriteMillion.value, assumed: any(p.dynamoReadMillion, p.dynamoWriteMillion) },
    { service: 'DynamoDB storage', amount: t.tableGb * p.dynamoStorageGbMonth.value, assumed: any(p.dynamoStorageGbMonth) },
    {
      service: 'Lambda',
      amount: ((t.httpInvocations + t.jobInvocations) / 1e6) * p.lambdaRequestMillion.value + t.gbSeconds * p.lambdaGbSecond.value,
      assumed: any(p.lambdaRequestMillion, p.lambdaGbSecond),
    },
    { service: 'API Gateway (HTTP API)', amount: (t.httpInvocations / 1e6) * p.apiRequestMillion.value, assumed: any(p.apiRequestMillion) },
    { service: 'S3 storage (uploads)', amount: usage.uploadsGb * p.s3StorageGbMonth.value, assumed: any(p.s3StorageGbMonth) },
    {
      service: 'CloudFront',
      amount: gb(t.bytesOut) * p.cloudFrontGb.value + ((t.httpInvocations + usage.people * usage.assetDownloadsPerMonth * 3) / 1e4) * p.cloudFrontHttpsTenThousand.value,
      assumed: any(p.cloudFrontGb, p.cloudFrontHttpsTenThousand),
    },
    { service: 'CloudWatch Logs', amount: gb(t.logBytes) * p.logsIngestGb.value + storedLogGb * p.logsStorageGbMonth.value, assumed: any(p.logsIngestGb, p.logsStorageGbMonth) },
  ];
  return { lines, total: lines.reduce((sum, line) => sum + line.amount, 0) };
}
