import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AssetHashType, DockerImage, type BundlingOptions, type ILocalBundling } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { repoRoot } from '../paths.js';

const bundleScript = 'infra/bundle-lambda.ts';

/**
 * Bundles a handler on this machine with `bundleLambda` (constructs/bundling.ts), in a child process: CDK's
 * bundling hook is synchronous, and esbuild runs plugins only in its asynchronous API. Never needs Docker.
 */
export class LocalLambdaBundling implements ILocalBundling {
  /** The handler module, relative to the repository root. Kept as a field: CDK tells assets apart by their props. */
  readonly entry: string;

  constructor(entry: string) {
    this.entry = relative(repoRoot, entry).split('\\').join('/');
  }

  tryBundle(outputDir: string): boolean {
    // The same TypeScript loader the CDK app runs under (cdk.json: `npx tsx infra/app.ts`).
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const result = spawnSync(process.execPath, ['--import', tsx, bundleScript, this.entry, outputDir], {
      cwd: repoRoot,
      encoding: 'utf8',
      // stdout stays clean: `cdk synth` may print a template there.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    if (result.error || result.status !== 0) {
      throw new Error(`Bundling ${this.entry} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
    }
    if (output) process.stderr.write(`${output}\n`);
    return true;
  }
}

/**
 * A function's code: the handler module bundled by `bundleLambda` into index.mjs (handler `index.handler`). The asset
 * is named by the hash of the bundle, so a deployment replaces the code exactly when the bundle changed.
 */
export function lambdaCode(entry: string): Code {
  return Code.fromAsset(repoRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new LocalLambdaBundling(entry),
      // Required by the type, never run: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('local-bundling-only'),
    } satisfies BundlingOptions,
  });
}
