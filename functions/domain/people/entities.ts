/**
 * How people and login claims sit in the single table (see README.md beside this file for the chart). Keys are
 * written with explicit templates (`PERSON#<id>`, `LOGIN#<login>`) and no case folding, so a key reads the same in the
 * console as in this file. A person's `byUnit` index shares gsi1 partitions (`UNIT#<unitId>`) with the unit's
 * children (org's `childrenOf`); each reads its own sort-key prefix.
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';
import { languages } from '../../platform/i18n.js';
import { legacyAdminRole, roleNames } from '../authz/schema.js';
import { partyStatuses } from './schema.js';

const service = 'dangjian';

/** Stands in for "no branch"; the by-branch index is sparse, so such people are simply not in it. */
const noBranchKey = 'NONE';

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
              /** The old single `admin` is still readable (stored before 三员分立; read as sysadmin: store.ts). */
              role: { type: [...roleNames, legacyAdminRole], required: true },
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
    person: createPersonEntity(client, table),
    login: createLoginEntity(client, table),
  };
}

export type PeopleEntities = ReturnType<typeof createPeopleEntities>;
export type PersonEntity = PeopleEntities['person'];
export type LoginEntity = PeopleEntities['login'];

/** The entities bound to the configured table and the process-wide client, built on first use. */
export const peopleEntities: () => PeopleEntities = boundToTable(createPeopleEntities);
