import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { settle, signInByApi } from './sign-in';

/**
 * The quarterly honours page and the hall's display, at a phone and a desktop width. An admin makes a display link
 * for the service hall and branch 2; a screen with no cookies opens it and shows a name and a pledge of the demo,
 * rotating; with the network gone it keeps showing them and says since when; a wrong link says to ask the
 * administrator. On /honours the organizer of branch 2 sees last quarter's roll and nominates a member; the leader
 * awards the nomination.
 */

const shots = (name: string, project: string) => `test-results/screens/honours-${name}-${project}.png`;

interface DisplayAnswer {
  people: { name: string; pledges: { content: string }[] }[];
  branches: { name: string; pledges: { content: string }[] }[];
  honours: { name: string }[];
}

/** A screen in the hall: a browser context of its own, signed in as nobody, at a TV's size. */
async function screen(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function makeLink(page: Page, label: string): Promise<string> {
  await page.goto('/admin/display-links');
  await page.getByLabel('名称').fill(label);
  await page.getByLabel('窗口服务中心').check();
  await page.getByLabel('机关第二党支部（窗口党支部）').check();
  await page.getByRole('button', { name: '生成', exact: true }).click();
  const address = page.getByTestId('display-link-address');
  await expect(address).toBeVisible();
  await expect(page.getByRole('img', { name: '用电视或手机扫码打开展示页' })).toBeVisible();
  await settle(page);
  return (await address.textContent())!.trim();
}

test('the security administrator makes a display link; a screen with no sign-in shows the demo, and keeps it when the network drops', async ({ page, browser }, info) => {
  test.setTimeout(60_000);
  await signInByApi(page.request, 'security', { lang: 'zh-CN' });
  const address = await makeLink(page, `一楼大厅电视 ${info.project.name}`);
  await page.screenshot({ path: shots('link-made', info.project.name), fullPage: true });
  // The list names it, never its secret.
  const secret = address.split('.').pop()!;
  await page.reload();
  await expect(page.getByTestId('display-link').filter({ hasText: `一楼大厅电视 ${info.project.name}` })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  const tv = await screen(browser);
  expect(await tv.context.cookies()).toEqual([]);
  const token = new URL(address).pathname.split('/').pop()!;
  const answer = (await (await tv.page.request.get(`/api/display/${token}`)).json()) as DisplayAnswer;
  // Who is on duty depends on the weekday; whatever the day, the demo shows someone's pledge (or the branch's).
  const card = answer.people[0] ?? answer.branches[0]!;
  expect(card, 'the demo board has a card for the hall').toBeDefined();

  const response = await tv.page.goto(`${new URL(address).pathname}?rotate=400&refresh=1500`);
  expect(response?.status()).toBe(200);
  // The page ships no app script: one inline script of its own.
  expect(await tv.page.locator('script[src]').count()).toBe(0);
  await expect(tv.page.locator('#slide')).toContainText(card.name, { timeout: 15_000 });
  await expect(tv.page.locator('#slide')).toContainText(card.pledges[0]!.content);
  await expect(tv.page.locator('#status')).toContainText('更新于');
  await tv.page.screenshot({ path: shots('display', info.project.name) });

  await tv.context.setOffline(true);
  await expect(tv.page.locator('#status')).toContainText('网络中断', { timeout: 10_000 });
  await expect(tv.page.locator('#slide')).toContainText(card.name, { timeout: 15_000 });
  await expect(tv.page.locator('#slide')).toContainText(card.pledges[0]!.content);
  await tv.page.screenshot({ path: shots('display-offline', info.project.name) });
  await tv.context.setOffline(false);
  await expect(tv.page.locator('#status')).toContainText('更新于', { timeout: 10_000 });
  expect(tv.errors).toEqual([]);

  // A wrong link says what to do.
  const wrong = await tv.page.goto(`/display/${token.slice(0, -2)}xx`);
  expect(wrong?.status()).toBe(404);
  await expect(tv.page.locator('#slide')).toContainText('联系系统管理员');
  await tv.context.close();
});

test('/honours: the roll, an organizer nominates, the leader awards', async ({ page }, info) => {
  await signInByApi(page.request, 'organizer2', { lang: 'zh-CN' });
  await page.goto('/honours');
  await expect(page.getByRole('heading', { level: 1, name: '季度评选' })).toBeVisible();
  // Last quarter's roll (the demo's): one honour of each type.
  await expect(page.getByTestId('honour-roll').filter({ hasText: '综合受理 1 号窗口' })).toContainText('最美服务之星');
  await page.screenshot({ path: shots('organizer', info.project.name), fullPage: true });

  const people = (await (await page.request.get('/api/people', { params: { limit: 200 } })).json()) as { items: { login: string; personId: string; name: string }[] };
  const nominee = people.items.find((p) => p.login === (info.project.name === 'phone' ? 'zw0011' : 'zw0013'))!;
  const reason = `主动帮办代办，群众点名表扬（${info.project.name}）`;
  await page.getByLabel('人员', { exact: true }).selectOption(nominee.personId);
  await page.getByLabel('事迹和理由').first().fill(reason);
  await page.getByRole('button', { name: '提交提名' }).first().click();
  await expect(page.getByTestId('honour-nominated')).toContainText(nominee.name);
  await settle(page);

  await signInByApi(page.request, 'leader', { lang: 'zh-CN' });
  await page.goto('/honours');
  const waiting = page.getByTestId('honour-waiting').filter({ hasText: reason });
  await expect(waiting).toBeVisible();
  await page.screenshot({ path: shots('leader', info.project.name), fullPage: true });
  await waiting.getByRole('button', { name: '授予', exact: true }).click();
  await expect(page.getByTestId('honour-decided')).toContainText(nominee.name);
  await expect(page.getByTestId('honour-waiting').filter({ hasText: reason })).toHaveCount(0);
  await settle(page);
});
