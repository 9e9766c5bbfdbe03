import { describe, expect, it } from 'vitest';
import type { PersonRow } from '../overview/schema.js';
import { dueItems } from './due.js';

const now = new Date('2026-11-30T01:00:00.000Z');
const task = (subjectId: string, dueAt: string, state: 'overdue' | 'inProgress' | 'notStarted' = 'notStarted') => ({
  kind: 'course' as const, assignmentId: `a-${subjectId}`, subjectId, title: subjectId, required: true, dueAt, state,
});

function row(over: Partial<PersonRow> = {}): PersonRow {
  return {
    personId: 'p', name: '张三', unitId: 'u', branchId: 'b',
    courses: { required: 0, onTime: 0, overdue: 0 }, open: [],
    credit: { earned: 0, target: 50, expectedByNow: 45 },
    sessions: { expected: 0, attended: 0, leave: 0, absent: 0, madeUp: 0, makeUpDue: 0 },
    pledges: { items: 0, approved: 0, returned: 0, draft: 0, rating: null },
    meets: { courses: null, credit: false, sessions: null, pledges: null },
    ...over,
  };
}

describe('what is due for a person', () => {
  it('puts the overdue first, then what waits for them, then what is due soon, then the rest, each by date', () => {
    const items = dueItems(
      row({
        open: [task('later', '2026-12-20T00:00:00.000Z'), task('soon', '2026-12-02T00:00:00.000Z', 'inProgress'), task('late2', '2026-11-29T00:00:00.000Z'), task('late1', '2026-11-01T00:00:00.000Z')],
        sessions: { expected: 2, attended: 1, leave: 1, absent: 0, madeUp: 0, makeUpDue: 1 },
        pledges: { items: 3, approved: 1, returned: 1, draft: 1, rating: null },
      }),
      [{ sessionId: 's', topic: '主题党日', startsAt: '2026-12-01T01:00:00.000Z' }],
      now,
    );
    expect(items.map((i) => [i.kind, i.id ?? i.count, i.state])).toEqual([
      ['course', 'late1', 'overdue'],
      ['course', 'late2', 'overdue'],
      ['makeUp', 1, 'waiting'],
      ['pledges', 2, 'waiting'],
      ['session', 's', 'dueSoon'],
      ['course', 'soon', 'dueSoon'],
      ['course', 'later', 'upcoming'],
    ]);
    expect(items.find((i) => i.id === 'soon')!.started).toBe(true);
  });

  it('has only the sessions ahead for a person the overview has no row for yet', () => {
    expect(dueItems(null, [], now)).toEqual([]);
    expect(dueItems(null, [{ sessionId: 's', topic: 't', startsAt: '2026-12-25T00:00:00.000Z' }], now).map((i) => i.state)).toEqual(['upcoming']);
  });
});
