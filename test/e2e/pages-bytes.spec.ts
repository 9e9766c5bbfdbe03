import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInByApi } from './sign-in';

/**
 * Every page every demo role can reach, in both languages: its bytes hold no NUL (a renderer once sent unwritten
 * buffer bytes at 2 KB boundaries) and its text no U+FFFD (what a browser draws for bytes that are not UTF-8).
 * The walk follows the links each page offers, from the home page, as that person; a route seen with different ids
 * (one person's page, another's) is walked once, not for every id.
 */

const roles = ['admin', 'leader', 'organizer1', 'organizer2', 'staff1', 'staff3'] as const;
const languages = ['zh-CN', 'en'] as const;
const perRoutePattern = 1;
const maxPages = 60;

/** /people/01J… and /people/01K… are the same route. */
const patternOf = (path: string) => path.replace(/\/[0-9A-HJKMNP-TV-Z]{26}(?=\/|$)/g, '/:id').replace(/\?.*$/, '?');

/** Sign-outs and file downloads are not pages to walk. */
const walkable = (path: string) => !/^\/(logout|api\/|assets\/)/.test(path) && !/\.(csv|xlsx|svg|ics)(\?|$)/.test(path);

function linksIn(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
    const href = match[1]!.replaceAll('&amp;', '&');
    if (href.startsWith('/') && !href.startsWith('//')) found.push(href);
  }
  return found;
}

async function walk(page: Page, lang: string): Promise<string[]> {
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();
  const queue = ['/'];
  const walked: string[] = [];
  while (queue.length > 0 && walked.length < maxPages) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const pattern = patternOf(path);
    if ((perPattern.get(pattern) ?? 0) >= perRoutePattern) continue;
    perPattern.set(pattern, (perPattern.get(pattern) ?? 0) + 1);

    const response = await page.request.get(path);
    if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    const bytes = await response.body();
    expect(bytes.indexOf(0), `NUL byte in ${path} (${lang}) at offset ${bytes.indexOf(0)}`).toBe(-1);
    const html = new TextDecoder('utf-8').decode(bytes);
    expect(html.includes('\uFFFD'), `U+FFFD in the bytes of ${path} (${lang})`).toBe(false);

    await page.goto(path);
    const text = await page.locator('body').innerText();
    expect(text.includes('\uFFFD'), `U+FFFD in the text of ${path} (${lang})`).toBe(false);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    walked.push(path);
    for (const link of linksIn(html)) if (walkable(link) && !seen.has(link)) queue.push(link);
  }
  return walked;
}

for (const login of roles) {
  test(`every page ${login} reaches is clean UTF-8 in both languages`, async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL!).origin;
    await signInByApi(page.request, login, { origin });
    for (const lang of languages) {
      await page.context().addCookies([{ name: 'lang', value: lang, url: `${origin}/` }]);
      const walked = await walk(page, lang);
      // The walk really went somewhere: the home page and what its navigation offers.
      expect(walked.length, `${login} walked ${walked.join(' ')}`).toBeGreaterThanOrEqual(4);
    }
  });
}
