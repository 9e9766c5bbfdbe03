/**
 * `tsx infra/bundle-lambda.ts <entry> <outdir>`: bundles one function as CDK ships it. CDK runs this in a child
 * process (constructs/lambda-code.ts) because its bundling hook is synchronous and esbuild runs plugins only in
 * its asynchronous API.
 */
import { bundleLambda } from './constructs/bundling.js';

const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) {
  console.error('usage: tsx infra/bundle-lambda.ts <entry> <outdir>');
  process.exit(2);
}
try {
  await bundleLambda(entry, outdir);
} catch (error) {
  // esbuild has printed its own errors (logLevel); anything else is printed here.
  if (!(error instanceof Error && 'errors' in error)) console.error(error);
  process.exit(1);
}
