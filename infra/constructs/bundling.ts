import { build, type BuildOptions, type Metafile } from 'esbuild';
import { resolve } from 'node:path';
import { repoRoot } from '../paths.js';
import { lambdaTrimsPlugin } from './bundle-trims.js';

/**
 * How every Lambda is bundled, in one place: `lambdaEsbuildOptions`, run by `bundleLambda`. CDK ships what
 * `bundleLambda` writes (constructs/lambda-code.ts runs it for each function), and the benchmark measures the same
 * (test/bench/bundle.ts), so the figure it prints is the deployed bundle's.
 */

/** The Node major the functions run on: keep `target` and the Lambda runtime in step. */
export const NODE_TARGET = 'node22';

/** ESM output has no `require`; some dependencies still call it (CommonJS inside the bundle), so give them one. */
export const ESM_REQUIRE_BANNER =
  "import{createRequire}from'node:module';const require=createRequire(import.meta.url);";

/** Production builds of React and friends: the development builds are larger and slower. */
export const BUNDLE_DEFINE = { 'process.env.NODE_ENV': JSON.stringify('production') };

/** Prefer packages' ES module builds: they tree-shake better than their CommonJS ones. */
const MAIN_FIELDS = ['module', 'main'];

/** The file a bundle's handler lives in (the function's handler is `index.handler`). */
export const LAMBDA_BUNDLE_FILE = 'index.mjs';

export const lambdaEsbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: NODE_TARGET,
  minify: true,
  // Source maps without the sources: stack traces get file and line (NODE_OPTIONS=--enable-source-maps) while the
  // bundle stays small.
  sourcemap: true,
  sourcesContent: false,
  banner: { js: ESM_REQUIRE_BANNER },
  define: BUNDLE_DEFINE,
  mainFields: MAIN_FIELDS,
  // Chinese text as UTF-8 rather than \uXXXX escapes (3 bytes a character instead of 6): ~22 KB less on the http
  // bundle. Node reads ES modules as UTF-8 whatever the setting.
  charset: 'utf8',
  // The dependencies' licence comments go to index.mjs.LEGAL.txt beside the bundle (deployed with it), not into it.
  legalComments: 'external',
  // Dependency modules swapped for smaller ones that do the same for our code (constructs/bundle-trims.ts); the
  // plugin checks the metafile after each build.
  plugins: [lambdaTrimsPlugin()],
  metafile: true,
  // Nothing external: the pinned @aws-sdk/* versions ship with the code rather than whatever the runtime carries.
  external: [],
  entryNames: 'index',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
} satisfies BuildOptions;

export interface LambdaBundle {
  /** The bundle: `<outdir>/index.mjs`, with `index.mjs.map` and `index.mjs.LEGAL.txt` beside it. */
  file: string;
  metafile: Metafile;
  /** Its key in `metafile.outputs`. */
  outputName: string;
  warnings: number;
}

/**
 * Bundles one handler module into `outdir` with `lambdaEsbuildOptions`: the one way a Lambda bundle is made, for
 * CDK (through `infra/bundle-lambda.ts`) and the benchmark alike.
 */
export async function bundleLambda(entry: string, outdir: string, root: string = repoRoot): Promise<LambdaBundle> {
  const result = await build({ ...lambdaEsbuildOptions, absWorkingDir: root, entryPoints: [entry], outdir, write: true });
  const outputName = Object.keys(result.metafile.outputs).find(
    (name) => name === LAMBDA_BUNDLE_FILE || name.endsWith(`/${LAMBDA_BUNDLE_FILE}`),
  );
  if (!outputName) throw new Error(`esbuild wrote no ${LAMBDA_BUNDLE_FILE} for ${entry}.`);
  return { file: resolve(root, outdir, LAMBDA_BUNDLE_FILE), metafile: result.metafile, outputName, warnings: result.warnings.length };
}

/** Environment every function needs for the bundle above to behave as built. */
export const lambdaRuntimeEnvironment = {
  NODE_ENV: 'production',
  NODE_OPTIONS: '--enable-source-maps',
};
