/**
 * How study sessions sit in the single table (README.md beside this file has the chart). Keys and item shapes are
 * written here once; the store reads and writes them with the document client directly, because the hot write — a
 * check-in — is one UpdateItem that creates the record or keeps the one there (`if_not_exists` per attribute), which
 * an entity library's create/update cannot say in one call (decision 034).
 *
 * One session is one partition: the session item, one attendance record and at most one leave request per person,
 * and its minutes. A branch's sessions by time, a person's history and a branch's year of records are indexes.
 */
import { shanghaiYear } from '../study/progress.js';
import { z } from 'zod';
import { AttendanceRecord, LeaveRequest, Minutes, Session, type CadenceRules } from './schema.js';

export const keys = {
  sessionPartition: (sessionId: string) => `SESSION#${sessionId}`,
  session: (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'SESSION' }),
  record: (sessionId: string, personId: string) => ({ pk: `SESSION#${sessionId}`, sk: `ATT#${personId}` }),
  leave: (sessionId: string, personId: string) => ({ pk: `SESSION#${sessionId}`, sk: `LEAVE#${personId}` }),
  minutes: (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'MINUTES' }),
  /** gsi1: a branch's sessions by start time. */
  branchSessions: (branchId: string) => `BRANCH#${branchId}#SESSIONS`,
  /** gsi1: a person's attendance records by the session's start. */
  personRecords: (personId: string) => `PERSON#${personId}#ATT`,
  /** gsi2: a branch's records of one year (Shanghai), by person. */
  branchRecords: (branchId: string, year: number) => `BRANCH#${branchId}#ATT#${year}`,
  /** gsi3: a branch's leave requests waiting for a decision. */
  pendingLeave: (branchId: string) => `BRANCH#${branchId}#LEAVE#pending`,
  rollup: (year: number, branchId: string) => ({ pk: `CADENCE#${year}`, sk: `BRANCH#${branchId}` }),
  rollupPartition: (year: number) => `CADENCE#${year}`,
  rules: { pk: 'CADENCE#RULES', sk: 'RULES' },
  secret: { pk: 'SECRET#check-in', sk: 'SECRET' },
};


type Item = Record<string, unknown>;

export function sessionItem(session: Session): Item {
  return {
    ...keys.session(session.sessionId),
    entity: 'session',
    gsi1pk: keys.branchSessions(session.branchId),
    gsi1sk: `${session.startsAt}#${session.sessionId}`,
    ...session,
  };
}

export const sessionFrom = (item: Item): Session => Session.parse(item);

/** A record's index keys, set with it (and again, unchanged, by every write of it). */
export function recordIndexKeys(record: Pick<AttendanceRecord, 'sessionId' | 'personId' | 'sessionStartsAt'>, branchId: string): Item {
  return {
    gsi1pk: keys.personRecords(record.personId),
    gsi1sk: `${record.sessionStartsAt}#${record.sessionId}`,
    gsi2pk: keys.branchRecords(branchId, shanghaiYear(record.sessionStartsAt)),
    gsi2sk: `${record.personId}#${record.sessionStartsAt}#${record.sessionId}`,
  };
}

export function recordItem(record: AttendanceRecord, branchId: string): Item {
  return { ...keys.record(record.sessionId, record.personId), entity: 'attendance', branchId, ...recordIndexKeys(record, branchId), ...record };
}

export const recordFrom = (item: Item): AttendanceRecord & { branchId: string } => ({ ...AttendanceRecord.parse(item), branchId: String(item.branchId) });

export function leaveItem(leave: LeaveRequest): Item {
  return {
    ...keys.leave(leave.sessionId, leave.personId),
    entity: 'leave',
    ...leave,
    ...(leave.state === 'pending' ? { gsi3pk: keys.pendingLeave(leave.branchId), gsi3sk: `${leave.requestedAt}#${leave.sessionId}#${leave.personId}` } : {}),
  };
}

export const leaveFrom = (item: Item): LeaveRequest => LeaveRequest.parse(item);

export const minutesItem = (sessionId: string, minutes: Minutes): Item => ({ ...keys.minutes(sessionId), entity: 'minutes', ...minutes });
export const minutesFrom = (item: Item): Minutes => Minutes.parse(item);

/** What the cadence and the figures keep of a session in a branch's rollup item. */
export const RollupSession = Session.pick({ sessionId: true, type: true, startsAt: true, endsAt: true, state: true, tally: true });
export type RollupSession = z.infer<typeof RollupSession>;

const Rollup = z.object({ branchId: z.string(), year: z.number().int(), sessions: z.array(RollupSession), computedAt: z.string() });
export type Rollup = z.infer<typeof Rollup>;

export const rollupItem = (rollup: Rollup): Item => ({ ...keys.rollup(rollup.year, rollup.branchId), entity: 'cadenceRollup', ...rollup });
export const rollupFrom = (item: Item): Rollup => Rollup.parse(item);

export interface StoredRules {
  rules: CadenceRules;
  updatedAt: string;
  updatedBy: string;
}
