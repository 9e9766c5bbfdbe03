import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the assignments area says: the rules of assigning a course or a quiz. */
export const assignmentsMessages = defineMessages('assignments', {
  'zh-CN': {
    courseNotPublished: '课程发布后才能布置学习任务。',
    dueInPast: '截止日期已经过去，请选择今天以后的日期。',
    quizNotPublished: '测验发布后才能布置，请先发布“{title}”。',
  },
  en: {
    courseNotPublished: 'Publish the course before assigning it.',
    dueInPast: 'The due date has passed. Choose a date after today.',
    quizNotPublished: 'Publish the quiz “{title}” before assigning it.',
  },
});

/** What an assignment's fields are called in validation messages ("截止日期不是有效的日期"). */
export const assignmentsLabels = defineFieldLabels('assignments', {
  'zh-CN': {
    audience: '学习对象',
    unitIds: '单位',
    personIds: '人员',
    required: '是否必修',
    dueAt: '截止日期',
    assignmentId: '学习任务',
  },
  en: {
    audience: 'audience',
    unitIds: 'unit',
    personIds: 'person',
    required: '"required" choice',
    dueAt: 'due date',
    assignmentId: 'assignment',
  },
});
