/**
 * How a roster import sits in the single table: one item `IMPORT#<importId>` / `IMPORT` (see README.md beside this
 * file). Its file and rows live in the uploads bucket, named by the item.
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';
import { importStatuses } from './schema.js';

const service = 'dangjian';

export function createImportEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'rosterImport', version: '1', service },
      attributes: {
        importId: { type: 'string', required: true, readOnly: true },
        status: { type: importStatuses, required: true },
        fileName: { type: 'string', required: true, readOnly: true },
        fileKey: { type: 'string', required: true, readOnly: true },
        rowsKey: { type: 'string', required: true, readOnly: true },
        hasRoles: { type: 'boolean', required: true, readOnly: true },
        hasBranch: { type: 'boolean', required: true, readOnly: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        createdByName: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        /** Epoch seconds (the table's TTL attribute). */
        expiresAt: { type: 'number', required: true },
        counts: {
          type: 'map',
          required: true,
          properties: {
            rows: { type: 'number', required: true },
            create: { type: 'number', required: true },
            update: { type: 'number', required: true },
            unchanged: { type: 'number', required: true },
            problems: { type: 'number', required: true },
          },
        },
        /** The hash of an initial password the admin chose at preview (never the password itself). */
        passwordHash: { type: 'string' },
        /** The confirm currently writing, and until when its hold lasts (epoch ms). */
        leaseId: { type: 'string' },
        leaseUntil: { type: 'number' },
        attempts: { type: 'number', required: true, default: 0 },
        result: {
          type: 'map',
          properties: {
            created: { type: 'number', required: true },
            updated: { type: 'number', required: true },
            unchanged: { type: 'number', required: true },
          },
        },
        appliedAt: { type: 'string' },
      },
      indexes: {
        /** An import by id. */
        byId: {
          pk: { field: 'pk', composite: ['importId'], template: 'IMPORT#${importId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'IMPORT', casing: 'none' },
        },
      },
    },
    { client, table },
  );
}

export const importEntity = boundToTable(createImportEntity);
