import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const base = 'http://127.0.0.1:3111';
async function session(login, lang, width, height = 900) {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: lang });
  await ctx.addCookies([{ name: 'lang', value: lang, url: base }]);
  const page = await ctx.newPage();
  await page.goto(base + '/login');
  await page.fill('#login-login', login);
  await page.fill('#login-password', 'demo1234');
  await Promise.all([page.waitForNavigation(), page.click('form:has(#login-login) button[type=submit]')]);
  return { ctx, page };
}
async function shot(page, path, file, full = true) {
  await page.goto(base + path);
  await page.waitForTimeout(500);
  await page.screenshot({ path: file, fullPage: full });
  const text = await page.innerText('body');
  console.log(file, text.includes('\uFFFD') ? 'HAS U+FFFD' : 'text ok', text.slice(0, 160).replace(/\n/g, ' | '));
  return page;
}
const [, , which] = process.argv;
if (which === 'a') {
  const s = await session('staff1', 'zh-CN', 390);
  await shot(s.page, '/sessions', '/tmp/m-list.png');
  const href = await s.page.locator('a[href^="/sessions/0"]').first().getAttribute('href');
  console.log('first session', href);
  await shot(s.page, href, '/tmp/m-detail.png');
  await shot(s.page, '/me/check-in-code', '/tmp/m-code.png');
  await s.ctx.close();
  const o = await session('organizer1', 'zh-CN', 1280, 720);
  await shot(o.page, '/sessions', '/tmp/o-list.png');
  await shot(o.page, href + '/check-in-view', '/tmp/o-view.png', false);
  await shot(o.page, href + '/roster', '/tmp/o-roster.png');
  await o.ctx.close();
  const l = await session('leader', 'en', 1280);
  await shot(l.page, '/sessions/cadence', '/tmp/l-cadence.png');
  await l.ctx.close();
}
await browser.close();
