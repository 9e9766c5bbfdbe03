/** Bundles the http Lambda exactly as CDK ships it and says what it weighs and what the weight is made of. */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import { bundleLambda } from '../../infra/constructs/bundling.js';

export const HTTP_ENTRY = 'functions/handlers/http.ts';

export interface PackageWeight {
  name: string;
  bytes: number;
  share: number;
  /** The packages (or our folders) that import it: where to cut if it should go. */
  importedBy: string[];
}

export interface BundleReport {
  file: string;
  minifiedBytes: number;
  gzipBytes: number;
  buildMs: number;
  packages: PackageWeight[];
  warnings: number;
}

/** "node_modules/@scope/pkg/x.js" → "@scope/pkg"; the innermost node_modules wins; our own files group by folder. */
export function packageOf(input: string): string {
  const path = input.replace(/\\/g, '/');
  const marker = 'node_modules/';
  const at = path.lastIndexOf(marker);
  if (at >= 0) {
    const parts = path.slice(at + marker.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
  }
  if (path.startsWith('build/server/')) return '(ours) build/server — Remix server build';
  const top = path.split('/')[0] ?? path;
  return top.includes(':') || top === path ? `(other) ${path}` : `(ours) ${top}/`;
}

export function weighPackages(metafile: Metafile, outputFile: string): PackageWeight[] {
  const output = metafile.outputs[outputFile];
  if (!output) throw new Error(`The metafile has no output named ${outputFile}.`);
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input);
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  // Who pulls each package in: imports that cross from one package into another.
  const importers = new Map<string, Set<string>>();
  // The whole module graph counts, re-export barrels included (they contribute no bytes, so the output omits them).
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const from = packageOf(input);
    for (const imported of imports) {
      if (imported.external) continue;
      const to = packageOf(imported.path);
      if (to === from) continue;
      const set = importers.get(to) ?? new Set<string>();
      set.add(from);
      importers.set(to, set);
    }
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals.entries()]
    .map(([name, bytes]) => ({ name, bytes, share: all ? bytes / all : 0, importedBy: [...(importers.get(name) ?? [])].sort() }))
    .sort((a, b) => b.bytes - a.bytes);
}

/**
 * Builds into `<outRoot>/lambda-http/index.mjs` with `bundleLambda`, the function CDK ships through
 * (infra/constructs/lambda-code.ts): the same options and plugins, so the same bytes.
 */
export async function bundleHttpLambda(root: string, outRoot: string): Promise<BundleReport> {
  const outdir = join(outRoot, 'lambda-http');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const started = performance.now();
  const bundle = await bundleLambda(HTTP_ENTRY, outdir, root);
  const buildMs = performance.now() - started;
  const code = readFileSync(bundle.file);
  return {
    file: bundle.file,
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    buildMs,
    packages: weighPackages(bundle.metafile, bundle.outputName),
    warnings: bundle.warnings,
  };
}
