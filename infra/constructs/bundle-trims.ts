import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Metafile, OnLoadArgs, PartialMessage, Plugin, PluginBuild } from 'esbuild';

/**
 * Modules the Lambda bundles replace with smaller ones that do the same for our code (see
 * docs/decisions/007-lambda-bundle-plugins.md). Each trim swaps one file of a dependency, found by its resolved path,
 * so it holds however the file is imported; and each names what must be gone from the output afterwards, which
 * `lambdaTrimsPlugin` checks after every build: a dependency update that brings the weight back fails the build
 * instead of passing quietly.
 *
 * Only esbuild builds with these plugins (the Lambda bundles and the benchmark). `npm start`, the tests and every
 * other local run load the real modules.
 */
export interface BundleTrim {
  readonly name: string;
  /** The file replaced: matched against the resolved, absolute path. */
  readonly filter: RegExp;
  /** The replacement's source (ES module), resolved from the replaced file's folder. */
  contents(path: string, build: PluginBuild): string;
  /** Inputs that must not be in the output once the trim applied. */
  readonly gone?: RegExp;
  /** What our own code (every input outside node_modules) must not mention while the trim is on. */
  readonly unusedByUs?: RegExp;
}

const SEP = String.raw`[\\/]`;
const inPackage = (pkg: string, file: string) =>
  new RegExp(`${SEP}node_modules${SEP}${pkg.replace('/', SEP)}${SEP}${file.replace(/\//g, SEP).replace(/\./g, '\\.')}$`);

/**
 * The zod locales kept: zod itself imports `en.js` as its default. The platform's validation messages are its own
 * (functions/platform/validation-messages.ts, docs/decisions/015) and use no zod locale; `zh-CN` stays only until
 * this list is next revisited. Those files are untouched; this only decides what the locales index (`z.locales`,
 * `z.core.locales`) still carries.
 */
export const ZOD_LOCALES = ['en', 'zh-CN'] as const;

/**
 * zod's locales index re-exports all of its ~50 locales, and `z.locales` (a namespace object on `z`) keeps every one
 * of them in the bundle: ~250 KB. The replacement keeps the index's names, `ZOD_LOCALES` as they are and the others
 * as functions that throw, saying where to add them.
 */
export const zodLocales: BundleTrim = {
  name: 'zod-locales',
  filter: inPackage('zod', 'v4/locales/index.js'),
  contents(path) {
    const entry = /^export \{ default as ([A-Za-z_$][\w$]*) \} from "\.\/([\w-]+)\.js";$/;
    const kept = new Set<string>();
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('//'))
      .map((line) => {
        const match = entry.exec(line);
        if (!match) throw new Error(`${path}: unexpected line ${JSON.stringify(line)}; the zod-locales trim needs a look.`);
        const [, name, file] = match as unknown as [string, string, string];
        if (!(ZOD_LOCALES as readonly string[]).includes(file)) {
          return `export const ${name} = () => __zodLocaleLeftOut(${JSON.stringify(file)});`;
        }
        kept.add(file);
        return line;
      });
    const missing = ZOD_LOCALES.filter((file) => !kept.has(file));
    if (missing.length) throw new Error(`${path} no longer exports the locale(s) ${missing.join(', ')}.`);
    return [
      'function __zodLocaleLeftOut(locale) {',
      '  throw new Error(`The zod locale ${locale} is left out of the Lambda bundle: add it to ZOD_LOCALES in infra/constructs/bundle-trims.ts.`);',
      '}',
      ...lines,
    ].join('\n');
  },
  gone: new RegExp(`${SEP}zod${SEP}v4${SEP}locales${SEP}(?!(?:index|${ZOD_LOCALES.join('|')})\\.js$)`),
};

/**
 * The SDK clients' default credential chain (environment, SSO, ini files, credential_process, web identity, ECS/IMDS),
 * ~110 KB with the STS/SSO clients it carries. A Lambda function gets its role's credentials in environment variables
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the chain's first link, so the replacement is that
 * link alone (the SDK's own `fromEnv`), memoized by the chain's own `memoizeChain`, under the same export names.
 */
