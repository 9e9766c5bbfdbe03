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
        /** `UNIT`: the unit's figures (what views read); `PEOPLE`: its people and their states (the drill-down). */
        part: { type: ['UNIT', 'PEOPLE'] as const, required: true, readOnly: true },
        direct: { type: 'any' },
        subtree: { type: 'any' },
        people: { type: 'any' },
        computedAt: { type: 'string', required: true },
      },
      indexes: {
        /** Two small items per (subject, unit): a view reads exactly the figures of the units it shows. */
        bySubjectUnit: {
          pk: { field: 'pk', composite: ['subject'], template: 'ROLLUP#${subject}', casing: 'none' },
          sk: { field: 'sk', composite: ['part', 'unitId'], template: '${part}#${unitId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );
}

export const rollupEntity = boundToTable(createRollupEntity);
