import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastAttempts, flagIdOf, longStretch, sharedDevices, type DeviceSignIn } from './detect.js';
import type { AttemptTiming } from '../quizzes/quiz-service.js';

const attempt = (over: Partial<AttemptTiming>): AttemptTiming => ({
  attemptId: '01JD8X3Q5M2V7K9R4T6W8Y0Z1A',
  quizId: '01JD8X3Q5M2V7K9R4T6W8Y0Z1B',
  quizTitle: '党章测验',
  personId: '01JD8X3Q5M2V7K9R4T6W8Y0Z1C',
  questions: 12,
  startedAt: '2026-11-30T01:00:00.000Z',
  finishedAt: '2026-11-30T01:00:30.000Z',
  submitted: true,
  percent: 100,
  ...over,
});

describe('fast quiz attempts', () => {
  it('flags 12 questions in 30 s and says what was measured', () => {
    const [fact, ...rest] = fastAttempts([attempt({})]);
    expect(rest).toEqual([]);
    expect(fact).toMatchObject({ kind: 'fastQuiz', factKey: 'fastQuiz:01JD8X3Q5M2V7K9R4T6W8Y0Z1A', evidence: { questions: 12, seconds: 30 } });
  });
  it('leaves alone an attempt at the floor, a short quiz, and one closed by the clock', () => {
    expect(fastAttempts([attempt({ finishedAt: '2026-11-30T01:00:36.000Z' })])).toEqual([]);
    expect(fastAttempts([attempt({ questions: 4, finishedAt: '2026-11-30T01:00:02.000Z' })])).toEqual([]);
    expect(fastAttempts([attempt({ submitted: false })])).toEqual([]);
  });
});

const signIn = (personId: string, minute: number, deviceHash = 'a'.repeat(64)): DeviceSignIn => ({
  deviceHash,
  personId,
  login: `login-${personId}`,
  at: new Date(Date.UTC(2026, 10, 30, 1, minute)).toISOString(),
});

describe('many accounts from one device', () => {
  it('flags three accounts within ten minutes once, whatever else the run holds', () => {
    const facts = sharedDevices([signIn('p1', 0), signIn('p2', 4), signIn('p1', 5), signIn('p3', 9), signIn('p4', 3, 'b'.repeat(64))]);
    expect(facts).toHaveLength(1);
    expect(facts[0]!.personIds.sort()).toEqual(['p1', 'p2', 'p3']);
    expect(facts[0]!.evidence).toMatchObject({ kind: 'sharedDevice', device: 'aaaaaaaaaaaa' });
  });
  it('leaves alone two accounts, and three spread over more than ten minutes', () => {
    expect(sharedDevices([signIn('p1', 0), signIn('p2', 1), signIn('p1', 2)])).toEqual([]);
    expect(sharedDevices([signIn('p1', 0), signIn('p2', 6), signIn('p3', 12)])).toEqual([]);
  });
  it('finds the same fact (same key, same id) when a later run reads the window again with more in it', () => {
    const first = sharedDevices([signIn('p1', 0), signIn('p2', 1), signIn('p3', 2)])[0]!;
    const again = sharedDevices([signIn('p1', 0), signIn('p2', 1), signIn('p3', 2), signIn('p4', 8)])[0]!;
    expect(again.factKey).toBe(first.factKey);
    expect(flagIdOf(again)).toBe(flagIdOf(first));
  });
});

describe('study at the maximum rate for hours', () => {
  const start = Date.UTC(2026, 10, 30, 1);
  const stretch = { personId: 'p1', startedAtMs: start, courseId: '01JD8X3Q5M2V7K9R4T6W8Y0Z1B', lessonId: '01JD8X3Q5M2V7K9R4T6W8Y0Z1C' };
  it('flags a stretch of three hours, keyed by its start', () => {
    const fact = longStretch({ ...stretch, endedAtMs: start + 3 * 3_600_000, creditedMs: 3 * 3_600_000 });
    expect(fact).toMatchObject({ factKey: `longStretch:p1:${start}`, evidence: { creditedSeconds: 10_800 } });
  });
  it('leaves alone a stretch a minute short', () => {
    expect(longStretch({ ...stretch, endedAtMs: start + 3 * 3_600_000 - 60_000, creditedMs: 0 })).toBeUndefined();
  });
});

describe('flag ids', () => {
  it('are ULIDs, the same for the same fact and different for another', () => {
    const [a] = fastAttempts([attempt({})]);
    const [b] = fastAttempts([attempt({ attemptId: '01JD8X3Q5M2V7K9R4T6W8Y0Z2A' })]);
    expect(z.ulid().safeParse(flagIdOf(a!)).success).toBe(true);
    expect(flagIdOf(a!)).toBe(flagIdOf(fastAttempts([attempt({})])[0]!));
    expect(flagIdOf(b!)).not.toBe(flagIdOf(a!));
  });
});
