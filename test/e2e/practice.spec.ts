import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { settle, signInByApi } from './sign-in';

/**
 * Daily practice (每日一练) at a phone and a desktop width: the admin sets the questions a day on the page itself;
 * a member answers today's questions one at a time, sees right or wrong with the key and explanation at once, and
 * finishes with "今日练习已完成"; the key is nowhere on the page before the answer; the answer is a real form post
 * that works with the page's script off. Each project acts as its own people, so their days never meet.
 */

const shots = (name: string, project: string) => `test-results/screens/practice-${name}-${project}.png`;
const people = { phone: { member: 'staff1', noScript: 'staff3' }, desktop: { member: 'staff2', noScript: 'organizer2' } } as const;
const explanationMark = '练习端到端解析';

/** Answers the question on screen with its first choice (or a typed text), by the keyboard when asked. */
async function answerShown(page: Page, byKeyboard: boolean) {
  const question = page.getByTestId('practice-question');
  const text = question.locator('input[name="text"]');
  if (await text.count()) {
    await text.fill('群众');
    await (byKeyboard ? text.press('Enter') : question.getByTestId('practice-submit').click());
    return;
  }
  const first = question.locator('input[name="choice"]').first();
  if (byKeyboard) {
    await first.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
  } else {
    await first.check();
    await question.getByTestId('practice-submit').click();
  }
}

test.describe('daily practice', () => {
  test.describe.configure({ mode: 'serial' });

  test('the admin sets the questions a day on the practice page', async ({ page }, info) => {
    await signInByApi(page.request, 'admin');
    // The bureau's bank has questions to practise from, whatever else the demo holds.
    for (const [i, body] of [
      { kind: 'truefalse', stem: '首问负责制要求第一位接待群众的工作人员负责到底。', answer: [0] },
      { kind: 'single', stem: '“一次性告知”是指什么？', options: [{ text: '一次告知需补正的全部材料' }, { text: '每次只告知一项材料' }], answer: [0] },
      { kind: 'fill', stem: '政务服务“好差评”的评价主体是______。', answer: ['群众', '办事群众'] },
    ].entries()) {
      const res = await page.request.post('/api/questions', { data: { ...body, stem: `${body.stem}（${info.project.name}${i}）`, explanation: `${explanationMark}：依据服务规范。`, difficulty: 'easy', points: 1, tags: ['政务服务标准'] } });
      expect(res.status()).toBe(201);
    }
    await page.goto('/practice');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('每日一练');
    const settings = page.getByTestId('practice-settings');
    await settings.getByLabel('每日题数（0–20）').fill('3');
    await settings.getByTestId('practice-save').click();
    await expect(settings.getByRole('status')).toHaveText('已保存：每人每天 3 道题。');
    await settle(page);
    await page.screenshot({ path: shots('admin-zh', info.project.name), fullPage: true });
  });

  test('a member answers today’s questions one at a time, with the key only after each answer', async ({ page }, info) => {
    const project = info.project.name as keyof typeof people;
    const english = project === 'desktop';
    await signInByApi(page.request, people[project].member, english ? { lang: 'en' } : { lang: 'zh-CN' });
    await page.goto('/practice');
    const t = english
      ? { title: 'Daily practice', right: /^(Correct|Not correct)$/, next: /^(Next question|See today’s results)$/, done: 'Today’s practice is done' }
      : { title: '每日一练', right: /^(回答正确|回答错误)$/, next: /^(下一题|查看今日结果)$/, done: '今日练习已完成' };
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title);
    await expect(page.getByTestId('practice-streak')).toBeVisible();
    // No settings for a member, and no key before the answer: not on screen, not in the page's data.
    await expect(page.getByTestId('practice-settings')).toHaveCount(0);
    expect(await page.content()).not.toContain(explanationMark);
    expect(await page.content()).not.toMatch(/"explanation"/);
    await page.screenshot({ path: shots(`question-${english ? 'en' : 'zh'}`, project), fullPage: true });

    // Touch targets of at least 44 px.
    for (const target of await page.getByTestId('practice-question').locator('.practice-option, button, input[name="text"]').all()) {
      expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }

    for (let n = 0; n < 3; n++) {
      await expect(page.getByTestId('practice-form')).toBeVisible();
      await answerShown(page, n === 0);
      await expect(page.locator('.practice-verdict')).toHaveText(t.right);
      await expect(page.getByTestId('practice-key')).toBeVisible();
      await expect(page.locator('.practice-explanation')).not.toBeEmpty();
      if (n === 0) await page.screenshot({ path: shots(`answered-${english ? 'en' : 'zh'}`, project), fullPage: true });
      const next = page.getByTestId('practice-next');
      await expect(next).toHaveText(t.next);
      await next.click();
      await settle(page);
    }
    await expect(page.getByTestId('practice-done').getByRole('heading')).toHaveText(t.done);
    await expect(page.getByTestId('practice-streak')).toHaveText(english ? '1' : '1 天');
    await page.screenshot({ path: shots(`done-${english ? 'en' : 'zh'}`, project), fullPage: true });
    // Leave the demo account in Chinese for the other specs.
    if (english) await page.request.put('/api/preferences/language', { data: { lang: 'zh-CN' } });
  });

  test('the answer is a real form post: it works with the page’s script off', async ({ browser }, info) => {
    const project = info.project.name as keyof typeof people;
    const page = await noScriptPage(browser, info.project.use.viewport ?? { width: 390, height: 844 });
    await signInByApi(page.request, people[project].noScript, { lang: 'zh-CN' });
    await page.goto('/practice');
    await answerShown(page, false);
    await expect(page.locator('.practice-verdict')).toHaveText(/^(回答正确|回答错误)$/);
    await expect(page.locator('.practice-explanation')).not.toBeEmpty();
    await page.getByTestId('practice-next').click();
    await expect(page.getByTestId('practice-progress')).toContainText('已答 1 / 3');
    await page.context().close();
  });
});

async function noScriptPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport, locale: 'zh-CN', baseURL: test.info().project.use.baseURL });
  return context.newPage();
}
