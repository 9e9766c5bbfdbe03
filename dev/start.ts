/**
 * The local platform: `npm start` (built web) and `npm run dev` (Vite with hot reload). One Node process runs
 * dynalite and s3rver (data under .data/), seeds the demo organisation on the first start, and serves the same
 * Hono app that runs on Lambda.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { ServerBuild } from '@remix-run/server-runtime';
import { startEngines } from './engines.js';
import { ensureWebBuild } from './build.js';
import { frontDoor, parsePublicUrl, parseTrustProxy } from './front-door.js';
import { demoAccounts, describeDemo } from './banner.js';
import { answerClientErrorsAsJson } from './client-errors.js';
import { enginesFileName } from './backup/connect.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const devMode = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const frontDoorSettings = { publicUrl: process.env.PUBLIC_URL, trustProxy: process.env.TRUST_PROXY };
const publicUrl = parsePublicUrl(frontDoorSettings.publicUrl);
parseTrustProxy(frontDoorSettings.trustProxy); // a mistyped setting stops the start, not the first request
const origin = publicUrl?.origin ?? `http://localhost:${port}`;
process.env.NODE_ENV ??= devMode ? 'development' : 'production';

const engines = await startEngines({
  dataDir,
  tableName: process.env.TABLE_NAME ?? 'dangjian',
  buckets: [process.env.UPLOADS_BUCKET ?? 'dangjian-uploads'],
  corsOrigins: [...new Set([origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`])],
  dynamoPort: Number(process.env.DYNAMODB_PORT ?? 0),
  s3Port: Number(process.env.S3_PORT ?? 0),
});
Object.assign(process.env, engines.env);
// `npm run backup` / `restore` reach the data through these engines while this process holds the data folder.
const enginesFile = resolve(dataDir, enginesFileName);
writeFileSync(enginesFile, `${JSON.stringify({ dynamoEndpoint: engines.dynamoEndpoint, s3Endpoint: engines.s3Endpoint, pid: process.pid })}\n`);

const { config } = await import('../functions/platform/config.js');
const { seedDemo } = await import('./seed.js');
const seeded = await seedDemo();
console.log(
  seeded.seeded
    ? `Seeded the demo organisation: ${seeded.units} units, ${seeded.people} people.`
    : `Using the data in ${dataDir} (the demo organisation was seeded on an earlier start).`,
);

let listener: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
let closeVite: (() => Promise<void>) | undefined;
const server = createServer((req, res) => listener(req, res));
// Requests Node's parser refuses (oversized headers, malformed lines) get the API's JSON error, not a bare status.
answerClientErrorsAsJson(server);

if (devMode) {
  const { createServer: createViteServer } = await import('vite');
  // Hot reload speaks over this same server, so the page's content security policy ('self') lets it connect.
  const vite = await createViteServer({ server: { middlewareMode: true, hmr: { server } }, appType: 'custom' });
  closeVite = () => vite.close();
  // The API's files are not part of the page graph: reload the browser when they change.
  vite.watcher.on('change', (file) => {
    if (file.includes('/functions/')) vite.ws.send({ type: 'full-reload' });
  });
  type AppModule = typeof import('../functions/http/app.js');
  let current: { module: AppModule; fetch: (request: Request, env: object) => Response | Promise<Response> } | undefined;
  const honoListener = getRequestListener(frontDoor(async (request, env) => {
    const module = (await vite.ssrLoadModule('/functions/http/app.ts')) as AppModule;
    if (current?.module !== module) {
      const app = module.createApp({
        web: { build: () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>, mode: 'development' },
      });
      current = { module, fetch: app.fetch };
    }
    return current.fetch(request, env);
  }, frontDoorSettings));
  listener = (req, res) => vite.middlewares(req, res, () => honoListener(req, res));
} else {
  ensureWebBuild();
  const { localFetch } = await import('./local-app.js');
  listener = getRequestListener(await localFetch(frontDoorSettings));
}

const { runJobs, jobs } = await import('../functions/jobs/registry.js');
const interval = config().jobsIntervalSeconds;
const jobTimer = interval > 0 && jobs.length > 0 ? setInterval(() => void runJobs(), interval * 1000) : undefined;
// Figures a write made stale are refreshed a moment later in this process (on AWS the jobs function does it).
const { startRefreshingInProcess } = await import('../functions/jobs/refresh.js');
const stopRefreshing = startRefreshingInProcess();

server.listen(port, host, () => {
  console.log(describeDemo({ origin, devMode, dataDir, accounts: demoAccounts }));
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  clearInterval(jobTimer);
  stopRefreshing();
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  await closeVite?.();
  await engines.stop();
  rmSync(enginesFile, { force: true });
  console.log('Stopped. Your data is kept in', dataDir);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
