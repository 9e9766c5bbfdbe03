import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the audit area says, in every language the platform speaks. */
export const auditMessages = defineMessages('audit', {
  'zh-CN': {
    rangeReversed: '开始日期（{from}）晚于结束日期（{to}），请调换或修改后再查询。',
    fileName: '审计日志-{date}',
    sheet: '审计日志',
    colAt: '时间',
    colAction: '操作',
    colActor: '操作人',
    colActorId: '操作人编号',
    colTargetType: '对象类型',
    colTarget: '操作对象',
    colTargetId: '对象编号',
    colChanges: '变更',
    colDetails: '详情',
    exportCut: '仅导出最近的 {max} 条，请缩小日期范围后分次导出。',
  },
  en: {
    rangeReversed: 'The start date ({from}) is after the end date ({to}). Swap or correct them and search again.',
    fileName: 'audit-log-{date}',
    sheet: 'Audit log',
    colAt: 'Time',
    colAction: 'Action',
    colActor: 'Person acting',
    colActorId: 'Person id',
    colTargetType: 'Target type',
    colTarget: 'Target',
    colTargetId: 'Target id',
    colChanges: 'Changes',
    colDetails: 'Details',
    exportCut: 'Only the latest {max} entries are exported: narrow the dates and export in parts.',
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
