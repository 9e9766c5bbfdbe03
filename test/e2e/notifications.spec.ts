import type { PlaywrightWorkerArgs } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInByApi } from './sign-in';

/**
 * The inbox at a phone and a desktop width: a member of branch 1 asks for leave, the organizer approves it, and the
 * member's next page shows the bell with one unread; the inbox says 请假已批准, opening it goes to the session and
 * marks it read, and the bell's count is gone. Then the settings page mutes a reminder kind (and turns it back on).
 */

const shots = (name: string, project: string) => `test-results/screens/notifications-${name}-${project}.png`;
/** Each project acts as its own member of branch 1. */
const memberOf = { phone: 'staff2', desktop: 'staff1' } as const;

async function organizer(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string) {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await signInByApi(api, 'organizer1', { origin: baseURL });
  return api;
}

test('a leave decided reaches the bell and the inbox, and opening it marks it read', async ({ page, playwright }, info) => {
  const baseURL = String(info.project.use.baseURL);
  const api = await organizer(playwright, baseURL);
  const me = (await (await api.get('/api/me')).json()) as { personId: string; branchId: string };
  const startsAt = new Date(Date.now() + 2 * 24 * 3600_000);
  const topic = `端到端请假通知 ${info.project.name}-${Date.now().toString(36)}`;
  const created = await api.post('/api/sessions', {
    data: { branchId: me.branchId, type: 'topicStudy', topic, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(), place: '三楼党员活动室', hostId: me.personId },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { sessionId } = (await created.json()) as { sessionId: string };

  const login = memberOf[info.project.name as keyof typeof memberOf];
  await signInByApi(page.request, login, { lang: 'zh-CN' });
  const personId = ((await (await page.request.get('/api/me')).json()) as { personId: string }).personId;
  expect((await page.request.post('/api/me/notifications/read', { data: { all: true } })).status()).toBe(200);
  expect((await page.request.post(`/api/sessions/${sessionId}/leave`, { data: { reason: '外出办理审批事项' } })).status()).toBe(200);

  await page.goto('/inbox');
  await expect(page.getByTestId('inbox-count')).toHaveCount(0);
  await expect(page.getByTestId('inbox-unread')).toHaveText('没有未读消息');

  expect((await api.put(`/api/sessions/${sessionId}/leave/${personId}`, { data: { decision: 'approve' } })).status()).toBe(200);

  await page.goto('/');
  await expect(page.getByTestId('inbox-count')).toHaveText('1');
  await expect(page.getByTestId('inbox-bell')).toHaveAccessibleName('消息（1 条未读）');
  await page.getByTestId('inbox-bell').click();
  await expect(page).toHaveURL(/\/inbox$/);
  const item = page.getByTestId('inbox-item').filter({ hasText: topic });
  await expect(item.getByRole('heading', { name: /请假已批准/ })).toBeVisible();
  await expect(item).toContainText('未读');
  await page.screenshot({ path: shots('inbox', info.project.name), fullPage: true });

  await item.getByRole('button', { name: '查看' }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await expect(page.getByTestId('inbox-count')).toHaveCount(0);
  await page.goto('/inbox');
  await expect(page.getByTestId('inbox-unread')).toHaveText('没有未读消息');
  await expect(page.getByTestId('inbox-item').filter({ hasText: topic })).not.toContainText('未读');
  await api.dispose();
});

test('the settings mute a reminder kind, and say what cannot be muted', async ({ page }, info) => {
  await signInByApi(page.request, memberOf[info.project.name as keyof typeof memberOf], { lang: 'zh-CN' });
  await page.goto('/me/notifications');
  await expect(page.getByText('需要您处理的事项（承诺退回、请假审批结果、组织者的提醒）总会通知，不能关闭。')).toBeVisible();
  const overdue = page.getByRole('checkbox', { name: '已逾期' });
  await expect(overdue).toBeChecked();
  await overdue.uncheck();
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('设置已保存。')).toBeVisible();
  await page.goto('/me/notifications');
  await expect(page.getByRole('checkbox', { name: '已逾期' })).not.toBeChecked();
  await page.screenshot({ path: shots('settings', info.project.name), fullPage: true });
  await page.getByRole('checkbox', { name: '已逾期' }).check();
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('设置已保存。')).toBeVisible();
});
