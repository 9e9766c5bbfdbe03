import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';
import { auditActions, targetTypes } from './schema.js';

const service = 'dangjian';

export function createAuditEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'audit', version: '1', service },
      attributes: {
        auditId: { type: 'string', required: true, readOnly: true },
        at: { type: 'string', required: true, readOnly: true },
        action: { type: auditActions, required: true, readOnly: true },
        actorId: { type: 'string' },
        actorName: { type: 'string' },
        /** Derived keys: "nobody" for anonymous attempts, so the index partition is never empty. */
        actorKey: { type: 'string', hidden: true, watch: ['actorId'], set: (_: unknown, item: { actorId?: string }) => item.actorId ?? 'NOBODY' },
        targetType: { type: targetTypes, required: true },
        targetId: { type: 'string', required: true },
        targetLabel: { type: 'string', required: true },
        changes: { type: 'any' },
        details: { type: 'any' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['auditId'], template: 'AUDIT#${auditId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'AUDIT', casing: 'none' },
        },
        /** Everything, newest first (one partition: an admin log of a bureau is thousands of items a month). */
        byTime: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [], template: 'AUDIT', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['at', 'auditId'], template: '${at}#${auditId}', casing: 'none' },
        },
        /** What one person did. */
        byActor: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: ['actorKey'], template: 'AUDIT#ACTOR#${actorKey}', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['at', 'auditId'], template: '${at}#${auditId}', casing: 'none' },
        },
        /** What happened to one person, unit, login or import. */
        byTarget: {
          index: 'gsi3',
          pk: { field: 'gsi3pk', composite: ['targetId'], template: 'AUDIT#TARGET#${targetId}', casing: 'none' },
          sk: { field: 'gsi3sk', composite: ['at', 'auditId'], template: '${at}#${auditId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );
}

/** The audit entity on the configured table. */
export const auditEntity = boundToTable(createAuditEntity);
