import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInByApi } from './sign-in';

/**
 * The learning pages, at a phone and a desktop width, against the seeded demo organisation and demo courses. The
 * server runs with STUDY_MIN_SECONDS_CAP=3 and STUDY_HEARTBEAT_SECONDS=1 (playwright.config.ts), so a lesson
 * completes after a few seconds on the page. Each project makes its own course (its title carries the project's
 * name and the run), so the two projects never see each other's progress.
 *
 * The story: organizer1 makes a course in the editor (two text lessons and a PDF uploaded from the browser),
 * publishes it and assigns it to branch 1; staff1 finds it under "my tasks", studies both text lessons until they
 * complete and sees the 学时 on the record; organizer1 recomputes the completion figures and sees branch 1 count one
 * more done; organizer2 does not see branch 1 at all.
 */

const shots = (name: string, project: string) => `test-results/screens/learn-${name}-${project}.png`;
const branch1 = '机关第一党支部';
const branch2 = '机关第二党支部（窗口党支部）';
const branch1Group = '第一支部综合党小组';

/** Signs in (the page shares the cookies) and sets the person's language: it is remembered across runs and projects. */
/** Signs in through the API, with the browser in this language. */
const signIn = (page: Page, login: string, lang: 'zh-CN' | 'en' = 'zh-CN') => signInByApi(page.request, login, { lang });

