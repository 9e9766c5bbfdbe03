import type { ReactNode } from 'react';
import { Link, NavLink } from '@remix-run/react';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import { BookIcon, CodeIcon, HomeIcon, LogInIcon, Mark, PulseIcon, SettingsIcon, UserIcon, UsersIcon } from './icons';
import { LanguageSwitch } from './language-switch';
import { may, useMe, type Capability } from '../lib/me';

interface NavItem {
  to: string;
  label: MessageKey;
  Icon: typeof HomeIcon;
  /**
   * Who sees the item: people the API gives this capability (getMe), or only visitors not signed in; everyone when
   * absent. The shell never reasons about roles: the permission table behind the API decides.
   */
  shownTo?: Capability | 'signedOut';
  /** Only in the desktop side bar (the phone's tab bar keeps to the few things used daily). */
  desktopOnly?: boolean;
  external?: boolean;
}

/**
 * The navigation: each area of the platform adds one entry here. On a phone it is a tab bar at the bottom,
 * within reach of a thumb; from tablet width up it becomes a side bar.
 */
const navItems: NavItem[] = [
  { to: '/', label: 'nav.home', Icon: HomeIcon },
  { to: '/learn', label: 'nav.learn', Icon: BookIcon, shownTo: 'study' },
  { to: '/people', label: 'nav.people', Icon: UsersIcon, shownTo: 'readPeople' },
  { to: '/admin', label: 'nav.admin', Icon: SettingsIcon, shownTo: 'administer' },
  { to: '/me', label: 'nav.me', Icon: UserIcon, shownTo: 'ownAccount' },
  { to: '/login', label: 'nav.login', Icon: LogInIcon, shownTo: 'signedOut' },
  // For those who run the platform; on a phone the admin hub links to them.
  { to: '/status', label: 'nav.status', Icon: PulseIcon, shownTo: 'administer', desktopOnly: true },
  { to: '/api/docs', label: 'nav.apiDocs', Icon: CodeIcon, shownTo: 'administer', external: true, desktopOnly: true },
];

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useMe();
  const shown = (item: NavItem) => (item.shownTo === undefined ? true : item.shownTo === 'signedOut' ? me === null : may(me, item.shownTo));
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <Mark className="brand-mark" />
          <span className="brand-text">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-org">{t('app.org')}</span>
          </span>
        </Link>
        <LanguageSwitch />
      </header>
      <nav className="nav" aria-label={t('nav.label')}>
        <ul>
          {navItems.filter(shown).map(({ to, label, Icon, external, desktopOnly }) => (
            <li key={to} className={desktopOnly ? 'nav-desktop-only' : undefined}>
              {external ? (
                <a href={to} className="nav-link">
                  <Icon className="icon" />
                  <span>{t(label)}</span>
                </a>
              ) : (
                <NavLink to={to} end={to === '/'} prefetch="intent" className="nav-link">
                  <Icon className="icon" />
                  <span>{t(label)}</span>
                </NavLink>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">{t('footer.text')}</footer>
    </div>
  );
}
