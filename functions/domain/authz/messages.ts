import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the authz area says: the refusal until the initial password is changed, and the rules of role grants. */
export const authzMessages = defineMessages('authz', {
  'zh-CN': {
    passwordChangeRequired: '请先修改初始密码，然后再继续。',
    roleUnitMissing: '组织者和领导角色须指定管辖单位。',
    roleNotScoped: '职工和管理员角色不指定单位。',
    roleTwice: '同一个角色不能重复授予。',
    adminRolesApart: '三员分立：同一人不能兼任{roles}。',
    ownRoles: '管理员不能更改自己的角色，请由另一位安全管理员办理。',
    adminRolesBySecurity: '管理员角色（系统管理员、安全管理员、审计管理员）只能由安全管理员授予或取消。',
    lastSecurityAdmin: '不能取消最后一位安全管理员的角色：请先为另一人授予安全管理员角色。',
    sysadmin: '系统管理员',
    secadmin: '安全管理员',
    auditor: '审计管理员',
    and: '和',
  },
  en: {
    passwordChangeRequired: 'Please change your initial password before you go on.',
    roleUnitMissing: 'The organizer and leader roles must name the unit they reach.',
    roleNotScoped: 'The staff and admin roles are not limited to a unit.',
    roleTwice: 'The same role cannot be granted twice.',
    adminRolesApart: 'The three administrators must be different people: one person cannot be {roles} at once.',
    ownRoles: 'An administrator cannot change their own roles; another security administrator must do it.',
    adminRolesBySecurity: 'Administrator roles (system, security and audit administrator) are granted and removed only by a security administrator.',
    lastSecurityAdmin: 'The last security administrator keeps the role: grant it to someone else first.',
    sysadmin: 'system administrator',
    secadmin: 'security administrator',
    auditor: 'audit administrator',
    and: ' and ',
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