export const awsCredentialsFromEnv: BundleTrim = {
  name: 'aws-credentials-from-env',
  filter: inPackage('@aws-sdk/credential-provider-node', 'dist-es/index.js'),
  contents: () =>
    [
      'import { fromEnv } from "@aws-sdk/credential-provider-env";',
      'import { memoizeChain } from "./runtime/memoize-chain";',
      'export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;',
      'export const credentialsTreatedAsExpired = (credentials) =>',
      '  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300000;',
      'export const defaultProvider = (init = {}) => memoizeChain([fromEnv(init)], credentialsTreatedAsExpired);',
    ].join('\n'),
  gone: new RegExp(
    [
      `@aws-sdk${SEP}credential-provider-(?:ini|sso|process|web-identity|http|login)${SEP}`,
      `@aws-sdk${SEP}(?:nested-clients|token-providers)${SEP}`,
      `@smithy${SEP}credential-provider-imds${SEP}`,
      `@aws-sdk${SEP}credential-provider-node${SEP}dist-es${SEP}(?:defaultProvider|remoteProvider)\\.js$`,
    ].join('|'),
  ),
};

/** React's build for the bundle's NODE_ENV: "production" unless the build defines otherwise. */
function reactBuild(build: PluginBuild): 'production.min' | 'development' {
  const defined = build.initialOptions.define?.['process.env.NODE_ENV'];
  return defined === JSON.stringify('production') ? 'production.min' : 'development';
}

/**
 * `react-dom/server` on Node is the streaming renderer and the legacy one (renderToString & co.), ~40 KB each. The
 * web renders with `renderToPipeableStream` only (web/app/entry.server.tsx); the replacement exports that and
 * `version`, so an import of anything else fails the build ("No matching export") rather than the page.
 */
export const reactDomServerStreamingOnly: BundleTrim = {
  name: 'react-dom-server-streaming-only',
  filter: inPackage('react-dom', 'server.node.js'),
  contents: (_path, build) =>
    [
      `import server from "./cjs/react-dom-server.node.${reactBuild(build)}.js";`,
      'export const version = server.version;',
      'export const renderToPipeableStream = server.renderToPipeableStream;',
    ].join('\n'),
  gone: new RegExp(`react-dom${SEP}cjs${SEP}react-dom-server-legacy\\.`),
};

/**
 * What of react-dom (the browser renderer, ~130 KB) a server can use: react-router-dom reads `flushSync` from it, for
 * browser navigations only. Without a DOM, `flushSync(fn)` and `unstable_batchedUpdates(fn)` come down to calling
 * `fn`, which is what the replacement does; the rest are browser APIs (roots, portals) and throw if called.
 */
const REACT_DOM_ON_A_SERVER = ['flushSync', 'unstable_batchedUpdates', 'version'];
const REACT_DOM_BROWSER_ONLY = [
  'createPortal',
  'createRoot',
  'findDOMNode',
  'hydrate',
  'hydrateRoot',
  'render',
  'unmountComponentAtNode',
  'unstable_renderSubtreeIntoContainer',
];
/** React's private handle between react-dom and its companions (test-utils, the client entry); not read on a server. */
const REACT_DOM_INTERNALS = '__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED';

