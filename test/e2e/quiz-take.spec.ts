import type { APIRequestContext, Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInByApi } from './sign-in';

/**
 * Taking a quiz as staff1 on a phone (and at the desktop width): nothing lost, nothing leaked.
 *
 * The admin makes its own quiz through the API: a single-choice question whose explanation is a text found nowhere
 * else, a true/false question, and a fill-in question whose accepted answer is likewise unique; the review policy
 * shows answers and explanations after submit; it belongs to the bureau, so it is open to every staff member. staff1 starts it from /quizzes, answers, reloads (the answer is still
 * there), loses the network (banner, answers kept) and gets it back (saved), saves from a second tab holding a stale
 * seq (its answer is merged, the first tab's is kept), and hands in twice at once (one result). Until the hand-in,
 * every response the browser received and the page's HTML are searched for the explanation and the accepted answer;
 * after it, the result page shows them (so the search looks where a key would be).
 */

const shots = (name: string, project: string) => `test-results/screens/quiz-take-${name}-${project}.png`;

interface Made {
  quizId: string;
  title: string;
  secrets: string[];
  questionIds: { single: string; truefalse: string; fill: string };
}

async function json<T>(response: Response | Awaited<ReturnType<APIRequestContext['get']>>, status: number | number[]): Promise<T> {
  const expected = Array.isArray(status) ? status : [status];
  const text = await response.text();
  expect(expected, `${response.url()} answered ${response.status()}: ${text.slice(0, 400)}`).toContain(response.status());
  return JSON.parse(text) as T;
}

/** The admin's quiz for this project's run: a quiz of the bureau (the root unit) is open to everyone in it. */
async function makeQuiz(admin: APIRequestContext, run: string): Promise<Made> {
  const explanation = `EXPLAIN-${run}-本题解析只应在交卷后出现`;
  const accepted = `KEYTEXT-${run}`;
  const question = async (body: Record<string, unknown>) =>
    (await json<{ questionId: string }>(await admin.post('/api/questions', { data: { difficulty: 'easy', points: 2, tags: ['政务服务标准'], ...body } }), 201)).questionId;
  const single = await question({
    kind: 'single',
    stem: `（${run}）窗口工作人员接待群众时，首先应当做到：`,
    options: [{ text: '起身相迎、主动问候' }, { text: '先处理手头材料' }, { text: '请群众自行取号等候' }],
    answer: [0],
    explanation,
  });
  const truefalse = await question({ kind: 'truefalse', stem: `（${run}）首问负责制要求首位接待人员负责到底。`, answer: [0], explanation: `${explanation}（判断）` });
  const fill = await question({ kind: 'fill', stem: `（${run}）请填写本题的口令。`, answer: [accepted], explanation: `${explanation}（填空）` });
  const title = `窗口服务规范小测 ${run}`;
  const quiz = await json<{ quizId: string; version: number }>(
    await admin.post('/api/quizzes', {
      data: {
        title,
        items: [single, truefalse, fill].map((questionId) => ({ kind: 'fixed', questionId })),
        shuffleQuestions: false,
        shuffleOptions: false,
        timeLimitMinutes: 30,
        opensAt: null,
        closesAt: null,
        attemptsAllowed: 2,
        passPercent: 60,
        counts: 'best',
        review: { when: 'afterSubmit', show: 'full' },
      },
    }),
    201,
  );
  await json(await admin.post(`/api/quizzes/${quiz.quizId}/publish`, { data: { version: quiz.version } }), 200);
  return { quizId: quiz.quizId, title, secrets: [explanation, accepted], questionIds: { single, truefalse, fill } };
}

/** Every body the page receives, kept to be searched. */
function recordBodies(page: Page, into: { url: string; body: string }[]) {
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (!['document', 'fetch', 'xhr', 'script'].includes(type)) return;
    response
      .text()
      .then((body) => into.push({ url: response.url(), body }))
      .catch(() => undefined);
  });
}

async function expectNoSecret(page: Page, bodies: { url: string; body: string }[], secrets: string[], when: string) {
  const html = await page.content();
  for (const secret of secrets) {
    expect(html.includes(secret), `${when}: the page's HTML holds "${secret}"`).toBe(false);
    const leaked = bodies.filter((b) => b.body.includes(secret)).map((b) => b.url);
    expect(leaked, `${when}: responses holding "${secret}"`).toEqual([]);
  }
}

const option = (page: Page, text: string) => page.getByRole('radio', { name: new RegExp(text) });

/** Opens the navigator where it is folded away (a phone) and presses one of its buttons. */
async function fromNavigator(page: Page, press: (page: Page) => ReturnType<Page['getByTestId']>) {
  const toggle = page.locator('.attempt-nav-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await press(page).click();
}

async function expectSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 10_000 });
  await expect(page.getByTestId('save-status')).toHaveText(/已保存 \d\d:\d\d:\d\d/);
}

