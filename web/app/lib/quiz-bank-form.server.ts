/**
 * The question editor's submitted form as the API's body (createQuestion, updateQuestion), and as the values to show
 * again when the API refuses it. Option rows arrive as parallel lists (text, image key, new image upload); empty rows
 * are dropped and the "correct" boxes follow their options to their new positions.
 */
import type { QuestionFormValues } from '../components/question-form';
import { difficulties, questionKinds, splitTags, type Difficulty, type QuestionKind } from './quiz-bank';
import { formText } from './respond.server';

const all = (form: FormData, name: string) => form.getAll(name).map((value) => (typeof value === 'string' ? value : ''));

export interface ReadQuestion {
  values: QuestionFormValues;
  /** null when the points are not a number (the page says so before asking the API). */
  body: {
    kind: QuestionKind;
    stem: string;
    stemImageUploadId?: string;
    removeStemImage?: boolean;
    options: Array<{ text: string; imageUploadId?: string; imageKey?: string }>;
    answer: Array<number | string>;
    explanation: string;
    difficulty: Difficulty;
    points: number;
    tags: string[];
  } | null;
}

export function readQuestionForm(form: FormData, keep: { stemImageUrl: string | null; optionImageUrls?: Map<string, string | null> }): ReadQuestion {
  const kindText = formText(form, 'kind');
  const kind: QuestionKind = (questionKinds as readonly string[]).includes(kindText) ? (kindText as QuestionKind) : 'single';
  const difficultyText = formText(form, 'difficulty');
  const difficulty: Difficulty = (difficulties as readonly string[]).includes(difficultyText) ? (difficultyText as Difficulty) : 'medium';
  const texts = all(form, 'optionText').map((text) => text.trim());
  const keys = all(form, 'optionImageKey');
  const uploads = all(form, 'optionImageUploadId');
  const removed = new Set(all(form, 'optionImageRemove').map(Number));
  const correct = new Set(all(form, 'correct').map(Number));

  // Rows with text (or an image) become options, in order; "correct" moves with its option.
  const options: NonNullable<ReadQuestion['body']>['options'] = [];
  const shown: QuestionFormValues['options'] = [];
  const answerChoices: number[] = [];
  texts.forEach((text, row) => {
    const key = removed.has(row) ? '' : (keys[row] ?? '');
    const upload = uploads[row] ?? '';
    if (text === '' && key === '' && upload === '') return;
    if (correct.has(row)) answerChoices.push(options.length);
    options.push({ text, ...(upload ? { imageUploadId: upload } : key ? { imageKey: key } : {}) });
    shown.push({ text, ...(key ? { imageKey: key, imageUrl: keep.optionImageUrls?.get(key) ?? null } : {}) });
  });
  while (shown.length < 2) shown.push({ text: '' });

  const truth = formText(form, 'truth');
  const accepted = formText(form, 'accepted');
  const pointsText = formText(form, 'points');
  const stemImageUploadId = formText(form, 'stemImageUploadId');
  const values: QuestionFormValues = {
    kind,
    ownerUnitId: formText(form, 'ownerUnitId'),
    stem: formText(form, 'stem'),
    stemImageUrl: form.get('removeStemImage') === 'true' ? null : keep.stemImageUrl,
    options: shown,
    correct: answerChoices,
    truth: truth === '0' || truth === '1' ? truth : '',
    accepted,
    explanation: formText(form, 'explanation'),
    difficulty,
    points: pointsText,
    tags: formText(form, 'tags'),
  };

  const points = pointsText === '' ? 1 : Number(pointsText);
  if (!Number.isFinite(points)) return { values, body: null };
  const choice = kind === 'single' || kind === 'multiple';
  const answer: Array<number | string> = choice
    ? answerChoices
    : kind === 'truefalse'
      ? values.truth === ''
        ? []
        : [Number(values.truth)]
      : accepted
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== '');
  return {
    values,
    body: {
      kind,
      stem: values.stem,
      ...(stemImageUploadId ? { stemImageUploadId } : {}),
      ...(form.get('removeStemImage') === 'true' ? { removeStemImage: true } : {}),
      options: choice ? options : [],
      answer,
      explanation: values.explanation,
      difficulty,
      points,
      tags: splitTags(values.tags),
    },
  };
}
