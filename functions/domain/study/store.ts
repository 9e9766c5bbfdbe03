/**
 * Reads and writes of study credit: each person's study clock and the progress items it brings up to date. No
 * permission checks here (service.ts decides who may); conditions keep every change to one item atomic.
 */
import { z } from 'zod';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { config } from '../../platform/config.js';
import { batchGetItems } from '../../platform/store.js';
import { isConditionFailure } from '../../platform/errors.js';
import { markStale } from '../../platform/stale.js';
import { personSubjectKey } from '../stats/keys.js';
import { studyEntities } from './entities.js';
import type { Slot, StudyClock } from './clock.js';
import { ProgressRecord, StoredLesson } from './schema.js';

const SlotRecord = StoredLesson.omit({ clockSeq: true }).extend({
  courseId: z.string(),
  lessonId: z.string(),
  seq: z.number().int(),
  at: z.string(),
  flushedSeq: z.number().int().default(0),
  flushedMs: z.number(),
  flushedDone: z.boolean(),
  courseCompletedAt: z.string().nullable(),
});

const ClockRecord = z.object({
  seq: z.number().int().min(1),
  lastBeatAt: z.number().nullable(),
  bucket: z.object({ tokens: z.number(), at: z.number() }).nullable(),
  open: SlotRecord.nullable(),
  pending: z.array(SlotRecord),
  stretch: z.object({ startedAt: z.number(), creditedMs: z.number() }).nullable().optional(),
});

/** A progress item as read back (older items lack `completedAt`; items of a course never tested lack `testPassedAt`). */
export function progressFrom(data: Record<string, unknown>): ProgressRecord {
  return ProgressRecord.parse({ ...data, completedAt: data.completedAt ?? null, testPassedAt: data.testPassedAt ?? null });
}

/** One person's progress in every course (the record page, my tasks). */
export async function queryProgressOfPerson(personId: string): Promise<ProgressRecord[]> {
  const { data } = await studyEntities().progress.query.byPerson({ personId }).go({ pages: 'all' });
  return data.map((record) => progressFrom(record as Record<string, unknown>));
}

/** Everyone's progress in one course: personId → when they completed it (null while in progress). */
export async function queryCompletionOfCourse(courseId: string): Promise<Map<string, string | null>> {
  const { data } = await studyEntities().progress.query.byCourse({ courseId }).go({ pages: 'all' });
  return new Map(data.map((record) => [record.personId, record.completedAt ?? null]));
}

/** Some people's standing in one course (one BatchGetItem per 100): who started it, and when they completed it. */
export async function readCompletionOfPeople(courseId: string, personIds: readonly string[]): Promise<Map<string, string | null>> {
  const entity = studyEntities().progress;
  const keys = personIds.map((personId) => entity.get({ personId, courseId }).params().Key as { pk: string; sk: string });
  const items = await batchGetItems(keys);
  return new Map(items.map((item) => [String(item.personId), (item.completedAt as string | undefined) ?? null]));
}

/** Everyone's progress items in one course (the overview's source: completion and credit in one read). */
export async function queryProgressOfCourse(courseId: string): Promise<ProgressRecord[]> {
  const { data } = await studyEntities().progress.query.byCourse({ courseId }).go({ pages: 'all' });
  return data.map((record) => progressFrom(record as Record<string, unknown>));
}

export async function readProgress(personId: string, courseId: string, consistent = false): Promise<ProgressRecord | undefined> {
  const { data } = await studyEntities().progress.get({ personId, courseId }).go({ consistent });
  return data ? progressFrom(data as Record<string, unknown>) : undefined;
}

/** The person's clock; undefined before their first heartbeat. */
export async function readClock(personId: string, consistent = false): Promise<StudyClock | undefined> {
  const { data } = await studyEntities().studyClock.get({ personId }).go({ consistent });
  if (!data) return undefined;
  return ClockRecord.parse({ ...(JSON.parse(data.state) as object), seq: data.seq });
}

