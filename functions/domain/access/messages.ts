import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the access area says: sign-in refused or throttled, and the rules of a new password. */
export const accessMessages = defineMessages('access', {
  'zh-CN': {
    badCredentials: '登录名或密码不正确。',
    accountLocked: '登录失败次数过多，请在 {minutes} 分钟后再试。',
    addressThrottled: '来自这个网络地址的登录尝试过多，请在 {minutes} 分钟后再试。',
    currentPasswordWrong: '当前密码不正确。',
    passwordTooWeak: '新密码至少 8 位，须同时包含字母和数字，且不能与登录名相同。',
    passwordUnchanged: '新密码不能与当前密码相同。',
  },
  en: {
    badCredentials: 'The login or the password is not correct.',
    accountLocked: 'Too many failed sign-ins. Please try again in {minutes} minutes.',
    addressThrottled: 'Too many sign-in attempts from this network address. Please try again in {minutes} minutes.',
    currentPasswordWrong: 'The current password is not correct.',
    passwordTooWeak: 'The new password needs at least 8 characters, with letters and digits, and must differ from the login.',
    passwordUnchanged: 'The new password must differ from the current one.',
  },
});

/** What the password fields are called in validation messages. */
export const accessLabels = defineFieldLabels('access', {
  'zh-CN': {
    newPassword: '新密码',
    currentPassword: '当前密码',
    password: '密码',
  },
  en: {
    newPassword: 'new password',
    currentPassword: 'current password',
    password: 'password',
  },
});
