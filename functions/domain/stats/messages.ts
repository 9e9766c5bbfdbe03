import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the stats area says: the headers, states and file names of the completion spreadsheet and CSV. */
export const statsMessages = defineMessages('stats', {
  'zh-CN': {
    csvUnit: '单位',
    csvTotal: '应学人数',
    csvDone: '已完成',
    csvInProgress: '学习中',
    csvNotStarted: '未开始',
    csvOverdue: '已逾期',
    csvRate: '完成率',
    csvComputedAt: '统计时间',
    csvName: '姓名',
    csvLogin: '账号',
    csvState: '学习状态',
    csvCompletedAt: '完成时间',
    csvFileUnits: '{course}-各单位完成情况-{date}',
    csvFilePeople: '{course}-人员学习情况-{date}',
    csvFileBook: '{course}-学习完成情况-{date}',
    sheetUnits: '各单位完成情况',
    sheetPeople: '人员学习情况',
    stateDone: '已完成',
    stateInProgress: '学习中',
    stateNotStarted: '未开始',
    stateOverdue: '已逾期（未完成）',
  },
  en: {
    csvUnit: 'Unit',
    csvTotal: 'Assigned',
    csvDone: 'Done',
    csvInProgress: 'In progress',
    csvNotStarted: 'Not started',
    csvOverdue: 'Overdue',
    csvRate: 'Completion rate',
    csvComputedAt: 'Computed at',
    csvName: 'Name',
    csvLogin: 'Login',
    csvState: 'State',
    csvCompletedAt: 'Completed at',
    csvFileUnits: '{course} - completion by unit - {date}',
    csvFilePeople: '{course} - people - {date}',
    csvFileBook: '{course} - completion - {date}',
    sheetUnits: 'By unit',
    sheetPeople: 'People',
    stateDone: 'Done',
    stateInProgress: 'In progress',
    stateNotStarted: 'Not started',
    stateOverdue: 'Overdue (not done)',
  },
});

/** What the export's choices are called in validation messages. */
export const statsLabels = defineFieldLabels('stats', {
  'zh-CN': {
    part: '导出内容',
    format: '导出格式',
  },
  en: {
    part: 'part to export',
    format: 'export format',
  },
});
