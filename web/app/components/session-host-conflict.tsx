/** A 409 on a session's page: someone else saved first; reloading shows their version to work on. */
import { useLocation } from '@remix-run/react';
import { useT } from '../i18n';
import { Notice } from './notice';

export function SessionConflict() {
  const t = useT();
  const location = useLocation();
  return (
    <Notice kind="error" testId="session-conflict">
      <p className="alert-title">{t('sessionHost.conflict')}</p>
      <p>
        <a href={location.pathname + location.search} className="button button-quiet">
          {t('sessionHost.reload')}
        </a>
      </p>
    </Notice>
  );
}
