import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { settle, signIn } from './sign-in';

/**
 * The question bank's pages in a browser: an organizer imports a file (problems in words, confirm, counts), finds
 * the questions in the bank, edits one as a new version; the editor takes every type; the admin hub links the bank.
 */
const shots = (name: string, project: string) => `test-results/screens/${name}-${project}.png`;

const header = '题型,题干,选项A,选项B,选项C,选项D,答案,解析,分值,难度,分类';
function csvFile(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`, 'utf8') };
}

async function signInAs(page: Page, login: string, to: string) {
  await signIn(page, login, { redirectTo: to });
  await expect(page).toHaveURL((url) => url.pathname === to);
}

test.describe('question bank', () => {
  test('an organizer imports a question file: problems in words, confirm, then finds and edits a question as a new version', async ({ page }, info) => {
    // Both viewports run against one server: their stems must differ.
    const tag = `${info.project.name}-${Date.now().toString(36)}`;
    await signInAs(page, 'organizer1', '/quizzes/bank/import');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入题库');
    await expect(page.getByTestId('import-template')).toBeVisible();
    await page.screenshot({ path: shots('bank-import-start', info.project.name), fullPage: true });

    await page.getByLabel('题库文件').setInputFiles(
      csvFile('支部题库.csv', [
        `单选,【${tag}】首问负责制的“首问”指谁？,首位接待的工作人员,窗口负责人,分管领导,,Ａ,首位接待的工作人员即首问责任人。,2,易,政务服务标准`,
        `多选,【${tag}】窗口服务“三声”包括？,来有迎声,问有答声,走有送声,"催有急声，不得拖延",A、B、C,,3,中,政务服务标准`,
        `判断,【${tag}】限时办结制要求在承诺时限内办结。,,,,,√,,1,易,政务服务标准`,
        `单选,【${tag}】一次性告知的依据？,行政许可法,公务员法,,,E,,,,`,
        `判断,【${tag}】限时办结制要求在承诺时限内办结。,,,,,对,,,,`,
      ]),
    );
    await page.getByTestId('import-preview').click();
    await expect(page.getByTestId('import-count-ready')).toContainText('3');
    await expect(page.getByTestId('import-count-problems')).toContainText('2');
    // Rows with problems come first, each problem in words.
    const firstRow = page.getByTestId('import-rows').locator('tbody tr').first();
    await expect(firstRow).toHaveClass(/bank-row-problem/);
    await expect(firstRow).toContainText('答案中的 E 不在选项之中');
    await expect(page.getByTestId('import-row-6')).toContainText('题干与第 4 行重复');
    // A ready row as it will be stored: the full-width answer letter read as A, the comma inside option D kept.
    await expect(page.getByTestId('import-row-2')).toContainText('可导入');
    await expect(page.getByTestId('import-row-3')).toContainText('催有急声，不得拖延');
    await expect(page.getByTestId('import-row-3')).toContainText('ABC');
    await page.screenshot({ path: shots('bank-import-preview', info.project.name), fullPage: true });

    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-result')).toContainText('新增 3 道题；0 道因题库中已有相同题干而跳过；2 行有问题未导入。');
    await page.screenshot({ path: shots('bank-import-result', info.project.name), fullPage: true });

    // The bank lists them; the filter narrows to a type.
    await page.getByTestId('import-to-bank').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('题库');
    await page.getByLabel('分类').fill('政务服务标准');
    await page.getByLabel('题型').selectOption('multiple');
    await page.getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(/kind=multiple/);
    const row = page.getByTestId('bank-row').filter({ hasText: `【${tag}】窗口服务` });
    await expect(row).toHaveCount(1);
    await expect(page.getByTestId('bank-row').filter({ hasText: `【${tag}】首问` })).toHaveCount(0);
    await page.screenshot({ path: shots('bank-list', info.project.name), fullPage: true });

    // Editing says it makes a new version, and does.
    await row.getByRole('link').click();
    await expect(page.getByTestId('question-version')).toHaveText('第 1 版');
    await expect(page.getByTestId('version-note')).toContainText('保存修改会生成第 2 版');
    await expect(page.getByTestId('correct-C')).toBeChecked();
    await page.getByTestId('option-add').click();
    await page.getByTestId('option-E').getByRole('textbox').fill('办有笑声');
    await page.getByLabel('题干 *').fill(`【${tag}】窗口服务“三声”包括哪些？`);
    await page.screenshot({ path: shots('bank-edit', info.project.name), fullPage: true });
    await page.getByTestId('question-save').click();
    await expect(page.getByTestId('question-saved')).toHaveText('已保存为第 2 版。');
    await expect(page.getByTestId('question-version')).toHaveText('第 2 版');
    await expect(page.getByTestId('option-E').getByRole('textbox')).toHaveValue('办有笑声');
    await expect(page.getByTestId('correct-E')).not.toBeChecked();
    await settle(page);
  });

  test('the editor writes each type; a single choice keeps one correct option; a mistake is said in words; retiring', async ({ page }, info) => {
    const tag = `${info.project.name}-${Date.now().toString(36)}`;
    await signInAs(page, 'organizer2', '/quizzes/bank/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('新建试题');

    // Single choice: ticking B unticks A; removing an option leaves three.
    await page.getByLabel('题干 *').fill(`【${tag}】“好差评”的评价分为几个等级？`);
    await page.getByTestId('option-A').getByRole('textbox').fill('三个');
    await page.getByTestId('option-B').getByRole('textbox').fill('五个');
    await page.getByTestId('option-C').getByRole('textbox').fill('七个');
    await page.getByTestId('correct-A').check();
    await page.getByTestId('correct-B').check();
    await expect(page.getByTestId('correct-A')).not.toBeChecked();
    await page.getByRole('button', { name: '删除选项 D' }).click();
    await expect(page.getByTestId('option-D')).toHaveCount(0);
    await page.getByLabel('分类（知识点）').fill('政务服务标准');
    await page.screenshot({ path: shots('bank-new', info.project.name), fullPage: true });
    await page.getByTestId('question-save').click();
    await expect(page.getByTestId('question-created')).toBeVisible();
    await expect(page.getByTestId('question-version')).toHaveText('第 1 版');
    await expect(page.getByTestId('correct-B')).toBeChecked();

    // True/false: the options give way to the true/false choice.
    await page.goto('/quizzes/bank/new');
    await page.getByText('判断', { exact: true }).click();
    await expect(page.getByTestId('qf-options')).toBeHidden();
    await page.getByLabel('题干 *').fill(`【${tag}】实名差评回访整改率要达到 100%。`);
    await page.getByText('对（正确）', { exact: true }).click();
    await expect(page.getByTestId('truth-true')).toBeChecked();
    await page.getByTestId('question-save').click();
    await expect(page.getByTestId('question-created')).toBeVisible();

    // Fill-in without an accepted answer: refused in words, what was typed kept; then with one.
    await page.goto('/quizzes/bank/new');
    await page.getByText('填空', { exact: true }).click();
    await page.getByLabel('题干 *').fill(`【${tag}】“最多跑____次”。`);
    await page.getByTestId('question-save').click();
    await expect(page.getByTestId('form-error')).toContainText('填空题须至少填写一个可接受的答案');
    await expect(page.getByLabel('题干 *')).toHaveValue(`【${tag}】“最多跑____次”。`);
    await page.getByLabel('可接受的答案 *').fill('一\n1');
    await page.getByTestId('question-save').click();
    await expect(page.getByTestId('question-created')).toBeVisible();

    // Retired: shown, no longer edited.
    await page.getByTestId('question-retire').click();
    await expect(page.getByTestId('question-retired')).toBeVisible();
    await expect(page.getByTestId('question-readonly')).toContainText('这道题已停用');
    await expect(page.getByTestId('question-form')).toHaveCount(0);
    await settle(page);
  });

  test('in English; staff are turned away; the admin hub links the bank', async ({ page }, info) => {
    await signInAs(page, 'admin', '/admin');
    await page.getByRole('link', { name: /题库/ }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/quizzes/bank');
    await expect(page.getByTestId('bank-row').first()).toBeVisible();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Question bank');
    await page.screenshot({ path: shots('bank-list-en', info.project.name), fullPage: true });
    await page.goto('/quizzes/bank/import');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await page.getByLabel('Question file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('import-preview').click();
    await expect(page.getByTestId('import-error')).toHaveText(/^This file cannot be read/);
    await page.screenshot({ path: shots('bank-import-en', info.project.name), fullPage: true });
    const template = await page.request.get('/quizzes/bank/template.xlsx');
    expect(template.status()).toBe(200);
    expect([...(await template.body()).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    await page.getByRole('button', { name: '切换到中文' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    await settle(page);
    await page.context().clearCookies();
    await signIn(page, 'staff1');
    const refused = await page.goto('/quizzes/bank');
    expect(refused?.status()).toBe(403);
    await expect(page.getByText('只有组织者和管理员可以管理题库。')).toBeVisible();
  });
});
