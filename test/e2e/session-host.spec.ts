import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { settle, signIn, signInByApi } from './sign-in';

/**
 * The organizer's and the host's session pages, against the real app: scheduling (in Chinese and in English), a
 * stale edit's 409, the check-in screen (QR, six digits, a count that rises when a member checks in), the roster's
 * one-tap marks and "all remaining present", a leave approved, the minutes saved, and the sign-in sheet in print.
 * Each project makes its own sessions (topics carry the project's name), so the phone and desktop runs never meet.
 */

const HOUR = 3600_000;

/**
 * Scheduling opens the session's own page (/sessions/:id, the members' and organizers' reading page, built
 * separately from these host pages); where a build lacks it, its 404 is not what these tests are about.
 */
function sessionPageMayBeMissing(allow: (pattern: RegExp) => void) {
  allow(/status of 404 .*\/sessions\/[0-9A-Z]{26}(\.data)?\)/);
  allow(/status of 404 .*\/favicon\.ico\)/);
}

/** A `datetime-local` value in Shanghai for an instant. */
function shanghaiInput(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** A member signed in through their own request context (their own cookie), speaking to the API as a phone would. */
async function member(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, baseURL: string, login: string) {
  const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await signInByApi(context, login, { origin: baseURL });
  const me = await json<{ personId: string; name: string }>(await context.get('/api/me'));
  return { context, ...me };
}

/** A session scheduled through the API by the signed-in organizer of the page. */
async function schedule(page: Page, topic: string, startsAt: number, endsAt: number): Promise<{ sessionId: string; version: number }> {
  const me = await json<{ personId: string; branchId: string }>(await page.request.get('/api/me'));
  return json(
    await page.request.post('/api/sessions', {
      data: { branchId: me.branchId, type: 'committee', topic, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), hostId: me.personId, place: '三楼党员活动室' },
    }),
    201,
  );
}

