/**
 * The demo organisation: a county government-service bureau with its Party branches, departments and Party groups,
 * and the people who work there. Pure data, referenced by symbolic keys; dev/seed.ts turns it into items.
 *
 * Demo accounts (password `demo1234`, no forced change):
 *   admin       系统管理员 (sysadmin)                 — 综合科, 群众
 *   security    安全管理员 (secadmin)                 — 综合科, 群众
 *   auditor     审计管理员 (auditor)                  — 综合科, 群众
 *   leader      局长、党组书记 (leader over the bureau) — 县政务服务管理局, 机关第一党支部
 *   organizer1  第一党支部书记 (organizer over branch 1)
 *   organizer2  第二党支部书记 (organizer over branch 2)
 *   staff1, staff2 — members of branch 1;  staff3 — member of branch 2
 * Everybody else signs in with a 工号 (zw0001…) and the same password, and is asked to change it.
 */
import type { RoleName } from '../functions/domain/authz/schema.js';
import type { UnitKind } from '../functions/domain/org/schema.js';
import type { PartyStatus } from '../functions/domain/people/schema.js';

export const demoPassword = 'demo1234';

export interface SeedUnit {
  key: string;
  name: string;
  kind: UnitKind;
  /** Key of the parent unit; null for the root. */
  parent: string | null;
}

export interface SeedPerson {
  login: string;
  name: string;
  /** Key of the unit the person belongs to. */
  unit: string;
  /** Key of the Party branch (members only). */
  branch: string | null;
  partyStatus: PartyStatus;
  /** Roles beyond `staff`, which everybody has; scoped roles name a unit key. */
  roles?: Array<{ role: Exclude<RoleName, 'staff'>; unit?: string }>;
  lang?: 'zh-CN' | 'en';
  active?: boolean;
  /** A demo account: known password, no forced change. */
  demo?: boolean;
  /** What the person does, for whoever reads this file (not stored). */
  note?: string;
}

/** Listed parents first; siblings appear in display order. */
export const seedUnits: SeedUnit[] = [
  { key: 'bureau', name: '县政务服务管理局', kind: 'bureau', parent: null },

  { key: 'general', name: '综合科', kind: 'department', parent: 'bureau' },
  { key: 'approval', name: '审批服务科', kind: 'department', parent: 'bureau' },
  { key: 'openness', name: '政务公开科', kind: 'department', parent: 'bureau' },
  { key: 'hall', name: '窗口服务中心', kind: 'department', parent: 'bureau' },

  { key: 'branch1', name: '机关第一党支部', kind: 'branch', parent: 'bureau' },
  { key: 'branch2', name: '机关第二党支部（窗口党支部）', kind: 'branch', parent: 'bureau' },
  { key: 'branch3', name: '机关第三党支部（离退休及后勤）', kind: 'branch', parent: 'bureau' },

  { key: 'b1-group1', name: '第一支部综合党小组', kind: 'group', parent: 'branch1' },
  { key: 'b1-group2', name: '第一支部审批党小组', kind: 'group', parent: 'branch1' },
  { key: 'b2-group1', name: '综合受理窗口党小组', kind: 'group', parent: 'branch2' },
  { key: 'b2-group2', name: '专区窗口党小组', kind: 'group', parent: 'branch2' },
];

