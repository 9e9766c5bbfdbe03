import { expect, test } from './fixtures';
import { settle, signInByApi } from './sign-in';

/**
 * The pledge pages (承诺践诺评诺) at a phone and a desktop width, on the demo data: a member sees their year in every
 * state (the returned item with its reason), writes an item and hands it in; the branch's organizer approves it from
 * the review queue; the member records what was done; the board shows the card with nothing private; the organizer's
 * proposals past a third 优秀 raise the warning; the pages read in English too.
 */

const shots = (name: string, project: string) => `test-results/screens/pledges-${name}-${project}.png`;
/**
 * The writer is staff2 in both projects (each writes an item of its own); staff1's demo year, which other specs read,
 * is only looked at.
 */
const writer = 'staff2';

test('a member writes and hands in a pledge, the organizer approves it, the member keeps it, the board shows it', async ({ page, browser }, info) => {
  test.setTimeout(90_000);
  const content = `为群众提供帮办代办服务（${info.project.name}）`;
  // The demo year holds every state: staff1's returned item shows why.
  await signInByApi(page.request, 'staff1', { lang: 'zh-CN' });
  await page.goto('/pledges');
  await expect(page.getByRole('heading', { level: 1, name: '我的承诺' })).toBeVisible();
  await expect(page.getByTestId('review-window')).toContainText('评诺正在进行');
  await expect(page.getByTestId('return-reason')).toContainText('请写明可检验的目标');
  await expect(page.locator('[data-testid="pledge-item"][data-state="draft"]')).toHaveCount(1);

  await signInByApi(page.request, writer, { lang: 'zh-CN' });
  await page.goto('/pledges');
  const form = page.getByTestId('new-pledge');
  await form.getByLabel('承诺类别').selectOption('service');
  await form.getByLabel('承诺内容').fill(content);
  await form.getByLabel('践诺措施').fill('每周四下午在帮办代办台轮值。');
  await form.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('已保存为草稿。')).toBeVisible();
  await page.getByTestId('submit-pledges').click();
  await expect(page.getByText(/已提交 \d+ 项承诺/)).toBeVisible();
  await page.screenshot({ path: shots('mine', info.project.name), fullPage: true });

  // The organizer approves it from the queue.
  const organizer = await browser.newContext({ baseURL: String(info.project.use.baseURL), viewport: page.viewportSize() ?? undefined });
  const org = await organizer.newPage();
  await signInByApi(org.request, 'organizer1', { lang: 'zh-CN' });
  await org.goto('/pledges/branch');
  const queued = org.getByTestId('review-queue').locator('li', { hasText: content });
  await expect(queued).toBeVisible();
  await queued.getByRole('button', { name: '审核通过' }).click();
  await expect(org.getByText('已保存。')).toBeVisible();
  await expect(org.getByTestId('review-queue').locator('li', { hasText: content })).toHaveCount(0);
  await org.screenshot({ path: shots('branch', info.project.name), fullPage: true });
  await organizer.close();

  // The member records what was done on the approved item.
  await page.goto('/pledges');
  await page.getByRole('link', { name: content }).click();
  await expect(page.getByTestId('pledge-state')).toHaveText('已公示');
  const entry = page.getByTestId('add-progress');
  await entry.getByLabel('做了什么').fill('本周为 6 位老年人代办社保认证。');
  await entry.getByRole('button', { name: '记录践诺' }).click();
  await expect(page.getByTestId('pledge-ledger')).toContainText('本周为 6 位老年人代办社保认证。');

  // The branch's board shows the card: the name and the item, nothing private.
  await page.goto('/pledges/board');
  const card = page.getByTestId('board-card').filter({ hasText: content });
  await expect(card).toBeVisible();
  await expect(card).toContainText('已记录践诺 1 次');
  await expect(page.locator('main')).not.toContainText('请写明可检验的目标');
  await page.screenshot({ path: shots('board', info.project.name), fullPage: true });
});

test('an organizer’s proposals past a third 优秀 raise the warning; the pages read in English', async ({ page }, info) => {
  test.setTimeout(60_000);
  await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
  await page.goto('/pledges/branch');
  const table = page.getByTestId('branch-members');
  const selects = table.locator('select');
  const count = await selects.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < Math.ceil(count / 2); i++) await selects.nth(i).selectOption('excellent');
  await page.getByTestId('save-proposals').click();
  await expect(page.getByTestId('excellent-warning')).toContainText('超过全支部');
  await expect(page.getByTestId('rating-summary')).toBeVisible();

  await page.context().addCookies([{ name: 'lang', value: 'en', url: `${String(info.project.use.baseURL)}/` }]);
  await page.goto('/pledges/board');
  await settle(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('pledges of');
  await expect(page.getByTestId('board-cards')).toBeVisible();
  await page.goto('/pledges/branch');
  await expect(page.getByTestId('excellent-warning')).toContainText('more than a third');
});

test('an administrator opens the year-end review window from the branch page', async ({ page }) => {
  await signInByApi(page.request, 'admin', { lang: 'zh-CN' });
  await page.goto('/pledges/branch');
  const form = page.getByTestId('window-form');
  await form.locator('summary').click();
  await form.getByLabel('结束日期').fill(`${new Date().getFullYear() + 1}-01-31`);
  await form.getByRole('button', { name: '保存评诺时间' }).click();
  await expect(page.getByText('已保存。')).toBeVisible();
  await expect(page.getByTestId('review-window')).toContainText('1月31日');
});
