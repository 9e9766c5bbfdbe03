import type { APIRequestContext, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { expect, test } from './fixtures';
import { settle, signInByApi } from './sign-in';

/**
 * The member's and the leader's session pages (组织生活) at a phone and a desktop width. The organizer of branch 1
 * schedules two sessions through the API (one starting in ten minutes, check-in open; one in three days); a member
 * of the branch sees them with a calendar file, asks for leave, types a wrong code and is told so, checks in by the
 * QR's link through the sign-in page (refreshing answers 已签到), and shows their personal code, whose digits the
 * host's reverse check-in accepts; a leader reads the cadence and a branch's attendance, in English.
 */

const shots = (name: string, project: string) => `test-results/screens/sessions-${name}-${project}.png`;
/** Each project acts as its own member of branch 1, so the two runs never share a record. */
const memberOf = { phone: 'staff1', desktop: 'staff2' } as const;

interface Made {
  soon: { sessionId: string; topic: string };
  later: { sessionId: string; topic: string };
}
const made: Partial<Record<string, Made>> = {};

async function organizer(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string) {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await signInByApi(api, 'organizer1', { origin: baseURL });
  return api;
}

async function schedule(api: APIRequestContext, topic: string, startsInMinutes: number, minutes: number) {
  const me = (await (await api.get('/api/me')).json()) as { personId: string; branchId: string };
  const startsAt = new Date(Date.now() + startsInMinutes * 60_000);
  const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  const res = await api.post('/api/sessions', {
    data: { branchId: me.branchId, type: 'topicStudy', topic, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), place: '三楼党员活动室', hostId: me.personId, agenda: '一、学习文件\n二、交流发言' },
  });
  expect(res.status(), `schedule ${topic}: ${await res.text()}`).toBe(201);
  return { sessionId: ((await res.json()) as { sessionId: string }).sessionId, topic };
}

function sessionsOf(project: string): Made {
  const m = made[project];
  expect(m, 'the sessions were scheduled by the first test').toBeDefined();
  return m!;
}

async function member(page: Page, project: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  await signInByApi(page.request, memberOf[project as keyof typeof memberOf], { lang });
}

