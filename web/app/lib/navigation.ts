/**
 * The navigation: each area of the platform adds one entry here. Who sees an entry is a capability getMe lists
 * (read off the permission table on the server); the web never reasons about roles. The shell draws the entries
 * (components/app-shell.tsx) and a browser test (test/e2e/navigation.spec.ts) checks, for every demo person, that
 * each entry shown opens and each entry hidden answers 403.
 */
import type { MessageKey } from '../i18n';
import type { Capability } from './me';

export type NavIcon = 'home' | 'book' | 'users' | 'settings' | 'user' | 'logIn' | 'pulse' | 'code' | 'quiz' | 'calendar' | 'flag' | 'chart';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: NavIcon;
  /** Who sees the item: people getMe gives this capability, or only visitors not signed in; everyone when absent. */
  shownTo?: Capability | readonly Capability[] | 'signedOut';
  /** Only in the desktop side bar (the phone's tab bar keeps to the few things used daily). */
  desktopOnly?: boolean;
  /** Not a page of the web (the API reference): a plain link. */
  external?: boolean;
  /**
   * Open to anyone who has the address, though offered only to those it concerns: the API reference documents the
   * public contract other systems use (docs/decisions/016).
   */
  publicDocument?: boolean;
}

/** The capabilities of the three administrators: any one opens the admin hub, which shows that one's part. */
export const adminCapabilities = ['administer', 'grantRoles', 'manageDisplayLinks', 'readAudit'] as const satisfies readonly Capability[];

export const navItems: NavItem[] = [
  { to: '/', label: 'nav.home', icon: 'home' },
  { to: '/learn', label: 'nav.learn', icon: 'book', shownTo: 'study' },
  // Quizzes and daily practice are part of 学习: the learning page links to them (the phone's bar keeps six entries).
  { to: '/quizzes', label: 'nav.quizzes', icon: 'quiz', shownTo: 'study', desktopOnly: true },
  { to: '/sessions', label: 'nav.sessions', icon: 'calendar', shownTo: 'attendSessions' },
  { to: '/pledges', label: 'nav.pledges', icon: 'flag', shownTo: 'keepPledges' },
  { to: '/stats', label: 'nav.stats', icon: 'chart', shownTo: 'readOverview' },
  { to: '/people', label: 'nav.people', icon: 'users', shownTo: 'readPeople', desktopOnly: true },
  // 三员分立: each administrator finds their own part of the hub (docs/decisions/047).
  { to: '/admin', label: 'nav.admin', icon: 'settings', shownTo: adminCapabilities },
  { to: '/me', label: 'nav.me', icon: 'user', shownTo: 'ownAccount' },
  { to: '/login', label: 'nav.login', icon: 'logIn', shownTo: 'signedOut' },
  // For those who run the platform; on a phone the admin hub links to them.
  { to: '/status', label: 'nav.status', icon: 'pulse', shownTo: 'administer', desktopOnly: true },
  { to: '/api/docs', label: 'nav.apiDocs', icon: 'code', shownTo: 'administer', external: true, desktopOnly: true, publicDocument: true },
];
