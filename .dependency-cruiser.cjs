/**
 * The import rules of the house (docs/architecture.md says why each exists). `npm run test:deps` checks them, and
 * `npm test` runs that first; test/architecture/deps.test.ts proves each rule still catches what it is meant to.
 *
 * Paths are relative to the folder the cruise runs from: the project root for the project, a fixture folder for the
 * test, which is why no rule names anything above `functions/`, `web/`, `dev/`, `infra/` or `test/`.
 */

/** Production code: what runs on Lambda, in the browser, or builds and serves the platform. Tests are not. */
const production = '^(functions|web/app|infra|dev)/';
const testFile = '\\.(test|spec)\\.tsx?$';
/** An area's store or entities (a store split in parts, such as study-store.ts, is still its store). */
const storeOrEntities = '^functions/domain/[^/]+/(store|entities|[^/]+-store|[^/]+-entities)\\.ts$';

/**
 * One forbidden kind of import: `from` → `to` (dependency-cruiser's conditions), with what to do instead.
 * @param {string} name @param {string} comment @param {object} from @param {object} to
 */
const rule = (name, comment, from, to) => ({ name, severity: 'error', comment, from, to });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    rule(
      'web-imports-only-shared-constants',
      'The web talks to the server only through the API (types generated into web/app/lib/api-types.ts). Of ' +
        'functions/ it may import the one declared module of shared constants, nothing else: no domain, no ' +
        'platform (and so no server configuration or environment).',
      { path: '^web/' },
      { path: '^functions/', pathNot: '^functions/shared/constants\\.ts$' },
    ),
    rule(
      'web-imports-no-server-side-tooling',
      'The web is built and shipped on its own: it imports nothing of dev/, infra/ or test/.',
      { path: '^web/', pathNot: testFile },
      { path: '^(dev|infra|test)/' },
    ),
    rule(
      'domain-knows-no-adapter',
      'Domain code is called by adapters, never the other way round: it imports no HTTP route, Lambda handler, ' +
        'job, web module, or local platform tooling.',
      { path: '^functions/domain/' },
      { path: '^(functions/(http|handlers|jobs)|web|dev|infra)/' },
    ),
    rule(
      'platform-knows-no-area',
      'The platform (configuration, clients, table, errors, the i18n mechanism, store helpers) serves every area ' +
        'and knows none: an area adds its texts, labels and rules from its own folder.',
      { path: '^functions/platform/' },
      { path: '^(functions/(domain|http|handlers|jobs)|web|dev|infra)/' },
    ),
    rule(
      'shared-imports-nothing',
      'functions/shared/ is imported by both the server and the browser: it holds constants only and imports ' +
        'nothing of the project, so nothing of the server can leak into a page through it.',
      { path: '^functions/shared/' },
      { path: '^(functions|web|dev|infra|test)/', pathNot: '^functions/shared/' },
    ),
    rule(
      'area-store-is-private',
      "An area's store and entities are its own: another area calls its service (an internal service function " +
        'that takes no actor is fine), so its reads, writes and invariants stay in one folder.',
      { path: '^functions/domain/([^/]+)/' },
      { path: storeOrEntities, pathNot: '^functions/domain/$1/' },
    ),
    rule(
      'adapters-call-services',
      'Routes, handlers and jobs name an operation and call a service, which checks the permission: they never ' +
        'reach past it into a store or an entity.',
      { path: '^functions/(http|handlers|jobs)/' },
      { path: storeOrEntities },
    ),
    rule(
      'no-test-code-in-production',
      'Production code never imports a test, a test helper or a fixture.',
      { path: production, pathNot: testFile },
      { path: ['^test/', testFile] },
    ),
    rule(
      'no-circular',
      'Import cycles make load order matter and areas inseparable: break them by moving the shared part down.',
      {},
      { circular: true },
    ),
    rule(
      'not-to-unresolvable',
      'An import that resolves to nothing is a typo or a missing package. The one exception is the Remix server ' +
        'build that `remix vite:build` writes before the http function is bundled (functions/handlers/server-build.ts).',
      {},
      { couldNotResolve: true, pathNot: '^(\\.\\./)*build/server/index\\.js$' },
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^test/fixtures/deps/', '^build/', '^cdk\\.out/', '^\\.data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
