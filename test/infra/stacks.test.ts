/**
 * The infrastructure's promises, checked on the synthesized templates: data protected and retained, keys and
 * indexes taken from the table definition, least-privilege grants, the CDN, the schedule, alarms and logs.
 * Bundling is skipped and built-in validation is off, so this stays a few seconds; lambda-bundle.test.ts bundles.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { table as definition } from '../../functions/platform/table.js';
import { incomingKey, incomingPrefix, storedKey, storedPrefix } from '../../functions/domain/uploads/keys.js';
import { UPLOADS_PREFIXES } from '../../infra/constructs/access.js';
import { LAMBDA_TRIMS } from '../../infra/constructs/bundle-trims.js';
import { lambdaEsbuildOptions } from '../../infra/constructs/bundling.js';
import { defineApp } from '../../infra/define-app.js';
import { repoRoot } from '../../infra/paths.js';
import { DEFAULT_SITE_ORIGINS, readSettings } from '../../infra/settings.js';

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource?: unknown };

let workDir: string;
let data: Template;
let service: Template;
let stacks: ReturnType<typeof defineApp>;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'infra-test-'));
  const clientBuild = join(workDir, 'client');
  mkdirSync(join(clientBuild, 'assets'), { recursive: true });
  writeFileSync(join(clientBuild, 'assets', 'entry-abc123.js'), 'console.log("hi")');

  // The same feature flags as `cdk synth`, plus what makes a test fast: no bundling, no copying of assets,
  // no template validation, no tree metadata.
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: object };
  const app = new App({
    outdir: join(workDir, 'cdk.out'),
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      'aws:cdk:disable-asset-staging': true,
    },
    builtinCloudFormationValidation: false,
    treeMetadata: false,
    analyticsReporting: false,
    stackTraces: false,
  });
  stacks = defineApp(app, { settings: readSettings(app.node), clientAssetsPath: clientBuild });
  data = Template.fromStack(stacks.data, { skipCyclicalDependenciesCheck: true });
  service = Template.fromStack(stacks.app, { skipCyclicalDependenciesCheck: true });
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** The logical id a construct's CloudFormation resource gets in its stack. */
function logicalId(construct: { node: { defaultChild?: unknown } }, stack: Stack): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnFunction);
}

/** Every IAM statement in a template: managed-by-CDK policies and inline role policies alike. */
function allStatements(template: Template): Statement[] {
  const out: Statement[] = [];
  for (const res of Object.values(template.toJSON().Resources as Record<string, Resource>)) {
    if (res.Type === 'AWS::IAM::Policy') {
      out.push(...((res.Properties?.PolicyDocument as { Statement: Statement[] }).Statement ?? []));
    }
    if (res.Type === 'AWS::IAM::Role') {
      for (const p of (res.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[]) ?? []) {
        out.push(...p.PolicyDocument.Statement);
      }
    }
  }
  return out;
}

/** The actions granted to a function's role by the policies attached to it. */
function actionsOf(fn: { role?: { node: { defaultChild?: unknown } } }): string[] {
  const roleId = stacks.app.getLogicalId(fn.role!.node.defaultChild as CfnFunction);
  const policies = service.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  expect(Object.keys(policies).length).toBeGreaterThan(0);
  return Object.values(policies).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as Statement[]).flatMap((s) => [s.Action].flat()),
  );
}

describe('data stack: table', () => {
  it('is on-demand, recoverable, protected from deletion, TTL on expiresAt, AWS-managed encryption', () => {
    data.resourceCountIs('AWS::DynamoDB::Table', 1);
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      // SSE on with no key of ours: the AWS-managed key (aws/dynamodb).
      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
    });
  });

  it('is retained when the stack goes', () => {
    data.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('has the keys and every index of functions/platform/table.ts', () => {
    expect(definition.ttlAttribute).toBe('expiresAt');
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: definition.partitionKey, KeyType: 'HASH' },
        { AttributeName: definition.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: definition.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
    const attributes = definition.indexes.flatMap((i) => [i.partitionKey, i.sortKey]);
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      AttributeDefinitions: Match.arrayWith(
        [definition.partitionKey, definition.sortKey, ...attributes].map((AttributeName) => ({
          AttributeName,
          AttributeType: 'S',
        })),
      ),
    });
  });
});

describe('data stack: uploads bucket', () => {
  it('is private, encrypted, versioned and retained', () => {
    data.resourceCountIs('AWS::S3::Bucket', 2);
    data.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    });
  });

  it('refuses requests without TLS', () => {
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets the site use presigned URLs from a browser (CORS), tidies up old versions and parts, and keeps no unchecked upload or roster file', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedMethods: Match.arrayWith(['GET', 'PUT', 'HEAD']),
            AllowedOrigins: DEFAULT_SITE_ORIGINS,
          }),
        ],
      },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
          }),
          // Unchecked uploads (a check copies a file out and deletes it): nothing abandoned or refused lingers.
          Match.objectLike({ Status: 'Enabled', Prefix: 'incoming/', ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }),
          // Roster files hold personal data and are needed only while their preview can be confirmed (24 h).
          Match.objectLike({ Status: 'Enabled', Prefix: 'imports/', ExpirationInDays: 2, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }),
        ],
      },
    });
  });
});

