import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the hall's display and its links say, in every language the platform speaks. */
export const displayMessages = defineMessages('display', {
  'zh-CN': {
    linkInvalid: '这个展示链接无效、已撤销或已过期。请联系系统管理员获取新的展示链接。',
    linkNotFound: '没有找到这个展示链接。',
    unitsUnknown: '有单位不存在或已撤销，请重新选择要展示的单位。',
  },
  en: {
    linkInvalid: 'This display link is wrong, revoked or expired. Ask the administrator for a new display link.',
    linkNotFound: 'There is no such display link.',
    unitsUnknown: 'A unit chosen does not exist or has been retired: choose the units to show again.',
  },
});

export const displayLabels = defineFieldLabels('display', {
  'zh-CN': { label: '名称', days: '有效天数' },
  en: { label: 'name', days: 'days valid' },
});
