import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the question bank says: a question not found, and the rules a question keeps (zh-CN and en). */
export const bankMessages = defineMessages('quizzes.bank', {
  'zh-CN': {
    questionNotFound: '找不到这道题，或您无权查看。',
    questionVersionNotFound: '这道题没有第 {version} 版。',
    questionRetired: '这道题已停用，不能再修改。',
    choiceOptionCount: '单选题和多选题须有 2 至 8 个选项。',
    trueFalseNoOptions: '判断题和填空题不设选项。',
    singleNeedsOneAnswer: '单选题须恰好选定一个正确选项。',
    multipleNeedsAnswers: '多选题须至少选定一个正确选项。',
    answerNotAnOption: '正确答案“{letter}”不在选项之中。',
    trueFalseAnswer: '判断题的答案须为“对”或“错”。',
    fillNeedsAnswers: '填空题须至少填写一个可接受的答案。',
    fillAnswerIsText: '填空题的答案须为文字。',
    choiceAnswerIsIndex: '选择题的答案须为选项的序号。',
  },
  en: {
    questionNotFound: 'There is no such question, or you may not see it.',
    questionVersionNotFound: 'This question has no version {version}.',
    questionRetired: 'This question is retired and can no longer be changed.',
    choiceOptionCount: 'A single or multiple choice question needs 2 to 8 options.',
    trueFalseNoOptions: 'True/false and fill-in-the-blank questions take no options.',
    singleNeedsOneAnswer: 'A single choice question needs exactly one correct option.',
    multipleNeedsAnswers: 'A multiple choice question needs at least one correct option.',
    answerNotAnOption: 'The correct answer "{letter}" is not among the options.',
    trueFalseAnswer: 'The answer of a true/false question must be true or false.',
    fillNeedsAnswers: 'A fill-in-the-blank question needs at least one accepted answer.',
    fillAnswerIsText: 'The answers of a fill-in-the-blank question are texts.',
    choiceAnswerIsIndex: 'The answer of a choice question is the numbers of its correct options.',
  },
});

/** What the question form's fields are called in validation messages ("请填写题干"). */
/**
 * What the question form's own fields are called in validation messages. The fields a question shares with the
 * engine's shapes (stem, options, answer, …) are named once, in engine-messages.ts.
 */
export const bankLabels = defineFieldLabels('quizzes.bank', {
  'zh-CN': {
    imageUploadId: '选项图片',
    stemImageUploadId: '题干图片文件',
    removeStemImage: '删除题干图片',
  },
  en: {
    imageUploadId: 'option image',
    stemImageUploadId: 'question image file',
    removeStemImage: 'remove the question image',
  },
});