describe('app stack: functions', () => {
  it('run Node 24 on arm64 with reserved concurrency, log to a group kept 180 days', () => {
    for (const fn of [stacks.app.http, stacks.app.jobs]) {
      const id = logicalId(fn.fn, stacks.app);
      const resource = service.toJSON().Resources[id] as Resource;
      expect(resource.Type).toBe('AWS::Lambda::Function');
      expect(resource.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        ReservedConcurrentExecutions: expect.any(Number),
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: logicalId(fn.logGroup, stacks.app) } },
        Environment: {
          Variables: { NODE_ENV: 'production', NODE_OPTIONS: '--enable-source-maps', TABLE_NAME: expect.anything() },
        },
      });
    }
    service.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 29,
      MemorySize: 1024,
      Environment: { Variables: Match.objectLike({ UPLOADS_BUCKET: Match.anyValue() }) },
    });
  });

  it('bundle as one minified ESM file with the require banner, the SDK inside and the trims', () => {
    expect(lambdaEsbuildOptions).toMatchObject({
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      banner: { js: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);" },
      define: { 'process.env.NODE_ENV': '"production"' },
      external: [],
      outExtension: { '.js': '.mjs' },
      metafile: true,
    });
    expect(lambdaEsbuildOptions.plugins.map((p) => p.name)).toEqual(['lambda-trims']);
    // What the trims check after each build (test/infra/lambda-bundle.test.ts builds for real).
    expect(LAMBDA_TRIMS.map((t) => t.name)).toEqual([
      'zod-locales',
      'aws-credentials-from-env',
      'react-dom-server-streaming-only',
      'react-dom-without-browser-renderer',
      'zod-without-compiler',
      'zod-without-from-json-schema',
      'small-endpoint-cache',
    ]);
  });

  it('every log group has a retention', () => {
    const groups = Object.values(service.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(180);
  });
});

describe('least privilege', () => {
  it('no IAM statement grants a wildcard action, in either stack', () => {
    const statements = [...allStatements(data), ...allStatements(service)];
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of [statement.Action].flat()) {
        expect(action, JSON.stringify(statement)).not.toBe('*');
        expect(action.endsWith(':*'), `${action} in ${JSON.stringify(statement)}`).toBe(false);
      }
    }
  });

  it('the http function reads and writes the table and the uploads bucket, naming each action', () => {
    const actions = actionsOf(stacks.app.http.fn);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        's3:GetObject',
        's3:PutObject',
        's3:DeleteObject',
        's3:ListBucket',
      ]),
    );
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('the http function reaches the indexes and the objects, not the whole account', () => {
    service.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['dynamodb:Query']),
            Resource: Match.arrayWith([Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['/index/*'])] })]),
          }),
        ]),
      },
    });
  });

  /** The http function's S3 statements: actions, the key pattern each reaches (bucket ARN elided), and conditions. */
  function s3Grants() {
    const roleId = stacks.app.getLogicalId(stacks.app.http.fn.role!.node.defaultChild as CfnFunction);
    const policies = service.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) } });
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Array<Statement & { Condition?: unknown }>);
    return statements
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')))
      .map((s) => {
        const resource = JSON.stringify(s.Resource);
        const pattern = /"\/([^"]*\*)"/.exec(resource)?.[1] ?? (resource.includes('/') ? resource : 'bucket');
        return { actions: [s.Action].flat().sort(), keys: pattern, condition: s.Condition };
      });
  }

  it('the http function writes browsers’ files only under incoming/, and checked files only by copying them from there', () => {
    const grants = s3Grants();
    expect(grants.map(({ actions, keys }) => `${keys}: ${actions.join(' ')}`).sort()).toEqual([
      'bucket: s3:ListBucket',
      'imports/*: s3:GetObject s3:PutObject',
      'incoming/*: s3:DeleteObject s3:GetObject s3:PutObject',
      'uploads/*: s3:GetObject',
      'uploads/*: s3:PutObject',
    ]);
    // No statement reaches every object of the bucket.
    expect(grants.every((g) => g.keys !== '*')).toBe(true);
    // The one PutObject on the keys readers get holds only for a copy whose source is under incoming/.
    const copyOnly = grants.find((g) => g.keys === 'uploads/*' && g.actions.includes('s3:PutObject'))!;
    const sources = JSON.stringify((copyOnly.condition as { StringLike: Record<string, unknown> }).StringLike['s3:x-amz-copy-source']);
    expect(sources).toContain('/incoming/*');
    expect(sources).not.toContain('uploads/');
    const unconditioned = grants.filter((g) => g.condition === undefined);
    expect(unconditioned.some((g) => g.keys === 'uploads/*' && g.actions.includes('s3:PutObject'))).toBe(false);
  });

  it('names the same prefixes as the code that writes the keys', () => {
    expect(UPLOADS_PREFIXES.incoming).toBe(incomingPrefix);
    expect(UPLOADS_PREFIXES.stored).toBe(storedPrefix);
    expect(incomingKey('pdf', 'X', 'pdf').startsWith(UPLOADS_PREFIXES.incoming)).toBe(true);
    expect(storedKey('pdf', 'X', 'pdf').startsWith(UPLOADS_PREFIXES.stored)).toBe(true);
  });

  it('the jobs function has table access and no S3 access at all', () => {
    const actions = actionsOf(stacks.app.jobs.fn);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchWriteItem']));
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual([]);
  });
});

