import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the Lambda bundles are built from here, so esbuild finds node_modules and tsconfig.json. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const paths = {
  httpHandler: join(repoRoot, 'functions/handlers/http.ts'),
  jobsHandler: join(repoRoot, 'functions/handlers/jobs.ts'),
  /** Output of `remix vite:build`: hashed browser assets, served by CloudFront from S3. */
  clientBuild: join(repoRoot, 'build/client'),
  /** Output of `remix vite:build`: the server build that the http handler imports and esbuild bundles. */
  serverBuild: join(repoRoot, 'build/server/index.js'),
};

/** Fail early with the fix, rather than with an asset or esbuild error that names neither. */
export function requireBuilt(path: string): string {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npm run build\` (remix vite:build) before synthesizing.`);
  }
  return path;
}
