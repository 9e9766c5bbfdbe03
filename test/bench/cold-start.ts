/**
 * Cold module load: fresh `node` processes each import the bundle, as a Lambda init does, and report how long after
 * process start the import finished (performance.now() counts from the process's time origin).
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface ColdSample {
  /** Process start → import resolved. */
  sinceStartMs: number;
  /** The import() alone. */
  importMs: number;
}

/** What a freshly started function sees: dummy names (nothing is contacted while loading), production mode. */
export const coldEnv = {
  TABLE_NAME: 'bench-cold',
  UPLOADS_BUCKET: 'bench-cold-uploads',
  AWS_REGION: 'cn-northwest-1',
  NODE_ENV: 'production',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
} as const;

function childScript(bundleUrl: string): string {
  return [
    'const before = performance.now();',
    `const mod = await import(${JSON.stringify(bundleUrl)});`,
    'const after = performance.now();',
    "if (typeof mod.handler !== 'function') { console.error('the bundle does not export a handler function'); process.exit(3); }",
    'process.stdout.write(JSON.stringify({ sinceStartMs: after, importMs: after - before }));',
    // Stop here: whatever the module left scheduled is not part of the load.
    'process.exit(0);',
  ].join('\n');
}

/** Runs `runs` fresh processes one after another. `nodeOptions` is passed as NODE_OPTIONS (e.g. --enable-source-maps). */
export function measureColdLoads(bundleFile: string, runs: number, nodeOptions = ''): ColdSample[] {
  const script = childScript(pathToFileURL(bundleFile).href);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...coldEnv };
  if (nodeOptions) env.NODE_OPTIONS = nodeOptions;
  const samples: ColdSample[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
    if (child.status !== 0) {
      throw new Error(`Cold load #${i + 1} failed (exit ${child.status ?? child.signal}): ${child.stderr.trim().slice(0, 2000)}`);
    }
    const parsed = JSON.parse(child.stdout) as ColdSample;
    samples.push(parsed);
  }
  return samples;
}
