import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the authz area says: the refusal until the initial password is changed, and the rules of role grants. */
export const authzMessages = defineMessages('authz', {
  'zh-CN': {
    passwordChangeRequired: '请先修改初始密码，然后再继续。',
    roleUnitMissing: '组织者和领导角色须指定管辖单位。',
    roleNotScoped: '职工和管理员角色不指定单位。',
    roleTwice: '同一个角色不能重复授予。',
  },
  en: {
    passwordChangeRequired: 'Please change your initial password before you go on.',
    roleUnitMissing: 'The organizer and leader roles must name the unit they reach.',
    roleNotScoped: 'The staff and admin roles are not limited to a unit.',
    roleTwice: 'The same role cannot be granted twice.',
  },
});

/** What the role fields are called in validation messages. */
export const authzLabels = defineFieldLabels('authz', {
  'zh-CN': {
    roles: '角色',
    role: '角色',
  },
  en: {
    roles: 'roles',
    role: 'role',
  },
});