/** Stores `next` if the clock is still at `expectedSeq` (0: not yet made). False when another heartbeat got there first. */
export async function writeClock(personId: string, next: StudyClock, expectedSeq: number): Promise<boolean> {
  const { seq, ...rest } = next;
  const write = studyEntities().studyClock.put({ personId, seq, state: JSON.stringify(rest) });
  try {
    await (expectedSeq === 0 ? write.where((attr, op) => op.notExists(attr.seq)) : write.where((attr, op) => op.eq(attr.seq, expectedSeq))).go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * What a flush needs to know of the course: the snapshot its progress item keeps, which lessons complete it, and
 * whether a final test must be passed too (asked only when the lessons are all complete and the test is not passed).
 */
export interface CourseFacts {
  courseId: string;
  title: string;
  credit: number;
  lessonIds: string[];
  requiresTest: () => Promise<boolean>;
}

const stateOf = (slot: Slot) => ({
  studiedMs: slot.studiedMs,
  furthestSeconds: slot.furthestSeconds,
  positionSeconds: slot.positionSeconds,
  completedAt: slot.completedAt,
  clockSeq: slot.seq,
});

/**
 * Brings a lesson's state in its progress item up to `slot` (a state the clock stored), creating the item on the
 * person's first study of the course (`itemExists` false: try that first). Idempotent: the item keeps, per lesson, the clock version its state came from,
 * and takes only a newer one, so a flush repeated or arriving late never adds twice nor goes back. When every lesson
 * of the course is complete, the course completes once (at its last lesson's completion). Returns when the course
 * completed (null while it has not).
 */
export async function flushLesson(personId: string, course: CourseFacts, slot: Slot, itemExists = true): Promise<string | null> {
  const entity = studyEntities().progress;
  const Key = entity.get({ personId, courseId: course.courseId }).params().Key as Record<string, string>;
  const TableName = config().tableName;
  let exists = itemExists;
  for (let attempt = 0; attempt < 4; attempt++) {
    if (!exists) {
      try {
        const created = { personId, courseId: course.courseId, courseTitle: course.title, credit: course.credit, lessons: { [slot.lessonId]: stateOf(slot) }, startedAt: slot.at, lastStudiedAt: slot.at, version: 1 };
        await entity.create(created).go({ response: 'none' });
        // A course started: its completion figures count the person as in progress now.
        await markStale(personSubjectKey('course', course.courseId, personId));
        return completeIfDone(Key, course, { ...created, completedAt: null, testPassedAt: null });
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        exists = true;
        continue;
      }
    }
    try {
      const { Attributes } = await aws().doc.send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: 'SET lessons.#lesson = :state, lastStudiedAt = :at, courseTitle = :title, credit = :credit ADD version :one',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lessons.#lesson.clockSeq) OR lessons.#lesson.clockSeq < :seq)',
          ExpressionAttributeNames: { '#lesson': slot.lessonId },
          ExpressionAttributeValues: { ':state': stateOf(slot), ':at': slot.at, ':title': course.title, ':credit': course.credit, ':one': 1, ':seq': slot.seq },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return completeIfDone(Key, course, progressFrom(Attributes!));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await aws().doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
    if (!Item) {
      exists = false;
      continue;
    }
    const current = progressFrom(Item);
    // This state or a newer one is there already.
    if ((current.lessons[slot.lessonId]?.clockSeq ?? -1) >= slot.seq) return completeIfDone(Key, course, current);
  }
  throw new Error(`flushLesson: progress of ${personId} in ${course.courseId} kept changing`);
}

/**
 * Sets the course's completion once every lesson is complete and, for a course with a final test, the test is passed:
 * at the moment the last of these happened. Both a flush and a test pass call it with the item as their own write
 * left it (ALL_NEW), so whichever of the two writes comes second sees both and completes the course.
 */
async function completeIfDone(Key: Record<string, string>, course: CourseFacts, progress: ProgressRecord): Promise<string | null> {
  if (progress.completedAt) return progress.completedAt;
  const done = course.lessonIds.map((lessonId) => progress.lessons[lessonId]?.completedAt ?? null);
  if (done.length === 0 || done.some((at) => at === null)) return null;
  if (progress.testPassedAt) done.push(progress.testPassedAt);
  else if (await course.requiresTest()) return null;
  const completedAt = (done as string[]).reduce((latest, at) => (at > latest ? at : latest));
  try {
    await aws().doc.send(
      new UpdateCommand({
        TableName: config().tableName,
        Key,
        UpdateExpression: 'SET completedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(completedAt)',
        ExpressionAttributeValues: { ':at': completedAt },
      }),
    );
    // The completion and the 学时 it credits reach the figures within seconds (decision 042).
    await markStale(personSubjectKey('course', course.courseId, progress.personId), 'overview');
    return completedAt;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await aws().doc.send(new GetCommand({ TableName: config().tableName, Key, ConsistentRead: true }));
    return (Item?.completedAt as string | undefined) ?? null;
  }
}

/** What a final test's pass records: the quiz, when it was passed, and the 学时 it credits. */
export interface TestPass {
  quizId: string;
  passedAt: string;
  credit: number;
}

/**
 * Records that the person passed the course's final test: `testPassedAt`, `testQuizId` and `testCredit` are set once
 * (`attribute_not_exists(testPassedAt)`), on the person's progress item in the course, which is made if they never
 * studied it. A second pass, a regrade or a repeated call changes nothing. Then the course completes if its lessons
 * are done. Returns the item's `testPassedAt` (the first pass's) and when the course completed (null while not).
 */
export async function recordTestPass(personId: string, course: CourseFacts, pass: TestPass): Promise<{ testPassedAt: string; completedAt: string | null }> {
  const entity = studyEntities().progress;
  const Key = entity.get({ personId, courseId: course.courseId }).params().Key as Record<string, string>;
  const TableName = config().tableName;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const created = {
        personId,
        courseId: course.courseId,
        courseTitle: course.title,
        credit: course.credit,
        lessons: {},
        startedAt: pass.passedAt,
        lastStudiedAt: pass.passedAt,
        version: 1,
        testPassedAt: pass.passedAt,
        testQuizId: pass.quizId,
        testCredit: pass.credit,
      };
      await entity.create(created).go({ response: 'none' });
      return { testPassedAt: pass.passedAt, completedAt: await completeIfDone(Key, course, progressFrom(created)) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      const { Attributes } = await aws().doc.send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: 'SET testPassedAt = :at, testQuizId = :quiz, testCredit = :credit ADD version :one',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(testPassedAt)',
          ExpressionAttributeValues: { ':at': pass.passedAt, ':quiz': pass.quizId, ':credit': pass.credit, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { testPassedAt: pass.passedAt, completedAt: await completeIfDone(Key, course, progressFrom(Attributes!)) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await aws().doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
    if (!Item) continue;
    const current = progressFrom(Item);
    // Passed before: nothing more is credited; the course may still complete (a call repeated after a crash).
    if (current.testPassedAt) return { testPassedAt: current.testPassedAt, completedAt: await completeIfDone(Key, course, current) };
  }
  throw new Error(`recordTestPass: progress of ${personId} in ${course.courseId} kept changing`);
}
