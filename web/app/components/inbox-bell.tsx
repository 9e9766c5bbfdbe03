import { NavLink } from '@remix-run/react';
import { useT } from '../i18n';
import { may, useMe } from '../lib/me';
import { BellIcon } from './icons';

/** The inbox in the header: a bell with the unread count getMe answers (one read of a counter item). */
export function InboxBell() {
  const t = useT();
  const me = useMe();
  if (!me || !may(me, 'inbox')) return null;
  const count = me.unreadNotifications;
  // The name comes from the text inside (a hidden sentence and the visible count), so what is seen is part of it.
  return (
    <NavLink to="/inbox" className="inbox-bell button button-quiet" data-testid="inbox-bell">
      <BellIcon className="icon" />
      <span className="visually-hidden">{count > 0 ? t('inbox.bellUnread', { count }) : t('inbox.bell')}</span>
      {count > 0 ? (
        <span className="inbox-count" aria-hidden="true" data-testid="inbox-count">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </NavLink>
  );
}
