/**
 * How much JavaScript a page makes a phone download: the gzipped sizes (gzip -9) of every chunk the page needs — the
 * client entry, the root route and the page's own route module, with everything they import — read from the web
 * build's manifest. `npm run bench` prints it beside the bundle table; `npx tsx test/bench/page-js.ts` prints it alone.
 *
 * The manifest: Vite's own (build/client/.vite/manifest.json, or build/.vite/client-manifest.json where the Remix
 * plugin moves it when `build.manifest` is on) when the build kept one; otherwise the Remix browser manifest
 * (build/client/assets/manifest-*.js), which lists for the entry and each route exactly the chunks the page preloads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The issues' budget for the course pages and the quiz pages on a phone. */
export const PAGE_JS_BUDGET_BYTES = 120 * 1024;

/** Issue 14's budget: the first visit to /learn on a phone, as `npm start` serves it (compressed), at most this. */
export const LEARN_TRANSFER_BUDGET_BYTES = 110 * 1024;

/** The learning pages measured by default (Remix route ids). */
export const learnRoutes = [
  'routes/learn.courses.$courseId.lessons.$lessonId',
  'routes/learn.courses.$courseId._index',
  'routes/learn._index',
  'routes/learn.record',
];

/** The taker's quiz pages (the issue's budget: the quiz page's JS <= 120 KB gzipped), the taking page first. */
export const quizRoutes = ['routes/attempts.$attemptId._index', 'routes/attempts.$attemptId.result', 'routes/quizzes.$quizId', 'routes/quizzes._index'];

/** Every page the bench weighs. */
export const measuredRoutes = [...learnRoutes, ...quizRoutes];

export interface PageJs {
  route: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  /** Brotli at the quality `npm start`'s precompressed copies use (dev/compression.ts): what a phone transfers. */
  brotliBytes: number;
}

export interface PageJsReport {
  manifest: string;
  /** True when the build ships React's development code (built with NODE_ENV other than production). */
  development: boolean;
  pages: PageJs[];
}

interface ViteChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

