import { z } from '@hono/zod-openapi';
import { ATTENDANCE_MARKS, LEAVE_STATES, PERIODS, SESSION_STATES, sessionTypeCodes } from '../../domain/sessions/schema.js';

/** The shapes the study-session routes answer with (sessions.ts, session-attendance.ts, session-figures.ts). */

const statuses = [...ATTENDANCE_MARKS, 'madeUp'] as const;
export const SessionTypeCode = z.enum(sessionTypeCodes);
const State = z.enum(SESSION_STATES);

export const Tally = z
  .object({ expected: z.number().int(), present: z.number().int(), late: z.number().int(), leave: z.number().int(), absent: z.number().int(), madeUp: z.number().int() })
  .openapi('SessionTally');

const MakeUpView = z
  .object({
    state: z.enum(['pending', 'submitted', 'confirmed']),
    dueAt: z.string(),
    overdue: z.boolean(),
    reflection: z.string().nullable(),
    submittedAt: z.string().nullable(),
    confirmedAt: z.string().nullable(),
  })
  .openapi('MakeUpView');

const LeaveView = z
  .object({ state: z.enum(LEAVE_STATES), reason: z.string(), note: z.string().nullable(), requestedAt: z.string(), decidedAt: z.string().nullable() })
  .openapi('LeaveView');

const FileView = z.object({ key: z.string(), fileName: z.string(), kind: z.enum(['pdf', 'photo']), url: z.string() }).openapi('SessionFileView');

export const SessionSummary = z
  .object({
    sessionId: z.string(),
    branchId: z.string(),
    branchName: z.string(),
    type: SessionTypeCode,
    topic: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string(),
    online: z.boolean(),
    state: State,
    hostName: z.string(),
    cancelReason: z.string().nullable(),
    tally: Tally.nullable().openapi({ description: 'Attendance counted at closing; null until the session is closed.' }),
    myStatus: z.enum(statuses).nullable().openapi({ description: 'The caller’s roster status, if they have a record.' }),
    myLeave: z.enum(LEAVE_STATES).nullable(),
    myMakeUp: z
      .object({ state: z.enum(['pending', 'submitted', 'confirmed']), dueAt: z.string(), overdue: z.boolean() })
      .nullable()
      .openapi({ description: 'The caller’s make-up study (补学) for this session, if they have one.' }),
    expectsMe: z.boolean().openapi({ description: 'Whether the caller is on the list of expected people.' }),
  })
  .openapi('SessionSummary');

export const SessionView = SessionSummary.extend({
  hostId: z.string(),
  recorderId: z.string().nullable(),
  recorderName: z.string().nullable(),
  audience: z.object({
    kind: z.enum(['members', 'people']),
    units: z.array(z.object({ unitId: z.string(), name: z.string() })),
    people: z.array(z.object({ personId: z.string(), name: z.string() })),
  }),
  agenda: z.string(),
  materials: z.array(FileView),
  minutes: z
    .object({ text: z.string(), decisions: z.array(z.string()), files: z.array(FileView), savedAt: z.string(), savedByName: z.string(), version: z.number().int() })
    .nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  checkIn: z.object({ opensAt: z.string(), closesAt: z.string(), open: z.boolean() }),
  mine: z.object({
    checkedInAt: z.string().nullable(),
    makeUp: MakeUpView.nullable(),
    leave: LeaveView.nullable(),
    mayRequestLeave: z.boolean(),
  }),
  may: z.object({
    edit: z.boolean().openapi({ description: 'Change, cancel or close it (its branch’s organizers, admins).' }),
    host: z.boolean().openapi({ description: 'Show the check-in code, keep the roster (also its host and recorder).' }),
    record: z.boolean().openapi({ description: 'Write the minutes (its recorder, host, organizers).' }),
    readRoster: z.boolean(),
    reopen: z.boolean(),
  }),
}).openapi('SessionView');

export const RosterRow = z
  .object({
    personId: z.string(),
    name: z.string(),
    unitName: z.string(),
    expected: z.boolean().openapi({ description: 'False for a record of someone no longer on the list (kept: the record is history).' }),
    status: z.enum(statuses).nullable().openapi({ description: 'Null: not marked yet.' }),
    mark: z.enum(ATTENDANCE_MARKS).nullable(),
    markSource: z.enum(['scan', 'reverse', 'organizer', 'leave', 'close']).nullable(),
    checkedInAt: z.string().nullable(),
    leave: LeaveView.nullable(),
    makeUp: MakeUpView.nullable(),
  })
  .openapi('RosterRow');