test.describe('the host’s session pages', () => {
  test('an organizer schedules a session; a stale edit is told to reload', async ({ page, allowConsoleError }, info) => {
    sessionPageMayBeMissing(allowConsoleError);
    const topic = `端到端·支部委员会（${info.project.name}-${Date.now().toString(36)}）`;
    await signIn(page, 'organizer1');
    await page.goto('/sessions/new');
    await expect(page.getByRole('heading', { level: 1, name: '安排组织生活' })).toBeVisible();
    const form = page.getByTestId('session-form');
    await form.getByLabel('会议类型').selectOption({ label: '支部委员会' });
    await form.getByLabel('会议主题').fill(topic);
    await form.getByLabel('开始时间').fill(shanghaiInput(Date.now() + 24 * HOUR));
    await form.getByLabel('结束时间').fill(shanghaiInput(Date.now() + 25 * HOUR));
    await form.getByLabel('地点').fill('三楼党员活动室');
    await form.getByLabel('议程').fill('一、传达学习文件\n二、研究本月工作');
    await expect(form.getByLabel('本支部全体党员')).toBeChecked();
    await page.getByTestId('session-save').click();
    await page.waitForURL(/\/sessions\/(?!new$)[^/]+$/);
    const sessionId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = await json<{ topic: string; type: string; startsAt: string; version: number; audience: { kind: string } }>(await page.request.get(`/api/sessions/${sessionId}`));
    expect(saved).toMatchObject({ topic, type: 'committee', audience: { kind: 'members' } });

    // The edit page shows it; someone else saves meanwhile; saving what the page shows gets the reload message.
    await page.goto(`/sessions/${sessionId}/edit`);
    await expect(page.getByTestId('session-form').getByLabel('会议主题')).toHaveValue(topic);
    const current = await json<{ version: number; type: string; topic: string; startsAt: string; endsAt: string; hostId: string }>(await page.request.get(`/api/sessions/${sessionId}`));
    await json(
      await page.request.put(`/api/sessions/${sessionId}`, {
        data: { version: current.version, type: current.type, topic: `${topic}（另一处修改）`, startsAt: current.startsAt, endsAt: current.endsAt, hostId: current.hostId },
      }),
    );
    await page.getByTestId('session-form').getByLabel('会议主题').fill(`${topic}（修订）`);
    await page.getByTestId('session-save').click();
    await expect(page.getByTestId('session-conflict')).toContainText('刚被其他人修改过');
    await expect(page.getByTestId('session-form').getByLabel('会议主题')).toHaveValue(`${topic}（修订）`);
    // Reloading brings the other change; saving on it works.
    await page.getByTestId('session-conflict').getByRole('link', { name: '重新载入' }).click();
    await expect(page.getByTestId('session-form').getByLabel('会议主题')).toHaveValue(`${topic}（另一处修改）`);
    await page.getByTestId('session-form').getByLabel('会议主题').fill(`${topic}（修订）`);
    await page.getByTestId('session-save').click();
    await expect(page.getByTestId('session-done')).toContainText('已保存');

    // Cancelling asks first, then takes a reason.
    await page.getByTestId('session-cancel').locator('summary').click();
    await page.getByLabel('取消原因').fill('与全局大会时间冲突');
    await page.getByRole('button', { name: '确认取消会议' }).click();
    await expect(page.getByTestId('session-not-scheduled')).toContainText('已取消');
    expect((await json<{ state: string; cancelReason: string }>(await page.request.get(`/api/sessions/${sessionId}`))).cancelReason).toBe('与全局大会时间冲突');
  });

  test('scheduling in English', async ({ page, allowConsoleError }, info) => {
    sessionPageMayBeMissing(allowConsoleError);
    const topic = `E2E topic study (${info.project.name}-${Date.now().toString(36)})`;
    await signInByApi(page.request, 'organizer1', { lang: 'en' });
    await page.goto('/sessions/new');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const form = page.getByTestId('session-form');
    await form.getByLabel('Kind of session').selectOption({ label: 'Topic study' });
    await form.getByLabel('Topic').fill(topic);
    await form.getByLabel('Starts').fill(shanghaiInput(Date.now() + 48 * HOUR));
    await form.getByLabel('Ends').fill(shanghaiInput(Date.now() + 49 * HOUR));
    await form.getByLabel('Held online').check();
    await page.getByTestId('session-save').click();
    await page.waitForURL(/\/sessions\/(?!new$)[^/]+$/);
    const sessionId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await json<{ type: string; online: boolean }>(await page.request.get(`/api/sessions/${sessionId}`))).toMatchObject({ type: 'topicStudy', online: true });
    // An end before the start is refused in English, and the form keeps what was typed.
    await page.goto(`/sessions/${sessionId}/edit`);
    await page.getByTestId('session-form').getByLabel('Ends').fill(shanghaiInput(Date.now() + 47 * HOUR));
    await page.getByTestId('session-save').click();
    await expect(page.getByTestId('form-error')).toBeVisible();
    await expect(page.getByTestId('session-form').getByLabel('Topic')).toHaveValue(topic);
    await page.request.put('/api/preferences/language', { data: { lang: 'zh-CN' } });
  });

  test('the check-in screen, the roster, leave, minutes and the sign-in sheet', async ({ page, playwright }, info) => {
    test.setTimeout(90_000);
    const baseURL = String(info.project.use.baseURL);
    const run = `${info.project.name}-${Date.now().toString(36)}`;
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    // Starting in five minutes: check-in is open, and a scan now counts as present.
    const now = Date.now();
    const { sessionId } = await schedule(page, `端到端·签到（${run}）`, now + 5 * 60_000, now + 2 * HOUR);
    const staff1 = await member(playwright, baseURL, 'staff1');
    const staff2 = await member(playwright, baseURL, 'staff2');

    await page.goto(`/sessions/${sessionId}/check-in-view`);
    await expect(page.getByTestId('checkin-qr').locator('svg')).toBeVisible();
    await expect(page.getByTestId('checkin-qr')).toHaveAttribute('data-url', new RegExp(`^${baseURL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/check-in\\?t=`));
    const digits = page.getByTestId('checkin-digits');
    await expect(digits).toHaveText(/^\d{6}$/);
    const count = page.getByTestId('checkin-count');
    await expect(count).toHaveText(/^已签到 0 \/ 应到 \d+$/);
    await page.screenshot({ path: info.outputPath(`check-in-view-${info.project.name}.png`) });

    // staff1 types the digits shown (the current window, or the one before: both are accepted).
    const code = (await digits.textContent())!;
    await json(await staff1.context.post('/api/check-ins', { data: { sessionId, code } }));
    await expect(count).toHaveText(/^已签到 1 \/ 应到 \d+$/, { timeout: 8_000 });
    await expect(page.getByTestId('checkin-recent')).toContainText(staff1.name);

    // The roster: staff1 is present from the scan; staff2 is marked late with one tap; the host's mark wins.
    await settle(page);
    await page.goto(`/sessions/${sessionId}/roster`);
    const row = (name: string) => page.getByTestId('roster-row').filter({ has: page.locator('.roster-name', { hasText: name }) });
    await expect(row(staff1.name)).toHaveAttribute('data-status', 'present');
    await expect(row(staff1.name)).toContainText('签到');
    await row(staff2.name).getByRole('button', { name: `${staff2.name}：迟到` }).click();
    await expect(row(staff2.name)).toHaveAttribute('data-status', 'late');
    await row(staff1.name).getByRole('button', { name: `${staff1.name}：缺席` }).click();
    await expect(row(staff1.name)).toHaveAttribute('data-status', 'absent');
    await row(staff1.name).getByRole('button', { name: `${staff1.name}：出席` }).click();
    await expect(row(staff1.name)).toHaveAttribute('data-status', 'present');
    // Reverse check-in: the host types a member's personal code (here the organizer's own, as a member of the branch).
    const personal = await json<{ code: string; name: string }>(await page.request.get('/api/me/check-in-code'));
    await page.getByLabel('对方的 6 位签到码').fill(personal.code);
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await expect(page.getByTestId('roster-done')).toContainText(`${personal.name} 已签到`);
    await expect(row(personal.name)).toHaveAttribute('data-status', 'present');
    await expect(row(personal.name)).toContainText('主持人扫码');
    // Everyone else present, in one call.
    await page.getByTestId('roster-all-present').click();
    await expect(page.getByTestId('attendance-counts')).toContainText('未标记 0');
    await expect(page.getByTestId('roster-row').and(page.locator('[data-status="unmarked"]'))).toHaveCount(0);
    await expect(row(staff2.name)).toHaveAttribute('data-status', 'late');
    const roster = await json<{ counts: { unmarked: number; late: number } }>(await page.request.get(`/api/sessions/${sessionId}/roster`));
    expect(roster.counts).toMatchObject({ unmarked: 0, late: 1 });

    // The minutes: headings, decisions; no photo needed.
    await page.goto(`/sessions/${sessionId}/minutes`);
    await page.getByLabel('记录正文').fill('# 一、学习内容\n传达学习了有关文件。\n# 二、讨论\n大家结合窗口工作谈了体会。');
    await page.getByLabel('会议决定').fill('本月开展一次窗口服务自查\n下月主题党日走访企业');
    await page.getByTestId('minutes-save').click();
    await expect(page.getByTestId('minutes-saved')).toBeVisible();
    await expect(page.getByTestId('minutes-preview').getByRole('heading', { name: '二、讨论' })).toBeVisible();
    await expect(page.getByTestId('minutes-preview').getByRole('listitem')).toHaveCount(2);

    // The sign-in sheet, as paper: the shell and buttons gone, a row per expected person, a signature column.
    await page.emulateMedia({ media: 'print' });
    await page.goto(`/sessions/${sessionId}/sign-in-sheet`);
    await expect(page.getByTestId('sheet-table')).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '本人签名' })).toBeVisible();
    await expect(page.getByTestId('sheet-row').filter({ hasText: staff2.name })).toContainText('迟到');
    await expect(page.locator('.nav')).toBeHidden();
    await expect(page.locator('.back-link')).toBeHidden();
    await expect(page.getByText(/^打印时间：/)).toBeVisible();
    await page.screenshot({ path: info.outputPath(`sign-in-sheet-${info.project.name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Leave: staff2 asks before tomorrow's session; the organizer approves it on the roster.
    const later = await schedule(page, `端到端·请假（${run}）`, now + 24 * HOUR, now + 25 * HOUR);
    await json(await staff2.context.post(`/api/sessions/${later.sessionId}/leave`, { data: { reason: '到省厅参加业务培训' } }));
    await page.goto(`/sessions/${later.sessionId}/roster`);
    const leave = page.getByTestId('leave-row').filter({ hasText: staff2.name });
    await expect(leave).toContainText('到省厅参加业务培训');
    await leave.getByRole('button', { name: '批准', exact: true }).click();
    await expect(page.getByTestId('leave-row')).toHaveCount(0);
    await expect(row(staff2.name)).toHaveAttribute('data-status', 'leave');
    await staff1.context.dispose();
    await staff2.context.dispose();
  });
});
