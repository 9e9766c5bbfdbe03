import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What daily practice (每日一练) says, in every language the platform speaks. */
export const practiceMessages = defineMessages('practice', {
  'zh-CN': {
    practiceOff: '每日一练目前未开启。',
    notToday: '这道题不在您今天（{day}）的练习中。请刷新页面，做今天的题目。',
    dayOver: '{day} 的练习已经结束，今天的题目已更新。请刷新页面。',
    wrongAnswerKind: '这道题需要{expected}，请重新作答。',
    answerChoices: '选择选项',
    answerText: '填写答案',
  },
  en: {
    practiceOff: 'Daily practice is turned off at the moment.',
    notToday: 'This question is not in your practice for today ({day}). Reload the page to see today’s questions.',
    dayOver: 'The practice of {day} is over and today’s questions are ready. Reload the page.',
    wrongAnswerKind: 'This question needs you to {expected}. Please answer again.',
    answerChoices: 'choose among the options',
    answerText: 'type an answer',
  },
});

/** What practice's own fields are called in validation messages. */
export const practiceLabels = defineFieldLabels('practice', {
  'zh-CN': {
    questionsPerDay: '每日题数',
    day: '练习日期',
  },
  en: {
    questionsPerDay: 'questions a day',
    day: 'practice day',
  },
});
