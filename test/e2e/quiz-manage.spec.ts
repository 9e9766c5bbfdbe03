import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { settle, signInByApi } from './sign-in';

/**
 * The quiz editor's pages at a phone and a desktop width. organizer1 writes a quiz that draws from a category of the
 * bank (questions made through the API here), sees a rule the bank cannot meet refused in words beside the items,
 * and publishes it once the rule fits; the admin builds a quiz of fixed questions picked from the bank, reorders them,
 * and meets someone else's save as a 409 that keeps what was typed. Staff are refused the pages.
 */

const shots = (name: string, project: string) => `test-results/screens/quiz-manage-${name}-${project}.png`;
const run = () => Date.now().toString(36);

async function makeQuestions(request: APIRequestContext, tag: string, count: number, extra: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await request.post('/api/questions', {
      data: { kind: 'single', stem: `${tag} 第${i + 1}题：“一次性告知”要求告知什么？`, options: [{ text: '需补正的全部材料' }, { text: '办理人的电话' }], answer: [0], tags: [tag], difficulty: 'easy', ...extra },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids.push(((await res.json()) as { questionId: string }).questionId);
  }
  return ids;
}

/** What the page offers to touch: every control has a name a screen reader says, and is at least 44 px tall. */
async function checkControls(page: Page) {
  const problems = await page.locator('main').evaluate((main) => {
    const found: string[] = [];
    for (const element of Array.from(main.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, button, a[href]'))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || element.closest('.visually-hidden') || element.classList.contains('visually-hidden')) continue;
      const input = element as HTMLInputElement;
      const labelled = Boolean(element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || input.labels?.length || (element.tagName !== 'INPUT' && element.tagName !== 'SELECT' && element.textContent?.trim()));
      if (!labelled) found.push(`no name: ${element.outerHTML.slice(0, 80)}`);
      const small = element.tagName === 'BUTTON' || element.tagName === 'SELECT' || (element.tagName === 'INPUT' && !['checkbox', 'radio'].includes(input.type));
      if (small && box.height < 43.5) found.push(`under 44 px (${box.height}): ${element.outerHTML.slice(0, 80)}`);
    }
    const ids = Array.from(main.querySelectorAll('[id]')).map((el) => el.id);
    for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) found.push(`id used twice: ${id}`);
    return found;
  });
  expect(problems).toEqual([]);
}

test.describe('the quiz editor', () => {
  test('organizer1 writes a quiz that draws from a category, is told a rule the bank cannot meet, and publishes it', async ({ page }, info) => {
    test.setTimeout(90_000);
    const tag = `窗口规范${run()}`;
    await signInByApi(page.request, 'organizer1');
    await makeQuestions(page.request, tag, 3);

    await page.goto('/quizzes/manage');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('测验管理');
    await checkControls(page);
    await page.getByTestId('new-quiz').click();
    await expect(page).toHaveURL(/\/quizzes\/manage\/new$/);

    // A rule asking for more than the category holds: the quiz is saved, and publishing is refused in words.
    await page.getByTestId('add-rule').click();
    await expect(page.getByTestId('quiz-item')).toHaveCount(1);
    await page.getByLabel('测验名称').fill(`支部测验 ${tag}`);
    await page.getByLabel('分类（知识点）').first().selectOption(tag);
    await page.getByLabel('题数').fill('5');
    await page.getByLabel('答题时长（分钟）').fill('20');
    await page.getByLabel('交卷后立即').check();
    await page.getByLabel('只看分数').check();
    await expect(page.getByTestId('review-explained')).toContainText('看不到正确答案');
    await checkControls(page);
    await page.screenshot({ path: shots('new-zh', info.project.name), fullPage: true });
    await page.getByTestId('quiz-save').click();
    await expect(page).toHaveURL(/\/quizzes\/manage\/\w+\?done=created$/);
    await expect(page.getByTestId('quiz-done')).toBeVisible();
    await expect(page.getByTestId('quiz-status')).toHaveText('草稿');
    await expect(page.getByLabel('答题时长（分钟）')).toHaveValue('20');

    await page.getByTestId('quiz-publish').click();
    const refusal = page.locator('.quiz-items [data-testid="form-error"]');
    await expect(refusal).toContainText(tag);
    await expect(page.getByTestId('quiz-status')).toHaveText('草稿');
    await page.screenshot({ path: shots('refused-zh', info.project.name), fullPage: true });

    // Three fit; publishing goes through, and the page says what changes now mean.
    await page.getByLabel('题数').fill('3');
    await page.getByTestId('quiz-publish').click();
    await expect(page).toHaveURL(/\?done=published$/);
    await expect(page.getByTestId('quiz-status')).toHaveText('已发布');
    await expect(page.getByTestId('published-note')).toContainText('之后开始的作答');
    await expect(page.getByTestId('items-total')).toHaveText('每次作答共 3 题');
    await expect(page.getByTestId('quiz-preview')).toHaveAttribute('href', /^\/quizzes\/\w+$/);
    await checkControls(page);
    await page.screenshot({ path: shots('published-zh', info.project.name), fullPage: true });

    await page.goto('/quizzes/manage');
    await expect(page.getByTestId('manage-quiz-row').filter({ hasText: tag })).toContainText('已发布');
  });

  test('the admin builds a quiz of fixed questions from the bank, in English, and a stale save keeps what was typed', async ({ page, browser }, info) => {
    test.setTimeout(90_000);
    const tag = `Fixed${run()}`;
    await signInByApi(page.request, 'admin', { lang: 'en' });
    await makeQuestions(page.request, tag, 3);

    await page.goto('/quizzes/manage/new');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New quiz');
    await page.getByLabel('Question contains').fill(tag);
    await page.getByTestId('bank-search').click();
    await expect(page.getByTestId('bank-result')).toHaveCount(3);
    for (const n of [1, 2, 3]) {
      await page.getByRole('button', { name: `Add: ${tag} 第${n}题`, exact: false }).click();
      // The added question leaves the results once the post is answered (the search is kept).
      await expect(page.getByTestId('quiz-item')).toHaveCount(n);
      await expect(page.getByTestId('bank-result')).toHaveCount(3 - n);
    }
    await expect(page.getByTestId('bank-none')).toBeVisible();
    await page.getByRole('button', { name: 'Move item 3 up' }).click();
    await expect(page.getByTestId('quiz-item').nth(1)).toContainText('第3题');
    await page.getByLabel('Quiz title').fill(`Fixed questions ${tag}`);
    await page.getByLabel('Opens').fill('2026-12-01T08:00');
    await page.getByLabel('Attempts allowed').fill('2');
    await checkControls(page);
    await page.screenshot({ path: shots('fixed-en', info.project.name), fullPage: true });
    await page.getByTestId('quiz-save').click();
    await expect(page).toHaveURL(/\?done=created$/);
    await expect(page.getByTestId('quiz-item')).toHaveCount(3);
    await expect(page.getByTestId('quiz-item').nth(1)).toContainText('第3题');
    await expect(page.getByLabel('Opens')).toHaveValue('2026-12-01T08:00');
    const quizId = new URL(page.url()).pathname.split('/').pop()!;

    // Someone else saves meanwhile: this save is refused, the typed title stays, and the latest is a link away.
    const other = await browser.newContext();
    await signInByApi(other.request, 'admin');
    const current = (await (await other.request.get(`/api/quizzes/${quizId}`)).json()) as { version: number };
    expect((await other.request.patch(`/api/quizzes/${quizId}`, { data: { version: current.version, passPercent: 70 } })).status()).toBe(200);
    await other.close();
    await page.getByLabel('Quiz title').fill(`Mine ${tag}`);
    await page.getByTestId('quiz-save').click();
    await expect(page.getByTestId('form-error')).toContainText('Someone saved this quiz');
    await expect(page.getByLabel('Quiz title')).toHaveValue(`Mine ${tag}`);
    await page.getByTestId('reload-latest').click();
    await expect(page.getByLabel('Pass mark (%)')).toHaveValue('70');
    await settle(page);
  });

  test('a number that is not one comes back beside its field, with the rest as typed', async ({ page }) => {
    await signInByApi(page.request, 'organizer1');
    await page.goto('/quizzes/manage/new');
    await page.getByTestId('add-rule').click();
    await expect(page.getByTestId('quiz-item')).toHaveCount(1);
    await page.getByLabel('测验名称').fill('时长写错了');
    await page.getByLabel('答题时长（分钟）').fill('半小时');
    await page.getByTestId('quiz-save').click();
    await expect(page.getByTestId('field-error-timeLimitMinutes')).toHaveText('“答题时长（分钟）”请填写整数。');
    await expect(page.getByLabel('测验名称')).toHaveValue('时长写错了');
    await expect(page.getByTestId('quiz-item')).toHaveCount(1);
  });

  test('staff are told the pages are not for them', async ({ page }) => {
    await signInByApi(page.request, 'staff1');
    const answer = await page.goto('/quizzes/manage');
    expect(answer?.status()).toBe(403);
    await expect(page.getByText('测验管理只对组织者和管理员开放。')).toBeVisible();
    expect((await page.goto('/quizzes/manage/new'))?.status()).toBe(403);
  });
});
