import { DEMO_DISPLAY_PATH } from './seed-honours.js';

/** What the console says when the local platform is up. */
export const demoPassword = 'demo1234';

export const demoAccounts = [
  { login: 'admin', role: 'system administrator / 系统管理员' },
  { login: 'security', role: 'security administrator / 安全管理员' },
  { login: 'auditor', role: 'audit administrator / 审计管理员' },
  { login: 'leader', role: 'bureau leader / 局领导' },
  { login: 'organizer1', role: 'organizer, branch 1 / 第一党支部组织者' },
  { login: 'organizer2', role: 'organizer, branch 2 / 第二党支部组织者' },
  { login: 'staff1', role: 'staff, branch 1 / 第一党支部职工' },
  { login: 'staff2', role: 'staff, branch 1 / 第一党支部职工' },
  { login: 'staff3', role: 'staff, branch 2 / 第二党支部职工' },
] as const;

export function describeDemo(options: { origin: string; devMode: boolean; dataDir: string; accounts: typeof demoAccounts }): string {
  const width = Math.max(...options.accounts.map((a) => a.login.length));
  return [
    '',
    `党建学习 is running${options.devMode ? ' (development, hot reload)' : ''}:`,
    `  open      ${options.origin}`,
    `  API docs  ${options.origin}/api/docs`,
    `  display   ${options.origin}${DEMO_DISPLAY_PATH}  (the hall's TV, no sign-in)`,
    `  data      ${options.dataDir}`,
    '',
    `Demo accounts (password ${demoPassword}):`,
    ...options.accounts.map((a) => `  ${a.login.padEnd(width)}  ${a.role}`),
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}
