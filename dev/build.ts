import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compressedDirFor, precompressAssets } from './compression.js';

export const serverBuildPath = 'build/server/index.js';
export const clientBuildDir = 'build/client';

/** What the web build is made from: if any of it is newer than the build, build again. */
const inputs = ['web', 'functions/platform', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (/\.test\.tsx?$/.test(entry)) continue; // tests are not part of the build
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(serverBuildPath) || !existsSync(clientBuildDir)) return true;
  const built = statSync(serverBuildPath).mtimeMs;
  return inputs.some((input) => newestMtime(input) > built);
}

/**
 * Builds the Remix client and server (`remix vite:build`) when the sources changed since the last build, and
 * compresses the client's assets (brotli and gzip copies in build/compressed) that are not compressed yet.
 */
export function ensureWebBuild(log: (line: string) => void = console.log): void {
  if (webBuildIsStale()) buildWeb(log);
  const started = Date.now();
  const compressed = precompressAssets(clientBuildDir);
  if (compressed > 0) log(`Compressed ${compressed} assets (brotli and gzip) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

function buildWeb(log: (line: string) => void): void {
  log('Building the web (remix vite:build)…');
  const started = Date.now();
  rmSync(compressedDirFor(clientBuildDir), { recursive: true, force: true }); // the old build's copies
  // Always a production build, whoever asks (vitest runs with NODE_ENV=test, which would make React's dev build).
  const result = spawnSync('npx', ['remix', 'vite:build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error('The web build failed; see the messages above.');
  log(`Built the web in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
