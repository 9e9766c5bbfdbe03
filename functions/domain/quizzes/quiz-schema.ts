/**
 * The inputs of the quiz and attempt use cases (the quiz and the attempt themselves are `Quiz` and `Attempt` in
 * schema.ts). Times are instants (ISO 8601 with an offset) or null for "no limit".
 */
import { z } from 'zod';
import { AttemptCounting, Id, MAX_QUIZ_QUESTIONS, QuizItem, QuizTitle, ReviewPolicy, TakerAnswer, Timestamp } from './schema.js';
import './messages.js';

const Settings = {
  title: QuizTitle,
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  timeLimitMinutes: z.number().int().min(1).max(600).nullable(),
  opensAt: z.iso.datetime({ offset: true }).nullable(),
  closesAt: z.iso.datetime({ offset: true }).nullable(),
  attemptsAllowed: z.number().int().min(1).max(100).nullable(),
  passPercent: z.number().min(0).max(100),
  counts: AttemptCounting,
  review: ReviewPolicy,
  items: z.array(QuizItem).min(1).max(MAX_QUIZ_QUESTIONS),
};

export const CreateQuizInput = z
  .object({
    ...Settings,
    shuffleQuestions: Settings.shuffleQuestions.default(false),
    shuffleOptions: Settings.shuffleOptions.default(false),
    timeLimitMinutes: Settings.timeLimitMinutes.default(null),
    opensAt: Settings.opensAt.default(null),
    closesAt: Settings.closesAt.default(null),
    attemptsAllowed: Settings.attemptsAllowed.default(null),
    passPercent: Settings.passPercent.default(60),
    counts: Settings.counts.default('best'),
    review: Settings.review.default({ when: 'afterSubmit', show: 'full' }),
    /** The unit whose editors manage it; defaults to the creator's organizing unit (the root for admins). */
    ownerUnitId: Id.optional(),
    /** Makes the quiz this course's final test (passing it completes the course's test requirement). */
    courseId: Id.optional(),
  })
  .strict();
export type CreateQuizInput = z.infer<typeof CreateQuizInput>;

export const UpdateQuizInput = z
  .object({
    /** The version the editor read: a save over someone else's answers 409. */
    version: z.number().int().min(1),
    title: Settings.title.optional(),
    shuffleQuestions: Settings.shuffleQuestions.optional(),
    shuffleOptions: Settings.shuffleOptions.optional(),
    timeLimitMinutes: Settings.timeLimitMinutes.optional(),
    opensAt: Settings.opensAt.optional(),
    closesAt: Settings.closesAt.optional(),
    attemptsAllowed: Settings.attemptsAllowed.optional(),
    passPercent: Settings.passPercent.optional(),
    counts: Settings.counts.optional(),
    review: Settings.review.optional(),
    items: Settings.items.optional(),
  })
  .strict();
export type UpdateQuizInput = z.infer<typeof UpdateQuizInput>;

export const PublishQuizInput = z.object({ version: z.number().int().min(1) }).strict();

export const quizViews = ['take', 'manage'] as const;
export const ListQuizzesQuery = z
  .object({
    /** `take`: the published quizzes open to me, with my attempts; `manage`: the quizzes of the units I edit. */
    view: z.enum(quizViews).default('take'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

/** A save: the seq last confirmed, and the answers changed since (an empty list or text clears one). */
export const SaveAnswersInput = z
  .object({
    seq: z.number().int().min(0),
    answers: z.record(Id, TakerAnswer).refine((answers) => Object.keys(answers).length <= MAX_QUIZ_QUESTIONS, { message: 'too many answers' }),
  })
  .strict();
export type SaveAnswersInput = z.infer<typeof SaveAnswersInput>;

export { Timestamp };
