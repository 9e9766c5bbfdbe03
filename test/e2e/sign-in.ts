/**
 * Signing in for browser tests: through the sign-in page, as people do, or through the API when a test is about
 * other pages. Both leave the browser in Chinese (a demo account may have been left on English by another spec),
 * unless a test asks for another language.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from './fixtures';

export const demoPassword = 'demo1234';

/**
 * Waits until the client router has nothing in flight (a submission's revalidation, a navigation). Leaving or
 * navigating while a response is still being decoded makes Remix log an AbortError, which the fixture counts.
 */
export async function settle(page: Page) {
  await page.waitForFunction(() => {
    const router = (window as unknown as { __remixRouter?: { state: { navigation: { state: string }; revalidation: string; fetchers: Map<string, unknown> } } }).__remixRouter;
    return !router || (router.state.navigation.state === 'idle' && router.state.revalidation === 'idle' && router.state.fetchers.size === 0);
  });
}

/**
 * Signs in through the sign-in page (optionally on its way to `redirectTo`). Either the page moves on or it says
 * why not (a wrong password, a lockout): the test then reads the page. Any earlier session of the browser is dropped
 * first. Signing in brings the person's saved
 * language along, so a successful sign-in puts this browser back on Chinese.
 */
export async function signIn(page: Page, login: string, options: { password?: string; redirectTo?: string } = {}) {
  if (page.url().startsWith('http')) await settle(page);
  // Someone else signed in on this browser (三员分立: a test acts as one administrator, then checks as another): the
  // sign-in page would send a signed-in browser on, so this person starts from a browser with no session.
  await page.context().clearCookies();
  await page.goto(options.redirectTo ? `/login?redirectTo=${encodeURIComponent(options.redirectTo)}` : '/login');
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码', { exact: true }).fill(options.password ?? demoPassword);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const movedOn = page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 });
  const refused = page.getByTestId('form-error').waitFor({ timeout: 15_000 });
  await Promise.race([movedOn, refused]);
  // The other wait is left to lapse quietly.
  movedOn.catch(() => undefined);
  refused.catch(() => undefined);
  if (new URL(page.url()).pathname === '/login') return;
  await page.context().addCookies([{ name: 'lang', value: 'zh-CN', url: `${new URL(page.url()).origin}/` }]);
  if ((await page.locator('html').getAttribute('lang')) !== 'zh-CN') {
    await settle(page);
    await page.reload();
  }
}

/**
 * Signs in through the API: the session cookie lands in the request context (a page's `page.request` shares it with
 * the page), and, when asked, the browser's language is set to `lang`. `origin` is sent when the context needs to say where it
 * comes from (a request context without a page sends no Origin of its own).
 */
export async function signInByApi(request: APIRequestContext, login: string, options: { lang?: 'zh-CN' | 'en'; origin?: string } = {}) {
  const headers = options.origin ? { origin: options.origin } : undefined;
  const response = await request.post('/api/auth/login', { data: { login, password: demoPassword }, headers });
  expect(response.status(), `sign in as ${login}`).toBe(200);
  if (!options.lang) return;
  const language = await request.put('/api/preferences/language', { data: { lang: options.lang }, headers });
  expect(language.status(), `language for ${login}`).toBeLessThan(300);
}