export const Roster = z
  .object({
    sessionId: z.string(),
    topic: z.string(),
    type: SessionTypeCode,
    branchName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string(),
    state: State,
    hostName: z.string(),
    recorderName: z.string().nullable(),
    version: z.number().int(),
    counts: z.object({
      expected: z.number().int(),
      present: z.number().int(),
      late: z.number().int(),
      leave: z.number().int(),
      absent: z.number().int(),
      madeUp: z.number().int(),
      unmarked: z.number().int(),
      pendingLeave: z.number().int(),
    }),
    rows: z.array(RosterRow),
    asOf: z.string(),
  })
  .openapi('Roster');

export const CheckInCode = z
  .object({
    sessionId: z.string(),
    topic: z.string(),
    code: z.string().openapi({ description: 'Six digits, valid in this 15-second window and the next.' }),
    token: z.string().openapi({ description: 'What the QR code carries; the web opens /check-in?t=<token>.' }),
    windowEndsAt: z.string(),
    serverTime: z.string(),
    open: z.boolean(),
    reason: z.enum(['cancelled', 'closed', 'notYet', 'over']).nullable(),
    opensAt: z.string(),
    closesAt: z.string(),
    counts: z.object({ expected: z.number().int(), present: z.number().int(), late: z.number().int(), leave: z.number().int() }),
    recent: z.array(z.object({ name: z.string(), at: z.string() })).openapi({ description: 'The latest check-ins, newest first (at most 8).' }),
  })
  .openapi('CheckInCode');

export const CheckInResult = z
  .object({
    sessionId: z.string(),
    topic: z.string(),
    startsAt: z.string(),
    outcome: z.enum(['recorded', 'already']),
    personId: z.string(),
    name: z.string(),
    status: z.enum(statuses),
    checkedInAt: z.string().nullable(),
  })
  .openapi('CheckInResult');

export const PersonalCode = z
  .object({ name: z.string(), code: z.string(), token: z.string(), windowEndsAt: z.string(), serverTime: z.string() })
  .openapi('PersonalCode');

const Standing = z.object({
  type: SessionTypeCode,
  period: z.enum(PERIODS),
  key: z.string(),
  required: z.number().int(),
  held: z.number().int(),
  scheduled: z.number().int(),
  unclosed: z.number().int(),
  status: z.enum(['held', 'scheduled', 'missing']),
  atRisk: z.boolean(),
  note: z.string().optional(),
});

export const AttendanceTotals = z
  .object({
    sessions: z.number().int(),
    expected: z.number().int(),
    attended: z.number().int().openapi({ description: 'Present or late.' }),
    leave: z.number().int(),
    absent: z.number().int(),
    madeUp: z.number().int(),
    outstanding: z.number().int().openapi({ description: 'Leave and absences not yet made up.' }),
    rate: z.number().nullable().openapi({ description: 'Attended of expected, 0–1; null with nobody expected.' }),
  })
  .openapi('AttendanceTotals');

export const CadenceView = z
  .object({
    now: z.string(),
    year: z.number().int(),
    rules: z.array(z.object({ type: SessionTypeCode, period: z.enum(PERIODS), count: z.number().int(), note: z.string().optional() })),
    branches: z.array(
      z.object({
        branchId: z.string(),
        name: z.string(),
        path: z.string(),
        computedAt: z.string().nullable().openapi({ description: 'When its figures were computed (“as of”); null: no session this year.' }),
        standings: z.array(Standing),
        summary: z.object({ held: z.number().int(), scheduled: z.number().int(), missing: z.number().int(), atRisk: z.number().int() }),
        attendance: AttendanceTotals,
        byType: z.array(z.object({ type: SessionTypeCode, held: z.number().int() })).openapi({ description: 'Sessions held this year by type.' }),
      }),
    ),
    mayChangeRules: z.boolean(),
  })
  .openapi('CadenceView');

export const AttendanceFigures = z
  .object({
    branchId: z.string(),
    branchName: z.string(),
    year: z.number().int(),
    totals: AttendanceTotals,
    people: z.array(
      AttendanceTotals.omit({ sessions: true }).extend({
        personId: z.string(),
        name: z.string(),
        unitName: z.string(),
        lastAttendedAt: z.string().nullable(),
        inactive: z.boolean().nullable().openapi({ description: 'Nothing attended or made up for six months; shown to the branch’s organizers only (null for others).' }),
      }),
    ),
    sessions: z.array(SessionSummary),
  })
  .openapi('AttendanceFigures');
