import type { ReactNode } from 'react';
import { Link, NavLink } from '@remix-run/react';
import type { MessageKey } from '../i18n';
import { useT } from '../i18n';
import { CodeIcon, HomeIcon, Mark, PulseIcon } from './icons';
import { LanguageSwitch } from './language-switch';

/**
 * The navigation: each area of the platform adds one entry here. On a phone it is a tab bar at the bottom,
 * within reach of a thumb; from tablet width up it becomes a side bar.
 */
const navItems: { to: string; label: MessageKey; Icon: typeof HomeIcon; external?: boolean }[] = [
  { to: '/', label: 'nav.home', Icon: HomeIcon },
  { to: '/status', label: 'nav.status', Icon: PulseIcon },
  { to: '/api/docs', label: 'nav.apiDocs', Icon: CodeIcon, external: true },
];

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
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
          {navItems.map(({ to, label, Icon, external }) => (
            <li key={to}>
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
