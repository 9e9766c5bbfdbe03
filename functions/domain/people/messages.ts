import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the people area says: a person or login not found or taken, the branch rules, the admin who would lock themself out. */
export const peopleMessages = defineMessages('people', {
  'zh-CN': {
    loginTaken: '登录名“{login}”已被其他人使用。',
    personNotFound: '找不到这个人员。',
    branchRequired: '党员（正式或预备）须属于一个党支部。',
    noBranchForMasses: '群众不属于党支部，请清除所属支部。',
    loginCharacters: '登录名只能包含小写字母、数字、点、下划线和连字符。',
    selfLockout: '不能停用自己的账号或取消自己的管理员角色。',
  },
  en: {
    loginTaken: 'The login "{login}" is already used by someone else.',
    personNotFound: 'There is no such person.',
    branchRequired: 'Party members (full or probationary) must belong to a Party branch.',
    noBranchForMasses: 'People who are not Party members belong to no branch; clear the branch.',
    loginCharacters: 'A login may contain only lower-case letters, digits, dots, underscores and hyphens.',
    selfLockout: 'You cannot disable your own account or remove your own admin role.',
  },
});

/** What a person's fields are called in validation messages ("请填写姓名"). */
export const peopleLabels = defineFieldLabels('people', {
  'zh-CN': {
    personName: '姓名',
    searchWords: '搜索词',
    login: '登录名',
    partyStatus: '政治面貌',
    branchId: '所在党支部',
    initialPassword: '初始密码',
    q: '搜索词',
    includeDisabled: '是否包括停用账号',
    personId: '人员',
    active: '账号状态',
  },
  en: {
    personName: 'name',
    searchWords: 'search words',
    login: 'login',
    partyStatus: 'party status',
    branchId: 'Party branch',
    initialPassword: 'initial password',
    q: 'search words',
    includeDisabled: '"include disabled" choice',
    personId: 'person',
    active: 'account state',
  },
});
