import { defineMessages } from '../../platform/i18n.js';

/** What the overview says: its requirements, the colours' words, the spreadsheet's headers and names. */
export const overviewMessages = defineMessages('overview', {
  'zh-CN': {
    requirementCourses: '必修课程与测验按时完成',
    requirementCredit: '学时达到进度',
    requirementSessions: '参加组织生活（缺席已补学）',
    requirementPledges: '承诺已审核、已评定',
    sheetUnits: '各单位情况',
    sheetPeople: '人员情况',
    colUnit: '单位',
    colPeople: '人数',
    colName: '姓名',
    colAsOf: '统计时间',
    fileName: '统计总览-{unit}-{date}',
  },
  en: {
    requirementCourses: 'Required courses and quizzes on time',
    requirementCredit: 'Study credit on track',
    requirementSessions: 'Sessions attended (absences made up)',
    requirementPledges: 'Pledges approved and rated',
    sheetUnits: 'Units',
    sheetPeople: 'People',
    colUnit: 'Unit',
    colPeople: 'People',
    colName: 'Name',
    colAsOf: 'As of',
    fileName: 'Overview-{unit}-{date}',
  },
});