export const seedPeople: SeedPerson[] = [
  // ── Demo accounts ──
  // 三员分立: three administrators, three people (docs/decisions/047).
  { login: 'admin', name: '吴晓峰', unit: 'general', branch: null, partyStatus: 'none', roles: [{ role: 'sysadmin' }], demo: true, note: '系统管理员' },
  { login: 'security', name: '钱立新', unit: 'general', branch: null, partyStatus: 'none', roles: [{ role: 'secadmin' }], demo: true, note: '安全管理员' },
  { login: 'auditor', name: '孙静怡', unit: 'general', branch: null, partyStatus: 'none', roles: [{ role: 'auditor' }], demo: true, note: '审计管理员' },
  {
    login: 'leader',
    name: '王建国',
    unit: 'bureau',
    branch: 'branch1',
    partyStatus: 'full',
    roles: [{ role: 'leader', unit: 'bureau' }],
    demo: true,
    note: '局长、党组书记',
  },
  {
    login: 'organizer1',
    name: '李秀英',
    unit: 'branch1',
    branch: 'branch1',
    partyStatus: 'full',
    roles: [{ role: 'organizer', unit: 'branch1' }],
    demo: true,
    note: '第一党支部书记',
  },
  {
    login: 'organizer2',
    name: '张志强',
    unit: 'branch2',
    branch: 'branch2',
    partyStatus: 'full',
    roles: [{ role: 'organizer', unit: 'branch2' }],
    demo: true,
    note: '第二党支部书记、窗口服务中心主任',
  },
  { login: 'staff1', name: '刘洋', unit: 'b1-group1', branch: 'branch1', partyStatus: 'full', demo: true, note: '综合科科员' },
  { login: 'staff2', name: '陈静怡', unit: 'b1-group2', branch: 'branch1', partyStatus: 'probationary', demo: true, note: '审批服务科科员' },
  { login: 'staff3', name: '杨帆', unit: 'b2-group1', branch: 'branch2', partyStatus: 'full', demo: true, note: '综合受理窗口工作人员' },

  // ── Everybody else ──
  {
    login: 'zw0001',
    name: '赵国华',
    unit: 'bureau',
    branch: 'branch1',
    partyStatus: 'full',
    roles: [{ role: 'leader', unit: 'bureau' }],
    note: '副局长',
  },
  {
    login: 'zw0002',
    name: '黄丽萍',
    unit: 'b1-group1',
    branch: 'branch1',
    partyStatus: 'full',
    roles: [{ role: 'organizer', unit: 'branch1' }],
    note: '第一党支部组织委员',
  },
  { login: 'zw0003', name: '周明', unit: 'b1-group1', branch: 'branch1', partyStatus: 'full' },
  { login: 'zw0004', name: '吴婷', unit: 'general', branch: null, partyStatus: 'none' },
  { login: 'zw0005', name: '徐海涛', unit: 'b1-group2', branch: 'branch1', partyStatus: 'full' },
  { login: 'zw0006', name: '孙悦', unit: 'approval', branch: null, partyStatus: 'none' },
  { login: 'zw0007', name: '马俊杰', unit: 'b1-group2', branch: 'branch1', partyStatus: 'probationary' },
  { login: 'zw0008', name: '朱红梅', unit: 'openness', branch: 'branch1', partyStatus: 'full', note: '政务公开科科长' },
  { login: 'zw0009', name: '胡斌', unit: 'openness', branch: null, partyStatus: 'none' },
  { login: 'zw0010', name: '郭晓燕', unit: 'b2-group1', branch: 'branch2', partyStatus: 'full', note: '综合受理窗口党小组组长' },
  { login: 'zw0011', name: '何志刚', unit: 'b2-group1', branch: 'branch2', partyStatus: 'full' },
  { login: 'zw0012', name: '林雪', unit: 'b2-group2', branch: 'branch2', partyStatus: 'probationary' },
  { login: 'zw0013', name: '罗文杰', unit: 'b2-group2', branch: 'branch2', partyStatus: 'full', note: '专区窗口党小组组长' },
  { login: 'zw0014', name: '高静', unit: 'hall', branch: null, partyStatus: 'none' },
  { login: 'zw0015', name: '郑宇航', unit: 'hall', branch: null, partyStatus: 'none' },
  { login: 'zw0016', name: '梁晨', unit: 'b2-group1', branch: 'branch2', partyStatus: 'full' },
  { login: 'zw0017', name: '宋佳琪', unit: 'hall', branch: null, partyStatus: 'none', lang: 'en' },
  { login: 'zw0018', name: '谢雨桐', unit: 'b2-group2', branch: 'branch2', partyStatus: 'probationary' },
  { login: 'zw0019', name: '韩立', unit: 'approval', branch: 'branch1', partyStatus: 'full', note: '审批服务科科长' },
  { login: 'zw0020', name: '唐建平', unit: 'branch3', branch: 'branch3', partyStatus: 'full', note: '退休干部' },
  { login: 'zw0021', name: '冯桂兰', unit: 'branch3', branch: 'branch3', partyStatus: 'full', note: '退休干部' },
  { login: 'zw0022', name: '曹德明', unit: 'branch3', branch: 'branch3', partyStatus: 'full', note: '退休干部' },
  {
    login: 'zw0023',
    name: '彭秀珍',
    unit: 'branch3',
    branch: 'branch3',
    partyStatus: 'full',
    roles: [{ role: 'organizer', unit: 'branch3' }],
    note: '第三党支部书记',
  },
  { login: 'zw0024', name: '曾凡', unit: 'general', branch: 'branch3', partyStatus: 'probationary', note: '后勤保障' },
  { login: 'zw0025', name: '邓小琳', unit: 'hall', branch: null, partyStatus: 'none' },
  { login: 'zw0026', name: '许文博', unit: 'approval', branch: null, partyStatus: 'none' },
  { login: 'zw0027', name: '蒋欣然', unit: 'openness', branch: 'branch1', partyStatus: 'probationary' },
  { login: 'zw0028', name: '沈卫东', unit: 'general', branch: 'branch3', partyStatus: 'full', active: false, note: '已调离，账号停用' },
  { login: 'zw0029', name: '田甜', unit: 'hall', branch: null, partyStatus: 'none' },
  { login: 'zw0030', name: '欧阳慧敏', unit: 'b2-group1', branch: 'branch2', partyStatus: 'full' },
];