test('staff1 takes a quiz on a phone: nothing lost across reloads, the network and a stale tab; one result; no key before the review', async ({ page, playwright, allowConsoleError }, info) => {
  test.setTimeout(120_000);
  // The offline stretch and the stale tab's 409 are logged by Chromium as failed requests.
  allowConsoleError(/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/);
  allowConsoleError(/status of 409/);
  allowConsoleError(/Failed to fetch/);
  const run = `${info.project.name}-${Date.now().toString(36)}`;
  const baseURL = String(info.project.use.baseURL);

  await signInByApi(page.request, 'staff1', { lang: 'zh-CN' });
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  await signInByApi(admin, 'admin', { origin: baseURL });
  const made = await makeQuiz(admin, run);

  const bodies: { url: string; body: string }[] = [];
  recordBodies(page, bodies);

  // My quizzes → the quiz's rules → start.
  await page.goto('/quizzes');
  const card = page.getByTestId('quiz-card').filter({ hasText: made.title });
  await expect(card).toHaveCount(1);
  await page.screenshot({ path: shots('list', info.project.name), fullPage: true });
  await card.getByRole('link', { name: made.title }).click();
  await expect(page.getByTestId('quiz-title')).toHaveText(made.title);
  await expect(page.getByTestId('quiz-rules')).toContainText('限时 30 分钟');
  await expect(page.getByTestId('quiz-rules')).toContainText('交卷后即可查看得分、正确答案和解析');
  await page.screenshot({ path: shots('intro', info.project.name), fullPage: true });
  await page.getByTestId('start-attempt').click();
  await expect(page).toHaveURL(/\/attempts\/[^/]+$/);
  const attemptId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByTestId('question-position')).toHaveText('第 1 题 / 共 3 题');

  // Answer, and the server has it within a couple of seconds.
  await option(page, '先处理手头材料').click();
  await expect(option(page, '先处理手头材料')).toHaveAttribute('aria-checked', 'true');
  await expectSaved(page);
  await page.screenshot({ path: shots('question', info.project.name), fullPage: true });

  // A reload keeps the answer.
  await page.reload();
  await expect(option(page, '先处理手头材料')).toHaveAttribute('aria-checked', 'true');

  // The network goes: the banner shows, answering goes on, the answer waits on the device.
  await page.getByTestId('next-question').click();
  await expect(page.getByTestId('question-position')).toHaveText('第 2 题 / 共 3 题');
  await page.context().setOffline(true);
  await option(page, '正确').click();
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: shots('offline', info.project.name), fullPage: true });
  const stored = await page.evaluate((id) => window.localStorage.getItem(`quiz-attempt:${id}`), attemptId);
  expect(JSON.parse(stored ?? '{}')).toEqual({ [made.questionIds.truefalse]: [0] });
  await page.context().setOffline(false);
  await expectSaved(page);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);

  // A second tab of the same attempt, opened now: it holds the attempt's seq as it is now.
  const second = await page.context().newPage();
  recordBodies(second, bodies);
  await second.goto(`/attempts/${attemptId}`);
  await expect(second.getByTestId('question-position')).toBeVisible();
  await expect(option(second, '先处理手头材料')).toHaveAttribute('aria-checked', 'true');
  await second.waitForFunction(() => document.querySelector('[data-testid="attempt-page"]') !== null);

  // The first tab saves the fill-in answer: the second tab's seq is stale from here on.
  await page.getByTestId('next-question').click();
  await page.getByTestId('fill-answer').fill('为人民服务');
  await expectSaved(page);

  // The second tab changes the first question: its save is refused as stale, merged, and sent again.
  await option(second, '起身相迎').click();
  await expectSaved(second);
  const attempt = await json<{ answers: Record<string, unknown>; seq: number }>(await page.request.get(`/api/attempts/${attemptId}`), 200);
  expect(attempt.answers).toEqual({ [made.questionIds.single]: [0], [made.questionIds.truefalse]: [0], [made.questionIds.fill]: '为人民服务' });
  // The second tab shows the first tab's answer too.
  await fromNavigator(second, (p) => p.getByTestId('question-navigator').getByRole('button', { name: /^第 3 题/ }));
  await expect(second.getByTestId('fill-answer')).toHaveValue('为人民服务');
  await second.close();

  // Nothing of the key so far: not in any response, not in the page.
  await expectNoSecret(page, bodies, made.secrets, 'before hand-in');

  // The summary lists nothing unanswered; hand in from the page and, at the same moment, twice through the API.
  await page.reload();
  await fromNavigator(page, (p) => p.getByTestId('nav-summary'));
  await expect(page.getByTestId('all-answered')).toBeVisible();
  await page.screenshot({ path: shots('summary', info.project.name), fullPage: true });
  const [, one, two] = await Promise.all([
    page.getByTestId('submit-attempt').click(),
    page.request.post(`/api/attempts/${attemptId}/submit`),
    page.request.post(`/api/attempts/${attemptId}/submit`),
  ]);
  const first = await json<{ finishedAt: string; score?: number; state: string }>(one, 200);
  const again = await json<{ finishedAt: string; score?: number; state: string }>(two, 200);
  expect(again).toEqual(first);
  expect(first.state).toBe('submitted');
  await expect(page).toHaveURL(new RegExp(`/attempts/${attemptId}/result$`));
  const third = await json<{ finishedAt: string; score?: number }>(await page.request.post(`/api/attempts/${attemptId}/submit`), 200);
  expect(third).toEqual(first);

  // After the hand-in the policy shows answers and explanations: the result page has them.
  await expect(page.getByTestId('result-score')).toContainText('通过');
  await expect(page.getByTestId('review-list')).toContainText(made.secrets[0]!);
  await expect(page.getByTestId('review-key').nth(2)).toHaveText(made.secrets[1]!);
  await page.screenshot({ path: shots('result', info.project.name), fullPage: true });
  await admin.dispose();
});
