import { describe, expect, it } from 'vitest';
import { digestEntries, isMonday } from './digest.js';

// 2027-03-10 is a Wednesday; 2027-03-15 a Monday (Shanghai days).
const task = (title: string, dueAt: string) => ({ kind: 'course' as const, subjectId: '01JD8X3Q5M2V7K9R4T6W8Y0Z1A', title, dueAt });
const standing = (open: ReturnType<typeof task>[], makeUpDue = 0) => ({ open, sessions: { makeUpDue } });

describe('a day’s digest', () => {
  it('reminds 3 days ahead and the day before, in Shanghai days', () => {
    const entries = digestEntries(standing([task('三天后', '2027-03-13T15:59:00Z'), task('明天', '2027-03-11T09:00:00+08:00'), task('两天后', '2027-03-12T12:00:00+08:00')]), [], '2027-03-10');
    expect(entries.map((e) => [e.kind, e.params.title])).toEqual([
      ['dueIn1Day', '明天'],
      ['dueIn3Days', '三天后'],
    ]);
    expect(entries[0]!.link).toBe('/learn/courses/01JD8X3Q5M2V7K9R4T6W8Y0Z1A');
  });

  it('a day past due counts by Shanghai time (23:30 UTC is the next morning there)', () => {
    expect(digestEntries(standing([task('x', '2027-03-12T23:30:00Z')]), [], '2027-03-10')).toEqual([expect.objectContaining({ kind: 'dueIn3Days' })]);
  });

  it('names an overdue task the day after it fell due, then only on Mondays', () => {
    const overdue = standing([task('逾期', '2027-03-09T10:00:00+08:00')], 2);
    expect(digestEntries(overdue, [], '2027-03-10').map((e) => e.kind)).toEqual(['overdue']);
    expect(digestEntries(overdue, [], '2027-03-11')).toEqual([]);
    expect(isMonday('2027-03-15')).toBe(true);
    expect(digestEntries(overdue, [], '2027-03-15').map((e) => e.kind)).toEqual(['overdue', 'makeUpDue']);
  });

  it('lists tomorrow’s sessions and leaves out muted kinds', () => {
    const sessions = [{ sessionId: '01JD8X3Q5M2V7K9R4T6W8Y0Z1B', topic: '支部党员大会', startsAt: '2027-03-11T02:00:00Z', place: null }];
    const all = digestEntries(standing([task('明天', '2027-03-11T09:00:00+08:00')]), sessions, '2027-03-10');
    expect(all.map((e) => e.kind)).toEqual(['dueIn1Day', 'sessionTomorrow']);
    expect(all[1]!.params.place).toBe('—');
    expect(digestEntries(standing([task('明天', '2027-03-11T09:00:00+08:00')]), sessions, '2027-03-10', new Set(['dueIn1Day'])).map((e) => e.kind)).toEqual(['sessionTomorrow']);
  });

  it('holds nothing for a person with nothing due', () => {
    expect(digestEntries(undefined, [], '2027-03-15')).toEqual([]);
  });
});
