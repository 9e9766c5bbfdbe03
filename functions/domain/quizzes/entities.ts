/**
 * How the question bank sits in the single table (see README.md beside this file for the chart). A question is a
 * head item (its latest version, where the bank lists it), one immutable item per version (what attempts read), and
 * one tag item per category (the index draw rules read). Quizzes and attempts add their entities here.
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';
import { difficulties, questionKinds } from './schema.js';

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

  return { questionHead, questionVersion, questionTag };
}

export const quizEntities = boundToTable(createQuizEntities);
