import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import rules (.dependency-cruiser.cjs) run on a tiny tree that breaks each of them once
 * (test/fixtures/deps), through the same command line as `npm run test:deps`: a rule whose pattern silently stops
 * matching fails here instead of letting the house drift.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/deps/', import.meta.url));
const depcruise = fileURLToPath(new URL('../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
  cycle?: Array<{ name: string }>;
}

let violations: Violation[];
let exitCode: number;

beforeAll(async () => {
  const cruise = (outputType: string) =>
    promisify(execFile)(process.execPath, [depcruise, '--config', `${root}.dependency-cruiser.cjs`, '--ts-config', 'tsconfig.json', '--output-type', outputType, 'functions', 'web', 'dev', 'test'], {
      cwd: fixture,
      maxBuffer: 20 * 1024 * 1024,
    }).then(
      (done) => ({ ...done, code: 0 }),
      (failed: { stdout: string; code: number }) => failed,
    );
  // The findings as data, and the exit status of the form `npm run test:deps` uses.
  const [json, err] = await Promise.all([cruise('json'), cruise('err')]);
  violations = (JSON.parse(json.stdout) as { summary: { violations: Violation[] } }).summary.violations;
  exitCode = err.code;
}, 60_000);

const found = () => violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

describe('the import rules', () => {
  it('report exactly one finding per planted violation, and fail the command', () => {
    expect(found()).toEqual(
      [
        'web-imports-only-shared-constants: web/app/lib/lang.ts → functions/platform/config.ts',
        'web-imports-no-server-side-tooling: web/app/lib/seeded.ts → dev/seed.ts',
        'domain-knows-no-adapter: functions/domain/alpha/service.ts → functions/http/middleware.ts',
        'platform-knows-no-area: functions/platform/i18n.ts → functions/domain/alpha/messages.ts',
        'shared-imports-nothing: functions/shared/constants.ts → functions/platform/config.ts',
        'area-store-is-private: functions/domain/beta/service.ts → functions/domain/alpha/store.ts',
        'area-store-is-private: functions/domain/beta/service.ts → functions/domain/alpha/progress-store.ts',
        'adapters-call-services: functions/http/route.ts → functions/domain/alpha/entities.ts',
        'no-test-code-in-production: functions/domain/alpha/store.ts → test/helpers/sample.ts',
        'no-circular: functions/domain/gamma/a.ts → functions/domain/gamma/b.ts',
        'not-to-unresolvable: functions/domain/gamma/a.ts → ./missing.js',
      ].sort(),
    );
    expect(violations.every((v) => v.rule.severity === 'error')).toBe(true);
    expect(exitCode).toBe(violations.length);
  });

  it('let the allowed imports beside them pass', () => {
    const allowed = [
      ['web/app/lib/lang.ts', 'functions/shared/constants.ts'],
      ['web/app/lib/lang.ts', 'web/app/lib/api-types.ts'],
      ['functions/platform/i18n.ts', 'functions/shared/constants.ts'],
      ['functions/domain/alpha/service.ts', 'functions/domain/alpha/store.ts'],
      ['functions/domain/alpha/store.ts', 'functions/domain/alpha/entities.ts'],
      ['functions/domain/beta/service.ts', 'functions/domain/alpha/service.ts'],
      ['functions/domain/alpha/service.test.ts', 'test/helpers/sample.ts'],
      ['functions/http/route.ts', 'functions/domain/beta/service.ts'],
      ['functions/jobs/registry.ts', 'functions/domain/alpha/service.ts'],
      ['functions/handlers/server-build.ts', '../../build/server/index.js'],
      ['dev/seed.ts', 'functions/domain/alpha/service.ts'],
    ];
    for (const [from, to] of allowed) expect(violations.filter((v) => v.from === from && v.to === to), `${from} → ${to}`).toEqual([]);
  });

  it('name the whole cycle', () => {
    const cycle = violations.find((v) => v.rule.name === 'no-circular')?.cycle?.map((step) => step.name);
    expect(cycle).toEqual(['functions/domain/gamma/b.ts', 'functions/domain/gamma/a.ts']);
  });
});
