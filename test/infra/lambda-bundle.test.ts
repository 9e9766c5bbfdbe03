/**
 * The Lambda bundles as CDK ships them: the app stack synthesized with bundling on (bundleLambda, with the trims of
 * infra/constructs/bundle-trims.ts), then the http bundle run under plain node with API Gateway events.
 * A few seconds: two bundles for CDK, one for the benchmark's figure, one small one for the credentials.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Metafile } from 'esbuild';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambda, lambdaRuntimeEnvironment } from '../../infra/constructs/bundling.js';
import { checkTrims, LAMBDA_TRIMS, ZOD_LOCALES } from '../../infra/constructs/bundle-trims.js';
import { defineApp } from '../../infra/define-app.js';
import { repoRoot } from '../../infra/paths.js';
import { readSettings } from '../../infra/settings.js';
import { bundleHttpLambda } from '../bench/bundle.js';
import { prepareStorage } from '../helpers/storage.js';
import { apiGatewayEvent } from '../helpers/lambda-event.js';

let workDir: string;
let bundles: { http: string; jobs: string };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'lambda-bundle-test-'));
  const clientBuild = join(workDir, 'client');
  mkdirSync(join(clientBuild, 'assets'), { recursive: true });
  writeFileSync(join(clientBuild, 'assets', 'entry-abc123.js'), 'console.log("hi")');

  const outdir = join(workDir, 'cdk.out');
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: object };
  const app = new App({
    outdir,
    context: cdkJson.context,
    builtinCloudFormationValidation: false,
    treeMetadata: false,
    analyticsReporting: false,
    stackTraces: false,
  });
  // Bundling happens here, for every function, as in `cdk synth`.
  const stacks = defineApp(app, { settings: readSettings(app.node), clientAssetsPath: clientBuild });
  const resources = Template.fromStack(stacks.app, { skipCyclicalDependenciesCheck: true }).toJSON().Resources;
  const assetOf = (fn: { node: { defaultChild?: unknown } }) => {
    const id = stacks.app.getLogicalId(fn.node.defaultChild as CfnFunction);
    const key = resources[id].Properties.Code.S3Key as string;
    return join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
  };
  bundles = { http: assetOf(stacks.app.http.fn), jobs: assetOf(stacks.app.jobs.fn) };
  await prepareStorage();
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Runs an ES module body under plain node with the functions' runtime environment; returns what it printed. */
function node(script: string, args: string[], env: NodeJS.ProcessEnv, input = ''): string {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], {
    cwd: workDir,
    encoding: 'utf8',
    input,
    env: { ...env, ...lambdaRuntimeEnvironment },
    timeout: 30_000,
  });
  if (result.status !== 0) throw new Error(`node exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** Imports the bundle, hands its handler each event of stdin, prints the answers (then leaves: timers may remain). */
const INVOKE = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const { handler } = await import(pathToFileURL(process.argv[1]).href);
const answers = [];
for (const event of JSON.parse(readFileSync(0, 'utf8'))) {
  answers.push(await handler(event, { functionName: 'http', awsRequestId: event.requestContext.requestId }));
}
process.stdout.write(JSON.stringify(answers), () => process.exit(0));
`;

const event = apiGatewayEvent;

function invoke(bundle: string, events: APIGatewayProxyEventV2[]): APIGatewayProxyStructuredResultV2[] {
  return JSON.parse(node(INVOKE, [bundle], process.env, JSON.stringify(events))) as APIGatewayProxyStructuredResultV2[];
}

const bodyOf = (res: APIGatewayProxyStructuredResultV2) =>
  res.isBase64Encoded ? Buffer.from(res.body ?? '', 'base64').toString('utf8') : (res.body ?? '');

describe('the bundles CDK ships', () => {
  // Its size against the budget is a figure `npm run bench` prints, not a test.
  it('the http bundle is the benchmark’s, byte for byte', async () => {
    const shipped = readFileSync(bundles.http);
    const measured = await bundleHttpLambda(repoRoot, join(workDir, 'bench'));
    expect(measured.minifiedBytes).toBe(shipped.length);
    expect(readFileSync(measured.file).equals(shipped)).toBe(true);
  });

  it('carry only the zod locales in use, and no credential chain beyond the environment', () => {
    expect(ZOD_LOCALES).toEqual(['en', 'zh-CN']);
    for (const file of [bundles.http, bundles.jobs]) {
      const code = readFileSync(file, 'utf8');
      expect(code).toContain('无效输入'); // zh-CN
      expect(code).toContain('Invalid input'); // en
      expect(code).not.toContain('Ongeldige invoer'); // nl, one of the ~50 left out
      expect(code).not.toContain('defaultProvider::fromSSO');
      expect(code).not.toContain('credential-provider-ini');
    }
    expect(readFileSync(bundles.http, 'utf8')).not.toContain('renderToStaticMarkup');
  });

  it('the jobs bundle loads and exports its handler', () => {
    const script = `const m = await import((await import('node:url')).pathToFileURL(process.argv[1]).href); console.log(typeof m.handler);`;
    expect(node(script, [bundles.jobs], process.env).trim()).toBe('function');
  });
});

describe('the check after each build', () => {
  it('fails a build where a trim did not take, or where our code uses what a trim leaves out', () => {
    mkdirSync(join(workDir, 'src'), { recursive: true });
    writeFileSync(join(workDir, 'src', 'schema.ts'), 'export const s = z.fromJSONSchema({ type: "string" });');
    const input = { bytes: 1, imports: [] };
    const metafile: Metafile = {
      inputs: {
        'src/schema.ts': input,
        'node_modules/zod/v4/locales/en.js': input,
        'node_modules/zod/v4/locales/nl.js': input,
        'node_modules/@aws-sdk/credential-provider-ini/dist-es/fromIni.js': input,
        'node_modules/react-dom/cjs/react-dom-server-legacy.node.production.min.js': input,
        'node_modules/mnemonist/lru-cache.js': input,
        'node_modules/obliterator/iterator.js': input,
      },
      outputs: {},
    };
    const problems = checkTrims(metafile, LAMBDA_TRIMS, workDir).map((m) => m.text);
    expect(problems).toEqual([
      expect.stringMatching(/zod-locales trim did not take: node_modules\/zod\/v4\/locales\/nl\.js/),
      expect.stringMatching(/aws-credentials-from-env trim did not take/),
      expect.stringMatching(/react-dom-server-streaming-only trim did not take/),
      expect.stringMatching(/^src\/schema\.ts .*zod-without-from-json-schema/),
      expect.stringMatching(/small-endpoint-cache trim did not take: node_modules\/obliterator\/iterator\.js/),
    ]);
  });
});

describe('the http bundle under node', () => {
  it('answers GET /api/health, renders a page, and says validation problems in the request’s language', () => {
    const language = (cookies?: string[]) =>
      event('PUT', '/api/preferences/language', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lang: 42 }),
        ...(cookies ? { cookies } : {}),
      });
    const [health, page, zh, en] = invoke(bundles.http, [
      event('GET', '/api/health'),
      event('GET', '/login', { cookies: ['lang=en'] }),
      language(),
      language(['lang=en']),
    ]) as [APIGatewayProxyStructuredResultV2, APIGatewayProxyStructuredResultV2, APIGatewayProxyStructuredResultV2, APIGatewayProxyStructuredResultV2];

    expect(health.statusCode).toBe(200);
    expect(JSON.parse(bodyOf(health))).toMatchObject({ status: 'ok' });

    expect(page.statusCode).toBe(200);
    expect(page.headers?.['content-type']).toMatch(/text\/html/);
    expect(bodyOf(page)).toContain('Sign in');

    expect(zh.statusCode).toBe(400);
    const zhIssue = JSON.parse(bodyOf(zh)).error.details[0];
    expect(zhIssue).toMatchObject({ path: 'lang' });
    expect(zhIssue.message).toBe('请从列出的选项中选择语言');

    expect(en.statusCode).toBe(400);
    expect(JSON.parse(bodyOf(en)).error.details[0].message).toBe('Choose the language from the options offered');
  });
});

describe('SDK credentials in a Lambda bundle', () => {
  let bundle: string;
  beforeAll(async () => {
    ({ file: bundle } = await bundleLambda('test/infra/fixtures/sdk-credentials.ts', join(workDir, 'credentials')));
  });

  const CREDENTIALS = `
const { defaultCredentials } = await import((await import('node:url')).pathToFileURL(process.argv[1]).href);
try { console.log(JSON.stringify(await defaultCredentials())); } catch (error) { console.log(JSON.stringify({ error: error.message })); }
`;
  const withoutAws = () =>
    Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') || name === 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'),
    );

  it('come from the environment, as Lambda sets them', () => {
    const env = {
      ...withoutAws(),
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
    };
    expect(JSON.parse(node(CREDENTIALS, [bundle], env))).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
  });

  it('are not looked for anywhere else', () => {
    // A profile that would name an ini file: the bundle never reads one.
    const env = { ...withoutAws(), AWS_PROFILE: 'someone', HOME: workDir };
    expect(JSON.parse(node(CREDENTIALS, [bundle], env)).error).toMatch(/environment variable credentials/);
  });
});
