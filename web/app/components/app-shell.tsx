import type { ReactNode } from 'react';
import { Link, NavLink } from '@remix-run/react';
import { useT } from '../i18n';
import { BookIcon, ChartIcon, CodeIcon, FlagIcon, HomeIcon, LogInIcon, Mark, PulseIcon, QuizIcon, SettingsIcon, UserIcon, UsersIcon } from './icons';
import { CalendarIcon } from './course-icons';
import { LanguageSwitch } from './language-switch';
import { InboxBell } from './inbox-bell';
import { may, useMe } from '../lib/me';
import { navItems, type NavIcon, type NavItem } from '../lib/navigation';

/** The icon of each navigation entry (the entries themselves: lib/navigation.ts). */
const icons: Record<NavIcon, typeof HomeIcon> = {
  home: HomeIcon,
  book: BookIcon,
  users: UsersIcon,
  settings: SettingsIcon,
  user: UserIcon,
  logIn: LogInIcon,
  pulse: PulseIcon,
  code: CodeIcon,
  quiz: QuizIcon,
  calendar: CalendarIcon,
  flag: FlagIcon,
  chart: ChartIcon,
};

/**
 * The shell: a top bar and the navigation. On a phone the navigation is a tab bar at the bottom, within reach of a
 * thumb; from tablet width up it becomes a side bar. It shows the entries getMe's capabilities allow, nothing else.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useMe();
  const shown = (item: NavItem) =>
    item.shownTo === undefined ? true : item.shownTo === 'signedOut' ? me === null : typeof item.shownTo === 'string' ? may(me, item.shownTo) : item.shownTo.some((capability) => may(me, capability));
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
        <div className="topbar-actions">
          <InboxBell />
          <LanguageSwitch />
        </div>
      </header>
      <nav className="nav" aria-label={t('nav.label')}>
        <ul>
          {navItems.filter(shown).map((item) => (
            <NavEntry key={item.to} item={item} />
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

function NavEntry({ item: { to, label, icon, external, desktopOnly } }: { item: NavItem }) {
  const t = useT();
  const Icon = icons[icon];
  return (
    <li className={desktopOnly ? 'nav-desktop-only' : undefined}>
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
  );
}
