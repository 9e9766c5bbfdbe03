/**
 * The inputs of the question bank's use cases (the question itself, as stored, is `Question` in schema.ts). Answers
 * come as the stored form: choice indices (0 for A; [0] true, [1] false) or the accepted texts of a fill-in question.
 */
import { z } from 'zod';
import { Difficulty, Explanation, Id, ImageKey, MAX_OPTIONS, OptionText, Points, QuestionKind, QuestionVersion, Stem, Tag } from './schema.js';
import './messages.js';

/** A checked image (createUpload with purpose `cover`, then checkUpload), by its upload's id. */
const UploadId = z.string().min(1).max(40);

const NewOption = z.object({ text: OptionText, imageUploadId: UploadId.optional() }).strict();
/** An option of an edit: a new image by upload, or the image it already has (its key, as the bank answered it). */
const EditedOption = NewOption.extend({ imageKey: ImageKey.optional() }).strict();

/** Indices or texts; which fits the kind, and each text's characters, are checked with the whole question. */
const Answer = z.array(z.union([z.number().int().min(0).max(MAX_OPTIONS - 1), z.string().max(200)])).max(20);
const Tags = z
  .array(Tag)
  .max(10)
  .transform((tags) => [...new Set(tags)]);

export const CreateQuestionInput = z
  .object({
    kind: QuestionKind,
    stem: Stem,
    stemImageUploadId: UploadId.optional(),
    options: z.array(NewOption).max(MAX_OPTIONS).default([]),
    answer: Answer,
    explanation: Explanation.default(''),
    difficulty: Difficulty.default('medium'),
    points: Points.default(1),
    tags: Tags.default([]),
    /** The unit whose organizers may edit it; defaults to the creator's organizing unit (or the root for admins). */
    ownerUnitId: Id.optional(),
  })
  .strict();
export type CreateQuestionInput = z.infer<typeof CreateQuestionInput>;

export const UpdateQuestionInput = z
  .object({
    version: QuestionVersion,
    kind: QuestionKind.optional(),
    stem: Stem.optional(),
    stemImageUploadId: UploadId.optional(),
    /** Takes the stem's image away. */
    removeStemImage: z.boolean().optional(),
    /** The whole list of options, replacing the one there. */
    options: z.array(EditedOption).max(MAX_OPTIONS).optional(),
    answer: Answer.optional(),
    explanation: Explanation.optional(),
    difficulty: Difficulty.optional(),
    points: Points.optional(),
    tags: Tags.optional(),
  })
  .strict();
export type UpdateQuestionInput = z.infer<typeof UpdateQuestionInput>;

export const RetireQuestionInput = z.object({ version: QuestionVersion }).strict();

export const questionStatuses = ['active', 'retired', 'all'] as const;

export const ListQuestionsQuery = z.object({
  /** A unit's bank and those of the units below it (within the caller's reach). */
  unitId: Id.optional(),
  tag: Tag.optional(),
  difficulty: Difficulty.optional(),
  kind: QuestionKind.optional(),
  status: z.enum(questionStatuses).default('active'),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ListQuestionsQuery = z.infer<typeof ListQuestionsQuery>;
