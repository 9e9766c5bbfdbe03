/**
 * How units, people and login claims sit in the single table (see README.md beside this file for the chart).
 * Keys are written with explicit templates (`UNIT#<id>`, `PERSON#<id>`, `LOGIN#<login>`) and no case folding, so a
 * key reads the same in the console as in this file.
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';
import { languages } from '../../platform/i18n.js';
import { partyStatuses, roleNames, unitKinds } from './schema.js';

export const service = 'dangjian';

/** Stands in for "no parent" in the children-of index, so the root is listed as a child of ROOT. */
export const rootParentKey = 'ROOT';
/** Stands in for "no branch"; the by-branch index is sparse, so such people are simply not in it. */
const noBranchKey = 'NONE';

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

export function createPersonEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'person', version: '1', service },
      attributes: {
        personId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        login: { type: 'string', required: true },
        unitId: { type: 'string', required: true },
        /** Absent for people who are not Party members. */
        branchId: { type: 'string' },
        /** Derived: the branch id, or NONE (which keeps the person out of the by-branch index). */
        branchKey: {
          type: 'string',
          hidden: true,
          watch: ['branchId'],
          set: (_: unknown, item: { branchId?: string }) => item.branchId ?? noBranchKey,
        },
        partyStatus: { type: partyStatuses, required: true },
        roles: {
          type: 'list',
          required: true,
          items: {
            type: 'map',
            properties: {
              role: { type: roleNames, required: true },
              unitId: { type: 'string' },
            },
          },
        },
        lang: { type: languages, required: true, default: 'zh-CN' },
        active: { type: 'boolean', required: true, default: true },
        mustChangePassword: { type: 'boolean', required: true, default: true },
        passwordHash: { type: 'string', required: true },
        sessionEpoch: { type: 'number', required: true, default: 0 },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        version: { type: 'number', required: true, default: 1 },
      },
      indexes: {
        /** A person by id. */
        byId: {
          pk: { field: 'pk', composite: ['personId'], template: 'PERSON#${personId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'PERSON', casing: 'none' },
        },
        /** The people of a unit, by login (shares gsi1 partitions with the unit's children: `UNIT#<unitId>`). */
        byUnit: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['unitId'], template: 'UNIT#${unitId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['login'], template: 'PERSON#${login}', casing: 'none' },
        },
        /** The members of a Party branch, by login. Sparse: people outside any branch are not written to it. */
        byBranch: {
          index: 'gsi2',
          condition: (attrs: { branchKey?: string }) => attrs.branchKey !== noBranchKey,
          pk: { field: 'gsi2pk', composite: ['branchKey'], template: 'BRANCH#${branchKey}', casing: 'none' },
          sk: { field: 'gsi2sk', composite: ['login'], template: 'PERSON#${login}', casing: 'none' },
        },
        /** Everyone, by login: the admin's people list and searches (one partition; read in bounded pages). */
        allPeople: {
          index: 'gsi3',
          pk: { field: 'gsi3pk', composite: [], template: 'PEOPLE', casing: 'none' },
          sk: { field: 'gsi3sk', composite: ['login'], template: 'PERSON#${login}', casing: 'none' },
        },
      },
    },
    { client, table },
  );
}

export function createLoginEntity(client: DynamoDBDocumentClient, table: string) {
  return new Entity(
    {
      model: { entity: 'login', version: '1', service },
      attributes: {
        login: { type: 'string', required: true, readOnly: true },
        personId: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        /** A login claim by its (normalised) login: the uniqueness guard and the sign-in lookup. */
        byLogin: {
          pk: { field: 'pk', composite: ['login'], template: 'LOGIN#${login}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'LOGIN', casing: 'none' },
        },
      },
    },
    { client, table },
  );
}

export function createPeopleEntities(client: DynamoDBDocumentClient, table: string) {
  return {
    unit: createUnitEntity(client, table),
    person: createPersonEntity(client, table),
    login: createLoginEntity(client, table),
  };
}

export type PeopleEntities = ReturnType<typeof createPeopleEntities>;
export type UnitEntity = PeopleEntities['unit'];
export type PersonEntity = PeopleEntities['person'];
export type LoginEntity = PeopleEntities['login'];

/** The entities bound to the configured table and the process-wide client, built on first use. */
export const peopleEntities: () => PeopleEntities = boundToTable(createPeopleEntities);
