import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';
import { uploadPurposes, uploadStatuses } from './schema.js';

export function createUploadEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'upload', version: '1', service: 'dangjian' },
      attributes: {
        uploadId: { type: 'string', required: true, readOnly: true },
        key: { type: 'string', required: true, readOnly: true },
        incomingKey: { type: 'string', readOnly: true },
        purpose: { type: uploadPurposes, required: true, readOnly: true },
        contentType: { type: 'string', required: true, readOnly: true },
        size: { type: 'number', required: true, readOnly: true },
        fileName: { type: 'string', required: true, readOnly: true },
        status: { type: uploadStatuses, required: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        expiresAt: { type: 'number', required: true },
        checkingUntil: { type: 'number' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['uploadId'], template: 'UPLOAD#${uploadId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'UPLOAD', casing: 'none' },
        },
      },
    },
    { client, table },
  );
}

export const uploadEntity = boundToTable(createUploadEntity);
