import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';

export function createRollupEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'completionRollup', version: '1', service: 'dangjian' },
      attributes: {
        /** `assignment#<id>` or `course#<id>`. */
        subject: { type: 'string', required: true, readOnly: true },
        unitId: { type: 'string', required: true, readOnly: true },
        direct: { type: 'any', required: true },
        subtree: { type: 'any', required: true },
        people: { type: 'any', required: true },
        computedAt: { type: 'string', required: true },
      },
      indexes: {
        /** One item per (subject, unit): a view reads exactly the units it shows. */
        bySubjectUnit: {
          pk: { field: 'pk', composite: ['subject'], template: 'ROLLUP#${subject}', casing: 'none' },
          sk: { field: 'sk', composite: ['unitId'], template: 'UNIT#${unitId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );
}

export const rollupEntity = boundToTable(createRollupEntity);
