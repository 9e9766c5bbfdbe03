import { test as base, expect } from '@playwright/test';

/**
 * Every page test fails on a console error or an uncaught page error: a CSP violation, a hydration
 * mismatch or a failed request shows up there first.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
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
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