test.describe('sessions: members and leaders', () => {
  test.describe.configure({ mode: 'serial' });

  test('a member sees the upcoming sessions and adds one to the phone’s calendar', async ({ page, playwright }, info) => {
    const baseURL = String(info.project.use.baseURL);
    const api = await organizer(playwright, baseURL);
    const run = `${info.project.name}-${Date.now().toString(36)}`;
    made[info.project.name] = {
      soon: await schedule(api, `端到端学习会 ${run}`, 10, 90),
      later: await schedule(api, `端到端支部学习 ${run}`, 3 * 24 * 60, 60),
    };
    await api.dispose();
    const { soon, later } = sessionsOf(info.project.name);

    await member(page, info.project.name);
    await page.goto('/sessions');
    const upcoming = page.getByTestId('sessions-upcoming');
    await expect(upcoming.getByTestId('session-card').filter({ hasText: soon.topic })).toHaveCount(1);
    await expect(upcoming.getByTestId('session-card').filter({ hasText: later.topic })).toContainText('三楼党员活动室');
    // Soonest first.
    const topics = await upcoming.locator('.session-card-title').allTextContents();
    expect(topics.indexOf(soon.topic)).toBeLessThan(topics.indexOf(later.topic));
    await page.screenshot({ path: shots('list', info.project.name), fullPage: true });

    await upcoming.getByRole('link', { name: soon.topic }).click();
    await expect(page.getByTestId('session-topic')).toHaveText(soon.topic);
    await expect(page.getByTestId('session-when')).toContainText('周');
    const ics = page.getByTestId('session-ics');
    await expect(ics).toHaveAttribute('href', `/api/sessions/${soon.sessionId}/calendar.ics`);
    const file = await page.request.get(`/api/sessions/${soon.sessionId}/calendar.ics`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('text/calendar');
    expect(await file.text()).toContain('BEGIN:VCALENDAR');
    await page.screenshot({ path: shots('session', info.project.name), fullPage: true });
  });

  test('a member asks for leave with a reason; once approved, writes the make-up with a counter', async ({ page, playwright }, info) => {
    const { later } = sessionsOf(info.project.name);
    await member(page, info.project.name);
    await page.goto(`/sessions/${later.sessionId}`);
    await page.getByText('我要请假').click();
    await page.getByLabel('请假事由').fill('当天在窗口值班，无法离岗。');
    await page.getByTestId('leave-submit').click();
    await expect(page.getByTestId('leave-sent')).toContainText('请假申请已提交');
    await expect(page.getByTestId('my-leave')).toContainText('请假待审批');
    await expect(page.getByTestId('my-leave')).toContainText('当天在窗口值班');
    // Asked once: the form is gone.
    await expect(page.getByTestId('leave-submit')).toHaveCount(0);

    // The organizer approves: a make-up task appears, with a counter of the reflection's characters.
    const baseURL = String(info.project.use.baseURL);
    const api = await organizer(playwright, baseURL);
    const me = (await (await page.request.get('/api/me')).json()) as { personId: string };
    const decided = await api.put(`/api/sessions/${later.sessionId}/leave/${me.personId}`, { data: { decision: 'approve' } });
    expect(decided.status(), await decided.text()).toBe(200);
    await api.dispose();
    await settle(page);
    await page.reload();
    await expect(page.getByTestId('my-leave')).toContainText('请假已批准');
    const makeUp = page.getByTestId('my-makeup');
    await expect(makeUp).toContainText('待补学');
    const reflection = page.getByLabel('学习体会');
    await reflection.fill('认真学习了会议记录。');
    await expect(page.getByTestId('makeup-count')).toHaveText('已写 10 字（至少 100 字）');
    await page.locator('form:has(#makeup-reflection)').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.getByTestId('makeup-submit').click();
    await expect(page.getByTestId('form-error')).toBeVisible();
    await settle(page);
    await reflection.fill('认真学习了会议记录和学习材料，'.repeat(8));
    await expect(page.getByTestId('makeup-count')).toHaveText('已写 120 字（至少 100 字）');
    await page.getByTestId('makeup-submit').click();
    await expect(page.getByTestId('makeup-sent')).toContainText('补学已提交');
    await expect(makeUp).toContainText('已提交，待确认');
    await page.screenshot({ path: shots('make-up', info.project.name), fullPage: true });
  });

  test('a member who types a wrong code is told plainly, and nothing is recorded', async ({ page }, info) => {
    const { soon } = sessionsOf(info.project.name);
    await member(page, info.project.name);
    await page.goto(`/sessions/${soon.sessionId}`);
    const code = page.getByLabel('输入大屏上的 6 位签到码');
    await code.fill('12');
    // The browser's own check would stop a short code; the server's answer is what a phone without it sees.
    await page.locator('form.session-code-form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.getByTestId('check-in-submit').click();
    await expect(page.getByTestId('form-error')).toContainText('请输入 6 位数字签到码');
    await settle(page);
    // Six digits that are not the screen's (one chance in a million of being right by luck: then it is recorded).
    await code.fill('000 000');
    await page.getByTestId('check-in-submit').click();
    await expect(page.getByTestId('form-error')).toContainText('签到码不正确或已更换');
    await expect(page.getByTestId('my-status')).toContainText('尚未签到');
    await page.screenshot({ path: shots('wrong-code', info.project.name), fullPage: true });
  });

  test('the QR’s link survives the sign-in, checks in once, and a refresh answers 已签到; a tampered link is refused', async ({ page, playwright }, info) => {
    const { soon } = sessionsOf(info.project.name);
    const baseURL = String(info.project.use.baseURL);
    const api = await organizer(playwright, baseURL);
    const codeRes = await api.get(`/api/sessions/${soon.sessionId}/check-in-code`);
    expect(codeRes.status()).toBe(200);
    const { token } = (await codeRes.json()) as { token: string };

    // Not signed in: the sign-in page, with the way back.
    await page.goto(`/check-in?t=${encodeURIComponent(token)}`);
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe(`/check-in?t=${token}`);
    await page.getByLabel('登录名').fill(memberOf[info.project.name as keyof typeof memberOf]);
    await page.getByLabel('密码', { exact: true }).fill('demo1234');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByTestId('check-in-outcome')).toHaveText('签到成功');
    await expect(page.getByTestId('check-in-result')).toContainText(soon.topic);
    // The token is gone from the address: a refresh reads the record.
    expect(new URL(page.url()).searchParams.get('t')).toBeNull();
    await page.screenshot({ path: shots('checked-in', info.project.name), fullPage: true });
    await settle(page);
    await expect(page).not.toHaveURL(/new=1/);
    await page.reload();
    await expect(page.getByTestId('check-in-outcome')).toHaveText('已签到');
    // The same link again (a second scan) answers the same record.
    await page.goto(`/check-in?t=${encodeURIComponent(token)}`);
    await expect(page.getByTestId('check-in-outcome')).toHaveText('已签到');

    const roster = await api.get(`/api/sessions/${soon.sessionId}/roster`);
    expect(roster.status()).toBe(200);
    const me = (await (await page.request.get('/api/me')).json()) as { personId: string };
    const rows = ((await roster.json()) as { rows: { personId: string; status: string | null }[] }).rows.filter((row) => row.personId === me.personId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('present');

    // A link whose mac was changed.
    const parts = token.split('.');
    const tampered = [...parts.slice(0, -1), `${parts.at(-1)!.slice(0, -2)}${parts.at(-1)!.endsWith('AA') ? 'BB' : 'AA'}`].join('.');
    await page.goto(`/check-in?t=${encodeURIComponent(tampered)}`);
    await expect(page.getByTestId('check-in-outcome')).toHaveText('未能签到');
    await expect(page.getByTestId('check-in-why')).toContainText('二维码无效');
    await api.dispose();
  });

  test('the personal code page shows a QR and six digits that the host’s reverse check-in accepts', async ({ page, playwright }, info) => {
    const { soon } = sessionsOf(info.project.name);
    await member(page, info.project.name);
    await page.goto('/me/check-in-code');
    await expect(page.getByTestId('personal-qr').locator('svg.qr-code path')).toHaveAttribute('d', /^M\d/);
    const digits = (await page.getByTestId('personal-digits').textContent())!.trim();
    expect(digits).toMatch(/^\d{3} \d{3}$/);
    await page.screenshot({ path: shots('personal-code', info.project.name), fullPage: true });

    const baseURL = String(info.project.use.baseURL);
    const api = await organizer(playwright, baseURL);
    const res = await api.post(`/api/sessions/${soon.sessionId}/check-ins`, { data: { code: digits.replace(' ', '') } });
    expect(res.status(), await res.text()).toBe(200);
    const me = (await (await page.request.get('/api/me')).json()) as { personId: string };
    // Checked in by the QR already: the same record answers.
    expect(await res.json()).toMatchObject({ personId: me.personId, outcome: 'already' });
    await api.dispose();
  });

  test('a leader reads the cadence of every branch and a branch’s attendance, in English', async ({ page }, info) => {
    await signInByApi(page.request, 'leader', { lang: 'en' });
    await page.goto('/sessions');
    await page.getByTestId('link-cadence').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meeting cadence');
    const branches = page.getByTestId('cadence-branch');
    expect(await branches.count()).toBeGreaterThanOrEqual(2);
    const first = branches.filter({ hasText: '第一党支部' });
    await expect(first).toHaveCount(1);
    await expect(first.locator('table')).toContainText(/Held|Scheduled|Missing/);
    await expect(first).toContainText(/As of|No session this year yet/);
    await page.screenshot({ path: shots('cadence', info.project.name), fullPage: true });

    await first.getByTestId('cadence-figures-link').click();
    await expect(page.getByTestId('figures-title')).toContainText('第一党支部');
    await expect(page.getByTestId('archive-link')).toHaveAttribute('href', /\/api\/sessions\/archive\.xlsx\?branchId=[^&]+&year=\d{4}$/);
    const sessions = page.getByTestId('figures-sessions');
    await expect(sessions).toBeVisible();
    // People by name, never by rate.
    const names = await page.getByTestId('figures-person').locator('th').evaluateAll((cells) => cells.map((cell) => cell.firstElementChild?.tagName === 'A' ? cell.firstElementChild.textContent ?? '' : cell.firstChild?.textContent ?? ''));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    const archive = await page.request.get((await page.getByTestId('archive-link').getAttribute('href'))!);
    expect(archive.status()).toBe(200);
    await page.screenshot({ path: shots('figures', info.project.name), fullPage: true });
  });

  test('an administrator adds a rule to the cadence and takes it away again', async ({ page }, info) => {
    // Each project its own session type, so that two projects running at once do not undo each other's rule.
    const type = info.project.name === 'desktop' ? 'topicStudy' : 'other';
    const name = type === 'topicStudy' ? '专题学习' : '其他';
    await signInByApi(page.request, 'admin');
    await page.goto('/sessions/cadence');
    await page.locator('.cadence-rules summary').click();
    const form = page.getByTestId('cadence-rules-form');
    await form.locator(`select[name="period.${type}"]`).selectOption('year');
    await form.locator(`input[name="count.${type}"]`).fill('2');
    await form.getByRole('button', { name: '保存制度规则' }).click();
    await expect(page.getByText('制度规则已保存')).toBeVisible();
    const first = page.getByTestId('cadence-branch').filter({ hasText: '第一党支部' });
    await expect(first.locator('table')).toContainText(name);
    await page.getByTestId('cadence-rules-form').locator(`select[name="period.${type}"]`).selectOption('');
    await page.getByTestId('cadence-rules-form').getByRole('button', { name: '保存制度规则' }).click();
    await expect(page.getByText('制度规则已保存')).toBeVisible();
    await expect(page.getByTestId('cadence-branch').filter({ hasText: '第一党支部' }).locator('table')).not.toContainText(name);
  });

  test('an administrator reopens a closed session with a reason', async ({ page, playwright, baseURL }, info) => {
    const api = await organizer(playwright, baseURL!);
    const begun = await schedule(api, `已结束的专题学习（${info.project.name}）`, -30, 60);
    const version = ((await (await api.get(`/api/sessions/${begun.sessionId}`)).json()) as { version: number }).version;
    expect((await api.post(`/api/sessions/${begun.sessionId}/close`, { data: { version } })).status()).toBe(200);
    await api.dispose();
    await signInByApi(page.request, 'admin');
    await page.goto(`/sessions/${begun.sessionId}`);
    const form = page.getByTestId('session-reopen');
    await form.getByLabel('重新开启的原因').fill('补录一名党员的签到');
    await form.getByRole('button', { name: '重新开启' }).click();
    await expect(page.getByText('会议已重新开启')).toBeVisible();
    await expect(page.getByTestId('session-reopen')).toHaveCount(0);
  });
});
