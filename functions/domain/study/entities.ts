/**
 * How each person's progress in a course and their study clock sit in the single table (see README.md beside this
 * file for the chart).
 */
import { Entity } from 'electrodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundToTable } from '../../platform/bound-to-table.js';

const service = 'dangjian';

export function createStudyEntities(client: DynamoDBDocumentClient, table: string) {
  const progress = new Entity(
    {
      model: { entity: 'progress', version: '1', service },
      attributes: {
        personId: { type: 'string', required: true, readOnly: true },
        courseId: { type: 'string', required: true, readOnly: true },
        /** Snapshots for the record page, so it needs no other read. */
        courseTitle: { type: 'string', required: true },
        credit: { type: 'number', required: true },
        /** lessonId → LessonState (clock.ts), with the clock version it came from. */
        lessons: { type: 'any', required: true },
        startedAt: { type: 'string', required: true, readOnly: true },
        lastStudiedAt: { type: 'string', required: true },
        completedAt: { type: 'string' },
        version: { type: 'number', required: true },
        /** The course's final test: when it was first passed, which quiz, and the 学时 the pass credits (set once). */
        testPassedAt: { type: 'string' },
        testQuizId: { type: 'string' },
        testCredit: { type: 'number' },
      },
      indexes: {
        /** One person's progress in every course: the record page is this one query. */
        byPerson: {
          pk: { field: 'pk', composite: ['personId'], template: 'PROGRESS#${personId}', casing: 'none' },
          sk: { field: 'sk', composite: ['courseId'], template: 'COURSE#${courseId}', casing: 'none' },
        },
        /** Everyone's progress in one course: the source the completion rollup counts. */
        byCourse: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['courseId'], template: 'PROGRESS#COURSE#${courseId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['personId'], template: 'PERSON#${personId}', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  /**
   * One person's study clock (clock.ts): the last accepted heartbeat, the heartbeat allowance, and the lesson being
   * studied now with the ones left since. One item per person, every write conditional on `seq`: this is what makes
   * credit across all lessons, tabs and devices add up to no more than the wall time.
   */
  const studyClock = new Entity(
    {
      model: { entity: 'studyClock', version: '1', service },
      attributes: {
        personId: { type: 'string', required: true, readOnly: true },
        seq: { type: 'number', required: true },
        /**
         * The rest of the clock (clock.ts StudyClock: last heartbeat, allowance, open and pending lessons) as one JSON
         * string: a heartbeat writes it whole, and one string costs far less to marshal than nested maps.
         */
        state: { type: 'string', required: true },
      },
      indexes: {
        byPerson: {
          pk: { field: 'pk', composite: ['personId'], template: 'STUDY#${personId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'CLOCK', casing: 'none' },
        },
      },
    },
    { client, table },
  );

  return { progress, studyClock };
}

export const studyEntities = boundToTable(createStudyEntities);
