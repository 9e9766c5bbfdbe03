import type { ReactNode } from 'react';
import { Link, NavLink } from '@remix-run/react';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import { BookIcon, CodeIcon, HomeIcon, LogInIcon, Mark, PulseIcon, SettingsIcon, UserIcon, UsersIcon } from './icons';
import { LanguageSwitch } from './language-switch';
import { hasRole, useMe, type Me } from '../lib/me';

interface NavItem {
  to: string;
  label: MessageKey;
  Icon: typeof HomeIcon;
  /** Whether the item is shown to this person (everyone when absent). */
  show?: (me: Me | null) => boolean;
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
  { to: '/learn', label: 'nav.learn', Icon: BookIcon, show: (me) => me !== null },
  { to: '/people', label: 'nav.people', Icon: UsersIcon, show: (me) => hasRole(me, 'organizer', 'leader', 'admin') },
  { to: '/admin', label: 'nav.admin', Icon: SettingsIcon, show: (me) => hasRole(me, 'admin') },
  { to: '/me', label: 'nav.me', Icon: UserIcon, show: (me) => me !== null },
  { to: '/login', label: 'nav.login', Icon: LogInIcon, show: (me) => me === null },
  { to: '/status', label: 'nav.status', Icon: PulseIcon, desktopOnly: true },
  { to: '/api/docs', label: 'nav.apiDocs', Icon: CodeIcon, external: true, desktopOnly: true },
];

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useMe();
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
          {navItems.filter((item) => !item.show || item.show(me)).map(({ to, label, Icon, external, desktopOnly }) => (
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
