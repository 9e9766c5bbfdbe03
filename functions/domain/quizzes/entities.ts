/**
 * How the question bank sits in the single table (see README.md beside this file for the chart). A question is a
 * head item (its latest version, where the bank lists it), one immutable item per version (what attempts read), and
 * one tag item per category (the index draw rules read). A quiz is one item guarded by its version; an attempt is
 * one item (every save is one conditional write on it) with a create-once slot per person, quiz and attempt number
 * that keeps a person to one attempt of each number (README.md: how starting stays single).
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';
import { attemptStates, difficulties, questionKinds, quizStatuses } from './schema.js';

const service = 'dangjian';

/** The attributes every stored version of a question has (the head is the latest version). */
const questionAttributes = {
  questionId: { type: 'string', required: true, readOnly: true },
  version: { type: 'number', required: true },
  ownerUnitId: { type: 'string', required: true },
  kind: { type: questionKinds, required: true },
  stem: { type: 'string', required: true },
  stemImageKey: { type: 'string' },
  /** [{ text, imageKey? }], in the order the author wrote them (answers are indices into it). */
  options: { type: 'any', required: true },
  /** Choice indices, or the accepted texts of a fill-in question. */
  answer: { type: 'any', required: true },
  explanation: { type: 'string' },
  difficulty: { type: difficulties, required: true },
  points: { type: 'number', required: true },
  tags: { type: 'list', items: { type: 'string' }, required: true },
  retired: { type: 'boolean', required: true },
  createdBy: { type: 'string', required: true },
  createdAt: { type: 'string', required: true },
  updatedAt: { type: 'string', required: true },
} as const;

/** The value of a sparse index's key attribute on items that stay out of the index. */
export const noKey = '-';

/** Version numbers padded so the versions of a question sort in order (V#000001 …). */
export const versionKey = (version: number) => String(version).padStart(6, '0');

