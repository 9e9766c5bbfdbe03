import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import type { Lang } from '../../../functions/shared/constants';
import { translate, type MessageKey } from '../i18n';
import { displayDocument, type DisplayTexts } from '../lib/display-page';

/**
 * The hall's display: a complete HTML document with no sign-in (the token in the address is the key, checked by the
 * API), drawn on the server for the first paint, then rotated and refreshed by a small script (lib/display-page.ts).
 * Not a Remix page: it ships none of the app's JavaScript. `?rotate=` and `?refresh=` (milliseconds) speed it up
 * for tests; `?lang=en` shows it in English (Chinese otherwise, whatever the browser asks).
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const token = (params.token ?? '').slice(0, 200);
  const url = new URL(request.url);
  // A hall's screen speaks Chinese whatever the TV's browser says; `?lang=en` for a screen in English.
  const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
  const t = (key: MessageKey) => translate(lang, key);
  // Asked as nobody (no cookie), in the screen's language: a signed-in admin's tab shows what the TV shows.
  const { data, error, response } = await context.api.GET('/display/{token}', { params: { path: { token } }, headers: { cookie: '', 'accept-language': lang } });
  const invalid = response.status === 404 ? ((error as { error?: { message?: string } } | undefined)?.error?.message ?? t('display.invalid')) : null;
  const texts: DisplayTexts = {
    title: t('display.title'),
    onDuty: t('display.onDuty'),
    pledges: t('display.pledges'),
    branchPledges: t('display.branchPledges'),
    honours: t('display.honours'),
    progress: t('display.progress'),
    done: t('display.done'),
    asOf: t('display.asOf'),
    offline: t('display.offline'),
    nobody: t('display.nobody'),
    invalid: t('display.invalid'),
    page: t('display.page'),
    quarter: t('honours.quarter'),
    window: t('honours.window'),
    party: { full: t('people.partyStatus.full'), probationary: t('people.partyStatus.probationary'), none: t('people.partyStatus.none') },
  };
  const speed = (name: string, fallback: number) => {
    const value = Number(url.searchParams.get(name));
    return Number.isFinite(value) && value >= 50 && value <= 3_600_000 ? Math.round(value) : fallback;
  };
  const html = displayDocument(
    {
      data: data ?? null,
      invalid,
      texts,
      lang,
      api: `/api/display/${encodeURIComponent(token)}`,
      storageKey: `display:${token.split('.')[0] ?? ''}`,
      rotateMs: speed('rotate', (data?.rotateSeconds ?? 12) * 1000),
      refreshMs: speed('refresh', (data?.refreshSeconds ?? 60) * 1000),
    },
    context.cspNonce,
  );
  return new Response(html, {
    status: invalid ? 404 : 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  });
}
