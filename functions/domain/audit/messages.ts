import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the audit area says, in every language the platform speaks. */
export const auditMessages = defineMessages('audit', {
  'zh-CN': {
    rangeReversed: '开始日期（{from}）晚于结束日期（{to}），请调换或修改后再查询。',
  },
  en: {
    rangeReversed: 'The start date ({from}) is after the end date ({to}). Swap or correct them and search again.',
  },
});

/** What the audit filter's fields are called in validation messages ("开始日期不是有效的日期"). */
export const auditLabels = defineFieldLabels('audit', {
  'zh-CN': {
    actorId: '操作人',
    targetId: '操作对象',
    from: '开始日期',
    to: '结束日期',
  },
  en: {
    actorId: 'person acting',
    targetId: 'target',
    from: 'start date',
    to: 'end date',
  },
});
