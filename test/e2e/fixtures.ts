import { test as base, expect } from '@playwright/test';

/**
 * Every page test fails on a console error or an uncaught page error: a CSP violation, a hydration
 * mismatch or a failed request shows up there first.
 */
export const test = base.extend<{ consoleErrors: string[]; allowConsoleError: (pattern: RegExp) => void }>({
  /** A test that breaks something on purpose (the network) names the console errors it expects. */
  allowConsoleError: async ({ consoleErrors: _ }, use, info) => {
    await use((pattern) => info.annotations.push({ type: 'allowed-console-error', description: pattern.source }));
  },
  consoleErrors: [
    async ({ page }, use, info) => {
      const errors: string[] = [];
      // A page whose own status is an error (a 404 page) makes Chromium log "Failed to load resource" for the
      // document itself; tests assert that status directly, so only subresources count here.
      const documents = new Set<string>();
      page.on('response', (response) => {
        if (response.request().isNavigationRequest()) documents.add(response.url());
      });
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (message.text().startsWith('Failed to load resource') && documents.has(message.location().url)) return;
        errors.push(`console: ${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message} (on ${page.url()})${error.stack ? `\n${error.stack.split('\n').slice(1, 8).join('\n')}` : ''}`));
      await use(errors);
      const allowed = info.annotations.filter((a) => a.type === 'allowed-console-error').map((a) => new RegExp(a.description ?? ''));
      expect(errors.filter((error) => !allowed.some((pattern) => pattern.test(error))), 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
