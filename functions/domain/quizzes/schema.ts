/**
 * Questions (versioned), quizzes and attempts: the shapes the quiz engine (grading, draw, attempt, item-stats), the
 * question bank and the API speak. Storage shapes live in entities.ts.
 *
 * A question's key (its answer and explanation) is in `Question` only. What a taker's browser receives is
 * `QuestionForTaker`, a separate schema whose type forbids both fields (`answer?: never`), so handing a `Question`
 * where a `QuestionForTaker` is expected does not compile, and parsing one refuses it.
 *
 * Choice answers are ORIGINAL option indices (0-based, in the order the author wrote them), whatever order a taker
 * saw: grading and statistics never depend on a shuffle. A true/false question has no stored options; its answer is
 * [0] for true (对/正确) or [1] for false (错/错误), and a taker answers it the same way.
 */
import { z } from 'zod';
import { Id, text, Timestamp } from '../../platform/fields.js';
import { quizEngineLabels } from './messages.js';

export { Id, Timestamp };

export const questionKinds = ['single', 'multiple', 'truefalse', 'fill'] as const;
export const QuestionKind = z.enum(questionKinds);
export type QuestionKind = z.infer<typeof QuestionKind>;

export const difficulties = ['easy', 'medium', 'hard'] as const;
export const Difficulty = z.enum(difficulties);
export type Difficulty = z.infer<typeof Difficulty>;

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;
/** A true/false question's two virtual options: 0 is true, 1 is false. */
export const TRUE = 0;
export const FALSE = 1;

// Free text, by the platform's one schema (docs/decisions/015).
export const Stem = text({ label: quizEngineLabels.stem, max: 2000, multiline: true });
export const OptionText = text({ label: quizEngineLabels.optionText, max: 500 });
export const Explanation = text({ label: quizEngineLabels.explanation, max: 5000, min: 0, multiline: true });
/** One accepted answer of a fill-in-the-blank question (compared after folding; see grading.ts). */
export const AcceptedAnswer = text({ label: quizEngineLabels.acceptedAnswer, max: 200 });
/** A category (知识点). */
export const Tag = text({ label: quizEngineLabels.tag, max: 30 });
export const QuizTitle = text({ label: quizEngineLabels.quizTitle, max: 80 });

/** The S3 key of a checked image (as a course cover's). */
export const ImageKey = z.string().min(1).max(300);
/** Points of a question: halves allowed (0.5 … 100). */
export const Points = z.number().min(0.5).max(100).multipleOf(0.5);
export const OptionIndex = z.number().int().min(0).max(MAX_OPTIONS - 1);
export const QuestionVersion = z.number().int().min(1);

export const QuestionOption = z.object({ text: OptionText, imageKey: ImageKey.optional() });
export type QuestionOption = z.infer<typeof QuestionOption>;

const ChoiceOptions = z.array(QuestionOption).min(MIN_OPTIONS).max(MAX_OPTIONS);
const NoOptions = z.array(QuestionOption).max(0);

/** Indices without repeats, in ascending order (one stored form for one key). */
const Choices = z
  .array(OptionIndex)
  .max(MAX_OPTIONS)
  .refine((list) => list.every((value, i) => i === 0 || value > list[i - 1]!), { message: 'choices must be distinct and ascending' });

const QuestionBase = z.object({
  questionId: Id,
  /** 1 for the first; an edit makes a new version and attempts keep the version they were given. */
  version: QuestionVersion,
  /** The unit whose organizers may edit it (an admin's questions belong to the root). */
  ownerUnitId: Id,
  stem: Stem,
  stemImageKey: ImageKey.optional(),
  /** 解析: shown only when the quiz's review policy allows (attempt.ts). */
  explanation: Explanation,
  difficulty: Difficulty,
  points: Points,
  /** Categories (知识点) that draw rules pick from. */
  tags: z.array(Tag).max(10),
  /** A retired question is never drawn or added again; attempts that used it keep it. */
  retired: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: Id,
});

export const SingleQuestion = QuestionBase.extend({ kind: z.literal('single'), options: ChoiceOptions, answer: Choices.length(1) });
/** Multiple choice is graded all-or-nothing (grading.ts): the key is the exact set of correct options. */
export const MultipleQuestion = QuestionBase.extend({ kind: z.literal('multiple'), options: ChoiceOptions, answer: Choices.min(1) });
export const TrueFalseQuestion = QuestionBase.extend({
  kind: z.literal('truefalse'),
  options: NoOptions,
  answer: z.tuple([z.union([z.literal(TRUE), z.literal(FALSE)])]),
});
export const FillQuestion = QuestionBase.extend({ kind: z.literal('fill'), options: NoOptions, answer: z.array(AcceptedAnswer).min(1).max(20) });

