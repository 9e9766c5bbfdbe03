import { chromium } from 'playwright';
const base = 'http://127.0.0.1:3111';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
async function shoot(login, path, name, width, lang = 'zh-CN') {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  if (lang === 'en') await ctx.addCookies([{ name: 'lang', value: 'en', url: base }]);
  const page = await ctx.newPage();
  await page.goto(base + '/login');
  await page.fill('#login-login', login);
  await page.fill('#login-password', 'demo1234');
  await page.click('form:has(#login-login) button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(base + path);
  await page.waitForLoadState('networkidle');
  const text = await page.evaluate(() => document.body.innerText);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  console.log(name, 'status ok', text.includes('\uFFFD') ? 'BAD-ENCODING' : '', overflow ? 'OVERFLOW' : '', text.slice(0, 300).replace(/\n/g, ' | '));
  await page.screenshot({ path: `/tmp/s13-${name}.png`, fullPage: true });
  await ctx.close();
}
const [,, which] = process.argv;
const jobs = {
  home: () => shoot('staff1', '/', 'home-staff-phone', 390),
  homeorg: () => shoot('organizer1', '/', 'home-org-desktop', 1280),
  homeleader: () => shoot('leader', '/', 'home-leader-phone', 390),
  stats: () => shoot('leader', '/stats', 'stats-desktop', 1280),
  statsphone: () => shoot('leader', '/stats', 'stats-phone-en', 390, 'en'),
};
for (const k of which ? which.split(',') : Object.keys(jobs)) await jobs[k]();
await browser.close();
