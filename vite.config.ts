import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig, type Plugin } from 'vite';

declare module '@remix-run/server-runtime' {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The API reference page (/api/docs) loads Swagger UI from our own assets: copy its two files out of the npm
 * package into the client build, and serve them from the package while developing.
 */
function apiDocsAssets(): Plugin {
  const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const files = { 'swagger-ui.css': 'text/css', 'swagger-ui-bundle.js': 'text/javascript' } as const;
  let ssrBuild = false;
  return {
    name: 'api-docs-assets',
    configResolved(config) {
      ssrBuild = Boolean(config.build.ssr);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /^\/assets\/api-docs\/([\w.-]+)$/.exec(req.url ?? '');
        const file = match?.[1] as keyof typeof files | undefined;
        if (!file || !(file in files)) return next();
        res.setHeader('content-type', `${files[file]}; charset=utf-8`);
        res.end(readFileSync(join(dist, file)));
      });
    },
    generateBundle() {
      if (ssrBuild) return;
      for (const file of Object.keys(files)) {
        this.emitFile({ type: 'asset', fileName: `assets/api-docs/${file}`, source: readFileSync(join(dist, file)) });
      }
    },
  };
}

const root = dirname(fileURLToPath(import.meta.url));
const functionsDir = resolve(root, 'functions');
const serverBuildDir = resolve(root, 'build/server');

/**
 * The server build leaves what the web imports from `functions/` (the platform's configuration and languages) as
 * imports of those files, so that the API and the web share one copy of each module, one configuration cache
 * included, in the Lambda bundle and under `npm start`; the browser build includes what it uses.
 */
function shareFunctionsWithTheApi(): Plugin {
  return {
    name: 'share-functions-with-the-api',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer, options) {
      if (!options?.ssr || !source.startsWith('.') || !importer) return null;
      const path = resolve(dirname(importer), source).replace(/\.js$/, '');
      if (!path.startsWith(`${functionsDir}/`)) return null;
      // Written as the server build (build/server/index.js) reaches the file.
      return { id: relative(serverBuildDir, `${path}.ts`), external: true };
    },
  };
}

export default defineConfig({
  plugins: [
    remix({
      appDirectory: 'web/app',
      buildDirectory: 'build',
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    apiDocsAssets(),
    shareFunctionsWithTheApi(),
  ],
  resolve: { alias: { '~': '/web/app' } },
  build: { target: 'es2022' },
  server: { hmr: true },
});
