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

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'web-imports-only-shared-constants',
      severity: 'error',
      comment:
        'The web talks to the server only through the API (types generated into web/app/lib/api-types.ts). Of ' +
        'functions/ it may import the one declared module of shared constants, nothing else: no domain, no ' +
        'platform (and so no server configuration or environment).',
      from: { path: '^web/' },
      to: { path: '^functions/', pathNot: '^functions/shared/constants\\.ts$' },
    },
    {
      name: 'web-imports-no-server-side-tooling',
      severity: 'error',
      comment: 'The web is built and shipped on its own: it imports nothing of dev/, infra/ or test/.',
      from: { path: '^web/', pathNot: testFile },
      to: { path: '^(dev|infra|test)/' },
    },
    {
      name: 'domain-knows-no-adapter',
      severity: 'error',
      comment:
        'Domain code is called by adapters, never the other way round: it imports no HTTP route, Lambda handler, ' +
        'job, web module, or local platform tooling.',
      from: { path: '^functions/domain/' },
      to: { path: '^(functions/(http|handlers|jobs)|web|dev|infra)/' },
    },
    {
      name: 'platform-knows-no-area',
      severity: 'error',
      comment:
        'The platform (configuration, clients, table, errors, the i18n mechanism, store helpers) serves every area ' +
        'and knows none: an area adds its texts, labels and rules from its own folder.',
      from: { path: '^functions/platform/' },
      to: { path: '^(functions/(domain|http|handlers|jobs)|web|dev|infra)/' },
    },
    {
      name: 'shared-imports-nothing',
      severity: 'error',
      comment:
        'functions/shared/ is imported by both the server and the browser: it holds constants only and imports ' +
        'nothing of the project, so nothing of the server can leak into a page through it.',
      from: { path: '^functions/shared/' },
      to: { path: '^(functions|web|dev|infra|test)/', pathNot: '^functions/shared/' },
    },
    {
      name: 'area-store-is-private',
      severity: 'error',
      comment:
        "An area's store and entities are its own: another area calls its service (an internal service function " +
        'that takes no actor is fine), so its reads, writes and invariants stay in one folder.',
      from: { path: '^functions/domain/([^/]+)/' },
      to: { path: '^functions/domain/[^/]+/(store|entities|[^/]+-store|[^/]+-entities)\\.ts$', pathNot: '^functions/domain/$1/' },
    },
    {
      name: 'adapters-call-services',
      severity: 'error',
      comment:
        'Routes, handlers and jobs name an operation and call a service, which checks the permission: they never ' +
        'reach past it into a store or an entity.',
      from: { path: '^functions/(http|handlers|jobs)/' },
      to: { path: '^functions/domain/[^/]+/(store|entities|[^/]+-store|[^/]+-entities)\\.ts$' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'Production code never imports a test, a test helper or a fixture.',
      from: { path: production, pathNot: testFile },
      to: { path: ['^test/', testFile] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order matter and areas inseparable: break them by moving the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that resolves to nothing is a typo or a missing package. The one exception is the Remix server ' +
        'build that `remix vite:build` writes before the http function is bundled (functions/handlers/server-build.ts).',
      from: {},
      to: { couldNotResolve: true, pathNot: '^(\\.\\./)*build/server/index\\.js$' },
    },
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
