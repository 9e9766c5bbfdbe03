/**
 * Daily practice (每日一练): the admin's setting, a person's day of practice (its questions fixed once chosen, and
 * the first answer to each), and a person's record folded from the days gone by. Storage shapes are in entities.ts.
 *
 * Practice credits nothing and ranks no one: the record is the person's own (their streak and accuracy), and no
 * operation reads anyone else's.
 */
import { z } from 'zod';
import { day, Id, Timestamp } from '../../platform/fields.js';
import { AttemptQuestion, TakerAnswer } from '../quizzes/schema.js';
import { practiceLabels } from './messages.js';

export const DEFAULT_QUESTIONS_PER_DAY = 3;
export const MAX_QUESTIONS_PER_DAY = 20;
/** How many days back "recent" accuracy looks, today included. */
export const RECENT_DAYS = 30;

export const QuestionsPerDay = z.number().int().min(0).max(MAX_QUESTIONS_PER_DAY);
export const PracticeDayKey = day(practiceLabels.day);

/** The admin's setting: questions a day for everyone (0 turns practice off). */
export const PracticeSettings = z.object({
  questionsPerDay: QuestionsPerDay,
  updatedAt: Timestamp.nullable(),
  updatedBy: Id.nullable(),
});
export type PracticeSettings = z.infer<typeof PracticeSettings>;

export const SetPracticeSettingsInput = z.object({ questionsPerDay: QuestionsPerDay }).strict();
export type SetPracticeSettingsInput = z.infer<typeof SetPracticeSettingsInput>;

/** An answer to one of the day's questions; `day` is the day the page showed (a page left open past midnight is told so). */
export const AnswerPracticeInput = z.object({ day: PracticeDayKey, questionId: Id, answer: TakerAnswer }).strict();
export type AnswerPracticeInput = z.infer<typeof AnswerPracticeInput>;

/** The first answer to one of the day's questions, graded on the server; later ones change nothing. */
export const DayAnswer = z.object({ given: TakerAnswer, correct: z.boolean(), answeredAt: Timestamp });
export type DayAnswer = z.infer<typeof DayAnswer>;

/** One person's practice of one day: its questions (pinned versions) fixed at the first look, and the answers. */
export const PracticeDay = z.object({
  personId: Id,
  day: PracticeDayKey,
  questions: z.array(AttemptQuestion).min(1).max(MAX_QUESTIONS_PER_DAY),
  answers: z.record(Id, DayAnswer),
  createdAt: Timestamp,
});
export type PracticeDay = z.infer<typeof PracticeDay>;

export const Outcome = z.enum(['right', 'wrong']);
export type Outcome = z.infer<typeof Outcome>;

/** One past day's count, kept for recent accuracy. */
export const DayCount = z.object({ day: PracticeDayKey, answered: z.number().int().min(0), correct: z.number().int().min(0) });
export type DayCount = z.infer<typeof DayCount>;

/**
 * A person's practice up to the end of `foldedThrough` (a day before today: past days no longer change). Derived
 * from the day items, never added to by an answer: folding the same days again gives the same record.
 */
export const PracticeRecord = z.object({
  personId: Id,
  /** The last day folded in; null before any. */
  foldedThrough: PracticeDayKey.nullable(),
  /** Each question ever answered, by the outcome of its latest answer: a wrong one comes back until answered right. */
  outcomes: z.record(Id, Outcome),
  answered: z.number().int().min(0),
  correct: z.number().int().min(0),
  /** Counts of the days within the recent window before `foldedThrough`, oldest first (days without answers left out). */
  recent: z.array(DayCount),
  /** The run of consecutive complete days ending on `lastCompleteDay`. */
  streak: z.number().int().min(0),
  lastCompleteDay: PracticeDayKey.nullable(),
  /** 0 for a record not stored yet; every write is conditional on it. */
  version: z.number().int().min(0),
});
export type PracticeRecord = z.infer<typeof PracticeRecord>;
