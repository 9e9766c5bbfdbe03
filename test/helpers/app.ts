import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { ServerBuild } from '@remix-run/server-runtime';
import { createApp } from '../../functions/http/app.js';
import { serverBuildPath } from '../../dev/build.js';

/** The real app with the real web build (built by the global setup), as `npm start` serves it. */
export async function createTestApp() {
  const build = (await import(pathToFileURL(resolve(serverBuildPath)).href)) as ServerBuild;
  return createApp({ web: { build, mode: 'production' } });
}
