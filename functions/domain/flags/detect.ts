/**
 * Pure detectors: from records to the facts worth a second look (schema.ts FLAG_RULES says the thresholds and why).
 * Each fact carries its natural key, so running a detector twice over the same records finds the same facts, and the
 * store keeps one flag per fact.
 */
import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import type { DeviceSignIn as AccessSignIn } from '../access/schema.js';
import type { AttemptTiming } from '../quizzes/quiz-service.js';
import { FLAG_RULES, type FlagFact } from './schema.js';

/** Attempts submitted faster than the floor a question allows, over enough questions. */
export function fastAttempts(attempts: readonly AttemptTiming[], rules = FLAG_RULES.fastQuiz): FlagFact[] {
  const facts: FlagFact[] = [];
  for (const attempt of attempts) {
    if (!attempt.submitted || attempt.questions < rules.minQuestions) continue;
    const seconds = (Date.parse(attempt.finishedAt) - Date.parse(attempt.startedAt)) / 1000;
    if (!(seconds >= 0) || seconds >= rules.secondsPerQuestion * attempt.questions) continue;
    facts.push({
      kind: 'fastQuiz',
      factKey: `fastQuiz:${attempt.attemptId}`,
      personIds: [attempt.personId],
      at: attempt.finishedAt,
      evidence: {
        kind: 'fastQuiz',
        attemptId: attempt.attemptId,
        quizId: attempt.quizId,
        quizTitle: attempt.quizTitle,
        questions: attempt.questions,
        seconds: Math.round(seconds * 10) / 10,
        startedAt: attempt.startedAt,
        finishedAt: attempt.finishedAt,
        percent: attempt.percent,
      },
    });
  }
  return facts;
}

/** A successful sign-in from a browser, as the access area records it (its tidying time aside). */
export type DeviceSignIn = Omit<AccessSignIn, 'expiresAt'>;

/**
 * Devices from which at least `minAccounts` different accounts signed in within `windowMinutes`. One fact per device
 * and window: a window opens at the first sign-in that starts a qualifying run and takes every sign-in of the device
 * until `windowMinutes` after it, so the same run read again (by a later, overlapping job) has the same key.
 */
export function sharedDevices(signIns: readonly DeviceSignIn[], rules = FLAG_RULES.sharedDevice): FlagFact[] {
  const windowMs = rules.windowMinutes * 60_000;
  const byDevice = new Map<string, DeviceSignIn[]>();
  for (const signIn of signIns) {
    const list = byDevice.get(signIn.deviceHash) ?? [];
    list.push(signIn);
    byDevice.set(signIn.deviceHash, list);
  }
  const facts: FlagFact[] = [];
  for (const [deviceHash, list] of byDevice) {
    list.sort((a, b) => a.at.localeCompare(b.at));
    let i = 0;
    while (i < list.length) {
      const start = Date.parse(list[i]!.at);
      const inWindow = list.slice(i).filter((s) => Date.parse(s.at) - start <= windowMs);
      const accounts = new Set(inWindow.map((s) => s.personId));
      if (accounts.size < rules.minAccounts) {
        i++;
        continue;
      }
      facts.push({
        kind: 'sharedDevice',
        factKey: `sharedDevice:${deviceHash}:${list[i]!.at}`,
        personIds: [...accounts],
        at: inWindow[inWindow.length - 1]!.at,
        evidence: { kind: 'sharedDevice', device: deviceHash.slice(0, 12), signIns: inWindow.slice(0, 50).map(({ personId, login, at }) => ({ personId, login, at })) },
      });
      i += inWindow.length;
    }
  }
  return facts;
}

/** A stretch of study the clock credited without a break. */
export interface StudyStretch {
  personId: string;
  startedAtMs: number;
  endedAtMs: number;
  creditedMs: number;
  courseId: string;
  lessonId: string;
}

/** The stretch, when it ran at least the rule's hours (one fact per stretch: its person and start). */
export function longStretch(stretch: StudyStretch, rules = FLAG_RULES.longStretch): FlagFact | undefined {
  if (stretch.endedAtMs - stretch.startedAtMs < rules.hours * 3_600_000) return undefined;
  return {
    kind: 'longStretch',
    factKey: `longStretch:${stretch.personId}:${stretch.startedAtMs}`,
    personIds: [stretch.personId],
    at: new Date(stretch.endedAtMs).toISOString(),
    evidence: {
      kind: 'longStretch',
      startedAt: new Date(stretch.startedAtMs).toISOString(),
      endedAt: new Date(stretch.endedAtMs).toISOString(),
      creditedSeconds: Math.round(stretch.creditedMs / 1000),
      courseId: stretch.courseId,
      lessonId: stretch.lessonId,
    },
  };
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The moment a fact is anchored at, which never changes when it is found again (a window's first sign-in). */
function anchorOf(fact: FlagFact): string {
  switch (fact.evidence.kind) {
    case 'sharedDevice':
      return fact.evidence.signIns[0]!.at;
    case 'longStretch':
      return fact.evidence.startedAt;
    case 'fastQuiz':
      return fact.evidence.finishedAt;
  }
}

/**
 * A flag's id from its fact: a ULID whose time is the fact's anchor and whose random part is a hash of the fact's
 * key, so the same fact always gets the same id (the create-once write then keeps one flag per fact).
 */
export function flagIdOf(fact: FlagFact): string {
  const digest = createHash('sha256').update(fact.factKey).digest();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += crockford[digest[i]! % 32];
  return encodeTime(Math.max(0, Math.min(Date.parse(anchorOf(fact)), 2 ** 48 - 1)), 10) + tail;
}
