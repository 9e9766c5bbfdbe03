/**
 * How units sit in the single table (see README.md beside this file for the chart). Keys are written with explicit
 * templates (`UNIT#<id>`) and no case folding, so a key reads the same in the console as in this file.
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';
import { unitKinds } from './schema.js';

const service = 'dangjian';

/** Stands in for "no parent" in the children-of index, so the root is listed as a child of ROOT. */
export const rootParentKey = 'ROOT';

export function createUnitEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'unit', version: '1', service },
      attributes: {
        unitId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        kind: { type: unitKinds, required: true },
        /** Absent for the root. */
        parentId: { type: 'string' },
        /** Derived: the parent id, or ROOT. Feeds the children-of index; never read back. */
        parentKey: {
          type: 'string',
          hidden: true,
          watch: ['parentId'],
          set: (_: unknown, item: { parentId?: string }) => item.parentId ?? rootParentKey,
        },
        sortOrder: { type: 'number', required: true, padding: { length: 4, char: '0' } },
        retired: { type: 'boolean', required: true, default: false },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        version: { type: 'number', required: true, default: 1 },
      },
      indexes: {
        /** A unit by id. */
        byId: {
          pk: { field: 'pk', composite: ['unitId'], template: 'UNIT#${unitId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'UNIT', casing: 'none' },
        },
        /** The children of a unit, in display order (the root under ROOT). */
        childrenOf: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['parentKey'], template: 'UNIT#${parentKey}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['sortOrder', 'unitId'], template: 'CHILD#${sortOrder}#${unitId}', casing: 'none' },
        },
        /** Every unit at once (the tree is a few dozen items: one partition, one query). */
        allUnits: {
          index: 'gsi2',
          pk: { field: 'gsi2pk', composite: [], template: 'UNITS', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['unitId'], template: 'UNIT#${unitId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );
}

export function createOrgEntities(client: DynamoDBDocumentClient, table: string) {
  return { unit: createUnitEntity(client, table) };
}

export type OrgEntities = ReturnType<typeof createOrgEntities>;
export type UnitEntity = OrgEntities['unit'];

/** The entities bound to the configured table and the process-wide client, built on first use. */
export const orgEntities: () => OrgEntities = boundToTable(createOrgEntities);