/** A one-page PDF with a line of text (a reader shows it; the platform's check wants it to start with %PDF-). */
function tinyPdf(line: string): Buffer {
  const content = `BT /F1 18 Tf 56 760 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A tiny red PNG (16 × 8): a cover picture the platform accepts. */
const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAICAIAAAB/FOjAAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAE0lEQVR4nGM4LiJDEmIY1UALDQDqinuBmhT0AQAAAABJRU5ErkJggg==', 'base64');

/** What one project's run made, for the tests after the first. */
const made = new Map<string, { courseId: string; title: string; doneBefore: number; branch1Id?: string }>();

/** The figure in one column of a unit's row on the completion page. */
async function unitFigure(page: Page, unit: string, column: 'done' | 'total' | 'inProgress' | 'notStarted' | 'overdue'): Promise<number> {
  const row = page.locator(`[data-testid="completion-row"][data-unit="${unit}"]`);
  await expect(row).toHaveCount(1);
  return Number(await row.getByTestId(`completion-${column}`).innerText());
}

test.describe('learning: editor → study → completion', () => {
  test.describe.configure({ mode: 'serial' });

  test('organizer1 makes a course, uploads a PDF from the browser, publishes it and assigns it to branch 1', async ({ page, allowConsoleError }, info) => {
    test.setTimeout(90_000);
    // The refused files below are answered 400, which Chromium logs.
    allowConsoleError(/status of 400 .*\/api\/uploads(\/\w+\/check)?\)$/);
    const title = `窗口服务自测 ${info.project.name} ${Date.now().toString(36)}`;
    await signIn(page, 'organizer1');
    await page.goto('/learn');
    await page.getByRole('link', { name: '管理课程' }).click();
    await expect(page).toHaveURL(/\/learn\/manage$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('管理课程');
    await page.screenshot({ path: shots('manage-zh', info.project.name), fullPage: true });

    await page.getByLabel('课程名称').fill(title);
    await page.getByLabel('类别').selectOption({ label: '服务能力' });
    await page.getByLabel('学时').selectOption('0.5');
    await page.getByLabel('课程简介').fill('一门端到端测试用的短课程。');
    await page.getByRole('button', { name: '创建草稿' }).click();
    await expect(page).toHaveURL(/\/learn\/manage\/[0-9A-Z]{26}$/);
    const courseId = page.url().split('/').pop()!;
    await expect(page.getByTestId('editor-status')).toHaveText('草稿');
    await expect(page.getByTestId('editor-no-lessons')).toBeVisible();
    await expect(page.getByTestId('assign-unavailable')).toBeVisible();

    // Two text lessons; the first carries what must never run in a reader's browser.
    const form = page.getByTestId('add-lesson-form');
    await form.getByLabel('课时名称').fill('第一课：五心');
    await form.getByLabel('正文（Markdown）').fill('热心、耐心、细心、诚心、暖心。\n\n<script>alert(1)</script>\n\n[点我](javascript:alert(1)) 与 [中国政府网](https://www.gov.cn/)');
    await form.getByLabel('最少学习时长（分钟）').fill('1');
    await form.getByRole('button', { name: '添加课时' }).click();
    await expect(page.getByTestId('form-ok')).toHaveText('课时已添加。');
    await expect(page.getByTestId('editor-lesson')).toHaveCount(1);
    await form.getByLabel('课时名称').fill('第二课：三声');
    await form.getByLabel('正文（Markdown）').fill('来有迎声、问有答声、走有送声。');
    await form.getByRole('button', { name: '添加课时' }).click();
    await expect(page.getByTestId('editor-lesson')).toHaveCount(2);

    // A PDF lesson: the browser asks the API for an address, PUTs the file to storage, then submits the upload's id.
    await form.getByLabel('课时名称').fill('附：服务规范（PDF）');
    await form.getByLabel('类型').selectOption('pdf');
    await expect(form.getByLabel('正文（Markdown）')).toBeHidden();
    // A file that only claims to be a PDF is stored, then refused by the check, with the reason in words.
    const pdfStatus = form.getByTestId('upload-pdf').getByRole('status');
    await form.getByLabel('PDF 文件').setInputFiles({ name: '伪装.pdf', mimeType: 'application/pdf', buffer: onePixelPng });
    await expect(form.getByTestId('upload-pdf')).toHaveAttribute('data-state', 'failed');
    await expect(pdfStatus).toContainText('伪装.pdf：文件内容与文件类型不符');
    // The real one: "checking" while the platform looks at what arrived (held back here so it can be seen), then accepted.
    let releaseCheck = () => {};
    const checkHeld = new Promise<void>((resolve) => (releaseCheck = resolve));
    await page.route('**/api/uploads/*/check', async (route) => {
      await checkHeld;
      await route.continue();
    });
    await form.getByLabel('PDF 文件').setInputFiles({ name: '服务规范.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Window service standards: five hearts, three greetings, ten points.') });
    await expect(form.getByTestId('upload-pdf')).toHaveAttribute('data-state', 'checking');
    await expect(pdfStatus).toHaveText('正在检查 服务规范.pdf…');
    await expect(form.getByRole('button', { name: '正在上传和检查，请稍候…' })).toBeDisabled();
    await page.screenshot({ path: shots('upload-checking-zh', info.project.name), fullPage: false });
    releaseCheck();
    await expect(form.getByTestId('upload-pdf')).toHaveAttribute('data-state', 'done');
    await expect(pdfStatus).toHaveText('已通过检查：服务规范.pdf');
    await page.unroute('**/api/uploads/*/check');
    await form.getByRole('button', { name: '添加课时' }).click();
    await expect(page.getByTestId('editor-lesson')).toHaveCount(3);
    await expect(page.getByTestId('editor-lesson').nth(2)).toContainText('已上传');
    // The PDF goes last but one: the text lessons stay first and second.
    await page.getByRole('button', { name: '上移课时：附：服务规范（PDF）' }).click();
    await expect(page.getByTestId('editor-lesson').nth(1)).toContainText('附：服务规范（PDF）');
    await page.getByRole('button', { name: '下移课时：附：服务规范（PDF）' }).click();
    await expect(page.getByTestId('editor-lesson').nth(2)).toContainText('附：服务规范（PDF）');

    // A lesson already added can be corrected in place.
    const second = page.getByTestId('editor-lesson').nth(1);
    await second.getByText('修改', { exact: true }).click();
    await second.getByLabel('课时名称').fill('第二课：三声（修订）');
    await second.getByLabel('正文（Markdown）').fill('来有迎声、问有答声、走有送声。三声服务，贵在坚持。');
    await second.getByRole('button', { name: '保存课时' }).click();
    await expect(page.getByText('课时已保存。')).toBeVisible();
    await expect(page.getByTestId('editor-lesson').nth(1)).toContainText('第二课：三声（修订）');

    await page.getByTestId('publish').click();
    await expect(page.getByTestId('editor-status')).toHaveText('已发布');

    // Someone else saves the course meanwhile (through the API, as another tab would): saving what this page shows
    // gets the API's 409, in Chinese, and the input is kept.
    const current = (await (await page.request.get(`/api/courses/${courseId}`)).json()) as { course: { version: number } };
    const other = await page.request.patch(`/api/courses/${courseId}`, { data: { version: current.course.version, summary: '一门端到端测试用的短课程（另一个标签页改过）。' } });
    expect(other.status()).toBe(200);
    const details = page.getByTestId('details-form');
    await details.getByLabel('课程名称').fill(`${title}（修订）`);
    await details.getByRole('button', { name: '保存课程信息' }).click();
    await expect(page.getByTestId('form-error')).toContainText('已被他人修改');
    await expect(page.getByTestId('details-form').getByLabel('课程名称')).toHaveValue(`${title}（修订）`);
    // The page has read the course again: the form now carries the current version (and still the input).
    await expect(page.getByText(`（第 ${current.course.version + 1} 版）`)).toBeVisible();
    await expect(page.getByTestId('details-form').getByLabel('课程名称')).toHaveValue(`${title}（修订）`);

    // A cover picture, uploaded from the browser like the PDF, then saved with the (now current) version.
    await page.getByTestId('details-form').getByLabel('课程名称').fill(title);
    // A picture as SVG is refused before upload, naming the kinds that are accepted.
    await page.getByTestId('details-form').getByLabel('封面图片（可选）').setInputFiles({ name: '封面.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    await expect(page.getByTestId('upload-cover')).toHaveAttribute('data-state', 'failed');
    await expect(page.getByTestId('upload-cover').getByRole('status')).toContainText('请上传 JPG、PNG 或 WebP 图片');
    await page.getByTestId('details-form').getByLabel('封面图片（可选）').setInputFiles({ name: '封面.png', mimeType: 'image/png', buffer: onePixelPng });
    await expect(page.getByTestId('upload-cover')).toHaveAttribute('data-state', 'done');
    await page.getByTestId('details-form').getByRole('button', { name: '保存课程信息' }).click();
    await expect(page.getByTestId('form-ok')).toHaveText('已保存。');
    await expect(page.locator('img.editor-cover')).toBeVisible();

    // A due date in the past: the page lets it through (no date picker limit), the API refuses it in Chinese.
    const assign = page.getByTestId('assign-form');
    await assign.getByLabel(branch1, { exact: true }).check();
    await assign.getByLabel('截止日期').evaluate((input: HTMLInputElement) => input.removeAttribute('min'));
    await assign.getByLabel('截止日期').fill('2020-01-01');
    await assign.getByTestId('assign-submit').click();
    await expect(page.getByTestId('form-error')).toContainText('截止日期已经过去');
    // The input is kept: the unit stays ticked.
    await expect(page.getByTestId('assign-form').getByLabel(branch1, { exact: true })).toBeChecked();
    const inTenDays = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 10 * 86400_000));
    await page.getByTestId('assign-form').getByLabel('截止日期').fill(inTenDays);
    await page.getByTestId('assign-form').getByTestId('assign-submit').click();
    await expect(page.getByTestId('assign-ok')).toContainText('学习任务已布置');
    await page.screenshot({ path: shots('editor-zh', info.project.name), fullPage: true });

    // The figures before anyone studied it.
    await page.goto(`/learn/manage/${courseId}/completion`);
    await page.getByTestId('completion-refresh').click();
    await expect(page.getByTestId('completion-asof')).toContainText('统计时间');
    const doneBefore = await unitFigure(page, branch1, 'done');
    expect(await unitFigure(page, branch1, 'total')).toBeGreaterThan(0);
    made.set(info.project.name, { courseId, title, doneBefore });
  });

  test('staff1 finds the task, studies both text lessons to the end and sees the 学时 on the record', async ({ page }, info) => {
    test.setTimeout(90_000);
    const course = made.get(info.project.name)!;
    page.on('dialog', (dialog) => {
      throw new Error(`a dialog opened: ${dialog.message()}`);
    });
    await signIn(page, 'staff1');
    await page.goto('/learn');
    const task = page.getByTestId('task-item').filter({ hasText: course.title });
    await expect(task).toBeVisible();
    await expect(task).toContainText('必修');
    await expect(task).toContainText('截止');
    await expect(page.getByTestId('credit-summary')).toBeVisible();
    await page.screenshot({ path: shots('home-zh', info.project.name), fullPage: true });
    const before = Number(await page.getByTestId('credit-value').innerText());

    await task.getByRole('link', { name: course.title, exact: true }).click();
    await expect(page.getByTestId('course-title')).toHaveText(course.title);
    await expect(page.getByTestId('lesson-item')).toHaveCount(3);
    await expect(page.getByTestId('course-progress-count')).toHaveText('已完成 0 / 3 个课时');
    await page.screenshot({ path: shots('course-zh', info.project.name), fullPage: true });
    await page.getByTestId('course-start').click();

    // Lesson 1: the Markdown is shown as text, its script and javascript: link are gone.
    await expect(page.getByTestId('lesson-title')).toHaveText('第一课：五心');
    const text = page.getByTestId('lesson-text');
    await expect(text).toContainText('热心、耐心、细心、诚心、暖心');
    await expect(text).toContainText('<script>alert(1)</script>');
    await expect(text.locator('script')).toHaveCount(0);
    await expect(text.locator('a[href^="javascript"]')).toHaveCount(0);
    await expect(text.getByRole('link', { name: '中国政府网' })).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(page.getByTestId('study-meter')).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('study-meter')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(page.getByTestId('study-figures')).toContainText('已学');
    await page.screenshot({ path: shots('lesson-done-zh', info.project.name), fullPage: true });
    await page.getByTestId('next-lesson').click();

    // Lesson 2, then the PDF (the clock runs while the page is visible, whatever the material).
    await expect(page.getByTestId('lesson-title')).toHaveText('第二课：三声（修订）');
    await expect(page.getByTestId('study-meter')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await page.getByTestId('next-lesson').click();
    await expect(page.getByTestId('lesson-title')).toHaveText('附：服务规范（PDF）');
    await expect(page.getByTestId('lesson-pdf')).toBeVisible();
    await expect(page.getByTestId('course-celebration')).toContainText('0.5 学时', { timeout: 20_000 });
    await expect(page.getByTestId('course-celebration')).toContainText('恭喜');
    await page.screenshot({ path: shots('lesson-course-done-zh', info.project.name), fullPage: true });

    await page.getByTestId('to-record').click();
    await expect(page).toHaveURL(/\/learn\/record$/);
    await expect(page.getByTestId('record-completed-row').filter({ hasText: course.title })).toContainText('0.5');
    await expect(page.getByTestId('record-timeline')).toContainText(course.title);
    expect(Number(await page.getByTestId('credit-value').innerText())).toBeCloseTo(before + 0.5, 5);
    await page.screenshot({ path: shots('record-zh', info.project.name), fullPage: true });
    // Printed, it says whose record it is and leaves the navigation out.
    await expect(page.getByTestId('record-person')).toContainText('刘洋（staff1）');
    await expect(page.getByTestId('record-print')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('nav.nav')).toBeHidden();
    await expect(page.getByTestId('record-print')).toBeHidden();
    await expect(page.getByTestId('record-completed-row').filter({ hasText: course.title })).toBeVisible();
    await page.screenshot({ path: shots('record-print-zh', info.project.name), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Back on the course page: the banner says so, every lesson is ticked.
    await page.goto(`/learn/courses/${course.courseId}`);
    await expect(page.getByTestId('course-completed')).toContainText('0.5 学时');
    await expect(page.getByTestId('course-progress-count')).toHaveText('已完成 3 / 3 个课时');
  });

  test('organizer1 recomputes the figures and sees branch 1 count one more done, with staff1 named', async ({ page }, info) => {
    const course = made.get(info.project.name)!;
    await signIn(page, 'organizer1');
    await page.goto(`/learn/courses/${course.courseId}`);
    await page.getByTestId('course-completion-link').click();
    await expect(page.getByTestId('completion-course')).toHaveText(course.title);
    // The unit list shows branch 1 and what is under it, never the bureau or branch 2.
    await expect(page.locator(`[data-testid="completion-row"][data-unit="${branch2}"]`)).toHaveCount(0);
    await page.getByTestId('completion-refresh').click();
    await expect(page.getByTestId('completion-refresh')).toBeEnabled();
    await expect.poll(() => unitFigure(page, branch1, 'done')).toBe(course.doneBefore + 1);
    await page.screenshot({ path: shots('completion-zh', info.project.name), fullPage: true });

    // The figures can be narrowed to the branch-1 assignment, and back to the whole course.
    await expect(page.getByTestId('completion-subject-all')).toHaveAttribute('aria-current', 'page');
    await page.getByTestId('completion-subject').first().click();
    await expect(page.getByTestId('completion-course')).toContainText('单次学习任务');
    await expect(page.getByTestId('completion-subject').first()).toHaveAttribute('aria-current', 'page');
    await expect.poll(() => unitFigure(page, branch1, 'done')).toBeGreaterThanOrEqual(1);
    await page.getByTestId('completion-subject-all').click();
    await expect(page.getByTestId('completion-course')).toHaveText(course.title);

    // The figures download for Excel, and the people list as CSV: branch 1's people only, staff1 among them, done.
    const [book] = await Promise.all([page.waitForEvent('download'), page.getByTestId('completion-export-excel').click()]);
    expect(book.suggestedFilename()).toMatch(/学习完成情况.*\.xlsx$/);
    expect(readFileSync(await book.path()).subarray(0, 2).toString('latin1')).toBe('PK');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('completion-export-people').click()]);
    expect(download.suggestedFilename()).toMatch(/人员学习情况.*\.csv$/);
    const sheet = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
    expect(sheet[0]).toEqual(['单位', '姓名', '账号', '学习状态', '完成时间']);
    expect(sheet.slice(1).every((row) => row[0]!.includes(branch1))).toBe(true);
    expect(sheet.find((row) => row[2] === 'staff1')?.[3]).toBe('已完成');

    const link = page.locator(`[data-testid="completion-row"][data-unit="${branch1}"]`).getByTestId('completion-unit-link');
    const href = await link.getAttribute('href');
    course.branch1Id = new URL(href!, 'http://x').searchParams.get('unitId') ?? undefined;
    await link.click();
    await expect(page.getByTestId('completion-unit-name')).toHaveText(branch1);
    // organizer1 belongs to branch 1 itself; staff1 is in a group under it.
    await expect(page.getByTestId('completion-person').filter({ hasText: 'organizer1' })).toHaveCount(1);
    await page.getByRole('link', { name: '返回各单位' }).click();
    await expect(page.getByTestId('completion-table')).toBeVisible();
    // staff1 (刘洋) belongs to the first Party group of branch 1: its drill-down names them, done.
    await page.getByRole('link', { name: branch1Group }).click();
    await expect(page.getByTestId('completion-unit-name')).toHaveText(branch1Group);
    const person = page.getByTestId('completion-person').filter({ hasText: 'staff1' });
    await expect(person).toHaveAttribute('data-state', 'done');
    await expect(person).toContainText('已完成');
    await expect(person).toContainText('刘洋');
    await page.screenshot({ path: shots('completion-unit-zh', info.project.name), fullPage: true });
  });

  test('organizer2 sees only branch 2 on the same page, and cannot drill into branch 1', async ({ page }, info) => {
    const course = made.get(info.project.name)!;
    await signIn(page, 'organizer2');
    await page.goto(`/learn/manage/${course.courseId}/completion`);
    await expect(page.locator(`[data-testid="completion-row"][data-unit="${branch2}"]`)).toHaveCount(1);
    await expect(page.locator(`[data-testid="completion-row"][data-unit="${branch1}"]`)).toHaveCount(0);
    await expect(page.getByTestId('completion-table')).not.toContainText('第一支部');
    // Branch 1's assignment is not offered to branch 2's organizer.
    await expect(page.getByTestId('completion-subject')).toHaveCount(0);
    expect(course.branch1Id).toBeTruthy();
    const response = await page.goto(`/learn/manage/${course.courseId}/completion?unitId=${course.branch1Id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId('error-404')).toContainText('找不到这个单位');
    await expect(page.getByTestId('completion-people')).toHaveCount(0);
  });
});

