/**
 * Use cases of the question bank. Each takes the acting person and checks the permission through authz (who reaches
 * which bank: authz/questions.ts); the internal functions at the end (no actor) serve the quiz engine.
 */
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/clock.js';
import { recordAudit, diff } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { bankUnits, questionOwner, reachesBank } from '../authz/questions.js';
import { loadTree } from '../org/service.js';
import { downloadUrl, useUpload } from '../uploads/service.js';
import { insertQuestion, queryQuestionsByTag, queryQuestionsOfUnits, readQuestionHead, readQuestionVersions, replaceQuestion, type QuestionFilter } from './store.js';
import { checkQuestion } from './question-rules.js';
import { Question, type QuestionOption, type QuestionRef } from './schema.js';
import { CreateQuestionInput, ListQuestionsQuery, RetireQuestionInput, UpdateQuestionInput } from './bank-schema.js';
import { bankMessages } from './messages.js';

const notFound = () => new AppError('NOT_FOUND', { messageKey: bankMessages.questionNotFound });

function questionLabel(question: Pick<Question, 'questionId' | 'stem'>) {
  const stem = [...question.stem.replace(/\s+/g, ' ')];
  return { type: 'question' as const, id: question.questionId, label: stem.length > 60 ? `${stem.slice(0, 59).join('')}…` : stem.join('') };
}

/** A question as its editors read it: with its key, and short-lived addresses of its images beside their keys. */
export async function questionForEditor(question: Question) {
  return {
    ...question,
    stemImageUrl: question.stemImageKey ? await downloadUrl(question.stemImageKey) : null,
    options: await Promise.all(question.options.map(async (option) => ({ ...option, imageUrl: option.imageKey ? await downloadUrl(option.imageKey) : null }))),
  };
}

/** Builds a question from its parts, checking the whole (answer against kind and options) before the shape. */
function assemble(fields: Omit<Question, 'answer'> & { answer: Array<number | string> }): Question {
  const answer = checkQuestion(fields);
  return Question.parse({ ...fields, answer });
}

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** The banks the actor reaches (or one unit's and those below it), filtered, a page at a time. */
export async function listQuestions(actor: Actor | null, query: unknown = {}) {
  const grant = authorize(actor, 'listQuestions');
  const { unitId, tag, status, cursor, limit, ...rest } = ListQuestionsQuery.parse(query);
  const units = bankUnits(grant, actor!, await loadTree(), unitId);
  const filter: QuestionFilter = { ...rest, ...(status === 'all' ? {} : { retired: status === 'retired' }) };
  const page = { cursor: cursor ?? null, ...(limit ? { limit } : {}) };
  const found = tag ? await queryQuestionsByTag(tag, new Set(units), filter, page) : await queryQuestionsOfUnits(units, filter, page);
  return { items: await Promise.all(found.items.map(questionForEditor)), cursor: found.cursor };
}

/** One question as its editors read it (its latest version, with its key); out of reach answers as missing. */
export async function getQuestion(actor: Actor | null, questionId: string) {
  const grant = authorize(actor, 'getQuestion');
  const [tree, question] = await Promise.all([loadTree(), readQuestionHead(questionId)]);
  if (!question || !reachesBank(grant, actor!, question.ownerUnitId, tree)) throw notFound();
  return questionForEditor(question);
}

// ─── Editing ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function createQuestion(actor: Actor | null, input: unknown) {
  const grant = authorize(actor, 'createQuestion');
  const data = CreateQuestionInput.parse(input);
  const ownerUnitId = questionOwner(grant, actor!, data.ownerUnitId, await loadTree());
  const checked = checkQuestion(data);
  const now = nowIso();
  const question = assemble({
    questionId: newId(),
    version: 1,
    ownerUnitId,
    kind: data.kind,
    stem: data.stem,
    ...(data.stemImageUploadId ? { stemImageKey: await useUpload(actor!, data.stemImageUploadId, 'cover') } : {}),
    options: await optionsWithImages(actor!, data.options, []),
    answer: checked,
    explanation: data.explanation,
    difficulty: data.difficulty,
    points: data.points,
    tags: data.tags,
    retired: false,
    createdBy: actor!.personId,
    createdAt: now,
    updatedAt: now,
  } as Omit<Question, 'answer'> & { answer: Array<number | string> });
  await insertQuestion(question);
  await recordAudit({ action: 'createQuestion', actor, target: questionLabel(question), changes: diff({}, question, ['questionId', 'createdBy']) });
  return questionForEditor(question);
}

