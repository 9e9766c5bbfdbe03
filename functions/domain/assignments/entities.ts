/**
 * How assignments sit in the single table (see README.md beside this file for the chart).
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';

const service = 'dangjian';

/** What an assignment of anything has: its audience, due date, owner and author. */
const common = {
  assignmentId: { type: 'string', required: true, readOnly: true },
  audience: { type: 'any', required: true },
  required: { type: 'boolean', required: true },
  dueAt: { type: 'string', required: true },
  ownerUnitId: { type: 'string', required: true },
  createdBy: { type: 'string', required: true, readOnly: true },
  createdAt: { type: 'string', required: true, readOnly: true },
} as const;

/** The item's own key, and every assignment by due date (a bureau has a few hundred a year: one partition). */
const commonIndexes = {
  byId: {
    pk: { field: 'pk', composite: ['assignmentId'], template: 'ASSIGNMENT#${assignmentId}', casing: 'none' },
    sk: { field: 'sk', composite: [], template: 'ASSIGNMENT', casing: 'none' },
  },
  byDue: {
    index: 'gsi1',
    pk: { field: 'gsi1pk', composite: [], template: 'ASSIGNMENTS', casing: 'none' },
    sk: { field: 'gsi1sk', composite: ['dueAt', 'assignmentId'], template: '${dueAt}#${assignmentId}', casing: 'none' },
  },
} as const;

export function createAssignmentEntities(client: DynamoDBDocumentClient, table: string) {
  const assignment = new Entity(
    {
      model: { entity: 'assignment', version: '1', service },
      attributes: {
        ...common,
        courseId: { type: 'string', required: true, readOnly: true },
        courseTitle: { type: 'string', required: true },
      },
      indexes: {
        ...commonIndexes,
        /** The assignments of one course. */
        byCourse: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: ['courseId'], template: 'COURSE#${courseId}', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['assignmentId'], template: 'ASSIGNMENT#${assignmentId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /**
   * A quiz assigned on its own. Its own entity beside `assignment` (whose readers, the completion of courses among
   * them, read course assignments only), sharing the due-date partition so my tasks reads one partition for both.
   */
  const quizAssignment = new Entity(
    {
      model: { entity: 'quizAssignment', version: '1', service },
      attributes: {
        ...common,
        quizId: { type: 'string', required: true, readOnly: true },
        quizTitle: { type: 'string', required: true },
      },
      indexes: {
        ...commonIndexes,
        /** The assignments of one quiz. */
        byQuiz: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: ['quizId'], template: 'QUIZ#${quizId}', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['assignmentId'], template: 'ASSIGNMENT#${assignmentId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  return { assignment, quizAssignment };
}

export const assignmentEntities = boundToTable(createAssignmentEntities);
