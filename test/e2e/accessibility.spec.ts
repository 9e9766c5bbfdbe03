import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { settle, signInByApi } from './sign-in';

/**
 * Accessibility of the pages each kind of person uses, checked by axe-core at a phone and a desktop width: every
 * page in Chinese, a subset again in English. A violation of WCAG 2.0 or 2.1 (levels A and AA) whose impact is
 * serious or critical fails the test; the test scans all its pages first and then lists each page's findings (rule,
 * help text, the first elements). Moderate and minor findings, and axe's best-practice advice (headings, landmarks),
 * are noted in the test's annotations. Each person signs in once and walks through their pages as they would.
 */

const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const blocking = new Set(['serious', 'critical']);

/** The seeded demo data the walk goes through (dev/seed-courses.ts, dev/seed-quizzes.ts). */
const demo = {
  course: '窗口服务礼仪“五心、三声、十个一点”',
  branchQuiz: '第一党支部党章党规知识测验',
};

/** Each project takes the branch quiz as its own member of branch 1, so the two runs never share an attempt. */
const staffOf = { phone: 'staff1', desktop: 'staff2' } as const;

/**
 * Runs axe on the page as it stands. It waits for the page to hydrate (a page loads its language's messages first)
 * and for the router to be idle, so the scan reads the page a person sees, not one about to change.
 */
