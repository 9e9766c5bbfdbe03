import type { BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every Lambda is bundled, in one place. `lambdaEsbuildOptions` is plain esbuild (a benchmark can build
 * `functions/handlers/http.ts` with exactly what CDK ships); `lambdaBundling` says the same to NodejsFunction.
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
  // No `charset: 'utf8'`: NodejsFunction ignores that option (aws/aws-cdk#32649), and measured on the http bundle it
  // saved 0.3% zipped and nothing in load time. Default (ASCII escapes) in both builds keeps them identical.

  // Nothing external: the pinned @aws-sdk/* versions ship with the code rather than whatever the runtime carries.
  external: [],
  // NodejsFunction names its output index.mjs; with `outdir` this does the same for a direct esbuild run.
  outExtension: { '.js': '.mjs' },
} satisfies BuildOptions;

export const lambdaBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: lambdaEsbuildOptions.target,
  minify: lambdaEsbuildOptions.minify,
  sourceMap: lambdaEsbuildOptions.sourcemap,
  sourcesContent: lambdaEsbuildOptions.sourcesContent,
  banner: lambdaEsbuildOptions.banner.js,
  define: lambdaEsbuildOptions.define,
  mainFields: lambdaEsbuildOptions.mainFields,
  bundleAwsSDK: true,
};

/** Environment every function needs for the bundle above to behave as built. */
export const lambdaRuntimeEnvironment = {
  NODE_ENV: 'production',
  NODE_OPTIONS: '--enable-source-maps',
};
