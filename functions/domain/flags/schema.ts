/**
 * Data that deserves a second look (待核实的数据): flags computed from the records, shown to the organizers and
 * leaders who reach the people concerned, never to peers. Three kinds, each with its thresholds as data below (and
 * why each number); a flag is one fact, stored once under a natural key, open until someone dismisses it with a reason.
 */
import { z } from 'zod';
import { Id, Timestamp, text } from '../../platform/fields.js';
import { MAX_QUIZ_QUESTIONS } from '../quizzes/schema.js';
import { sessionsLabels } from '../sessions/messages.js';

export const FLAG_KINDS = ['fastQuiz', 'sharedDevice', 'longStretch'] as const;
export const FlagKind = z.enum(FLAG_KINDS);
export type FlagKind = z.infer<typeof FlagKind>;

/**
 * The thresholds, as data. Changing a number here changes what the next run raises; flags already raised stay.
 */
export const FLAG_RULES = {
  fastQuiz: {
    /**
     * Below 3 s a question nobody reads a stem and its options (a short single-choice question takes a careful
     * reader 8–15 s; 3 s is the time to tap an option at all), so an attempt this fast was answered without reading
     * — from a key held beside it, or by someone else's hand.
     */
    secondsPerQuestion: 3,
    /** Over 5 questions at least: a two-question check can honestly be done in a few seconds. */
    minQuestions: 5,
  },
  sharedDevice: {
    /**
     * Three different accounts on one browser within 10 minutes: two is a colleague lending a phone, or a couple at
     * home; three within minutes is one hand signing in for others to collect their study or check-ins.
     */
    minAccounts: 3,
    windowMinutes: 10,
  },
  longStretch: {
    /**
     * Three hours of study credited without a break (the clock credits at most one second a second and stops after
     * 45 s of silence): a person reading does stop now and then; a tab left playing, or a script, does not.
     */
    hours: 3,
  },
} as const;

/** How long an honest attempt may take at most and still be flagged (the job looks back this far for its start). */
export const fastQuizLookBackMs = FLAG_RULES.fastQuiz.secondsPerQuestion * 1000 * MAX_QUIZ_QUESTIONS;

export const FlagState = z.enum(['open', 'dismissed']);
export type FlagState = z.infer<typeof FlagState>;

/** A person a flag concerns, as they were when it was raised. */
export const FlagPerson = z.object({
  personId: Id,
  name: z.string(),
  login: z.string(),
  unitId: Id,
  branchId: Id.nullable(),
});
export type FlagPerson = z.infer<typeof FlagPerson>;

/** What was measured, per kind: enough to say it in words and to link to the record. */
export const FlagEvidence = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fastQuiz'),
    attemptId: Id,
    quizId: Id,
    quizTitle: z.string(),
    questions: z.number().int().min(1),
    seconds: z.number().min(0),
    startedAt: Timestamp,
    finishedAt: Timestamp,
    percent: z.number().nullable(),
  }),
  z.object({
    kind: z.literal('sharedDevice'),
    /** The first 12 hex characters of the device's hash (which device, without a way back to the cookie). */
    device: z.string(),
    signIns: z.array(z.object({ personId: Id, login: z.string(), at: Timestamp })).min(1).max(50),
  }),
  z.object({
    kind: z.literal('longStretch'),
    startedAt: Timestamp,
    endedAt: Timestamp,
    creditedSeconds: z.number().min(0),
    courseId: Id,
    lessonId: Id,
  }),
]);
export type FlagEvidence = z.infer<typeof FlagEvidence>;

export const Flag = z.object({
  flagId: Id,
  kind: FlagKind,
  /** The natural key of the fact (e.g. the attempt's id): one flag per fact, whoever raises it and how often. */
  factKey: z.string(),
  people: z.array(FlagPerson).min(1),
  /** When the fact happened (the attempt's end, the last sign-in of the window, the stretch's end). */
  at: Timestamp,
  raisedAt: Timestamp,
  evidence: FlagEvidence,
  state: FlagState,
  dismissedBy: Id.nullable(),
  dismissedByName: z.string().nullable(),
  dismissedAt: Timestamp.nullable(),
  dismissReason: z.string().nullable(),
});
export type Flag = z.infer<typeof Flag>;

/** A fact a detector found, before it is stored (the people are looked up by the service). */
export interface FlagFact {
  kind: FlagKind;
  factKey: string;
  personIds: string[];
  at: string;
  evidence: FlagEvidence;
}

export const ListFlagsQuery = z
  .object({
    /** Within this unit's subtree (people who sit or are members there). */
    unitId: Id.optional(),
    state: FlagState.default('open'),
  })
  .strict();

export const DismissFlagInput = z.object({ reason: text({ label: sessionsLabels.reason, max: 300, min: 2, multiline: true }) }).strict();
