/**
 * How an import of a question file sits in the single table (README.md beside this file has the chart): the import
 * item (its life previewed → applying → applied, guarded by conditions on the one item) and one stem claim per
 * question an import wrote, which makes a confirm that runs twice, or two previews of the same file, write each
 * question once. The rows of an import live in the uploads bucket, named by the item.
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';

const service = 'dangjian';

export const questionImportStatuses = ['previewed', 'applying', 'applied'] as const;

export function createQuestionImportEntities(client: DynamoDBDocumentClient, table: string) {
  const questionImport = new Entity(
    {
      model: { entity: 'questionImport', version: '1', service },
      attributes: {
        importId: { type: 'string', required: true, readOnly: true },
        status: { type: questionImportStatuses, required: true },
        /** The bank the good rows go into. */
        ownerUnitId: { type: 'string', required: true, readOnly: true },
        fileName: { type: 'string', required: true, readOnly: true },
        rowsKey: { type: 'string', required: true, readOnly: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        /** Epoch seconds (the table's TTL attribute); past it the import is gone, whatever DynamoDB has done. */
        expiresAt: { type: 'number', required: true },
        counts: {
          type: 'map',
          required: true,
          properties: {
            rows: { type: 'number', required: true },
            ready: { type: 'number', required: true },
            problems: { type: 'number', required: true },
            duplicates: { type: 'number', required: true },
          },
        },
        /** The confirm writing now and until when its hold lasts (epoch ms); a later confirm takes over a lapsed one. */
        leaseId: { type: 'string' },
        leaseUntil: { type: 'number' },
        result: {
          type: 'map',
          properties: {
            created: { type: 'number', required: true },
            skipped: { type: 'number', required: true },
          },
        },
        appliedAt: { type: 'string' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['importId'], template: 'QIMPORT#${importId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'QIMPORT', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /**
   * "This bank holds an imported question of this stem": written create-once by the confirm that writes the question
   * (`stemHash` is a hash of the bank's folded stem, `stemKey` in question-columns.ts).
   */
  const questionStem = new Entity(
    {
      model: { entity: 'questionStem', version: '1', service },
      attributes: {
        ownerUnitId: { type: 'string', required: true, readOnly: true },
        stemHash: { type: 'string', required: true, readOnly: true },
        questionId: { type: 'string', required: true },
        importId: { type: 'string', required: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byStem: {
          pk: { field: 'pk', composite: ['ownerUnitId', 'stemHash'], template: 'QSTEM#${ownerUnitId}#${stemHash}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'QSTEM', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  return { questionImport, questionStem };
}

export const questionImportEntities = boundToTable(createQuestionImportEntities);