describe('app stack: front door', () => {
  it('an HTTP API sends every route to the http function', () => {
    service.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    service.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    service.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('CloudFront serves /assets/* from S3 through origin access control and the rest from the API uncached', () => {
    service.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    service.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: Match.arrayWith(['PUT', 'PATCH', 'POST', 'DELETE']),
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/assets/*',
            ViewerProtocolPolicy: 'redirect-to-https',
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', // Managed-CachingOptimized
          }),
        ],
      }),
    });
  });

  it('CloudFront hands on the viewer address and proves itself with a generated secret the http function knows', () => {
    const secrets = service.findResources('AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(1);
    const secretId = Object.keys(secrets)[0]!;
    const reference = { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] };
    service.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({ OriginCustomHeaders: [{ HeaderName: 'x-origin-verify', HeaderValue: reference }] }),
        ]),
      }),
    });
    service.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Hono app'),
      Environment: { Variables: Match.objectLike({ ORIGIN_VERIFY_SECRET: reference }) },
    });
    // The viewer-request function overwrites what a client may have sent under the header's name.
    service.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp("request\\.headers\\['x-viewer-address'\\] = \\{ value: event\\.viewer\\.ip \\}"),
    });
  });

  it('the client build is published to the assets bucket, keeping earlier files; hashed ones cached for good', () => {
    service.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: false,
      Exclude: ['assets/api-docs/*'],
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    service.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: false,
      Include: ['assets/api-docs/*'],
      SystemMetadata: { 'cache-control': 'public, max-age=3600' },
    });
    // Files first, then the code whose pages link to them.
    const httpFn = service.toJSON().Resources[logicalId(stacks.app.http.fn, stacks.app)];
    expect(httpFn.DependsOn).toEqual(
      expect.arrayContaining(stacks.app.site.assetsDeployments.map((d) => expect.stringContaining(d.node.id))),
    );
  });
});

describe('logs kept 180 days', () => {
  it('the HTTP API writes a JSON access log to a group kept 180 days', () => {
    service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
  });

  it('CloudFront standard logs and both buckets’ access logs go to the log bucket, which expires them after 180 days', () => {
    service.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Logging: Match.objectLike({ Prefix: 'cloudfront/' }) }),
    });
    service.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3-access/assets/' }) });
    data.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3-access/uploads/' }) });
    data.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
        LifecycleConfiguration: { Rules: [Match.objectLike({ Status: 'Enabled', ExpirationInDays: 180 })] },
      }),
    });
  });

  it('the table keeps point-in-time recovery on', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
  });

  it('the audit log carries no TTL attribute, so DynamoDB never expires an entry (等保: kept at least a year)', () => {
    const dir = join(repoRoot, 'functions/domain/audit');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(0);
    for (const file of sources) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toContain(definition.ttlAttribute);
      expect(text, file).not.toMatch(/\bttl\b/i);
    }
  });
});

describe('app stack: schedule and alarms', () => {
  it('an EventBridge schedule invokes the jobs function', () => {
    service.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stacks.app.jobs.fn, stacks.app), 'Arn'] } })],
    });
  });

  it('alarms watch the API 5xx and each function’s errors and throttles', () => {
    const alarms = Object.values(service.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    const metrics = alarms.map((a) => `${a.Properties.Namespace}/${a.Properties.MetricName}`).sort();
    expect(metrics).toEqual([
      'AWS/ApiGateway/5xx',
      'AWS/Lambda/Errors',
      'AWS/Lambda/Errors',
      'AWS/Lambda/Throttles',
      'AWS/Lambda/Throttles',
    ]);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
  });

  it('outputs the site and API URLs, the table and the bucket', () => {
    expect(Object.keys(service.findOutputs('*'))).toEqual(expect.arrayContaining(['SiteUrl', 'ApiUrl']));
    expect(Object.keys(data.findOutputs('*'))).toEqual(expect.arrayContaining(['TableName', 'UploadsBucketName']));
  });
});