test.describe('learning: the demo courses', () => {
  test('a leader reaches completion from the course page; staff do not see the link', async ({ page }, info) => {
    await signIn(page, 'leader');
    await page.goto('/learn');
    await page.getByTestId('catalogue-item').filter({ hasText: '窗口服务礼仪' }).getByRole('link').click();
    await expect(page.getByTestId('course-title')).toContainText('窗口服务礼仪');
    await page.getByTestId('course-completion-link').click();
    await expect(page.locator('[data-testid="completion-row"][data-unit="县政务服务管理局"]')).toHaveCount(1);
    await expect(page.getByTestId('completion-asof')).toContainText('统计时间');
    await page.screenshot({ path: shots('completion-leader-zh', info.project.name), fullPage: true });

    await signIn(page, 'staff2');
    await page.goBack();
    await page.reload();
    await expect(page.getByTestId('course-title')).toContainText('窗口服务礼仪');
    await expect(page.getByTestId('course-completion-link')).toHaveCount(0);
  });

  test('the seeded PDF, video and link lessons render under the content security policy', async ({ page }, info) => {
    await signIn(page, 'staff3');
    await page.goto('/learn');
    await page.getByTestId('catalogue-item').filter({ hasText: '放管服' }).getByRole('link').click();
    await page.getByTestId('lesson-item').nth(1).getByRole('link').click();
    await expect(page.getByTestId('lesson-pdf')).toBeVisible();
    await expect(page.getByTestId('lesson-pdf')).toHaveAttribute('src', /^http:\/\/(localhost|127\.0\.0\.1):\d+\//);
    // Storage answers with the type and disposition the platform chose, and the browser's PDF viewer shows it (a
    // sandboxed frame would show Chromium's "blocked" page instead: see docs/decisions/014).
    const pdfSrc = (await page.getByTestId('lesson-pdf').getAttribute('src'))!;
    const pdfAnswer = await page.request.get(pdfSrc);
    expect(pdfAnswer.headers()['content-type']).toBe('application/pdf');
    expect(pdfAnswer.headers()['content-disposition']).toMatch(/^inline; filename="[\w.-]+\.pdf"; filename\*=UTF-8''/);
    await expect.poll(() => page.frames().map((frame) => frame.url())).toContain(pdfSrc);
    expect(page.frames().some((frame) => frame.url().startsWith('chrome-error:'))).toBe(false);
    await page.screenshot({ path: shots('lesson-pdf-zh', info.project.name), fullPage: true });
    // (Exact: once the lesson completes, a second "next lesson" button joins the navigation's link.)
    await page.getByRole('link', { name: '下一课', exact: true }).click();
    await expect(page.getByTestId('lesson-open-link')).toHaveAttribute('href', 'https://www.gov.cn/zhengce/');
    await expect(page.getByTestId('lesson-open-link')).toHaveAttribute('target', '_blank');
    await page.screenshot({ path: shots('lesson-link-zh', info.project.name), fullPage: true });

    await page.goto('/learn');
    await page.getByTestId('catalogue-item').filter({ hasText: '党史学习教育专题' }).getByRole('link').click();
    await page.getByTestId('lesson-item').nth(1).getByRole('link').click();
    const video = page.getByTestId('lesson-video');
    await expect(video).toBeVisible();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(10);
    // Seeking past what was watched is put back.
    await video.evaluate((v: HTMLVideoElement) => {
      v.currentTime = 9;
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(5);
    await page.screenshot({ path: shots('lesson-video-zh', info.project.name), fullPage: true });
  });

  test('the study clock stops when the page is hidden and runs again when it is back', async ({ page }, info) => {
    // Someone who has not opened this micro-course yet, a different one per project.
    await signIn(page, info.project.name === 'phone' ? 'staff3' : 'leader');
    await page.goto('/learn');
    await page.getByTestId('catalogue-item').filter({ hasText: '好差评' }).getByRole('link').click();
    await page.getByTestId('course-start').click();
    const meter = page.getByTestId('study-meter');
    await expect(meter).toHaveAttribute('data-state', 'running');
    const hidden = page.waitForRequest((request) => request.url().endsWith('/study') && request.postDataJSON()?.state === 'hidden');
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await hidden;
    await expect(meter).toHaveAttribute('data-state', 'paused');
    await expect(meter).toContainText('已暂停');
    const visible = page.waitForRequest((request) => request.url().endsWith('/study') && request.postDataJSON()?.state === 'visible');
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await visible;
    await expect(meter).toHaveAttribute('data-state', /running|done/);
  });

  test('a report lost to the network is sent again as soon as it is back, and the clock carries on', async ({ page, allowConsoleError }, info) => {
    allowConsoleError(/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/);
    await signIn(page, info.project.name === 'phone' ? 'organizer1' : 'organizer2');
    await page.goto('/learn');
    await page.getByTestId('catalogue-item').filter({ hasText: '好差评' }).getByRole('link').click();
    // The bus enters a tunnel just as study begins: the reports do not get through, and the page says so.
    await page.route('**/study', (route) => route.abort('internetdisconnected'));
    await page.getByTestId('course-start').click();
    const meter = page.getByTestId('study-meter');
    await expect(meter.getByRole('alert')).toContainText('网络');
    // Out of the tunnel: the next try gets through and the clock runs on.
    await page.unroute('**/study');
    const through = page.waitForResponse((response) => response.url().endsWith('/study') && response.status() === 200);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await through;
    await expect(meter.getByRole('alert')).toHaveCount(0);
    await expect(meter).toHaveAttribute('data-state', /running|done/);
  });

  test('in English: the learning home, a course, a lesson and the record', async ({ page }, info) => {
    await signIn(page, 'staff2', 'en');
    await page.goto('/learn');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learning');
    await expect(page.getByRole('heading', { name: 'My tasks' })).toBeVisible();
    await expect(page.getByTestId('credit-summary')).toContainText('Credit in');
    await page.screenshot({ path: shots('home-en', info.project.name), fullPage: true });
    await page.getByTestId('catalogue-item').filter({ hasText: '窗口服务礼仪' }).getByRole('link').click();
    await expect(page.getByTestId('course-completed')).toContainText('You finished this course on');
    await page.screenshot({ path: shots('course-en', info.project.name), fullPage: true });
    await page.getByTestId('lesson-item').first().getByRole('link').click();
    await expect(page.getByTestId('study-meter')).toContainText('Studied');
    await page.screenshot({ path: shots('lesson-en', info.project.name), fullPage: true });
    await page.goto('/learn/record');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My learning record');
    await expect(page.getByTestId('record-timeline')).toBeVisible();
    await page.screenshot({ path: shots('record-en', info.project.name), fullPage: true });

    await signIn(page, 'admin', 'en');
    await page.goto('/learn/manage');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Manage courses');
    await page.getByTestId('manage-row').filter({ hasText: '放管服' }).getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'Assign' })).toBeVisible();
    await page.screenshot({ path: shots('editor-en', info.project.name), fullPage: true });
    await page.getByRole('link', { name: 'Completion' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Completion');
    await page.screenshot({ path: shots('completion-en', info.project.name), fullPage: true });
    await signIn(page, 'admin', 'zh-CN');
    await signIn(page, 'staff2', 'zh-CN');
  });

  test('a visitor who is not signed in is sent to sign in, and back afterwards', async ({ page }) => {
    await page.goto('/learn/record');
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Flearn%2Frecord$/);
  });

  test('staff may not manage courses', async ({ page }) => {
    await signIn(page, 'staff1');
    await page.goto('/learn');
    await expect(page.getByRole('link', { name: '管理课程' })).toHaveCount(0);
    const response = await page.goto('/learn/manage');
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('error-403')).toContainText('课程管理只对组织者和管理员开放');
  });
});

test.describe('learning without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an organizer still creates a course and adds a link lesson', async ({ page }, info) => {
    await signIn(page, 'organizer2');
    await page.goto('/learn/manage');
    await page.getByLabel('课程名称').fill(`无脚本课程 ${info.project.name} ${Date.now().toString(36)}`);
    await page.getByRole('button', { name: '创建草稿' }).click();
    await expect(page).toHaveURL(/\/learn\/manage\/[0-9A-Z]{26}$/);
    const form = page.getByTestId('add-lesson-form');
    await form.getByLabel('课时名称').fill('延伸阅读');
    await form.getByLabel('类型').selectOption('link');
    await form.getByLabel('外部网址').fill('https://www.gov.cn/');
    await form.getByRole('button', { name: '添加课时' }).click();
    await expect(page.getByTestId('editor-lesson')).toHaveCount(1);
    await expect(page.getByTestId('editor-lesson')).toContainText('外部链接');
  });
});
