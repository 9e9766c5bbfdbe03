import { describe, expect, it } from 'vitest';
import type { Pledge } from '../pledges/schema.js';
import { inReadingOrder, memberSheet, peopleToSheet, type SheetFacts } from './sheet.js';

const at = '2027-03-01T02:00:00.000Z';
const pledge = (over: Partial<Pledge>): Pledge => ({
  pledgeId: '01J0000000000000000000000A',
  year: 2027,
  ownerKind: 'person',
  ownerId: 'p1',
  branchId: 'b1',
  unitId: 'u1',
  pledgeCategory: 'work',
  content: '窗口服务零差评',
  measures: '每天复盘',
  dueDate: '2027-12-31',
  state: 'approved',
  returnReason: null,
  reviewedBy: null,
  reviewedAt: null,
  submittedAt: null,
  doneAt: null,
  progressCount: 3,
  lastProgressAt: null,
  assessment: null,
  assessedAt: null,
  createdBy: 'p1',
  createdAt: at,
  updatedAt: at,
  version: 1,
  ...over,
});

const facts = (over: Partial<SheetFacts> = {}): SheetFacts => ({
  person: { personId: 'p1', name: '王芳', unitName: '综合窗口', partyStatus: 'probationary' },
  post: '  3号窗口 ',
  pledges: [],
  rating: undefined,
  study: { credit: 12.25 + 0.5 + 0.1 + 0.2, target: 50, coursesCompleted: [] },
  quizzes: [],
  attendance: undefined,
  honours: [],
  ...over,
});

describe('a member’s review sheet', () => {
  it('says who they are and where they serve, in the reader’s language', () => {
    const zh = memberSheet(facts(), 'zh-CN');
    expect(zh.partyStatusName).toBe('预备党员');
    expect(zh.post).toBe('3号窗口');
    expect(memberSheet(facts(), 'en').partyStatusName).toBe('probationary member');
    expect(memberSheet(facts({ post: '   ' }), 'zh-CN').post).toBeNull();
  });

  it('lists every pledge by category, with its state, progress and self-assessment', () => {
    const sheet = memberSheet(
      facts({
        pledges: [
          pledge({ pledgeId: 'c', pledgeCategory: 'discipline', state: 'draft', progressCount: 0 }),
          pledge({ pledgeId: 'a', pledgeCategory: 'study', state: 'done', assessment: '按期完成' }),
          pledge({ pledgeId: 'b', pledgeCategory: 'work', state: 'returned' }),
        ],
      }),
      'zh-CN',
    );
    expect(sheet.pledges.map((p) => [p.pledgeId, p.categoryName, p.stateName])).toEqual([
      ['a', '学习', '已完成'],
      ['b', '工作', '已退回'],
      ['c', '自律', '草稿'],
    ]);
    expect(sheet.pledges[0]!.assessment).toBe('按期完成');
    expect(sheet.pledges[0]!.progressCount).toBe(3);
  });

  it('shows the proposal and the branch’s decision with their reasons, and nothing when there is none', () => {
    const step = (rating: 'excellent' | 'qualified', reason: string) => ({ rating, reason, by: 'o1', byName: '李书记', at });
    const rated = memberSheet(facts({ rating: { personId: 'p1', branchId: 'b1', year: 2027, proposal: step('excellent', '群众好评多'), decision: step('qualified', '支部大会表决'), updatedAt: at } }), 'zh-CN');
    expect(rated.rating.proposal).toMatchObject({ rating: 'excellent', ratingName: '优秀', reason: '群众好评多', byName: '李书记' });
    expect(rated.rating.decision).toMatchObject({ ratingName: '合格', reason: '支部大会表决' });
    expect(memberSheet(facts(), 'en').rating).toEqual({ proposal: null, decision: null });
  });

  it('rounds the credit and compares it with the target', () => {
    const sheet = memberSheet(facts(), 'zh-CN');
    expect(sheet.study.credit).toBe(13.05);
    expect(sheet.study.met).toBe(false);
    expect(memberSheet(facts({ study: { credit: 50, target: 50, coursesCompleted: [] } }), 'zh-CN').study.met).toBe(true);
    expect(memberSheet(facts({ study: undefined }), 'zh-CN').study).toEqual({ credit: 0, target: 0, met: false, courses: [] });
  });

  it('counts quizzes taken and passed, sessions, and honours by quarter', () => {
    const sheet = memberSheet(
      facts({
        quizzes: [
          { quizId: 'q1', title: '党章测验', passed: true, lastFinishedAt: at },
          { quizId: 'q2', title: '礼仪测验', passed: false, lastFinishedAt: at },
        ],
        attendance: { expected: 10, attended: 7, leave: 2, absent: 1, madeUp: 2 },
        honours: [
          { honourId: 'h2', type: 'star', typeName: '最美服务之星', quarter: '2027-Q3', reason: '群众来信表扬', decidedAt: at },
          { honourId: 'h1', type: 'vanguard', typeName: '党员先锋岗', quarter: '2027-Q1', reason: '业务骨干', decidedAt: at },
        ],
      }),
      'zh-CN',
    );
    expect(sheet.quizzes).toMatchObject({ taken: 2, passed: 1 });
    expect(sheet.sessions).toEqual({ expected: 10, attended: 7, leave: 2, absent: 1, madeUp: 2 });
    expect(sheet.honours.map((h) => h.quarter)).toEqual(['2027-Q1', '2027-Q3']);
  });
});

describe('who gets a sheet', () => {
  it('is the active Party members now, and anyone with a pledge or a rating that year, each once', () => {
    const members = [
      { personId: 'a', active: true, partyStatus: 'full' },
      { personId: 'b', active: true, partyStatus: 'none' },
      { personId: 'c', active: false, partyStatus: 'full' },
      { personId: 'd', active: true, partyStatus: 'probationary' },
    ];
    expect(peopleToSheet(members, ['x', 'a', 'x'], ['c'])).toEqual(['a', 'd', 'x', 'c']);
  });

  it('reads in name order, namesakes by id', () => {
    const order = inReadingOrder([
      { name: '张伟', personId: '2' },
      { name: '李娜', personId: '1' },
      { name: '张伟', personId: '1' },
    ]);
    expect(order).toEqual([
      { name: '李娜', personId: '1' },
      { name: '张伟', personId: '1' },
      { name: '张伟', personId: '2' },
    ]);
  });
});
