/**
 * How courses (with their lessons inside) sit in the single table (see README.md beside this file for the chart).
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';
import { courseCategories, courseStatuses } from './schema.js';

const service = 'dangjian';

export function createCourseEntities(client: DynamoDBDocumentClient, table: string) {
  const course = new Entity(
    {
      model: { entity: 'course', version: '1', service },
      attributes: {
        courseId: { type: 'string', required: true, readOnly: true },
        title: { type: 'string', required: true },
        summary: { type: 'string', required: true },
        category: { type: courseCategories, required: true },
        coverKey: { type: 'string' },
        credit: { type: 'number', required: true },
        status: { type: courseStatuses, required: true },
        ownerUnitId: { type: 'string', required: true },
        /** The ordered lessons live inside the course: one item, one version, so ordering and edits are atomic. */
        lessons: { type: 'any', required: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        publishedAt: { type: 'string' },
        version: { type: 'number', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['courseId'], template: 'COURSE#${courseId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'COURSE', casing: 'none' },
        },
        /** The catalogue: every course by status, newest change first. */
        byStatus: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['status'], template: 'COURSES#${status}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['updatedAt', 'courseId'], template: '${updatedAt}#${courseId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  return { course };
}

export const courseEntities = boundToTable(createCourseEntities);