/** Chunk files per route id (and 'entry', 'root'), from whichever manifest the build has. */
function chunkLists(clientDir: string): { manifest: string; lists: Map<string, string[]> } {
  const lists = new Map<string, string[]>();
  const vitePaths = [join(clientDir, '.vite/manifest.json'), join(clientDir, '../.vite/client-manifest.json')];
  const vitePath = vitePaths.find((path) => existsSync(path));
  if (vitePath) {
    const chunks = JSON.parse(readFileSync(vitePath, 'utf8')) as Record<string, ViteChunk>;
    const closure = (key: string, seen = new Set<string>()): string[] => {
      const chunk = chunks[key];
      if (!chunk || seen.has(key)) return [];
      seen.add(key);
      return [chunk.file, ...(chunk.imports ?? []).flatMap((next) => closure(next, seen))];
    };
    for (const [key, chunk] of Object.entries(chunks)) {
      const source = (chunk.src ?? key).replace(/\?.*$/, '');
      const match = /(?:^|\/)app\/(routes\/.+|root)\.[jt]sx?$/.exec(source);
      if (match) lists.set(match[1]!, closure(key));
      if (/entry\.client\.[jt]sx?$/.test(source)) lists.set('entry', closure(key));
    }
    return { manifest: vitePath, lists };
  }
  const assets = join(clientDir, 'assets');
  const file = readdirSync(assets).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error(`page-js: no manifest in ${clientDir} (build the web first: npm run build)`);
  const text = readFileSync(join(assets, file), 'utf8');
  const manifest = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as {
    entry: { module: string; imports: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  };
  const strip = (path: string) => path.replace(/^\//, '').replace(/^assets\//, 'assets/');
  lists.set('entry', [manifest.entry.module, ...manifest.entry.imports].map(strip));
  for (const [id, route] of Object.entries(manifest.routes)) lists.set(id, [route.module, ...(route.imports ?? [])].map(strip));
  return { manifest: join(assets, file), lists };
}

/** Measures each route's JavaScript: entry + root + the route, every chunk counted once. */
export function measurePageJs(clientDir = 'build/client', routes: string[] = measuredRoutes): PageJsReport {
  const { manifest, lists } = chunkLists(clientDir);
  const size = new Map<string, { raw: number; gzip: number; brotli: number }>();
  const weigh = (file: string) => {
    let known = size.get(file);
    if (!known) {
      const bytes = readFileSync(join(clientDir, file));
      known = {
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
      };
      size.set(file, known);
    }
    return known;
  };
  // The page's messages load before hydration as a chunk of their own (web/app/i18n): count the default language's.
  const messages = readdirSync(join(clientDir, 'assets')).filter((name) => /^zh-CN-[\w-]+\.js$/.test(name)).map((name) => `assets/${name}`);
  const pages = routes.map((route) => {
    const own = lists.get(route);
    if (!own) throw new Error(`page-js: the manifest has no route "${route}"`);
    const files = [...new Set([...(lists.get('entry') ?? []), ...(lists.get('root') ?? []), ...own, ...messages])];
    return {
      route,
      files,
      rawBytes: files.reduce((sum, file) => sum + weigh(file).raw, 0),
      gzipBytes: files.reduce((sum, file) => sum + weigh(file).gzip, 0),
      brotliBytes: files.reduce((sum, file) => sum + weigh(file).brotli, 0),
    };
  });
  // React's development build carries its warnings; the production build does not.
  const development = [...size.keys()].some((file) => readFileSync(join(clientDir, file), 'utf8').includes('Each child in a list should have a unique'));
  return { manifest, development, pages };
}

/** Builds the web for production (NODE_ENV=production) when the current build ships development code. */
export function ensureProductionClient(clientDir = 'build/client', log: (line: string) => void = console.log): void {
  if (existsSync(clientDir) && !measurePageJs(clientDir, []).development) return;
  log('page-js: the web build ships React development code; building it for production (remix vite:build)…');
  const result = spawnSync('npx', ['remix', 'vite:build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error('page-js: the web build failed; see the messages above.');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One line per page, as the bench prints them. */
export function pageJsLines(report: PageJsReport): string[] {
  return [
    ...report.pages.map(
      (page) =>
        `page JS  /${page.route.replace(/^routes\//, '').replace(/\._index$/, '').replace(/\./g, '/').replace(/\$(\w+)/g, ':$1')}: ` +
        `${kb(page.gzipBytes)} gzipped (${kb(page.rawBytes)} minified, ${page.files.length} chunks), budget <= ${kb(PAGE_JS_BUDGET_BYTES)}: ` +
        `${page.gzipBytes <= PAGE_JS_BUDGET_BYTES ? 'PASS' : 'OVER'}`,
    ),
    ...report.pages
      .filter((page) => page.route === 'routes/learn._index')
      .map(
        (page) =>
          // Browsers ask for brotli over HTTPS (how a phone reaches PUBLIC_URL); gzip is what a plain-http client gets.
          `page JS  first visit to /learn on a phone, transferred as npm start serves it over HTTPS: ${kb(page.brotliBytes)} brotli ` +
          `(budget <= ${kb(LEARN_TRANSFER_BUDGET_BYTES)}: ${page.brotliBytes <= LEARN_TRANSFER_BUDGET_BYTES ? 'PASS' : 'OVER'}; ${kb(page.gzipBytes)} to a gzip-only client)`,
      ),
    ...(report.development ? ['page JS  note: this build ships React development code (built with NODE_ENV other than production); figures are inflated'] : []),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--build')) ensureProductionClient();
  const report = measurePageJs();
  console.log(`Page JavaScript from ${report.manifest}:`);
  for (const line of pageJsLines(report)) console.log(line);
  const lesson = report.pages[0]!;
  console.log(`\nThe lesson page's files:\n${lesson.files.map((file) => `  ${file}`).join('\n')}`);
}
