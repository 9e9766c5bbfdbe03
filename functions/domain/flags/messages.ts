import { defineMessages } from '../../platform/i18n.js';

/**
 * What flags say, in every language the platform speaks: the kinds' names and each flag's evidence in words. The
 * fields (`reason`, `unitId`, `state`) keep the names their first areas gave them.
 */
export const flagsMessages = defineMessages('flags', {
  'zh-CN': {
    flagNotFound: '没有找到这条提示，或它不在您负责的范围内。',
    unitOutOfReach: '没有找到这个单位，或它不在您负责的范围内。',
    alreadyDismissed: '这条提示已由{name}于{at}排除，不能再次排除。',
    notAllInReach: '这条提示涉及您负责范围以外的人员，请由能看到全部相关人员的领导排除。',
    kindFastQuiz: '答题过快',
    kindSharedDevice: '同一设备多个账号登录',
    kindLongStretch: '长时间不间断计学时',
    summaryFastQuiz: '“{quiz}”共 {questions} 题，{seconds} 秒交卷（每题不到 {floor} 秒）。',
    summarySharedDevice: '{accounts} 个不同账号在 {minutes} 分钟内从同一台设备（{device}）登录。',
    summaryLongStretch: '连续 {hours} 小时 {minutes} 分钟不间断计入学时，中间没有停顿。',
    otherUnitPerson: '其他单位人员',
  },
  en: {
    flagNotFound: 'There is no such flag, or it is not within your reach.',
    unitOutOfReach: 'There is no such unit within your reach.',
    alreadyDismissed: 'This flag was dismissed by {name} at {at}; it cannot be dismissed again.',
    notAllInReach: 'This flag concerns people outside your reach: a leader who reaches all of them can dismiss it.',
    kindFastQuiz: 'Quiz finished implausibly fast',
    kindSharedDevice: 'Several accounts on one device',
    kindLongStretch: 'Hours of study without a break',
    summaryFastQuiz: '“{quiz}”: {questions} questions submitted in {seconds} s (under {floor} s a question).',
    summarySharedDevice: '{accounts} different accounts signed in from one device ({device}) within {minutes} minutes.',
    summaryLongStretch: 'Study credited for {hours} h {minutes} min without a single pause.',
    otherUnitPerson: 'Someone of another unit',
  },
});
