/**
 * Reads and writes of courses (their lessons live inside them). No permission checks here (service.ts decides who
 * may); every edit is one conditional put guarded by the course's version.
 */
import { AppError, isConditionFailure } from '../../platform/errors.js';
import { nowIso } from '../../platform/clock.js';
import { courseEntities } from './entities.js';
import { Course, Id } from './schema.js';

function fromCourseRecord(record: Record<string, unknown>): Course {
  return Course.parse({ ...record, coverKey: record.coverKey ?? null, publishedAt: record.publishedAt ?? null });
}

/** The course with its lessons; undefined for an id that is not one, or no such course. */
export async function readCourse(courseId: string): Promise<Course | undefined> {
  if (!Id.safeParse(courseId).success) return undefined;
  const { data } = await courseEntities().course.get({ courseId }).go();
  return data ? fromCourseRecord(data as Record<string, unknown>) : undefined;
}

/** Every course of one status, newest change first (the catalogue: dozens, read whole; decision 011). */
export async function queryCoursesByStatus(status: Course['status']): Promise<Course[]> {
  const { data } = await courseEntities().course.query.byStatus({ status }).go({ order: 'desc', pages: 'all' });
  return data.map((record) => fromCourseRecord(record as Record<string, unknown>));
}

/** Writes a new course (its id is new: created once). */
export async function insertCourse(course: Course): Promise<void> {
  const { coverKey: _c, publishedAt: _p, ...item } = course;
  await courseEntities().course.create(item).go();
}

/**
 * Replaces a course if it is still at `expectedVersion`; the stored version becomes expectedVersion + 1. Someone
 * else's save in between is a CONFLICT that says which version is there now.
 */
export async function writeCourse(next: Course, expectedVersion: number): Promise<Course> {
  const course = Course.parse({ ...next, version: expectedVersion + 1, updatedAt: nowIso() });
  const { coverKey, publishedAt, ...rest } = course;
  try {
    await courseEntities()
      .course.put({ ...rest, ...(coverKey ? { coverKey } : {}), ...(publishedAt ? { publishedAt } : {}) })
      .where((attr, op) => op.eq(attr.version, expectedVersion))
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await readCourse(course.courseId);
    throw new AppError('CONFLICT', {
      messageKey: 'versionConflict',
      params: { expected: expectedVersion, actual: current?.version ?? '—' },
      details: { expectedVersion, currentVersion: current?.version ?? null },
    });
  }
  return course;
}
