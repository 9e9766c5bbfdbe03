import { expect, test } from './fixtures';

const shots = (name: string, project: string) => `test-results/screens/${name}-${project}.png`;

test.describe('the web shell', () => {
  test('home page in Chinese, with the platform status from the API', async ({ page }, info) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('欢迎使用党建学习平台');
    await expect(page.getByTestId('health-summary')).toHaveText('运行正常');
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
    await page.screenshot({ path: shots('home-zh', info.project.name), fullPage: true });
  });

  test('navigation sits at the bottom on a phone and at the side on a desktop', async ({ page }, info) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: '主导航' });
    const box = await nav.boundingBox();
    const viewport = page.viewportSize();
    expect(box && viewport).toBeTruthy();
    if (info.project.name === 'phone') {
      expect(box!.y + box!.height).toBeGreaterThan(viewport!.height - 2);
      expect(box!.width).toBeGreaterThan(viewport!.width - 2);
    } else {
      expect(box!.x).toBeLessThan(2);
      expect(box!.width).toBeLessThan(viewport!.width / 3);
      expect(box!.height).toBeGreaterThan(viewport!.height / 2);
    }
    // Every navigation target is at least 44 px tall.
    for (const link of await nav.getByRole('link').all()) {
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
  });

  test('switching to English is remembered across pages and reloads', async ({ page }, info) => {
    // A page downloads the messages of its own language only.
    const catalogs: string[] = [];
    page.on('request', (request) => {
      const name = /\/assets\/(zh-CN|en)-[\w-]+\.js$/.exec(request.url())?.[1];
      if (name) catalogs.push(name);
    });
    await page.goto('/login');
    await expect.poll(() => catalogs).toEqual(['zh-CN']);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    expect(catalogs).toContain('en');
    await page.screenshot({ path: shots('login-en', info.project.name), fullPage: true });
    await page.getByRole('link', { name: 'Home' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Party Learning');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.screenshot({ path: shots('home-en', info.project.name), fullPage: true });
    await page.getByRole('button', { name: '切换到中文' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });

  test('a page switched to English turns English even when its messages arrive late', async ({ page }) => {
    await page.route(/\/assets\/en-[\w-]+\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto('/login');
    // Switch in the running page (not a plain form post): wait until it has hydrated.
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page).toHaveTitle(/^Sign in · /);
  });

  test('an unknown page says so in the user language', async ({ page }, info) => {
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
    await expect(page).toHaveTitle('页面不存在 · 党建学习');
    await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
    await page.screenshot({ path: shots('not-found-zh', info.project.name), fullPage: true });
  });

  test('the API reference renders under the content security policy', async ({ page }, info) => {
    await page.goto('/api/docs');
    await expect(page.getByText('/health', { exact: true })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('/preferences/language', { exact: true })).toBeVisible();
    await expect(page.locator('.swagger-ui')).toBeVisible();
    await page.screenshot({ path: shots('api-docs', info.project.name) });
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the language switch still works', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Party Learning');
  });
});
