import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signIn } from './sign-in';

const shots = (name: string, project: string) => `test-results/screens/${name}-${project}.png`;

/** Signs in as the admin, straight to the import page. */
async function signInAsAdmin(page: Page) {
  await signIn(page, 'admin', { redirectTo: '/admin/import' });
  await expect(page).toHaveURL((url) => url.pathname === '/admin/import');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入花名册');
}

const header = '姓名,登录名,所在单位,政治面貌,角色';
const B1 = '县政务服务管理局/机关第一党支部';

function csvFile(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') };
}

test.describe('roster import', () => {
  test('an admin previews a roster with a bad row, fixes it, confirms, and sees the password once', async ({ page }, info) => {
    // Both viewports run against one server: their people must differ.
    const tag = `${info.project.name}-${Date.now().toString(36)}`;
    await signInAsAdmin(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入花名册');
    await expect(page.getByTestId('roster-template')).toBeVisible();
    await page.screenshot({ path: shots('roster-start', info.project.name), fullPage: true });

    // A roster with one bad row: the problem is listed first, highlighted, and nothing can be confirmed.
    const rows = [`新同事甲,e2e-${tag}-a,${B1},正式党员,`, `新同事乙,e2e-${tag}-b,县政务服务管理局/综合科,群众,`];
    await page.getByLabel('花名册文件').setInputFiles(csvFile('花名册-有错.csv', [header, ...rows, `新同事丙,e2e-${tag}-c,${B1},党员吧,`]));
    await page.getByRole('button', { name: '上传并预览' }).click();
    await expect(page.getByTestId('roster-has-problems')).toContainText('有 1 行有问题');
    await expect(page.getByTestId('roster-count-problems')).toContainText('1');
    const firstRow = page.getByTestId('roster-rows').locator('tbody tr').first();
    await expect(firstRow).toHaveClass(/roster-row-problem/);
    await expect(firstRow).toContainText('政治面貌“党员吧”无法识别');
    await expect(page.getByTestId('roster-confirm')).toHaveCount(0);
    await page.screenshot({ path: shots('roster-problems', info.project.name), fullPage: true });

    // The corrected file: two new people, then confirm.
    await page.getByLabel('花名册文件').setInputFiles(csvFile('花名册.csv', [header, ...rows, `新同事丙,e2e-${tag}-c,${B1},预备党员,`]));
    await page.getByRole('button', { name: '上传并预览' }).click();
    await expect(page.getByTestId('roster-count-create')).toContainText('3');
    await expect(page.getByTestId('roster-has-problems')).toHaveCount(0);
    await page.screenshot({ path: shots('roster-preview', info.project.name), fullPage: true });
    await page.getByTestId('roster-confirm').click();

    const result = page.getByTestId('roster-result');
    await expect(result).toContainText('新增 3 人，更新 0 人，0 人无变化。');
    await expect(page.getByTestId('roster-password')).toHaveText(/^[a-z0-9]{10}$/);
    await expect(result).toContainText('只显示这一次');
    await page.screenshot({ path: shots('roster-result', info.project.name), fullPage: true });

    // The template downloads as UTF-8 with a BOM and the Chinese headers.
    const template = await page.request.get('/admin/import/template.csv');
    expect(template.status()).toBe(200);
    expect(template.headers()['content-type']).toContain('text/csv');
    const body = await template.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('姓名,登录名,所在单位,政治面貌,角色');
  });

  test('a file that is not a roster gets a clear message, in English too', async ({ page }) => {
    await signInAsAdmin(page);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import a roster');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await page.getByLabel('Roster file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await expect(page.getByTestId('roster-error')).toHaveText(/^This file cannot be read/);
    await page.getByRole('button', { name: '切换到中文' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });
});
