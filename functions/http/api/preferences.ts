import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';
import { config } from '../../platform/config.js';
import { langCookie, languages, type Lang } from '../../platform/i18n.js';
import type { Context } from 'hono';
import { setCurrentLang } from '../../platform/request-scope.js';
import { setMyLanguage } from '../../domain/people/service.js';
import { commonErrors } from './schemas.js';

const LanguageChoice = z
  .object({ lang: z.enum(languages).openapi({ description: 'The interface language.', example: 'en' }) })
  .strict()
  .openapi('LanguageChoice');

const setLanguage = createRoute({
  method: 'put',
  path: '/preferences/language',
  operationId: 'setLanguage',
  tags: ['platform'],
  summary: "Remember the interface language for this browser (and on the signed-in person's profile)",
  request: { body: { required: true, content: { 'application/json': { schema: LanguageChoice } } } },
  responses: {
    200: { description: 'The choice is remembered in a cookie.', content: { 'application/json': { schema: LanguageChoice } } },
    ...commonErrors,
  },
});

/** Remembers the language in a cookie (readable by pages, a year long) and speaks it for the rest of this request. */
export function rememberLanguage(c: Context<AppEnv>, lang: Lang): void {
  setCookie(c, langCookie, lang, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'Lax', httpOnly: false, secure: config().https });
  c.set('lang', lang);
  setCurrentLang(lang);
}

export const preferenceRoutes = new OpenAPIHono<AppEnv>().openapi(setLanguage, async (c) => {
  const { lang } = c.req.valid('json');
  rememberLanguage(c, lang);
  const actor = c.get('actor');
  if (actor) await setMyLanguage(actor, lang);
  return c.json({ lang }, 200);
});