export function createQuizEntities(client: DynamoDBDocumentClient, table: string) {
  /** The latest version of a question: what the bank lists and edits, guarded by its version. */
  const questionHead = new Entity(
    {
      model: { entity: 'questionHead', version: '1', service },
      attributes: questionAttributes,
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['questionId'], template: 'QUESTION#${questionId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'HEAD', casing: 'none' },
        },
        /** A unit's bank, newest question first (ids are time-sortable). */
        byOwner: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['ownerUnitId'], template: 'QBANK#${ownerUnitId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['questionId'], template: '${questionId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /** One version of a question, written once and never changed: attempts keep the version they were given. */
  const questionVersion = new Entity(
    {
      model: { entity: 'questionVersion', version: '1', service },
      attributes: { ...questionAttributes, versionKey: { type: 'string', required: true, readOnly: true } },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['questionId'], template: 'QUESTION#${questionId}', casing: 'none' },
          sk: { field: 'sk', composite: ['versionKey'], template: 'V#${versionKey}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /**
   * A question's membership of one category, for draw rules (N questions of a category and difficulty) and the
   * bank's filter by category. An index entry only: the head decides, and a reader drops entries the head disowns.
   */
  const questionTag = new Entity(
    {
      model: { entity: 'questionTag', version: '1', service },
      attributes: {
        questionId: { type: 'string', required: true, readOnly: true },
        tag: { type: 'string', required: true, readOnly: true },
        ownerUnitId: { type: 'string', required: true },
        difficulty: { type: difficulties, required: true },
        /** The head version this entry was written for: an older writer never overwrites a newer one's entry. */
        version: { type: 'number', required: true },
      },
      indexes: {
        byQuestion: {
          pk: { field: 'pk', composite: ['questionId'], template: 'QUESTION#${questionId}', casing: 'none' },
          sk: { field: 'sk', composite: ['tag'], template: 'TAG#${tag}', casing: 'none' },
        },
        /** The active questions of a category, by difficulty. */
        byTag: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: ['tag'], template: 'QTAG#${tag}', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['difficulty', 'questionId'], template: '${difficulty}#${questionId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /** A quiz: its settings and items, guarded by its version. */
  const quiz = new Entity(
    {
      model: { entity: 'quiz', version: '1', service },
      attributes: {
        quizId: { type: 'string', required: true, readOnly: true },
        title: { type: 'string', required: true },
        ownerUnitId: { type: 'string', required: true },
        courseId: { type: 'string' },
        /** The course's id, or `noKey` for a quiz of its own (the course index is sparse on it). */
        courseKey: { type: 'string', required: true },
        items: { type: 'any', required: true },
        shuffleQuestions: { type: 'boolean', required: true },
        shuffleOptions: { type: 'boolean', required: true },
        timeLimitMinutes: { type: 'any', required: true },
        opensAt: { type: 'any', required: true },
        closesAt: { type: 'any', required: true },
        attemptsAllowed: { type: 'any', required: true },
        passPercent: { type: 'number', required: true },
        counts: { type: ['best', 'last'] as const, required: true },
        review: { type: 'any', required: true },
        status: { type: quizStatuses, required: true },
        version: { type: 'number', required: true },
        createdBy: { type: 'string', required: true },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['quizId'], template: 'QUIZ#${quizId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'QUIZ', casing: 'none' },
        },
        /** The quizzes a unit owns, newest first. */
        byOwner: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['ownerUnitId'], template: 'QUIZUNIT#${ownerUnitId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['quizId'], template: '${quizId}', casing: 'none' },
        },
        /** A course's final test (sparse: quizzes of a course only). */
        byCourse: {
          index: 'gsi2',
          condition: (attr: { courseKey?: string }) => attr.courseKey !== noKey,
          pk: { field: 'gsi2pk', composite: ['courseKey'], template: 'QUIZCOURSE#${courseKey}', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['quizId'], template: '${quizId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /**
   * A person's place for attempt number N at a quiz, written once before the attempt: two starts racing for the same
   * number cannot both win, and the person's attempts at a quiz are one strongly consistent query.
   */
  const attemptSlot = new Entity(
    {
      model: { entity: 'attemptSlot', version: '1', service },
      attributes: {
        quizId: { type: 'string', required: true, readOnly: true },
        personId: { type: 'string', required: true, readOnly: true },
        numberKey: { type: 'string', required: true, readOnly: true },
        attemptId: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byTaker: {
          pk: { field: 'pk', composite: ['quizId', 'personId'], template: 'QTAKER#${quizId}#${personId}', casing: 'none' },
          sk: { field: 'sk', composite: ['numberKey'], template: 'N#${numberKey}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /** An attempt: its questions (versions, order), its answers and save sequence, then its grade. */
  const attempt = new Entity(
    {
      model: { entity: 'attempt', version: '1', service },
      attributes: {
        attemptId: { type: 'string', required: true, readOnly: true },
        quizId: { type: 'string', required: true, readOnly: true },
        quizVersion: { type: 'number', required: true },
        passPercent: { type: 'number', required: true },
        personId: { type: 'string', required: true, readOnly: true },
        number: { type: 'number', required: true },
        questions: { type: 'any', required: true },
        answers: { type: 'any', required: true },
        seq: { type: 'number', required: true },
        startedAt: { type: 'string', required: true },
        deadline: { type: 'any', required: true },
        state: { type: attemptStates, required: true },
        finishedAt: { type: 'string' },
        score: { type: 'number' },
        maxScore: { type: 'number' },
        percent: { type: 'number' },
        passed: { type: 'boolean' },
        gradedAt: { type: 'string' },
        results: { type: 'any' },
        /** While open with a deadline: its day (UTC) and instant, for the job that closes overdue attempts; else `noKey`. */
        dueDay: { type: 'string', required: true },
        dueAt: { type: 'string', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['attemptId'], template: 'ATTEMPT#${attemptId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'ATTEMPT', casing: 'none' },
        },
        /** The attempts at a quiz (statistics). */
        byQuiz: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['quizId'], template: 'QATTEMPTS#${quizId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['attemptId'], template: '${attemptId}', casing: 'none' },
        },
        /** A person's attempts, quiz by quiz (my quizzes). */
        byPerson: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: ['personId'], template: 'PATTEMPTS#${personId}', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['quizId', 'number'], template: '${quizId}#${number}', casing: 'none' },
        },
        /** Open attempts by the day their deadline falls on (sparse: the job that closes overdue ones reads it). */
        byDue: {
          index: 'gsi3',
          condition: (attr: { dueDay?: string }) => attr.dueDay !== noKey,
          pk: { field: 'gsi3pk', composite: ['dueDay'], template: 'QDUE#${dueDay}', casing: 'none' },
          sk: { field: 'gsi3sk', composite: ['dueAt', 'attemptId'], template: '${dueAt}#${attemptId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  return { questionHead, questionVersion, questionTag, quiz, attemptSlot, attempt };
}

export const quizEntities = boundToTable(createQuizEntities);
