import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../context.js';
import { config } from '../../platform/config.js';
import { langCookie, languages } from '../../platform/i18n.js';
import { setCurrentLang } from '../../platform/request-scope.js';
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
  summary: "Remember the interface language for this browser",
  request: { body: { required: true, content: { 'application/json': { schema: LanguageChoice } } } },
  responses: {
    200: { description: 'The choice is remembered in a cookie.', content: { 'application/json': { schema: LanguageChoice } } },
    ...commonErrors,
  },
});

export const preferenceRoutes = new OpenAPIHono<AppEnv>().openapi(setLanguage, (c) => {
  const { lang } = c.req.valid('json');
  setCookie(c, langCookie, lang, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'Lax',
    httpOnly: false,
    secure: !config().local,
  });
  c.set('lang', lang);
  setCurrentLang(lang);
  return c.json({ lang }, 200);
});
