import { useT } from '../i18n';

/** A password shown once (a new account's, or after a reset), with the warning that it will not be shown again. */
export function OneTimePassword({ password, label }: { password: string; label: string }) {
  const t = useT();
  return (
    <div className="secret-box">
      <p className="secret-label">{label}</p>
      <p className="secret" data-testid="one-time-password" translate="no">
        {password}
      </p>
      <p className="secret-notice">{t('people.secret.notice')}</p>
    </div>
  );
}
