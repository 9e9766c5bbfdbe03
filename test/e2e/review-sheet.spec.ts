import { expect, test } from './fixtures';
import { signInByApi } from './sign-in';

/**
 * The year's review sheets (民主评议表) as the organizer of branch 1 opens them, at a phone and a desktop width: one
 * sheet per member with their facts, the note that grades are the branch's decision, the Excel link; on paper the
 * navigation is gone and every member starts a new page; in English too.
 */

test.describe('review sheets', () => {
  test('organizer1 reads branch 1’s sheets, prints them and downloads the workbook', async ({ page }, info) => {
    test.setTimeout(60_000);
    await signInByApi(page.request, 'organizer1', { lang: 'zh-CN' });
    await page.goto('/pledges/review-sheet');
    await expect(page.getByRole('heading', { level: 1, name: '民主评议表' })).toBeVisible();
    await expect(page.getByTestId('review-lead')).toContainText('机关第一党支部');
    await expect(page.getByTestId('review-note')).toContainText('评定等次由支部党员大会决定');
    const sheets = page.getByTestId('review-sheet');
    const count = await sheets.count();
    expect(count).toBeGreaterThan(2);
    // staff1 (张伟 in the demo) is a member of branch 1: their sheet has the sections the meeting needs.
    const me = (await (await page.request.get('/api/people?limit=200')).json()) as { items: { login: string; name: string }[] };
    const staff1 = me.items.find((p) => p.login === 'staff1')!;
    const mine = sheets.filter({ has: page.getByRole('heading', { level: 2, name: staff1.name, exact: true }) });
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText('综合科 · 文秘岗');
    // The demo's four items of hers (other specs may have added more on this server), one of them returned.
    await expect.poll(() => mine.locator('.review-pledges tbody tr').count()).toBeGreaterThanOrEqual(4);
    await expect(mine.locator('.review-pledges')).toContainText('已退回');
    await expect(mine.getByTestId('review-sessions')).toContainText('出席');
    await expect(mine.getByTestId('review-credit')).toContainText('本年学时');
    await expect(mine.getByTestId('review-quizzes')).toContainText('参加');
    await expect(mine.getByTestId('review-rating')).toContainText('支部决定');

    // Nothing wider than the screen on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: info.outputPath(`review-sheet-${info.project.name}.png`), fullPage: false });

    // The workbook link answers an .xlsx.
    const href = await page.getByTestId('review-excel').getAttribute('href');
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');

    // On paper: no navigation, no buttons, and every member after the first starts a new page.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.nav')).toBeHidden();
    await expect(page.locator('.topbar')).toBeHidden();
    await expect(page.locator('.back-link')).toBeHidden();
    await expect(page.getByTestId('review-excel')).toBeHidden();
    await expect(sheets.first().locator('.review-print-title')).toBeVisible();
    const breaks = await sheets.evaluateAll((nodes) => nodes.map((node) => getComputedStyle(node).breakBefore));
    expect(breaks[0]).not.toBe('page');
    expect(breaks.slice(1).every((b) => b === 'page')).toBe(true);
    if (info.project.name === 'desktop') {
      // As Chromium prints it: at least one A4 page per member.
      const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(count);
    }
    await page.screenshot({ path: info.outputPath(`review-sheet-print-${info.project.name}.png`), fullPage: false });
    await page.emulateMedia({ media: 'screen' });

    // Another year, and in English.
    await page.context().addCookies([{ name: 'lang', value: 'en', url: `${new URL(page.url()).origin}/` }]);
    const lastYear = new Date().getFullYear() - 1;
    await page.goto(`/pledges/review-sheet?year=${lastYear}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Review sheets' })).toBeVisible();
    await expect(page.getByTestId('review-lead')).toContainText(String(lastYear));
    await expect(page.getByTestId('review-note')).toContainText('Grades are the branch meeting’s decision');
  });

  test('a member is told the page is not for them; another branch’s organizer cannot open branch 1', async ({ page }) => {
    await signInByApi(page.request, 'staff1', { lang: 'zh-CN' });
    const refused = await page.goto('/pledges/review-sheet');
    expect(refused?.status()).toBe(403);
    await expect(page.getByText('民主评议表只对支部组织委员、领导和管理员开放。')).toBeVisible();
    await signInByApi(page.request, 'organizer1');
    const branch1 = ((await (await page.request.get('/api/me')).json()) as { branchId: string }).branchId;
    await signInByApi(page.request, 'organizer2', { lang: 'zh-CN' });
    const outside = await page.goto(`/pledges/review-sheet?branchId=${branch1}`);
    expect(outside?.status()).toBe(404);
  });
});
