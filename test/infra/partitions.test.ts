/**
 * The stacks in each partition and with each setting, checked by CDK's own CloudFormation validation (China) and by
 * cdk-nag's AwsSolutions pack: no finding left unacknowledged, every acknowledgment with a reason, nothing the China
 * regions lack. One synthesis per case, shared by its assertions (a China synthesis with validation takes ~10 s).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineApp } from '../../infra/define-app.js';
import { repoRoot } from '../../infra/paths.js';
import { readSettings, type InfraSettings } from '../../infra/settings.js';
import { SIGN_IN_PATHS } from '../../infra/stacks/web-acl-stack.js';

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
interface Violation { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }
interface Synthesis {
  templates: Record<string, Template>;
  /** AwsSolutions findings left unacknowledged. */
  findings: string[];
  /** Every acknowledgment in the app: rule id → reason. */
  acknowledged: { id: string; reason: string; at: string }[];
}

const ACCOUNT = '123456789012';
let workDir: string;
const cdkContext = (JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: object }).context;

/** Synthesizes with cdk-nag (and, if asked, CDK's CloudFormation validation), keeping going past failures to read the report. */
function synthesize(name: string, region: string, settings: Partial<InfraSettings>, validate = false): Synthesis {
  const clientBuild = join(workDir, 'client');
  const outdir = join(workDir, name);
  const app = new App({
    outdir,
    context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true, '@aws-cdk/core:validationReportJson': true },
    builtinCloudFormationValidation: validate,
    treeMetadata: false,
    analyticsReporting: false,
    stackTraces: false,
  });
  const stacks = defineApp(app, {
    settings: { ...readSettings(app.node), ...settings },
    clientAssetsPath: clientBuild,
    env: { account: ACCOUNT, region },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let report: { pluginReports: { pluginName: string; violations: Violation[] }[] } = { pluginReports: [] };
  try {
    app.synth();
  } catch (error) {
    if (!/validation-report\.json/.test(String(error))) throw error;
  }
  try {
    report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  } catch {
    // No report: nothing was found by any plugin.
  }
  const all: Stack[] = Object.values(stacks);
  const templates = Object.fromEntries(
    all.map((s) => [s.stackName, JSON.parse(readFileSync(join(outdir, s.templateFile), 'utf8')) as Template]),
  );
  const findings = report.pluginReports
    .flatMap((p) => p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${p.pluginName} ${v.severity} ${v.ruleName} at ${c.constructPath}`)));
  return { templates, findings, acknowledged: acknowledgments(app) };
}

function acknowledgments(root: IConstruct): Synthesis['acknowledged'] {
  const out: Synthesis['acknowledged'] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) out.push({ id, reason, at: c.node.path });
    }
  }
  return out;
}

/** The China regions' CloudFormation resource types, as the validator CDK bundles knows them (its regional schemas). */
function missingTypes(region: string, types: string[]): string[] {
  const requireFromCdk = createRequire(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json'));
  const validate = requireFromCdk('@aws/cloudformation-validate') as {
    SchemaValidator: new () => { validate(t: unknown, region: string): { message: string }[]; free(): void };
    TemplateContent: new (content: string, name: string) => unknown;
  };
  const validator = new validate.SchemaValidator();
  try {
    return types.filter((type) => {
      const probe = JSON.stringify({ Resources: { Probe: { Type: type, Properties: {} } } });
      return validator
        .validate(new validate.TemplateContent(probe, 'probe.json'), region)
        .some((d) => d.message.includes(`'${type}' does not exist`));
    });
  } finally {
    validator.free();
  }
}

const typesOf = (s: Synthesis) => [...new Set(Object.values(s.templates).flatMap((t) => Object.values(t.Resources).map((r) => r.Type)))].sort();

let globalDefault: Synthesis;
let globalFull: Synthesis;
let ningxia: Synthesis;
let beijing: Synthesis;
const china = { domainName: 'dangjian.example.cn', iamCertificateId: 'ASCAEXAMPLEID123' };

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'infra-partitions-'));
  mkdirSync(join(workDir, 'client', 'assets'), { recursive: true });
  writeFileSync(join(workDir, 'client', 'assets', 'entry-abc123.js'), 'console.log("hi")');
  globalDefault = synthesize('global', 'us-east-1', {});
  globalFull = synthesize('global-full', 'eu-west-1', {
    domainName: 'dangjian.example.org',
    certificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`,
    webAclArn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/dangjian/abc`,
    createWebAcl: true,
    sesFromAddress: 'noreply@example.org',
    logRetentionDays: 365,
  });
  ningxia = synthesize('ningxia', 'cn-northwest-1', china, true);
  beijing = synthesize('beijing', 'cn-north-1', china, true);
}, 120_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('leaves no finding, error or warning, unacknowledged in any partition or setting', () => {
    expect(globalDefault.findings).toEqual([]);
    expect(globalFull.findings).toEqual([]);
    expect(ningxia.findings).toEqual([]);
    expect(beijing.findings).toEqual([]);
  });

  it('runs for real: an unlogged bucket is a finding', () => {
    const app = new App({ outdir: join(workDir, 'probe'), context: { '@aws-cdk/core:validationReportJson': true } });
    new Bucket(new Stack(app, 'Probe'), 'Unlogged');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
    expect(readFileSync(join(workDir, 'probe', 'validation-report.json'), 'utf8')).toContain('AwsSolutions-S1');
  });

  it('every acknowledgment is on a resource below a stack, with a reason of at least one sentence', () => {
    const all = [globalDefault, globalFull, ningxia, beijing].flatMap((s) => s.acknowledged);
    expect(all.length).toBeGreaterThan(5);
    for (const a of all) {
      expect(a.reason.length, `${a.id} at ${a.at}`).toBeGreaterThanOrEqual(40);
      expect(a.reason, `${a.id} at ${a.at}`).toMatch(/[.。]$/);
      // Not stack-wide: the path names something inside a stack.
      expect(a.at.split('/').length, `${a.id} at ${a.at}`).toBeGreaterThan(1);
    }
  });

  it('with a custom domain and a web ACL, the TLS and WAF findings are fixed rather than acknowledged', () => {
    const ids = globalFull.acknowledged.map((a) => a.id);
    expect(ids).not.toContain('AwsSolutions-CFR4');
    expect(ids).not.toContain('AwsSolutions-CFR2');
    const distribution = Object.values(globalFull.templates['Dangjian-App']!.Resources).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    expect(distribution.Properties).toMatchObject({
      DistributionConfig: {
        Aliases: ['dangjian.example.org'],
        WebACLId: expect.stringContaining(':wafv2:'),
        ViewerCertificate: { AcmCertificateArn: expect.stringContaining(':acm:us-east-1:'), MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      },
    });
  });
});

describe('AWS China', () => {
  it('passes CDK’s CloudFormation validation for cn-northwest-1 and cn-north-1 (the syntheses above ran it)', () => {
    for (const s of [ningxia, beijing]) {
      expect(s.templates['Dangjian-App']).toBeDefined();
      // Its findings would be reported by the plugin named so, beside cdk-nag's.
      expect(s.findings.filter((f) => f.startsWith('CloudFormation Validate'))).toEqual([]);
    }
  });

  it('uses no resource type the China regions lack, by the regional schemas CDK’s validator carries', () => {
    // The check itself can fail: these exist globally and not in China.
    expect(missingTypes('cn-northwest-1', ['AWS::CloudFront::OriginAccessControl', 'AWS::CloudFront::Function', 'AWS::S3::Bucket'])).toEqual([
      'AWS::CloudFront::OriginAccessControl',
      'AWS::CloudFront::Function',
    ]);
    expect(missingTypes('us-east-1', typesOf(globalFull))).toEqual([]);
    expect(missingTypes('cn-northwest-1', typesOf(ningxia))).toEqual([]);
    expect(missingTypes('cn-north-1', typesOf(beijing))).toEqual([]);
  });

  it('writes no ARN of the global partition', () => {
    for (const s of [ningxia, beijing]) {
      const text = JSON.stringify(s.templates);
      expect(text).not.toMatch(/arn:aws:/);
      expect(text).toContain('aws-cn');
    }
  });

  it('serves the ICP-filed domain with its IAM server certificate, assets through an origin access identity', () => {
    const resources = Object.values(ningxia.templates['Dangjian-App']!.Resources);
    expect(resources.some((r) => r.Type === 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toBe(true);
    const distribution = resources.find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    expect(distribution.Properties).toMatchObject({
      DistributionConfig: {
        Aliases: [china.domainName],
        ViewerCertificate: { IamCertificateId: china.iamCertificateId, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      },
    });
    // No function rewrites headers there: the site's name is an origin header, and a client's X-Viewer-Address is not forwarded.
    const config = JSON.stringify(distribution.Properties);
    expect(config).toContain('"HeaderName":"x-forwarded-host","HeaderValue":"dangjian.example.cn"');
    const policy = resources.find((r) => r.Type === 'AWS::CloudFront::OriginRequestPolicy')!;
    const headers = JSON.stringify(policy.Properties);
    expect(headers).toContain('CloudFront-Viewer-Address');
    expect(headers.toLowerCase()).not.toContain('x-viewer-address');
  });

  it('refuses a China deployment without an ICP-filed domain, and SES where it is absent', () => {
    expect(() => synthesize('cn-nodomain', 'cn-northwest-1', {})).toThrow(/ICP-filed domain/);
    expect(() => synthesize('cn-ses', 'cn-northwest-1', { ...china, sesFromAddress: 'a@example.cn' })).toThrow(/SES/);
  });
});

describe('settings', () => {
  const fn = (s: Synthesis) => Object.values(s.templates['Dangjian-App']!.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');

  it('SES_FROM_ADDRESS sets the functions’ env and grants SendEmail on that identity only, from that address only', () => {
    const app = globalFull.templates['Dangjian-App']!;
    const ours = fn(globalFull).filter((r) => JSON.stringify(r.Properties).includes('APP_VERSION'));
    expect(ours).toHaveLength(2);
    for (const r of ours) expect(JSON.stringify(r.Properties)).toContain('"SES_FROM_ADDRESS":"noreply@example.org"');
    const statements = Object.values(app.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => (r.Properties!.PolicyDocument as { Statement: { Action: unknown; Resource: unknown; Condition?: unknown }[] }).Statement)
      .filter((s) => JSON.stringify(s.Action).includes('ses:'));
    expect(statements.length).toBe(2);
    for (const s of statements) {
      expect(s.Action).toBe('ses:SendEmail');
      expect(JSON.stringify(s.Resource)).toContain(':identity/noreply@example.org');
      expect(s.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'noreply@example.org' } });
    }
    expect(JSON.stringify(globalDefault.templates)).not.toContain('ses:');
  });

  it('a longer log retention reaches every log group and the log bucket', () => {
    const all = Object.values(globalFull.templates).flatMap((t) => Object.values(t.Resources));
    const groups = all.filter((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const g of groups) expect(g.Properties!.RetentionInDays).toBe(365);
    expect(JSON.stringify(all.filter((r) => r.Type === 'AWS::S3::Bucket'))).toContain('"ExpirationInDays":365');
  });

  it('the web ACL stack, in us-east-1, holds AWS’s common rules and a rate limit on the sign-in paths', () => {
    const acl = Object.values(globalFull.templates['Dangjian-WebAcl']!.Resources).find((r) => r.Type === 'AWS::WAFv2::WebACL')!;
    expect(acl.Properties!.Scope).toBe('CLOUDFRONT');
    const text = JSON.stringify(acl.Properties);
    expect(text).toContain('"Name":"AWSManagedRulesCommonRuleSet"');
    expect(text).toContain('"RateBasedStatement"');
    for (const path of SIGN_IN_PATHS) expect(text).toContain(`"SearchString":"${path}"`);
  });
});
