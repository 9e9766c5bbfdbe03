/**
 * Runs the browser tests in Debian's Chromium. Without a Chromium they say how to get one and pass, unless
 * REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
const chromium = candidates.find((path) => existsSync(path));

if (!chromium) {
  const message = [
    'Browser tests: no Chromium found (looked at ' + candidates.join(', ') + ').',
    'Install Debian\'s Chromium with:  apt-get update && apt-get install -y chromium',
    'or point CHROMIUM_PATH at a Chromium binary.',
  ].join('\n');
  if (process.env.REQUIRE_BROWSER === '1') {
    console.error(message + '\nREQUIRE_BROWSER=1: failing.');
    process.exit(1);
  }
  console.warn(message + '\nSkipping the browser tests (set REQUIRE_BROWSER=1 to make this a failure).');
  process.exit(0);
}

const port = await new Promise<number>((resolve, reject) => {
  const server = createServer();
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
  });
});

const result = spawnSync('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium, E2E_PORT: String(port) },
});
process.exit(result.status ?? 1);
