import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the study area says: the heartbeat reported too often. */
export const studyMessages = defineMessages('study', {
  'zh-CN': {
    studyTooFrequent: '学习记录提交得太频繁，请 {seconds} 秒后再试。已学时长不受影响。',
  },
  en: {
    studyTooFrequent: 'Study is being reported too often: try again in {seconds} s. Time already studied is kept.',
  },
});

/** What the study report's fields are called in validation messages. */
export const studyLabels = defineFieldLabels('study', {
  'zh-CN': {
    state: '页面状态',
    positionSeconds: '播放位置',
    year: '年份',
  },
  en: {
    state: 'page state',
    positionSeconds: 'playing position',
    year: 'year',
  },
});
