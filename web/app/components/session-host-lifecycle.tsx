/**
 * Cancelling and closing a scheduled session, each behind a confirm step that works without JavaScript (a
 * disclosure opens the form; only its second button acts). Shown to those the API lets change the session.
 */
import { Form, useNavigation } from '@remix-run/react';
import { useT } from '../i18n';

export function SessionLifecycle({ version, canCancel, canClose }: { version: number; canCancel: boolean; canClose: boolean }) {
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="session-lifecycle">
      {canClose ? (
        <details className="card session-confirm" data-testid="session-close">
          <summary className="button button-quiet">{t('sessionHost.close.start')}</summary>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="close" />
            <input type="hidden" name="version" value={version} />
            <p>{t('sessionHost.close.hint')}</p>
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t('sessionHost.close.confirm')}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
      {canCancel ? (
        <details className="card session-confirm" data-testid="session-cancel">
          <summary className="button button-quiet">{t('sessionHost.cancel.start')}</summary>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="version" value={version} />
            <p>{t('sessionHost.cancel.hint')}</p>
            <div className="field">
              <label htmlFor="cancel-reason">{t('sessionHost.cancel.reason')}</label>
              <textarea id="cancel-reason" name="reason" className="input textarea" rows={2} required minLength={2} maxLength={500} />
            </div>
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t('sessionHost.cancel.confirm')}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </div>
  );
}
