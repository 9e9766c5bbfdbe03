import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What quarterly honours say, in every language the platform speaks. */
export const honoursMessages = defineMessages('honours', {
  'zh-CN': {
    honourNotFound: '没有找到这项评选，或您无权查看。',
    quarterNotOpen: '只能为本季度（{current}）或上季度（{previous}）提名。',
    windowNeeded: '“{type}”评的是窗口：请选择窗口所在单位并填写窗口名称。',
    personNeeded: '“{type}”评的是个人：请选择一位人员。',
    nomineeOutOfReach: '找不到这位人员或这个单位，或不在您负责的范围内。',
    alreadyDecided: '这项提名已经{state}，不能再次决定。',
    stateAwarded: '授予',
    stateDeclined: '不予授予',
  },
  en: {
    honourNotFound: 'There is no such nomination, or you may not see it.',
    quarterNotOpen: 'Nominations are for this quarter ({current}) or the one before ({previous}).',
    windowNeeded: '“{type}” honours a window: choose the unit it belongs to and give the window’s name.',
    personNeeded: '“{type}” honours a person: choose one.',
    nomineeOutOfReach: 'There is no such person or unit within your reach.',
    alreadyDecided: 'This nomination has already been {state}; it cannot be decided again.',
    stateAwarded: 'awarded',
    stateDeclined: 'declined',
  },
});

/** The fields only honours have (reason, note, evidence and outcome are named where they were first declared). */
export const honoursLabels = defineFieldLabels('honours', {
  'zh-CN': { honourType: '荣誉类型', quarter: '季度', windowName: '窗口名称' },
  en: { honourType: 'honour type', quarter: 'quarter', windowName: 'window name' },
});
