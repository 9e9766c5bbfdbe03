/**
 * What `npm start` serves, as one fetch handler: the front door (front-door.ts: who the client is, which scheme and
 * host), then compression (compression.ts), then the same app that runs on Lambda with the built client files.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { ServerBuild } from '@remix-run/server-runtime';
import { clientBuildDir, serverBuildPath } from './build.js';
import { staticAssets } from './static-assets.js';
import { compressing } from './compression.js';
import { frontDoor, type FrontDoorSettings } from './front-door.js';

export interface NodeEnv {
  incoming?: { socket?: { remoteAddress?: string } };
}

export async function localFetch(settings: FrontDoorSettings): Promise<(request: Request, env: NodeEnv) => Promise<Response>> {
  const { createApp } = await import('../functions/http/app.js');
  const build = (await import(pathToFileURL(resolve(serverBuildPath)).href)) as ServerBuild;
  const app = createApp({ web: { build, mode: 'production' }, assets: staticAssets(clientBuildDir) });
  const compressed = compressing<NodeEnv & { clientAddress: string }>((request, env) => app.fetch(request, env));
  return frontDoor(compressed, settings);
}