async function scan(page: Page, info: TestInfo, name: string, options: { app?: boolean } = {}) {
  // The hall's display is a document of its own, with no app router to wait for.
  if (options.app !== false) {
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
    await settle(page);
  }
  const label = `${name} [${await page.locator('html').getAttribute('lang')}, ${new URL(page.url()).pathname}]`;
  const { violations, passes } = await new AxeBuilder({ page })
    .withTags([...wcag, 'best-practice'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  // A scan that checked next to nothing (a blank or half-drawn page) would pass for the wrong reason.
  expect(passes.length, `${label}: rules axe found something to check against`).toBeGreaterThan(10);
  const describe = (v: (typeof violations)[number]) => {
    const targets = v.nodes.slice(0, 3).map((node) => node.target.map(String).join(' » '));
    const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
    return `${v.id} (${v.impact}): ${v.help} — ${targets.join(' | ')}${more}`;
  };
  const isWcag = (v: (typeof violations)[number]) => v.tags.some((tag) => wcag.includes(tag));
  const failing = violations.filter((v) => isWcag(v) && blocking.has(v.impact ?? ''));
  for (const v of violations.filter((v) => !failing.includes(v))) {
    info.annotations.push({ type: `accessibility${isWcag(v) ? '' : ', best practice'} (${v.impact})`, description: `${label}: ${describe(v)}` });
  }
  expect.soft(failing.map(describe), `${label}: serious or critical accessibility violations`).toEqual([]);
}

/** The next pages in English: the browser's language cookie, not the person's saved choice. */
async function inEnglish(page: Page) {
  await page.context().addCookies([{ name: 'lang', value: 'en', url: `${new URL(page.url()).origin}/` }]);
}

/** A quiz the signed-in person manages, found by its title (the list pages by 100). */
async function managedQuizId(page: Page, title: string): Promise<string> {
  let cursor: string | null = null;
  do {
    const response = await page.request.get('/api/quizzes', { params: { view: 'manage', limit: 100, ...(cursor ? { cursor } : {}) } });
    expect(response.status(), 'the quizzes I manage').toBe(200);
    const listed = (await response.json()) as { items: { quizId: string; title: string }[]; cursor: string | null };
    const found = listed.items.find((quiz) => quiz.title === title);
    if (found) return found.quizId;
    cursor = listed.cursor;
  } while (cursor);
  throw new Error(`no quiz "${title}" among those the admin manages`);
}

async function visit(page: Page, path: string, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBe(status);
}

test.describe('accessibility (axe-core: WCAG 2.0 and 2.1, A and AA)', () => {
  test('honours and the hall display: the roll and the forms, the display links, the display itself', async ({ page }, info) => {
    test.setTimeout(60_000);
    await signInByApi(page.request, 'leader', { lang: 'zh-CN' });
    await visit(page, '/honours');
    await scan(page, info, 'honours, a leader');
    await signInByApi(page.request, 'organizer2', { lang: 'zh-CN' });
    await visit(page, '/honours');
    await scan(page, info, 'honours, an organizer with the nominate form');
    await signInByApi(page.request, 'security', { lang: 'zh-CN' });
    await visit(page, '/admin/display-links');
    await scan(page, info, 'display links');
    const made = await page.request.post('/api/display-links', { data: { label: `无障碍检查 ${info.project.name}`, unitIds: [(await (await page.request.get('/api/me')).json()).unitId], days: 1 } });
    expect(made.status()).toBe(201);
    const { path } = (await made.json()) as { path: string };
    await page.context().clearCookies();
    await visit(page, path);
    await scan(page, info, 'the hall display', { app: false });
    await visit(page, `${path}?lang=en`);
    await scan(page, info, 'the hall display', { app: false });
    await inEnglish(page);
    await signInByApi(page.request, 'organizer2');
    await visit(page, '/honours');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await scan(page, info, 'honours');
  });

  test('data that deserves a second look: the open flags with their dismiss forms, and the dismissed ones', async ({ page }, info) => {
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    await visit(page, '/stats/flags');
    await expect(page.getByTestId('flag').first()).toBeVisible();
    await scan(page, info, 'flags, an organizer');
    await visit(page, '/stats/flags?state=dismissed');
    await scan(page, info, 'flags, dismissed');
    await inEnglish(page);
    await signInByApi(page.request, 'leader');
    await visit(page, '/stats/flags');
    await scan(page, info, 'flags');
  });

  test('each person’s home, the overview, a unit and a person’s record', async ({ page }, info) => {
    await signInByApi(page.request, 'staff1', { lang: 'zh-CN' });
    await visit(page, '/');
    await expect(page.getByTestId('home-due')).toBeVisible();
    await scan(page, info, 'home, staff');
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    await visit(page, '/');
    await expect(page.getByTestId('home-branch').first()).toBeVisible();
    await scan(page, info, 'home, an organizer');
    await inEnglish(page);
    await signInByApi(page.request, 'leader');
    await visit(page, '/stats');
    await expect(page.locator('.overview-table tbody tr').first()).toBeVisible();
    await scan(page, info, 'the overview');
    await page.getByRole('link', { name: '机关第一党支部', exact: true }).click();
    await expect(page.getByTestId('unit-excel')).toBeVisible();
    await scan(page, info, 'a unit of the overview');
    await page.locator('[data-testid="unit-people"] tbody th a').first().click();
    await expect(page.getByTestId('person-standing')).toBeVisible();
    await scan(page, info, 'a person’s record');
  });

  test('a visitor: the sign-in page, a refused sign-in, an address that leads nowhere', async ({ page }, info) => {
    await visit(page, '/login');
    await scan(page, info, 'sign-in');
    // A login nobody has: no demo account gets a failure counted against it.
    await page.getByLabel('登录名').fill('nobody-at-all');
    await page.getByLabel('密码', { exact: true }).fill('not-a-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.getByTestId('form-error')).toBeVisible();
    await scan(page, info, 'sign-in, refused');
    await visit(page, '/no/such/page', 404);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await scan(page, info, 'not found');

    await inEnglish(page);
    await visit(page, '/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await scan(page, info, 'sign-in');
  });

  test('a member of staff: home, learning, a quiz from start to result, daily practice, the record, their account', async ({ page }, info) => {
    test.setTimeout(90_000);
    await signInByApi(page.request, staffOf[info.project.name as keyof typeof staffOf], { lang: 'zh-CN' });

    await visit(page, '/');
    await scan(page, info, 'home');

    await visit(page, '/learn');
    await expect(page.getByTestId('task-list')).toBeVisible();
    await scan(page, info, 'my tasks');

    await page.getByTestId('catalogue-item').filter({ hasText: demo.course }).getByRole('link', { name: demo.course }).click();
    await expect(page.getByTestId('course-title')).toHaveText(demo.course);
    await scan(page, info, 'a course');

    await page.getByTestId('lesson-item').first().getByRole('link').click();
    await expect(page.getByTestId('study-meter')).toBeVisible();
    await scan(page, info, 'a lesson');

    await visit(page, '/quizzes');
    const card = page.getByTestId('quiz-card').filter({ hasText: demo.branchQuiz });
    await expect(card).toHaveCount(1);
    await scan(page, info, 'the quiz list');

    await card.getByRole('link', { name: demo.branchQuiz }).first().click();
    await expect(page.getByTestId('quiz-title')).toHaveText(demo.branchQuiz);
    await scan(page, info, 'a quiz’s rules');

    // The seeded quiz of branch 1: start it, answer the first question, open the summary, hand in.
    await page.getByTestId('start-attempt').click();
    await expect(page).toHaveURL(/\/attempts\/[^/]+$/);
    await expect(page.getByTestId('question-position')).toBeVisible();
    const fill = page.getByTestId('fill-answer');
    if (await fill.count()) await fill.fill('民主集中制');
    else await page.getByTestId('option').first().click();
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 10_000 });
    await scan(page, info, 'taking a quiz');
    const toggle = page.locator('.attempt-nav-toggle');
    if (await toggle.isVisible()) await toggle.click();
    await page.getByTestId('nav-summary').click();
    await expect(page.getByTestId('attempt-summary')).toBeVisible();
    await scan(page, info, 'taking a quiz, the summary');
    await page.getByTestId('submit-attempt').click();
    await expect(page).toHaveURL(/\/attempts\/[^/]+\/result$/);
    await expect(page.getByTestId('result-score')).toBeVisible();
    await scan(page, info, 'a quiz’s result');

    await visit(page, '/practice');
    await expect(page.getByTestId('practice-streak')).toBeVisible();
    await scan(page, info, 'daily practice');

    await visit(page, '/learn/record');
    await scan(page, info, 'the record');

    await visit(page, '/me');
    await scan(page, info, 'my account');

    await inEnglish(page);
    for (const [path, name] of [
      ['/', 'home'],
      ['/learn', 'my tasks'],
      ['/practice', 'daily practice'],
    ] as const) {
      await visit(page, path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await scan(page, info, name);
    }
  });

  test('an organizer: the people of their branch, one person, a practice question answered', async ({ page }, info) => {
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    await visit(page, '/people');
    const row = page.getByTestId('person-row').first();
    await expect(row).toBeVisible();
    await scan(page, info, 'the people list');
    await row.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/people\/[^/?]+$/);
    await scan(page, info, 'a person');

    // The verdict, the key and the explanation after an answer (organizer1 is nobody else's practising member).
    await visit(page, '/practice');
    const question = page.getByTestId('practice-question');
    await expect(question).toBeVisible();
    const text = question.locator('input[name="text"]');
    if (await text.count()) await text.fill('群众');
    else await question.locator('input[name="choice"]').first().check();
    await question.getByTestId('practice-submit').click();
    await expect(page.locator('.practice-verdict')).toBeVisible();
    await scan(page, info, 'daily practice, answered');

    await inEnglish(page);
    await visit(page, '/people');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await scan(page, info, 'the people list');
  });

  test('the admin: hub, units, audit log, roster import, question bank, quiz editor list, completion, quiz results', async ({ page }, info) => {
    test.setTimeout(90_000);
    await signInByApi(page.request, 'admin', { lang: 'zh-CN' });
    const courses = (await (await page.request.get('/api/courses')).json()) as { items: { courseId: string; title: string }[] };
    const course = courses.items.find((c) => c.title === demo.course);
    expect(course, 'the demo course').toBeDefined();
    const quizId = await managedQuizId(page, demo.branchQuiz);

    for (const [path, name] of [
      ['/admin', 'the admin hub'],
      ['/admin/units', 'units'],
      ['/admin/import', 'roster import'],
      ['/quizzes/bank', 'the question bank'],
      ['/quizzes/manage', 'the quiz editor list'],
      [`/learn/manage/${course!.courseId}/completion`, 'a course’s completion'],
      [`/quizzes/manage/${quizId}/stats`, 'a quiz’s results'],
    ] as const) {
      await visit(page, path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await scan(page, info, name);
    }

    await inEnglish(page);
    for (const [path, name] of [
      ['/admin', 'the admin hub'],
      ['/quizzes/bank', 'the question bank'],
    ] as const) {
      await visit(page, path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await scan(page, info, name);
    }
  });

  test('sessions: a member’s list, a session with the leave form open, their code; a leader’s cadence and a branch’s attendance', async ({ page, playwright }, info) => {
    test.setTimeout(60_000);
    // A session of branch 1 in two days, scheduled by its organizer, that the member can ask leave for.
    const baseURL = String(info.project.use.baseURL);
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    await signInByApi(api, 'organizer1', { origin: baseURL });
    const organizer = (await (await api.get('/api/me')).json()) as { personId: string; branchId: string };
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    const created = await api.post('/api/sessions', {
      data: { branchId: organizer.branchId, type: 'partyLecture', topic: `无障碍检查党课 ${info.project.name}`, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), place: '三楼会议室', hostId: organizer.personId },
    });
    expect(created.status()).toBe(201);
    const { sessionId } = (await created.json()) as { sessionId: string };
    await api.dispose();

    await signInByApi(page.request, staffOf[info.project.name as keyof typeof staffOf], { lang: 'zh-CN' });
    await visit(page, '/sessions');
    await expect(page.getByTestId('sessions-upcoming')).toBeVisible();
    await scan(page, info, 'my sessions');
    await visit(page, `/sessions/${sessionId}`);
    await page.locator('.session-leave-ask summary').click();
    await scan(page, info, 'a session, the leave form open');
    await visit(page, '/me/check-in-code');
    await scan(page, info, 'my check-in code');
    await inEnglish(page);
    await visit(page, `/sessions/${sessionId}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await scan(page, info, 'a session');

    await signInByApi(page.request, 'leader', { lang: 'zh-CN' });
    await page.context().addCookies([{ name: 'lang', value: 'zh-CN', url: `${baseURL}/` }]);
    for (const [path, name] of [
      ['/sessions', 'sessions with the branch picker'],
      ['/sessions/cadence', 'the cadence'],
      [`/sessions/figures?unitId=${organizer.branchId}`, 'a branch’s attendance'],
    ] as const) {
      await visit(page, path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await scan(page, info, name);
    }
  });
});

test.describe('accessibility of the pledge pages', () => {
  test('a member’s year, a pledge, the board; an organizer’s branch year', async ({ page }, info) => {
    test.setTimeout(60_000);
    await signInByApi(page.request, 'staff1', { lang: 'zh-CN' });
    await visit(page, '/pledges');
    await scan(page, info, 'my pledges');
    await page.locator('.pledge-content a').first().click();
    await expect(page.getByTestId('pledge-state')).toBeVisible();
    await scan(page, info, 'a pledge');
    await visit(page, '/pledges/board');
    await scan(page, info, 'the board');
    await inEnglish(page);
    await visit(page, '/pledges');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await scan(page, info, 'my pledges');
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    await page.context().addCookies([{ name: 'lang', value: 'zh-CN', url: `${new URL(page.url()).origin}/` }]);
    await visit(page, '/pledges/branch');
    await scan(page, info, 'a branch’s pledges');
  });
});

test.describe('accessibility of the host’s session pages', () => {
  test('an organizer: scheduling, the check-in screen, the roster, the minutes, the sign-in sheet', async ({ page }, info) => {
    test.setTimeout(90_000);
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    const me = (await (await page.request.get('/api/me')).json()) as { personId: string; branchId: string };
    const now = Date.now();
    const created = await page.request.post('/api/sessions', {
      data: {
        branchId: me.branchId,
        type: 'partyLecture',
        topic: `无障碍检查·党课（${info.project.name}-${now.toString(36)}）`,
        startsAt: new Date(now - 5 * 60_000).toISOString(),
        endsAt: new Date(now + 60 * 60_000).toISOString(),
        hostId: me.personId,
        place: '三楼党员活动室',
      },
    });
    expect(created.status(), 'a session to look at').toBe(201);
    const { sessionId } = (await created.json()) as { sessionId: string };
    const pages = [
      ['/sessions/new', 'scheduling a session'],
      [`/sessions/${sessionId}/edit`, 'changing a session'],
      [`/sessions/${sessionId}/check-in-view`, 'the check-in screen'],
      [`/sessions/${sessionId}/roster`, 'the roster'],
      [`/sessions/${sessionId}/minutes`, 'the minutes'],
      [`/sessions/${sessionId}/sign-in-sheet`, 'the sign-in sheet'],
    ] as const;
    for (const [path, name] of pages) {
      await visit(page, path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await scan(page, info, name);
    }
    await inEnglish(page);
    for (const [path, name] of [pages[0], pages[2], pages[3]]) {
      await visit(page, path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await scan(page, info, name);
    }
  });
});

test.describe('accessibility of the review sheets', () => {
  test('an organizer: the branch’s review sheets, in Chinese and English', async ({ page }, info) => {
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    await visit(page, '/pledges/review-sheet');
    await expect(page.getByTestId('review-sheet').first()).toBeVisible();
    await scan(page, info, 'the review sheets');
    await inEnglish(page);
    await visit(page, '/pledges/review-sheet');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await scan(page, info, 'the review sheets');
  });
});

test.describe('accessibility of the inbox', () => {
  test('the inbox and its settings, the outbox, the overdue reminders', async ({ page }, info) => {
    await signInByApi(page.request, 'staff1', { lang: 'zh-CN' });
    for (const [path, name] of [
      ['/inbox', 'the inbox'],
      ['/me/notifications', 'notification settings'],
    ] as const) {
      await visit(page, path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await scan(page, info, name);
    }
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    await visit(page, '/stats/overdue');
    await scan(page, info, 'overdue reminders');
    await signInByApi(page.request, 'admin', { lang: 'zh-CN' });
    await visit(page, '/admin/outbox');
    await expect(page.getByTestId('outbox-item').first()).toBeVisible();
    await scan(page, info, 'the outbox');
    await inEnglish(page);
    await signInByApi(page.request, 'staff1');
    await visit(page, '/inbox');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await scan(page, info, 'the inbox');
  });
});
