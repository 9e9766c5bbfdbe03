import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';

const service = 'dangjian';

export function createAccessEntities(client: DynamoDBDocumentClient, table: string) {
  const session = new Entity(
    {
      model: { entity: 'session', version: '1', service },
      attributes: {
        sessionId: { type: 'string', required: true, readOnly: true },
        personId: { type: 'string', required: true, readOnly: true },
        epoch: { type: 'number', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        lastSeenAt: { type: 'string', required: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
        address: { type: 'string' },
        userAgent: { type: 'string' },
      },
      indexes: {
        /** A session by the hash of its token: the one read on every signed-in request. */
        byId: {
          pk: { field: 'pk', composite: ['sessionId'], template: 'SESSION#${sessionId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'SESSION', casing: 'none' },
        },
      },
    },
    { client, table },
  );
  const throttle = new Entity(
    {
      model: { entity: 'throttle', version: '1', service },
      attributes: {
        key: { type: 'string', required: true, readOnly: true },
        failures: { type: 'number', required: true },
        windowStartedAt: { type: 'number', required: true },
        lockedUntil: { type: 'number' },
        expiresAt: { type: 'number', required: true },
      },
      indexes: {
        /** Sign-in failures for one account (`account:<login>`) or one address (`address:<ip>`). */
        byKey: {
          pk: { field: 'pk', composite: ['key'], template: 'THROTTLE#${key}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'THROTTLE', casing: 'none' },
        },
      },
    },
    { client, table },
  );
  const signIn = new Entity(
    {
      model: { entity: 'signIn', version: '1', service },
      attributes: {
        hour: { type: 'string', required: true, readOnly: true },
        at: { type: 'string', required: true, readOnly: true },
        personId: { type: 'string', required: true, readOnly: true },
        login: { type: 'string', required: true, readOnly: true },
        deviceHash: { type: 'string', required: true, readOnly: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        /** The sign-ins of one hour (UTC, `2026-11-30T07`) by time: what the flags job reads since its last run. */
        byHour: {
          pk: { field: 'pk', composite: ['hour'], template: 'SIGNINS#${hour}', casing: 'none' },
          sk: { field: 'sk', composite: ['at', 'personId'], template: '${at}#${personId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );
  return { session, throttle, signIn };
}

export const accessEntities = boundToTable(createAccessEntities);
