/**
 * A quiz's results page in the browser: staff of two branches take a quiz of the bureau (through the API), the
 * leader reads the results at phone and desktop width, in Chinese and English: the figures, the server's chart as an
 * image with a name, the per-unit rows with a drill-down, the questions with their warnings, the attempts flagged
 * for time, the workbook to download; staff are refused the page.
 */
import { request as requestFactory, type APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInByApi } from './sign-in';

const shots = (name: string, project: string) => `test-results/screens/${name}-${project}.png`;

async function as(baseURL: string, login: string): Promise<APIRequestContext> {
  const context = await requestFactory.newContext({ baseURL });
  await signInByApi(context, login, { lang: 'zh-CN' });
  return context;
}

async function json(response: { status(): number; json(): Promise<any>; text(): Promise<string> }, status = 200) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

test.describe('quiz results', () => {
  let quizId = '';

  test.beforeAll(async ({ baseURL }, info) => {
    const admin = await as(baseURL!, 'admin');
    const units = (await json(await admin.get('/api/units'))).items as { unitId: string; name: string; parentId: string | null }[];
    const bureau = units.find((u) => u.parentId === null)!.unitId;
    const tag = `统计e2e${info.project.name}${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const q = await json(
        await admin.post('/api/questions', { data: { kind: 'single', stem: `第${i + 1}题：窗口“一次性告知”要求告知什么？${tag}`, options: [{ text: '需补正的全部材料' }, { text: '办理人的电话' }], answer: [0], tags: [tag], ownerUnitId: bureau } }),
        201,
      );
      ids.push(q.questionId);
    }
    const quiz = await json(await admin.post('/api/quizzes', { data: { title: `服务规范测验（${info.project.name}）`, ownerUnitId: bureau, items: ids.map((questionId) => ({ kind: 'fixed', questionId })) } }), 201);
    await json(await admin.post(`/api/quizzes/${quiz.quizId}/publish`, { data: { version: quiz.version } }));
    quizId = quiz.quizId;
    for (const [login, right] of [['staff1', 3], ['staff2', 1], ['staff3', 2]] as const) {
      const taker = await as(baseURL!, login);
      const attempt = await json(await taker.post(`/api/quizzes/${quizId}/attempts`), 201);
      const answers = Object.fromEntries(ids.map((id, i) => [id, [i < right ? 0 : 1]]));
      await json(await taker.put(`/api/attempts/${attempt.attemptId}/answers`, { data: { seq: attempt.seq, answers } }));
      await json(await taker.post(`/api/attempts/${attempt.attemptId}/submit`));
      await taker.dispose();
    }
    await admin.dispose();
  });

  test('the leader reads the figures, the chart, the units and the flags, and drills into a branch', async ({ page }, info) => {
    await signInByApi(page.request, 'leader', { lang: 'zh-CN' });
    await page.goto(`/quizzes/manage/${quizId}/stats`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('测验统计');
    await expect(page.getByTestId('quiz-stats-title')).toContainText('服务规范测验');
    await expect(page.getByTestId('quiz-stats-takers')).toContainText('3');
    await expect(page.getByTestId('quiz-stats-passed')).toContainText('2 / 3');
    await expect(page.getByTestId('quiz-stats-few')).toContainText('不足 30 人');
    // The chart is an image with a name, drawn by the server, with no script in it.
    const chart = page.getByRole('img', { name: '成绩分布' });
    await expect(chart).toBeVisible();
    expect(await page.getByTestId('quiz-stats-chart').locator('script').count()).toBe(0);
    await expect(page.getByTestId('quiz-stats-question')).toHaveCount(3);
    await expect(page.getByTestId('quiz-stats-warning-fewTakers').first()).toBeVisible();
    // Everyone here submitted at once: flagged for a look, by name, never by score.
    await expect(page.getByTestId('quiz-stats-too-fast').locator('tbody tr')).toHaveCount(3);
    await page.screenshot({ path: shots('quiz-stats-zh', info.project.name), fullPage: true });

    const [book] = await Promise.all([page.waitForEvent('download'), page.getByTestId('quiz-stats-download').click()]);
    expect(book.suggestedFilename()).toMatch(/测验统计.*\.xlsx$/);

    const branch1 = page.locator('[data-testid="quiz-stats-unit"][data-unit="机关第一党支部"]');
    await branch1.getByTestId('quiz-stats-unit-link').click();
    await expect(page).toHaveURL(/unitId=/);
    await expect(page.getByTestId('quiz-stats-scope')).toContainText('机关第一党支部');
    await expect(page.getByTestId('quiz-stats-takers')).toContainText('2');
  });

  test('the page speaks English', async ({ page }, info) => {
    await signInByApi(page.request, 'leader', { lang: 'en' });
    await page.goto(`/quizzes/manage/${quizId}/stats`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quiz results');
    await expect(page.getByRole('img', { name: 'Score distribution' })).toBeVisible();
    await expect(page.getByTestId('quiz-stats-few')).toContainText('Fewer than 30');
    await page.screenshot({ path: shots('quiz-stats-en', info.project.name), fullPage: true });
    await signInByApi(page.request, 'leader', { lang: 'zh-CN' });
  });

  test('the demo quiz assigned to branch 1 shows its completion per unit, and a unit’s people by name', async ({ page }, info) => {
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    const listed = (await json(await page.request.get('/api/quizzes?view=manage'))).items as { quizId: string; title: string }[];
    const demo = listed.find((quiz) => quiz.title === '第一党支部党章党规知识测验')!;
    await page.goto(`/quizzes/manage/${demo.quizId}/stats`);
    const completion = page.getByTestId('quiz-stats-completion');
    await expect(completion.getByRole('heading', { name: '指派完成情况' })).toBeVisible();
    await expect(completion.getByTestId('quiz-stats-completion-as-of')).toContainText('统计时间');
    const branch = completion.locator('[data-testid="completion-row"][data-unit="机关第一党支部"]');
    await expect(branch.getByTestId('completion-total')).not.toHaveText('0');
    await expect(completion.getByRole('columnheader', { name: '应考' })).toBeVisible();
    await page.screenshot({ path: shots('quiz-completion-zh', info.project.name), fullPage: true });
    await completion.locator('[data-testid="completion-row"][data-unit="第一支部综合党小组"]').getByTestId('completion-unit-link').click();
    await expect(page).toHaveURL(/unitId=/);
    await expect(page.getByTestId('quiz-stats-completion').locator('[data-testid="completion-person"]').filter({ hasText: 'staff1' })).toBeVisible();
  });

  test('organizer2 sees only branch 2’s taker; staff are refused', async ({ page }) => {
    await signInByApi(page.request, 'organizer2', { lang: 'zh-CN' });
    await page.goto(`/quizzes/manage/${quizId}/stats`);
    await expect(page.getByTestId('quiz-stats-takers')).toContainText('1');
    await expect(page.locator('[data-testid="quiz-stats-unit"][data-unit="机关第一党支部"]')).toHaveCount(0);
    await page.context().clearCookies();
    await signInByApi(page.request, 'staff1', { lang: 'zh-CN' });
    const refused = await page.goto(`/quizzes/manage/${quizId}/stats`);
    expect(refused?.status()).toBe(403);
  });
});
