import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signIn } from './sign-in';

/**
 * What each person is offered, as getMe says (the navigation, the system status page), and the audit log as an
 * administrator reads it: names, words and Shanghai times, never ids. Runs at a phone and a desktop width.
 */

const shots = (name: string, project: string) => `test-results/screens/${name}-${project}.png`;
const ulid = /\b[0-9A-HJKMNP-TV-Z]{26}\b/;

/** Every link of the navigation, shown or hidden at this width (the phone's tab bar hides the desktop-only ones). */
const navLinks = (page: Page) => page.locator('nav[aria-label="主导航"] a');

/** The recorded change of one field in an entry (label and value sit in separate elements). */
const change = (entry: Locator, label: string) => entry.locator('.audit-changes > div').filter({ has: entry.page().locator('dt').getByText(label, { exact: true }) }).locator('dd');

test.describe('what each person is offered', () => {
  test('staff see neither the system status nor the API reference, nor the people or admin pages', async ({ page }) => {
    await signIn(page, 'staff1');
    await page.goto('/');
    await expect(navLinks(page)).toHaveText(['首页', '学习', '测验', '组织生活', '承诺', '我的']);
    await expect(page.locator('nav a[href="/status"], nav a[href="/api/docs"]')).toHaveCount(0);
    await expect(page.getByRole('link', { name: '查看详情' })).toHaveCount(0);
  });

  test('an organizer sees the people list but no administration', async ({ page }) => {
    await signIn(page, 'organizer1');
    await page.goto('/');
    await expect(navLinks(page)).toHaveText(['首页', '学习', '测验', '组织生活', '承诺', '统计', '人员', '我的']);
  });

  test('an administrator has the system status and the API reference (beside the nav, or in the admin hub on a phone)', async ({ page }, info) => {
    await signIn(page, 'admin');
    await page.goto('/');
    await expect(navLinks(page)).toHaveText(['首页', '学习', '测验', '组织生活', '承诺', '统计', '人员', '管理', '我的', '系统状态', '接口文档']);
    const status = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '系统状态' });
    if (info.project.name === 'desktop') {
      await expect(status).toBeVisible();
      await status.click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('系统状态');
    } else {
      // The phone's tab bar keeps to daily things: the admin hub leads there.
      await expect(status).toBeHidden();
      await page.goto('/admin');
      await expect(page.getByRole('link', { name: /接口文档/ })).toHaveAttribute('href', '/api/docs');
      await page.getByRole('link', { name: /系统状态/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('系统状态');
    }
    await expect(page.getByTestId('check-table')).toContainText('正常');
  });

  test('the system status page refuses staff (403) and sends visitors to sign in', async ({ page }) => {
    const visitor = await page.goto('/status');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(visitor?.status()).toBe(200);
    await signIn(page, 'staff2');
    const refused = await page.goto('/status');
    expect(refused?.status()).toBe(403);
    await expect(page.getByText('系统状态只对系统管理员开放。')).toBeVisible();
    await expect(page.getByTestId('check-table')).toHaveCount(0);
  });
});

test.describe('the audit log', () => {
  test('names people and units, says what changed in words, and gives Shanghai times; no ids on screen', async ({ page }, info) => {
    await signIn(page, 'admin');
    // A unit created, renamed and moved, then retired: entries whose recorded values are unit ids and codes.
    const origin = new URL(page.url()).origin;
    const api = async (method: 'post' | 'patch', path: string, data: unknown) => {
      const res = await page.request[method](`/api${path}`, { data, headers: { Origin: origin } });
      expect(res.status(), `${method} ${path}`).toBeLessThan(300);
      return res.json();
    };
    const units = (await (await page.request.get('/api/units')).json()).items as Array<{ unitId: string; name: string }>;
    const branch3 = units.find((unit) => unit.name === '机关第三党支部（离退休及后勤）')!;
    const office = units.find((unit) => unit.name === '综合科')!;
    const name = `审计测试小组${info.project.name}${Date.now().toString(36)}`;
    const created = await api('post', '/units', { name, kind: 'group', parentId: branch3.unitId });
    const moved = await api('patch', `/units/${created.unitId}`, { version: created.version, name: `${name}甲`, parentId: office.unitId });
    await api('patch', `/units/${created.unitId}`, { version: moved.version, retired: true });

    // 三员分立: the audit administrator reads what the system administrator did.
    await signIn(page, 'auditor');
    await page.goto(`/admin/audit?targetId=${created.unitId}`);
    const entries = page.getByTestId('audit-entry');
    await expect(entries).toHaveCount(3);
    // The filter names the unit, not its id.
    await expect(page.getByRole('link', { name: `去掉条件“对象：${name}甲”` })).toBeVisible();
    const [retired, changed, made] = [entries.nth(0), entries.nth(1), entries.nth(2)];
    await expect(change(retired, '单位状态')).toHaveText('在用 → 已撤销');
    await expect(change(changed, '单位名称')).toHaveText(`${name} → ${name}甲`);
    await expect(change(changed, '上级单位')).toHaveText('机关第三党支部（离退休及后勤） → 综合科');
    await expect(change(made, '单位类型')).toHaveText('党小组');
    await expect(change(made, '上级单位')).toHaveText('机关第三党支部（离退休及后勤）');
    // The actor by name (the admin of the demo organisation), and the time in Shanghai as the app writes it.
    await expect(made.getByTestId('audit-actor')).toHaveText('吴晓峰');
    const at = (await made.locator('time').getAttribute('datetime'))!;
    const shanghai = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', ...options }).format(new Date(at));
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(at));
    await expect(made.locator('time')).toHaveText(`${shanghai({ year: 'numeric', month: 'long', day: 'numeric' })} ${clock}`);
    expect(await page.locator('body').innerText()).not.toMatch(ulid);
    await page.screenshot({ path: shots('audit-unit-zh', info.project.name), fullPage: true });

    // The whole log: seeded course edits, assignments and sign-ins read as words too.
    await page.goto('/admin/audit');
    await expect(entries.first()).toBeVisible();
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(ulid);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(text).toContain('吴晓峰');
    await page.screenshot({ path: shots('audit-zh', info.project.name) });

    // In English, the same entries with the English labels.
    await page.context().addCookies([{ name: 'lang', value: 'en', url: `${origin}/` }]);
    await page.goto(`/admin/audit?targetId=${created.unitId}`);
    await expect(change(entries.nth(1), 'Parent unit')).toHaveText('机关第三党支部（离退休及后勤） → 综合科');
    await expect(change(entries.nth(0), 'Unit state')).toHaveText('in use → retired');
    expect(await page.locator('body').innerText()).not.toMatch(ulid);
    await page.screenshot({ path: shots('audit-unit-en', info.project.name), fullPage: true });
  });
});
