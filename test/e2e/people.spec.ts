import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { demoPassword, settle, signIn as signInAs } from './sign-in';

/**
 * The people pages: signing in and out, one's own profile and password, the list of people within reach, accounts
 * (admin), the organisation tree and the audit log. Runs at a phone and a desktop width against the seeded demo
 * organisation; every login made here is unique per project and run, and lockouts use a different seeded login per
 * project (they last for the run).
 */

const shots = (name: string, project: string) => `test-results/screens/${name}-${project}.png`;

/** Signs in through the sign-in page with this password (the demo one unless said). */
const signIn = (page: Page, login: string, password = demoPassword) => signInAs(page, login, { password });

/** Chooses the option whose text contains `text` (unit options are indented, so their labels are not exact). */
async function chooseOption(select: Locator, text: string) {
  const options = await select.locator('option').allTextContents();
  const label = options.find((option) => option.includes(text));
  expect(label, `an option containing "${text}"`).toBeTruthy();
  await select.selectOption({ label: label! });
}

/** A unit of the tree by its exact name (open panels list other units' names in their selects). */
function unitItem(page: Page, name: string): Locator {
  return page.getByTestId('unit-item').filter({ has: page.locator('.unit-name').getByText(name, { exact: true }) });
}

/** Today in Shanghai, as a date input wants it. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

test.describe('signing in', () => {
  test('staff1 signs in and sees their own profile with their branch', async ({ page }, info) => {
    await signIn(page, 'staff1');
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/me');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('刘洋');
    await expect(page.getByTestId('me-branch')).toHaveText('机关第一党支部');
    await expect(page.getByTestId('me-facts')).toContainText('正式党员');
    await expect(page.getByRole('link', { name: '修改密码' })).toBeVisible();
    await page.screenshot({ path: shots('me-zh', info.project.name), fullPage: true });
  });

  test('a page that needs a person sends the visitor to sign in, and back afterwards', async ({ page }, info) => {
    await page.goto('/me');
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/);
    await page.screenshot({ path: shots('login-zh', info.project.name), fullPage: true });
    await expect(page.getByLabel('登录名')).toHaveAttribute('autocomplete', 'username');
    await expect(page.getByLabel('密码', { exact: true })).toHaveAttribute('autocomplete', 'current-password');
    await page.getByLabel('登录名').fill('organizer1');
    await page.getByLabel('密码', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/me$/);
    // Signed in already: the sign-in page sends them on.
    await settle(page);
    await page.goto('/login');
    await expect(page).toHaveURL(/\/$/);
    // Signing out ends the session.
    await settle(page);
    await page.goto('/me');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await settle(page);
    await page.goto('/me');
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
  });

  test('five wrong passwords lock the account and the sixth attempt says for how long', async ({ page }, info) => {
    const login = info.project.name === 'phone' ? 'zw0011' : 'zw0012';
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, login, `wrong-${attempt}`);
      await expect(page.getByTestId('form-error')).toHaveText('登录名或密码不正确。');
      // The login typed is kept; the password is not.
      await expect(page.getByLabel('登录名')).toHaveValue(login);
      await expect(page.getByLabel('密码', { exact: true })).toHaveValue('');
    }
    await signIn(page, login, demoPassword);
    await expect(page.getByTestId('form-error')).toContainText('登录失败次数过多');
    await expect(page.getByTestId('form-error')).toContainText('分钟');
    await expect(page).toHaveURL(/\/login$/);
    await page.screenshot({ path: shots('login-locked-zh', info.project.name), fullPage: true });
  });

  test('the sign-in page switches to English', async ({ page }, info) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await expect(page.getByLabel('Login', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(page).toHaveTitle('Sign in · Party Learning');
    await page.screenshot({ path: shots('login-en', info.project.name), fullPage: true });
  });
});

test.describe('the list of people', () => {
  test('staff may not see it and are told so', async ({ page }, info) => {
    await signIn(page, 'staff1');
    await expect(page).toHaveURL(/\/$/);
    const response = await page.goto('/people');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有权限访问这个页面');
    await expect(page.getByText('人员名单只对党支部组织者')).toBeVisible();
    await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
    await page.screenshot({ path: shots('people-forbidden-zh', info.project.name), fullPage: true });
  });

  test('an organizer sees their branch, not another, and nobody outside it by address', async ({ page, request }, info) => {
    // Find staff3's id the way an admin would.
    const admin = await request.post('/api/auth/login', { data: { login: 'admin', password: demoPassword } });
    expect(admin.ok()).toBe(true);
    const found = await request.get('/api/people?q=staff3');
    const staff3 = ((await found.json()) as { items: { personId: string; login: string }[] }).items.find((p) => p.login === 'staff3');
    expect(staff3).toBeTruthy();

    await signIn(page, 'organizer1');
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/people');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('人员');
    const table = page.getByTestId('people-table');
    await expect(table).toContainText('刘洋'); // staff1
    await expect(table).toContainText('机关第一党支部');
    await expect(table).not.toContainText('杨帆'); // staff3, branch 2
    await expect(page.getByRole('link', { name: '新建人员' })).toHaveCount(0);
    await page.screenshot({ path: shots('people-zh', info.project.name), fullPage: true });

    // Search narrows the list, and says what to do when nothing matches.
    await page.getByLabel('姓名或登录名').fill('staff2');
    await page.getByRole('button', { name: '查找' }).click();
    await expect(page).toHaveURL(/q=staff2/);
    await expect(page.getByTestId('person-row')).toHaveCount(1);
    await page.getByLabel('姓名或登录名').fill('杨帆');
    await page.getByRole('button', { name: '查找' }).click();
    await expect(page.getByTestId('people-empty')).toContainText('试试更短的关键词');
    await settle(page);

    // A person outside the organizer's reach does not exist for them.
    const response = await page.goto(`/people/${staff3!.personId}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个人员');
    await page.screenshot({ path: shots('person-not-found-zh', info.project.name), fullPage: true });

    // Someone within reach is shown read-only.
    await page.goto('/people?q=staff1');
    await settle(page);
    await page.getByRole('link', { name: '刘洋' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('刘洋');
    await expect(page.getByText('只有系统管理员可以修改人员信息。')).toBeVisible();
    await expect(page.getByRole('button', { name: '保存修改' })).toHaveCount(0);
  });
});

test.describe('an administrator', () => {
  test('creates a person, finds it in the audit log; the person signs in and must change the password', async ({ page }, info) => {
    const stamp = `${info.project.name}${Date.now().toString(36)}`;
    const login = `e2e-${stamp}`;
    const name = `测试${stamp}`;

    await signIn(page, 'admin');
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/people');
    await page.getByRole('link', { name: '新建人员' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('新建人员');

    // A refused submission keeps what was typed and says why.
    await page.getByLabel('姓名').fill(name);
    await page.getByLabel('登录名').fill('admin');
    await chooseOption(page.getByLabel('所在单位'), '第一支部综合党小组');
    await page.getByRole('checkbox', { name: '组织者' }).check();
    await page.screenshot({ path: shots('person-new-zh', info.project.name), fullPage: true });
    await page.getByRole('button', { name: '创建账号' }).click();
    await expect(page.getByTestId('form-error')).toContainText('没有选择管辖单位');
    await expect(page.getByLabel('姓名')).toHaveValue(name);
    await settle(page);
    await page.getByRole('checkbox', { name: '组织者' }).uncheck();
    await page.getByRole('button', { name: '创建账号' }).click();
    await expect(page.getByTestId('form-error')).toContainText('登录名“admin”已被其他人使用');
    await expect(page.getByLabel('姓名')).toHaveValue(name);
    await page.screenshot({ path: shots('person-new-error-zh', info.project.name), fullPage: true });

    await settle(page);
    await page.getByLabel('登录名').fill(login);
    await page.getByRole('button', { name: '创建账号' }).click();
    await expect(page.getByTestId('person-created')).toContainText(`已为 ${name} 开设账号`);
    const initialPassword = (await page.getByTestId('one-time-password').textContent())?.trim() ?? '';
    expect(initialPassword).toMatch(/^[a-z0-9]{8,}$/);
    await expect(page.getByText('这个密码只显示这一次')).toBeVisible();
    await page.screenshot({ path: shots('person-created-zh', info.project.name), fullPage: true });

    await settle(page);
    await page.getByRole('link', { name: '查看人员信息' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByTestId('person-facts')).toContainText('机关第一党支部');
    await expect(page.getByRole('button', { name: '保存修改' })).toBeVisible();
    await page.screenshot({ path: shots('person-admin-zh', info.project.name), fullPage: true });

    // The audit log (the audit administrator's, 三员分立), filtered to today and then to what the admin did, shows the
    // new account.
    await signIn(page, 'auditor');
    await page.goto('/admin/audit');
    await page.getByLabel('开始日期').fill(todayInShanghai());
    await page.getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}/);
    const created = page.getByTestId('audit-entry').filter({ hasText: name }).filter({ hasText: '新建人员' });
    await expect(created.first()).toBeVisible();
    await settle(page);
    await created.first().getByTestId('audit-actor').click();
    await expect(page).toHaveURL(/actorId=/);
    await expect(page.getByTestId('actor-chip')).toContainText('吴晓峰');
    await expect(page.getByTestId('audit-entry').filter({ hasText: name }).filter({ hasText: '新建人员' }).first()).toBeVisible();
    await page.screenshot({ path: shots('audit-zh', info.project.name), fullPage: true });

    // Signs out; the new person signs in with the initial password and is made to change it first.
    await settle(page);
    await page.goto('/me');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await signIn(page, login, initialPassword);
    await expect(page).toHaveURL(/\/me\/password/);
    await expect(page.getByTestId('must-change')).toBeVisible();
    await page.screenshot({ path: shots('password-must-change-zh', info.project.name), fullPage: true });
    // Other pages wait until the password is changed.
    await settle(page);
    await page.goto('/me');
    await expect(page).toHaveURL(/\/me\/password\?redirectTo=%2Fme$/);

    // The repeat is checked before the API is asked.
    await page.getByLabel('初始密码').fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill('Xuexi2026a');
    await page.getByLabel('再次输入新密码').fill('Xuexi2026b');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByTestId('form-error')).toContainText('两次输入的新密码不一致');
    await settle(page);

    await page.getByLabel('初始密码').fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill('Xuexi2026a');
    await page.getByLabel('再次输入新密码').fill('Xuexi2026a');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await settle(page);
    await page.goto('/');
    // Signed in, the home is the person's own.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name}，你好`);
  });

  test('a new person who changes their password lands on the home page', async ({ page, request }, info) => {
    const login = `e2e-home-${info.project.name}${Date.now().toString(36)}`;
    await request.post('/api/auth/login', { data: { login: 'admin', password: demoPassword } });
    const units = ((await (await request.get('/api/units')).json()) as { items: { unitId: string; name: string }[] }).items;
    const unitId = units.find((unit) => unit.name === '审批服务科')!.unitId;
    const made = await request.post('/api/people', { data: { name: '新同事', login, unitId, partyStatus: 'none' } });
    expect(made.status()).toBe(201);
    const { initialPassword } = (await made.json()) as { initialPassword: string };

    await signIn(page, login, initialPassword);
    await expect(page).toHaveURL(/\/me\/password$/);
    await page.getByLabel('初始密码').fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill('Fuwu2026ok');
    await page.getByLabel('再次输入新密码').fill('Fuwu2026ok');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('新同事，你好');
  });

  test('edits a person, meets a conflicting edit without losing input, and resets a password', async ({ page, request }, info) => {
    const login = `e2e-edit-${info.project.name}${Date.now().toString(36)}`;
    await request.post('/api/auth/login', { data: { login: 'admin', password: demoPassword } });
    const units = ((await (await request.get('/api/units')).json()) as { items: { unitId: string; name: string }[] }).items;
    const unitId = units.find((unit) => unit.name === '专区窗口党小组')!.unitId;
    const made = await request.post('/api/people', { data: { name: '待修改', login, unitId, partyStatus: 'full' } });
    const { person } = (await made.json()) as { person: { personId: string; version: number } };

    await signIn(page, 'admin');
    await expect(page).toHaveURL(/\/$/);
    await page.goto(`/people/${person.personId}`);
    await page.getByLabel('姓名').fill('已修改');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByTestId('saved')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('已修改');
    await settle(page);

    // Someone else saves meanwhile: this page's save is refused and keeps what was typed.
    const current = (await (await request.get(`/api/people/${person.personId}`)).json()) as { version: number };
    await request.patch(`/api/people/${person.personId}`, { data: { version: current.version, name: '别人改的' } });
    await page.getByLabel('姓名').fill('我改的');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByTestId('form-error')).toContainText('已被他人修改');
    await expect(page.getByLabel('姓名')).toHaveValue('我改的');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('别人改的');
    await page.screenshot({ path: shots('person-conflict-zh', info.project.name), fullPage: true });

    await settle(page);
    await page.getByRole('button', { name: '重置密码' }).click();
    await expect(page.getByTestId('reset-done')).toContainText('已重置');
    await expect(page.getByTestId('one-time-password')).toHaveText(/^[a-z0-9]{8,}$/);
    await settle(page);
    await page.getByRole('button', { name: '停用账号' }).click();
    await expect(page.getByTestId('person-status')).toHaveText('已停用');
    await settle(page);
    await page.getByRole('button', { name: '重新启用账号' }).click();
    await expect(page.getByTestId('person-status')).toHaveText('在用');
    await settle(page);
  });

  test('creates, renames and retires a unit in the tree', async ({ page }, info) => {
    const name = `测试科室${info.project.name}${Date.now().toString(36)}`;
    await signIn(page, 'admin');
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/admin');
    await expect(page.getByRole('link', { name: /导入花名册/ })).toHaveAttribute('href', '/admin/import');
    await page.screenshot({ path: shots('admin-zh', info.project.name), fullPage: true });
    await page.getByRole('link', { name: /^组织架构/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('组织架构');

    await page.getByLabel('名称', { exact: true }).fill(name);
    await chooseOption(page.getByLabel('上级单位', { exact: true }), '窗口服务中心');
    await page.getByRole('button', { name: '新建单位' }).click();
    await expect(page.getByTestId('unit-done')).toHaveText(`已新建“${name}”。`);
    const item = unitItem(page, name);
    await expect(item).toHaveClass(/depth-2/);

    await settle(page);
    await item.getByRole('link', { name: '修改' }).click();
    await settle(page);
    await item.getByLabel('新名称').fill(`${name}改`);
    await item.getByRole('button', { name: '改名' }).click();
    await expect(page.getByTestId('unit-tree')).toContainText(`${name}改`);
    await expect(page.getByTestId('unit-done')).toContainText(`已改名为“${name}改”`);

    // A unit with people cannot be retired: the API's reason is shown beside it.
    const busy = unitItem(page, '审批服务科');
    await settle(page);
    await busy.getByRole('link', { name: '修改' }).click();
    await busy.getByRole('button', { name: '撤销单位' }).click();
    await expect(busy.getByTestId('form-error')).toContainText('在职人员');
    await settle(page);
    await page.screenshot({ path: shots('units-zh', info.project.name), fullPage: true });

    const renamed = unitItem(page, `${name}改`);
    await settle(page);
    await renamed.getByRole('link', { name: '修改' }).click();
    await renamed.getByRole('button', { name: '撤销单位' }).click();
    await expect(renamed.getByText('已撤销', { exact: true })).toBeVisible();
    await settle(page);
  });

  test('the admin pages in English', async ({ page, request }, info) => {
    await request.post('/api/auth/login', { data: { login: 'admin', password: demoPassword } });
    const people = ((await (await request.get('/api/people?q=staff1')).json()) as { items: { personId: string; login: string }[] }).items;
    const staff1 = people.find((p) => p.login === 'staff1')!;

    await signIn(page, 'admin');
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/me');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();
    await page.screenshot({ path: shots('me-en', info.project.name), fullPage: true });
    await settle(page);
    await page.goto('/people');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('People');
    await expect(page.getByRole('link', { name: 'New person' })).toBeVisible();
    await page.screenshot({ path: shots('people-en', info.project.name), fullPage: true });
    await page.goto(`/people/${staff1.personId}`);
    await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
    await page.screenshot({ path: shots('person-admin-en', info.project.name), fullPage: true });
    await page.goto('/people/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New person');
    await page.screenshot({ path: shots('person-new-en', info.project.name), fullPage: true });
    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
    await page.screenshot({ path: shots('admin-en', info.project.name), fullPage: true });
    await page.goto('/admin/units');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisation');
    await page.screenshot({ path: shots('units-en', info.project.name), fullPage: true });
    await page.goto('/me/password');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change password');
    await page.screenshot({ path: shots('password-en', info.project.name), fullPage: true });
    // The choice was saved on the admin's profile too: put Chinese back for the tests that follow.
    await settle(page);
    await page.goto('/me');
    await page.getByRole('radio', { name: '简体中文' }).check();
    await page.getByRole('button', { name: 'Save language' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await settle(page);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('signing in, a refused form and signing out work as plain forms', async ({ page }) => {
    await signIn(page, 'organizer2', 'not-the-password');
    await expect(page.getByTestId('form-error')).toHaveText('登录名或密码不正确。');
    await expect(page.getByLabel('登录名')).toHaveValue('organizer2');
    await page.getByLabel('密码', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/people');
    await expect(page.getByTestId('people-table')).toContainText('杨帆');
    await page.goto('/me');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
});
