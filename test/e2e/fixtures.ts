import { test as base, expect, type Page } from '@playwright/test';

/**
 * Waits until the document a navigation opened has hydrated (the root layout marks <html data-hydrated>), when it is
 * one of the app's pages with its scripts running (Remix's context is set by an inline script: absent with JavaScript
 * off, or for a file). Typing into a page React is still hydrating makes React 18 hydrate the root synchronously from
 * inside the event, which can end in "Root did not complete" (#345); a person is not that fast, a script is.
 */
export async function hydrated(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.documentElement.dataset.hydrated === 'true' || !('__remixContext' in window), undefined, { timeout: 15_000 })
    .catch(() => undefined);
}

/**
 * Every page test fails on a console error or an uncaught page error: a CSP violation, a hydration
 * mismatch or a failed request shows up there first.
 */
export const test = base.extend<{ consoleErrors: string[]; allowConsoleError: (pattern: RegExp) => void }>({
  /** Every `goto` and `reload` returns once the page is interactive (see `hydrated`). */
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = (async (...args: Parameters<Page['goto']>) => {
      const response = await goto(...args);
      await hydrated(page);
      return response;
    }) as Page['goto'];
    page.reload = (async (...args: Parameters<Page['reload']>) => {
      const response = await reload(...args);
      await hydrated(page);
      return response;
    }) as Page['reload'];
    await use(page);
  },
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