export const reactDomWithoutBrowserRenderer: BundleTrim = {
  name: 'react-dom-without-browser-renderer',
  filter: inPackage('react-dom', 'index.js'),
  contents(path, build) {
    // A react-dom with exports this list doesn't know (React 19's preload/preinit are used by the server renderer)
    // must be looked at before it is trimmed. Read from the build the index would load, without running it.
    const renderer = readFileSync(join(dirname(path), 'cjs', `react-dom.${reactBuild(build)}.js`), 'utf8');
    const real = new Set([...renderer.matchAll(/\bexports\.([\w$]+)\s*=/g)].map((match) => match[1]));
    const known = new Set([...REACT_DOM_ON_A_SERVER, ...REACT_DOM_BROWSER_ONLY, REACT_DOM_INTERNALS]);
    const unknown = [...real].filter((name) => name && !known.has(name));
    if (!real.has('flushSync') || unknown.length) {
      throw new Error(`react-dom exports ${unknown.join(', ') || 'no flushSync'}: the react-dom trim needs a look (how does the server use them?).`);
    }
    const version = (JSON.parse(readFileSync(join(dirname(path), 'package.json'), 'utf8')) as { version: string }).version;
    return [
      'const browserOnly = (name) => function () {',
      '  throw new Error(`react-dom ${name}() is a browser API, left out of the Lambda bundle (infra/constructs/bundle-trims.ts).`);',
      '};',
      `export const version = ${JSON.stringify(version)};`,
      'export function flushSync(fn, a) { return fn ? fn(a) : undefined; }',
      'export function unstable_batchedUpdates(fn, a) { return fn(a); }',
      ...REACT_DOM_BROWSER_ONLY.map((name) => `export const ${name} = browserOnly(${JSON.stringify(name)});`),
    ].join('\n');
  },
  gone: new RegExp(`react-dom${SEP}cjs${SEP}react-dom\\.`),
};

/**
 * zod's ahead-of-time compiler (`z.compile`, `z.withParser`; ~30 KB), which nothing of ours calls: zod itself reaches
 * it only through `import "zod/compile"`, and parsing never imports it. zod's `compile(schema)` hands back the
 * schema unchanged, on the runtime parser, whenever it can't compile it; the replacement does that for every schema,
 * so a call still parses the same. `compile(schema, { strict: true })`, `withParser` and `compileFn` throw instead.
 */
export const zodWithoutCompiler: BundleTrim = {
  name: 'zod-without-compiler',
  filter: inPackage('zod', 'v4/core/compile.js'),
  contents: () =>
    [
      'export const INVALID = Symbol.for("zod.compile.invalid");',
      'export class ZodCompileAsyncError extends Error {',
      '  constructor(message = "z.compile does not support async refinements, transforms, or checks") {',
      '    super(message);',
      '    this.name = "ZodCompileAsyncError";',
      '  }',
      '}',
      'export class ZodCompileUnsupportedError extends Error {',
      '  constructor(feature, islandable = true) {',
      '    super(`z.compile does not support ${feature}; this schema must use the runtime parser`);',
      '    this.name = "ZodCompileUnsupportedError";',
      '    this.islandable = islandable;',
      '  }',
      '}',
      'const leftOut = "schemas in the Lambda bundle (zod\'s compiler is left out of it: infra/constructs/bundle-trims.ts)";',
      'export function compile(schema, options) {',
      '  if (options?.strict) throw new ZodCompileUnsupportedError(leftOut, false);',
      '  return schema;',
      '}',
      'export function withParser() { throw new ZodCompileUnsupportedError(leftOut, false); }',
      'export function compileFn() { throw new ZodCompileUnsupportedError(leftOut, false); }',
    ].join('\n'),
  unusedByUs: /\b(?:withParser|compileFn)\b/,
};

/** `z.fromJSONSchema` (JSON Schema → zod, ~12 KB), which nothing of ours calls; the replacement throws. */
export const zodWithoutFromJsonSchema: BundleTrim = {
  name: 'zod-without-from-json-schema',
  filter: inPackage('zod', 'v4/classic/from-json-schema.js'),
  contents: () =>
    [
      'export function fromJSONSchema() {',
      '  throw new Error("z.fromJSONSchema is left out of the Lambda bundle (infra/constructs/bundle-trims.ts).");',
      '}',
    ].join('\n'),
  unusedByUs: /\bfromJSONSchema\b/,
};