/** One version of a question, with its key. Choice answers must point at options that exist. */
export const Question = z
  .discriminatedUnion('kind', [SingleQuestion, MultipleQuestion, TrueFalseQuestion, FillQuestion])
  .superRefine((question, ctx) => {
    if (question.kind !== 'single' && question.kind !== 'multiple') return;
    for (const index of question.answer) {
      if (index >= question.options.length) ctx.addIssue({ code: 'custom', path: ['answer'], message: `option ${index} does not exist`, input: index });
    }
  });
export type Question = z.infer<typeof Question>;
export type ChoiceQuestion = Extract<Question, { kind: 'single' | 'multiple' }>;

/** A reference to one version of a question. */
export const QuestionRef = z.object({ questionId: Id, version: QuestionVersion });
export type QuestionRef = z.infer<typeof QuestionRef>;

// ─── What a taker receives ──────────────────────────────────────────────────────────────────────────────────────────

/** An option as shown to a taker: in the order shown, each with its original index (`choice`), which is what the taker answers with. */
export const OptionForTaker = z.object({ choice: OptionIndex, text: OptionText, imageKey: ImageKey.optional() }).strict();
export type OptionForTaker = z.infer<typeof OptionForTaker>;

/**
 * A question as a taker's browser may see it during an attempt: no answer, no explanation, no difficulty or tags.
 * `answer` and `explanation` are typed `never`, so a `Question` cannot be passed as one, and `.strict()` refuses
 * any other key at parse time.
 */
export const QuestionForTaker = z
  .object({
    questionId: Id,
    version: QuestionVersion,
    kind: QuestionKind,
    stem: Stem,
    stemImageKey: ImageKey.optional(),
    options: z.array(OptionForTaker).max(MAX_OPTIONS),
    points: Points,
    answer: z.never().optional(),
    explanation: z.never().optional(),
  })
  .strict();
export type QuestionForTaker = z.infer<typeof QuestionForTaker>;

/**
 * A taker's answer to one question: original option indices for choice and true/false questions (one for single
 * and true/false), or the typed text for fill-in-the-blank. An empty list or empty text is no answer.
 */
export const TakerAnswer = z.union([z.array(OptionIndex).max(MAX_OPTIONS), text({ label: quizEngineLabels.answer, max: 200, min: 0 })]);
export type TakerAnswer = z.infer<typeof TakerAnswer>;

/** Answers by question id. */
export const Answers = z.record(Id, TakerAnswer);
export type Answers = z.infer<typeof Answers>;

// ─── Quizzes ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** A question always in the quiz (its current version at the moment an attempt starts). */
export const FixedItem = z.object({ kind: z.literal('fixed'), questionId: Id }).strict();
/** `count` questions drawn for each attempt from the active questions with this tag and difficulty (either optional). */
export const DrawRule = z
  .object({ kind: z.literal('draw'), count: z.number().int().min(1).max(200), tag: Tag.optional(), difficulty: Difficulty.optional() })
  .strict();
export const QuizItem = z.discriminatedUnion('kind', [FixedItem, DrawRule]);
export type FixedItem = z.infer<typeof FixedItem>;
export type DrawRule = z.infer<typeof DrawRule>;
export type QuizItem = z.infer<typeof QuizItem>;

export const reviewTimes = ['afterSubmit', 'afterClose'] as const;
export const reviewContents = ['scoreOnly', 'full'] as const;
/** When a taker may see the review, and what it shows (the score only, or the answers and explanations too). */
export const ReviewPolicy = z.object({ when: z.enum(reviewTimes), show: z.enum(reviewContents) }).strict();
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;

export const attemptCounting = ['best', 'last'] as const;
export const AttemptCounting = z.enum(attemptCounting);
export type AttemptCounting = z.infer<typeof AttemptCounting>;

export const quizStatuses = ['draft', 'published'] as const;
export const QuizStatus = z.enum(quizStatuses);

export const MAX_QUIZ_QUESTIONS = 200;