/**
 * The options as they will be stored: a new image by its checked upload, or the image an option already had in the
 * version being edited (a key it did not have is refused: no one points a question at someone else's file).
 */
async function optionsWithImages(actor: Actor, options: Array<{ text: string; imageUploadId?: string | undefined; imageKey?: string | undefined }>, known: readonly QuestionOption[]): Promise<QuestionOption[]> {
  const keys = new Set(known.flatMap((option) => (option.imageKey ? [option.imageKey] : [])));
  return Promise.all(
    options.map(async (option, index) => {
      if (option.imageUploadId) return { text: option.text, imageKey: await useUpload(actor, option.imageUploadId, 'cover') };
      if (option.imageKey) {
        if (!keys.has(option.imageKey)) throw new AppError('VALIDATION', { details: [{ path: `options.${index}.imageKey` }] });
        return { text: option.text, imageKey: option.imageKey };
      }
      return { text: option.text };
    }),
  );
}

/** A question the actor may edit under this operation; any other answers as if it did not exist. */
async function editableQuestion(actor: Actor | null, operation: 'updateQuestion' | 'retireQuestion', questionId: string, version: number) {
  const grant = authorize(actor, operation);
  const [tree, question] = await Promise.all([loadTree(), readQuestionHead(questionId)]);
  if (!question || !reachesBank(grant, actor!, question.ownerUnitId, tree)) throw notFound();
  if (question.version !== version) {
    throw new AppError('CONFLICT', {
      messageKey: 'versionConflict',
      params: { expected: version, actual: question.version },
      details: { expectedVersion: version, currentVersion: question.version },
    });
  }
  return question;
}

/** Saves an edit as a new version; attempts given an older version keep it. A retired question is not edited. */
export async function updateQuestion(actor: Actor | null, questionId: string, input: unknown) {
  const { version, stemImageUploadId, removeStemImage, options, ...changes } = UpdateQuestionInput.parse(input);
  const current = await editableQuestion(actor, 'updateQuestion', questionId, version);
  if (current.retired) throw new AppError('CONFLICT', { messageKey: bankMessages.questionRetired });
  const stemImageKey = stemImageUploadId ? await useUpload(actor!, stemImageUploadId, 'cover') : removeStemImage ? undefined : current.stemImageKey;
  const { stemImageKey: _old, ...kept } = current;
  const next = assemble({
    ...kept,
    ...changes,
    ...(stemImageKey ? { stemImageKey } : {}),
    options: options ? await optionsWithImages(actor!, options, current.options) : current.options,
    answer: changes.answer ?? current.answer,
    version: current.version + 1,
    updatedAt: nowIso(),
  } as Omit<Question, 'answer'> & { answer: Array<number | string> });
  const saved = await replaceQuestion(current, next);
  await recordAudit({ action: 'updateQuestion', actor, target: questionLabel(saved), changes: diff(current, saved), details: { version: saved.version } });
  return questionForEditor(saved);
}

/**
 * Retires a question: it is never drawn or added to a quiz again, and attempts that used it keep it. Nothing is
 * deleted. Retiring a retired question changes nothing and answers it as it is.
 */
export async function retireQuestion(actor: Actor | null, questionId: string, input: unknown) {
  const { version } = RetireQuestionInput.parse(input);
  const current = await editableQuestion(actor, 'retireQuestion', questionId, version);
  if (current.retired) return questionForEditor(current);
  const saved = await replaceQuestion(current, { ...current, retired: true, version: current.version + 1, updatedAt: nowIso() });
  await recordAudit({ action: 'retireQuestion', actor, target: questionLabel(saved), details: { version: saved.version } });
  return questionForEditor(saved);
}

// ─── For the quiz engine (no actor: callers check the actor themselves) ────────────────────────────────────────────

/** Questions at the versions an attempt was given, keyed `questionId#version` (a version once stored never changes). */
export async function questionsAt(refs: readonly QuestionRef[]): Promise<Map<string, Question>> {
  return readQuestionVersions(refs);
}

/** The latest version of a question, retired or not; undefined when there is none. */
export async function currentQuestion(questionId: string): Promise<Question | undefined> {
  return readQuestionHead(questionId);
}

/** The active questions of these units' banks, each at its latest version (daily practice draws from them). */
export async function activeQuestionsOfUnits(unitIds: readonly string[]): Promise<Question[]> {
  const questions: Question[] = [];
  let cursor: string | null = null;
  do {
    const page = await queryQuestionsOfUnits(unitIds, { retired: false }, { cursor, limit: 500 });
    questions.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== null);
  return questions;
}
