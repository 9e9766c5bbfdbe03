import { Form, useLocation } from '@remix-run/react';
import { useLang, useT } from '../i18n';
import { GlobeIcon } from './icons';

/** A plain form, so switching works before (and without) JavaScript; the choice is remembered by the API. */
export function LanguageSwitch() {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const other = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Form method="post" action="/language" className="language-switch">
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="button button-quiet" lang={other} title={t('lang.switchToHint')} aria-label={t('lang.switchToHint')}>
        <GlobeIcon className="icon" />
        <span>{t('lang.switchTo')}</span>
      </button>
    </Form>
  );
}