export const Quiz = z.object({
  quizId: Id,
  title: QuizTitle,
  ownerUnitId: Id,
  /** Set when the quiz is a course's final test. */
  courseId: Id.optional(),
  items: z.array(QuizItem).min(1).max(MAX_QUIZ_QUESTIONS),
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  /** Minutes from the start of an attempt; null for no limit (the closing time still ends an attempt). */
  timeLimitMinutes: z.number().int().min(1).max(600).nullable(),
  opensAt: Timestamp.nullable(),
  closesAt: Timestamp.nullable(),
  /** Attempts a person may start; null for no limit. */
  attemptsAllowed: z.number().int().min(1).max(100).nullable(),
  /** The share of the points (0–100) needed to pass. */
  passPercent: z.number().min(0).max(100),
  counts: AttemptCounting,
  review: ReviewPolicy,
  status: QuizStatus,
  version: z.number().int().min(1),
  createdBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Quiz = z.infer<typeof Quiz>;

// ─── Attempts ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const attemptStates = ['open', 'submitted', 'expired'] as const;
export const AttemptState = z.enum(attemptStates);
export type AttemptState = z.infer<typeof AttemptState>;

/**
 * One question of an attempt: the version it was given, its kind, and the order its options are shown in (original
 * indices; empty for true/false and fill). The kind and the options let a save be checked without reading questions.
 */
export const AttemptQuestion = QuestionRef.extend({ kind: QuestionKind, optionOrder: z.array(OptionIndex).max(MAX_OPTIONS) });
export type AttemptQuestion = z.infer<typeof AttemptQuestion>;

/** How one question of a graded attempt went. */
export const QuestionResult = QuestionRef.extend({ points: Points, earned: z.number().min(0), correct: z.boolean(), answered: z.boolean() });
export type QuestionResult = z.infer<typeof QuestionResult>;

export const Attempt = z.object({
  attemptId: Id,
  quizId: Id,
  /** The quiz's version when the attempt started. */
  quizVersion: z.number().int().min(1),
  /** The pass mark when the attempt started: a later change of the quiz does not move it. */
  passPercent: z.number().min(0).max(100),
  personId: Id,
  /** 1 for a person's first attempt at the quiz. */
  number: z.number().int().min(1),
  /** The questions in the order shown. */
  questions: z.array(AttemptQuestion).min(1).max(MAX_QUIZ_QUESTIONS),
  answers: Answers,
  /** Save sequence: the number of accepted saves; a save must name the current one (attempt.ts). */
  seq: z.number().int().min(0),
  startedAt: Timestamp,
  /** When answers stop being accepted (plus a grace, attempt.ts); null when neither a time limit nor a closing time applies. */
  deadline: Timestamp.nullable(),
  state: AttemptState,
  /** When the taker submitted, or when the attempt was closed for them. */
  finishedAt: Timestamp.optional(),
  score: z.number().min(0).optional(),
  maxScore: z.number().min(0).optional(),
  /** score / maxScore × 100, rounded to 2 decimals. */
  percent: z.number().min(0).max(100).optional(),
  passed: z.boolean().optional(),
  gradedAt: Timestamp.optional(),
  results: z.array(QuestionResult).optional(),
});
export type Attempt = z.infer<typeof Attempt>;

/** An attempt as its taker sees it while it is open: the questions without their keys, the answers saved so far. */
export const AttemptForTaker = z
  .object({
    attemptId: Id,
    quizId: Id,
    number: z.number().int().min(1),
    questions: z.array(QuestionForTaker),
    answers: Answers,
    seq: z.number().int().min(0),
    startedAt: Timestamp,
    deadline: Timestamp.nullable(),
    state: AttemptState,
    finishedAt: Timestamp.optional(),
  })
  .strict();
export type AttemptForTaker = z.infer<typeof AttemptForTaker>;

/** A question in a full review: the question with its key, what the taker answered, and what it earned. */
export const ReviewedQuestion = z.object({
  question: Question,
  optionOrder: z.array(OptionIndex),
  given: TakerAnswer.optional(),
  earned: z.number().min(0),
  correct: z.boolean(),
});

/** What a taker may see of a finished attempt, as the review policy allows (attempt.ts `reviewOf`). */
export const AttemptReview = z.object({
  attemptId: Id,
  state: AttemptState,
  score: z.number().min(0),
  maxScore: z.number().min(0),
  percent: z.number().min(0).max(100),
  passed: z.boolean(),
  /** Present only when the policy shows answers and explanations. */
  questions: z.array(ReviewedQuestion).optional(),
});
export type AttemptReview = z.infer<typeof AttemptReview>;
