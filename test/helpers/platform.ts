/**
 * The one setup of an integration test file: its own table and bucket on the shared engines (setup.ts points the
 * process at them), the demo organisation, the real app with the real web build, and signing in through the API.
 *
 *   const { app, signIn, call } = useLocalPlatform();
 *   let admin: string;
 *   beforeAll(async () => { admin = await signIn('admin'); });
 *
 * Call it at the top of the file: it registers a `beforeAll` that runs before the file's own, so the file's
 * `beforeAll` finds the platform ready.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { seedDemo, type SeedResult } from '../../dev/seed.js';
import { clock } from '../../functions/platform/clock.js';
import { createTestApp } from './app.js';
import { apiCaller, signIn as signInAs } from './sign-in.js';
import { prepareStorage } from './storage.js';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export interface LocalPlatformOptions {
  /** Seed the demo organisation (default true); false leaves the table empty. */
  seed?: boolean;
  /** Build the app (default true); false for files that call the domain or a handler only. */
  app?: boolean;
  /**
   * Puts the platform's clock back to the real one after each test ('each') or after the file ('file'), for files
   * whose tests move it. Off by default: a file that sets the clock in its own beforeAll keeps it.
   */
  restoreClock?: 'each' | 'file';
}

export interface LocalPlatform {
  /** The app, as `npm start` serves it: `request` and `fetch` reach it once the setup has run. */
  app: Pick<TestApp, 'request' | 'fetch'>;
  /** What seeding reported (after the setup; undefined when not seeded). */
  seeded(): SeedResult | undefined;
  /** Signs in through POST /api/auth/login; the session cookie (`sid=…`). Throws with the answer when refused. */
  signIn(login: string, password?: string, headers?: Record<string, string>): Promise<string>;
  /** Calls `/api<path>` as the holder of `cookie` (null: nobody); the answer's status and JSON. */
  call: ReturnType<typeof apiCaller>;
  /** The clock as it was when the file started (the real one). */
  realNow: () => Date;
}

export function useLocalPlatform(options: LocalPlatformOptions = {}): LocalPlatform {
  const { seed = true, app: withApp = true, restoreClock } = options;
  let built: TestApp | undefined;
  let seeded: SeedResult | undefined;
  const realNow = clock.now;
  const ready = (): TestApp => {
    if (!built) throw new Error(withApp ? 'The platform is used before its beforeAll has run.' : 'useLocalPlatform({ app: false }) builds no app.');
    return built;
  };

  beforeAll(async () => {
    await prepareStorage();
    if (seed) seeded = await seedDemo();
    if (withApp) built = await createTestApp();
  });
  if (restoreClock) {
    (restoreClock === 'each' ? afterEach : afterAll)(() => {
      clock.now = realNow;
    });
  }

  const app: LocalPlatform['app'] = {
    request: (...args) => ready().request(...args),
    fetch: (...args) => ready().fetch(...args),
  };
  return {
    app,
    seeded: () => seeded,
    signIn: (login, password = 'demo1234', headers = {}) => signInAs(app, login, password, headers),
    call: apiCaller(() => app),
    realNow,
  };
}