/**
 * DynamoDB's endpoint discovery keeps its (unused: discovery is off) endpoint cache in mnemonist's LRU cache, which
 * brings mnemonist and obliterator (~7 KB). The replacement is the same cache over a Map: `get` and `set` refresh an
 * entry, the least recently used goes first once full; `peek`, `has`, `delete` and `clear` as before.
 */
export const smallEndpointCache: BundleTrim = {
  name: 'small-endpoint-cache',
  filter: inPackage('mnemonist', 'lru-cache.js'),
  contents: () =>
    [
      'export default class LRUCache {',
      '  constructor(capacity) { this.capacity = capacity; this.items = new Map(); }',
      '  get size() { return this.items.size; }',
      '  has(key) { return this.items.has(key); }',
      '  peek(key) { return this.items.get(key); }',
      '  get(key) {',
      '    if (!this.items.has(key)) return undefined;',
      '    const value = this.items.get(key);',
      '    this.items.delete(key);',
      '    this.items.set(key, value);',
      '    return value;',
      '  }',
      '  set(key, value) {',
      '    this.items.delete(key);',
      '    this.items.set(key, value);',
      '    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value);',
      '    return this;',
      '  }',
      '  delete(key) { return this.items.delete(key); }',
      '  clear() { this.items.clear(); }',
      '}',
    ].join('\n'),
  gone: new RegExp(`(?:^|${SEP})node_modules${SEP}(?:obliterator${SEP}|mnemonist${SEP}(?!lru-cache\\.js$))`),
};

export const LAMBDA_TRIMS: readonly BundleTrim[] = [
  zodLocales,
  awsCredentialsFromEnv,
  reactDomServerStreamingOnly,
  reactDomWithoutBrowserRenderer,
  zodWithoutCompiler,
  zodWithoutFromJsonSchema,
  smallEndpointCache,
];

/** What a finished build says about the trims: inputs that should be gone, our code using what was left out. */
export function checkTrims(metafile: Metafile, trims: readonly BundleTrim[], root: string): PartialMessage[] {
  const inputs = Object.keys(metafile.inputs);
  const ours = inputs.filter((input) => !/(^|[\\/])node_modules[\\/]/.test(input) && !input.includes(':'));
  const sources = new Map(ours.map((input) => [input, readFileSync(join(root, input), 'utf8')]));
  const messages: PartialMessage[] = [];
  for (const trim of trims) {
    const gone = trim.gone;
    const left = gone ? inputs.filter((input) => gone.test(input)) : [];
    if (left.length) {
      const more = left.length > 5 ? ` and ${left.length - 5} more` : '';
      messages.push({ text: `The ${trim.name} trim did not take: ${left.slice(0, 5).join(', ')}${more} still in the bundle.` });
    }
    const unused = trim.unusedByUs;
    const users = unused ? ours.filter((input) => unused.test(sources.get(input) ?? '')) : [];
    if (users.length) {
      messages.push({
        text: `${users.join(', ')} use(s) what the ${trim.name} trim leaves out (${unused}): drop the trim in infra/constructs/bundle-trims.ts.`,
      });
    }
  }
  return messages;
}

/** The trims as one esbuild plugin; the build needs `metafile: true` for the checks after it. */
export function lambdaTrimsPlugin(trims: readonly BundleTrim[] = LAMBDA_TRIMS): Plugin {
  return {
    name: 'lambda-trims',
    setup(build) {
      for (const trim of trims) {
        build.onLoad({ filter: trim.filter }, (args: OnLoadArgs) => ({
          contents: trim.contents(args.path, build),
          loader: 'js',
          resolveDir: dirname(args.path),
        }));
      }
      build.onEnd((result) => {
        if (result.errors.length) return;
        if (!result.metafile) {
          return { errors: [{ text: 'The lambda-trims plugin checks the metafile: build with `metafile: true`.' }] };
        }
        return { errors: checkTrims(result.metafile, trims, build.initialOptions.absWorkingDir ?? process.cwd()) };
      });
    },
  };
}
