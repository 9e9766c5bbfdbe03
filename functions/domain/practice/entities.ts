/**
 * How daily practice sits in the single table (README.md beside this file has the chart): one settings item, and
 * per person one item per practice day and one record item, all in the person's partition.
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';

const service = 'dangjian';

export function createPracticeEntities(client: DynamoDBDocumentClient, table: string) {
  /** The admin's setting, one item for everyone. */
  const practiceSettings = new Entity(
    {
      model: { entity: 'practiceSettings', version: '1', service },
      attributes: {
        questionsPerDay: { type: 'number', required: true },
        updatedAt: { type: 'string', required: true },
        updatedBy: { type: 'string', required: true },
      },
      indexes: {
        settings: {
          pk: { field: 'pk', composite: [], template: 'PRACTICE#SETTINGS', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'SETTINGS', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /**
   * One person's practice of one day: created once with its questions; each answer is set once into `answers`
   * (a map keyed by question id) on the condition that the question has none yet.
   */
  const practiceDay = new Entity(
    {
      model: { entity: 'practiceDay', version: '1', service },
      attributes: {
        personId: { type: 'string', required: true, readOnly: true },
        day: { type: 'string', required: true, readOnly: true },
        questions: { type: 'any', required: true, readOnly: true },
        answers: { type: 'any', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byPerson: {
          pk: { field: 'pk', composite: ['personId'], template: 'PRACTICE#${personId}', casing: 'none' },
          sk: { field: 'sk', composite: ['day'], template: 'DAY#${day}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /** One person's record folded from their finished days (record.ts), as one JSON string, guarded by `version`. */
  const practiceRecord = new Entity(
    {
      model: { entity: 'practiceRecord', version: '1', service },
      attributes: {
        personId: { type: 'string', required: true, readOnly: true },
        state: { type: 'string', required: true },
        version: { type: 'number', required: true },
      },
      indexes: {
        byPerson: {
          pk: { field: 'pk', composite: ['personId'], template: 'PRACTICE#${personId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'RECORD', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  return { practiceSettings, practiceDay, practiceRecord };
}

export const practiceEntities = boundToTable(createPracticeEntities);
