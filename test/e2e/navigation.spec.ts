import { navItems } from '../../web/app/lib/navigation';
import { expect, test } from './fixtures';
import { signInByApi } from './sign-in';

/**
 * What the navigation offers each demo person is what the API lets them do: every entry shown opens (200), and
 * every entry of the whole list that is hidden from them answers 403 when its address is typed in. The shell decides
 * from getMe's capabilities alone, so this holds the web and the permission table together.
 */

const people = ['admin', 'security', 'auditor', 'leader', 'organizer1', 'organizer2', 'staff1', 'staff2', 'staff3'] as const;

/** Entries offered only to visitors who are not signed in (hidden from everyone signed in, whatever they may do). */
const signedOutOnly = navItems.filter((item) => item.shownTo === 'signedOut').map((item) => item.to);
/** Entries open to anyone with the address (the API reference), offered only to those they concern. */
const publicDocuments = navItems.filter((item) => item.publicDocument).map((item) => item.to);

test('the whole navigation list is what the shell can show, and only the API reference is open to all', () => {
  expect(navItems.map((item) => item.to)).toEqual(['/', '/learn', '/quizzes', '/sessions', '/pledges', '/stats', '/people', '/admin', '/me', '/login', '/status', '/api/docs']);
  expect(publicDocuments).toEqual(['/api/docs']);
});

for (const login of people) {
  test(`${login}: each entry shown opens, each entry hidden answers 403`, async ({ page }) => {
    await signInByApi(page.request, login, { lang: 'zh-CN' });
    await page.goto('/');
    const shown = await page.locator('nav.nav a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(shown.length, `${login} is offered something`).toBeGreaterThanOrEqual(3);
    expect(shown, 'every entry shown comes from the list').toEqual(navItems.map((item) => item.to).filter((to) => shown.includes(to)));

    for (const to of shown) {
      const response = await page.request.get(to, { maxRedirects: 0 });
      expect(response.status(), `${login} opens ${to}`).toBe(200);
    }
    const hidden = navItems.map((item) => item.to).filter((to) => !shown.includes(to) && !signedOutOnly.includes(to));
    for (const to of hidden) {
      const response = await page.request.get(to, { maxRedirects: 0 });
      if (publicDocuments.includes(to)) {
        expect(response.status(), `${to} is public`).toBe(200);
        continue;
      }
      expect(response.status(), `${login} is refused ${to}`).toBe(403);
      // The "not for you" page (a page of the web with the area's own words), not a bare status.
      expect(response.headers()['content-type'], `${login}: ${to} is a page`).toContain('text/html');
      expect(await response.text(), `${login}: ${to} says why`).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
    }
    // Only the system administrator runs the platform; everyone else (the other two administrators too) has something hidden.
    if (login === 'admin') expect(hidden).toEqual([]);
    else expect(hidden.length, `${login} has entries hidden`).toBeGreaterThan(0);
  });
}
