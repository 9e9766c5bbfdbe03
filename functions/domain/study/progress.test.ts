import { describe, expect, it } from 'vitest';
import { recordOf, shanghaiYear, summarise, withClock } from './progress.js';
import type { ProgressRecord } from './schema.js';
import { emptyClock, type Slot } from './clock.js';

const item = (courseId: string, completedAt: string | null, lastStudiedAt = '2026-02-01T00:00:00.000Z'): ProgressRecord => ({
  personId: 'p', courseId, courseTitle: courseId, credit: 1, startedAt: '2026-01-01T00:00:00.000Z', lastStudiedAt, completedAt, testPassedAt: null, version: 1,
  lessons: { l1: { studiedMs: 60_000, furthestSeconds: 0, positionSeconds: 0, completedAt, clockSeq: 3 } },
});

describe('the record', () => {
  it('counts 学时 of courses completed in the year in Shanghai, latest first', () => {
    // 2025-12-31T17:00Z is already 2026 in Shanghai.
    const record = recordOf([item('a', '2025-12-31T17:00:00.000Z'), item('b', '2025-06-01T00:00:00.000Z'), item('c', null)], 2026, 50);
    expect(shanghaiYear('2025-12-31T17:00:00.000Z')).toBe(2026);
    expect(record.creditThisYear).toBe(1);
    expect(record.completed.map((c) => c.courseId)).toEqual(['a', 'b']);
    expect(record.inProgress).toEqual([expect.objectContaining({ courseId: 'c', lessonsDone: 0 })]);
  });

  it('adds a final test’s 学时 in the year it was first passed, whether or not the course is complete', () => {
    const tested = (courseId: string, completedAt: string | null, testPassedAt: string) => ({ ...item(courseId, completedAt), testPassedAt, testQuizId: `q-${courseId}`, testCredit: 0.5 });
    const record = recordOf([tested('a', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'), tested('b', null, '2026-04-01T00:00:00.000Z'), tested('c', null, '2025-04-01T00:00:00.000Z')], 2026, 50);
    // a: the course's 1 学时 and its test's 0.5; b: the test's 0.5 alone (its lessons are not done); c: another year.
    expect(record.creditThisYear).toBe(2);
    expect(record.testsPassed.map((t) => [t.courseId, t.credit])).toEqual([['b', 0.5], ['a', 0.5], ['c', 0.5]]);
  });
});

describe('progress with the clock', () => {
  const slot = (seq: number, studiedMs: number): Slot => ({
    courseId: 'a', lessonId: 'l1', seq, at: '2026-02-01T00:00:00.000Z', studiedMs, furthestSeconds: 0, positionSeconds: 0, completedAt: null,
    flushedSeq: 0, flushedMs: 0, flushedDone: false, courseCompletedAt: null,
  });

  it('adds what the clock holds beyond the item, and nothing older than it', () => {
    expect(withClock(item('a', null), { ...emptyClock(), seq: 5, open: slot(5, 90_000) }, 'a')!.lessons.l1!.studiedMs).toBe(90_000);
    expect(withClock(item('a', null), { ...emptyClock(), seq: 5, open: slot(2, 10_000) }, 'a')!.lessons.l1!.studiedMs).toBe(60_000);
    expect(withClock(undefined, undefined, 'a')).toBeUndefined();
  });

  it('summarises each lesson of the course, a lesson not studied yet as zero', () => {
    const summary = summarise({ lessons: { l1: { studiedMs: 61_500, furthestSeconds: 3, positionSeconds: 4, completedAt: null } }, completedAt: null }, ['l1', 'l2']);
    expect(summary.lessons).toEqual([
      { lessonId: 'l1', studiedSeconds: 61, furthestSeconds: 3, positionSeconds: 4, completedAt: null },
      { lessonId: 'l2', studiedSeconds: 0, furthestSeconds: 0, positionSeconds: 0, completedAt: null },
    ]);
  });
});
