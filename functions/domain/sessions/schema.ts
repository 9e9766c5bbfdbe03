/**
 * Study sessions (组织生活): the kinds of session a branch holds, the periods its cadence is counted in, the marks of
 * its roster, and the cadence rules as data (a county with other local rules replaces the default set).
 *
 * Codes are stable: they are stored on items and sent by the API; the Chinese names are what people read.
 */
import { z } from 'zod';
import { Id, Timestamp, instant, text } from '../../platform/fields.js';
import { sessionsLabels } from './messages.js';

/** Session types, in the order a form offers them; `code` never changes once stored. */
export const SESSION_TYPES = [
  { code: 'branchCongress', zh: '支部党员大会', en: 'branch general meeting' },
  { code: 'committee', zh: '支部委员会', en: 'branch committee meeting' },
  { code: 'groupMeeting', zh: '党小组会', en: 'Party group meeting' },
  { code: 'partyLecture', zh: '党课', en: 'Party lecture' },
  { code: 'themeDay', zh: '主题党日', en: 'theme day' },
  { code: 'lifeMeeting', zh: '组织生活会', en: 'organisational life meeting' },
  { code: 'democraticReview', zh: '民主评议', en: 'democratic review of members' },
  { code: 'topicStudy', zh: '专题学习', en: 'topic study' },
  { code: 'oathRenewal', zh: '重温入党誓词', en: 'oath renewal' },
  { code: 'other', zh: '其他', en: 'other' },
] as const;

export type SessionTypeCode = (typeof SESSION_TYPES)[number]['code'];
export const sessionTypeCodes = SESSION_TYPES.map((t) => t.code) as [SessionTypeCode, ...SessionTypeCode[]];
export const SessionType = z.enum(sessionTypeCodes);

/** The periods a cadence is counted in; boundaries at 00:00 in Shanghai (UTC+8, no daylight saving). */
export const PERIODS = ['month', 'quarter', 'year'] as const;
export const Period = z.enum(PERIODS);
export type Period = z.infer<typeof Period>;

/** A session's life: planned, then held (closed by its organizer with its roster) or cancelled. */
export const SESSION_STATES = ['scheduled', 'held', 'cancelled'] as const;
export const SessionState = z.enum(SESSION_STATES);
export type SessionState = z.infer<typeof SessionState>;

/** A roster mark: 出席, 迟到, 请假 (leave approved beforehand), 缺席. */
export const ATTENDANCE_MARKS = ['present', 'late', 'leave', 'absent'] as const;
export const AttendanceMark = z.enum(ATTENDANCE_MARKS);
export type AttendanceMark = z.infer<typeof AttendanceMark>;

/** What a roster row reads: its mark, or `madeUp` once a leave's or an absence's make-up (补学) is confirmed. */
export const AttendanceStatus = z.enum([...ATTENDANCE_MARKS, 'madeUp']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/** Who set a roster mark: a QR check-in (pre-fill), the host scanning the member, the organizer, an approved leave, or closing the session (unmarked → absent). */
export const MarkSource = z.enum(['scan', 'reverse', 'organizer', 'leave', 'close']);
export type MarkSource = z.infer<typeof MarkSource>;

/** A make-up task (补学): due 14 days after the session (end of that day in Shanghai), then submitted, then confirmed. */
export const MakeUp = z.object({
  dueAt: Timestamp,
  state: z.enum(['pending', 'submitted', 'confirmed']),
  submittedAt: Timestamp.nullable(),
  confirmedAt: Timestamp.nullable(),
  confirmedBy: Id.nullable(),
  /** What the member wrote (the service stores it; the pure rules never read it). */
  reflection: z.string().nullable().optional(),
});
export type MakeUp = z.infer<typeof MakeUp>;

/** One person's record for one session: created once per (session, person), then only its mark and make-up change. */
export const AttendanceRecord = z.object({
  sessionId: Id,
  personId: Id,
  /** The session's start, copied so a person's history and the six-month rule read no session item. */
  sessionStartsAt: Timestamp,
  /** The first check-in, kept as evidence whatever the organizer marks later. */
  checkedInAt: Timestamp.nullable(),
  mark: AttendanceMark,
  markSource: MarkSource,
  markedAt: Timestamp,
  /** The organizer who set the mark (null when a check-in or closing the session set it). */
  markedBy: Id.nullable(),
  makeUp: MakeUp.nullable(),
});
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

/** What the cadence needs to know of a session. */
export const CadenceSession = z.object({
  sessionId: Id,
  type: SessionType,
  startsAt: Timestamp,
  endsAt: Timestamp,
  state: SessionState,
});
export type CadenceSession = z.infer<typeof CadenceSession>;

/** A cadence rule: at least `count` sessions of `type` held in each `period`. */
export const CadenceRule = z
  .object({
    type: SessionType,
    period: Period,
    count: z.number().int().min(1).max(31),
    /** A requirement the count cannot express (who must give it), shown beside the figure. */
    note: z.string().max(200).optional(),
  })
  .strict();
export type CadenceRule = z.infer<typeof CadenceRule>;

/** A rule set: at most one rule per (type, period). */
export const CadenceRules = z
  .array(CadenceRule)
  .max(50)
  .refine((rules) => new Set(rules.map((r) => `${r.type}#${r.period}`)).size === rules.length, {
    message: 'one rule per session type and period',
  });
export type CadenceRules = z.infer<typeof CadenceRules>;

/**
 * The national rules (《中国共产党支部工作条例（试行）》, 2018, with the usual local reading of 党课 as quarterly):
 * 支部委员会, 党小组会 and 主题党日 monthly; 支部党员大会 and 党课 quarterly; 组织生活会 and 民主评议 yearly.
 */
export const DEFAULT_CADENCE_RULES: CadenceRules = CadenceRules.parse([
  { type: 'committee', period: 'month', count: 1 },
  { type: 'groupMeeting', period: 'month', count: 1 },
  { type: 'themeDay', period: 'month', count: 1 },
  { type: 'branchCongress', period: 'quarter', count: 1 },
  { type: 'partyLecture', period: 'quarter', count: 1, note: '支部书记每年至少讲一次党课' },
  { type: 'lifeMeeting', period: 'year', count: 1 },
  { type: 'democraticReview', period: 'year', count: 1 },
]);

// ─── What the service stores and the API speaks ─────────────────────────────────────────────────────────────────────

/** A session's expected people: the Party members of the branch (or of a Party group in it), or people named one by one. */
export const SessionAudience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('members'), unitIds: z.array(Id).min(1).max(20) }),
  z.object({ kind: z.literal('people'), personIds: z.array(Id).min(1).max(500) }),
]);
export type SessionAudience = z.infer<typeof SessionAudience>;

/** A file handed out with a session (agenda, reading) or attached to its minutes (a photo, a scan). */
export const SessionFile = z.object({ key: z.string(), fileName: z.string(), kind: z.enum(['pdf', 'photo']) });
export type SessionFile = z.infer<typeof SessionFile>;

/** Attendance counted at closing, and kept up to date when a mark or a make-up changes afterwards. */
export const SessionTally = z.object({
  expected: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  leave: z.number().int(),
  absent: z.number().int(),
  madeUp: z.number().int(),
});
export type SessionTally = z.infer<typeof SessionTally>;

export const Session = z.object({
  sessionId: Id,
  /** The Party branch holding it (a unit of kind `branch`). */
  branchId: Id,
  type: SessionType,
  topic: z.string(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  place: z.string(),
  online: z.boolean(),
  hostId: Id,
  recorderId: Id.nullable(),
  audience: SessionAudience,
  agenda: z.string(),
  materials: z.array(SessionFile),
  state: SessionState,
  cancelReason: z.string().nullable(),
  /** When an organizer closed it (state `held`), or null. */
  closedAt: Timestamp.nullable(),
  tally: SessionTally.nullable(),
  version: z.number().int(),
  createdBy: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

/** The minutes (会议记录): text with headings (lines starting with #), decisions, optional photos and files. */
export const Minutes = z.object({
  text: z.string(),
  decisions: z.array(z.string()),
  files: z.array(SessionFile),
  savedAt: Timestamp,
  savedBy: Id,
  version: z.number().int(),
});
export type Minutes = z.infer<typeof Minutes>;

export const LEAVE_STATES = ['pending', 'approved', 'refused'] as const;
export const LeaveRequest = z.object({
  sessionId: Id,
  personId: Id,
  branchId: Id,
  reason: z.string(),
  state: z.enum(LEAVE_STATES),
  requestedAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  decidedBy: Id.nullable(),
  note: z.string().nullable(),
});
export type LeaveRequest = z.infer<typeof LeaveRequest>;

/** The shortest make-up reflection (characters), so that a make-up is more than a tick. */
export const MAKE_UP_MIN_CHARACTERS = 100;

// ─── Inputs ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A file: one uploaded now (by its id), or one the session already has (by its key). */
export const FileRef = z.union([
  z.object({ uploadId: Id, kind: z.enum(['pdf', 'photo']) }).strict(),
  z.object({ key: z.string().min(1).max(300) }).strict(),
]);
export type FileRef = z.infer<typeof FileRef>;

const sessionFields = {
  type: SessionType,
  topic: text({ label: sessionsLabels.topic, max: 100 }),
  startsAt: instant(sessionsLabels.startsAt),
  endsAt: instant(sessionsLabels.endsAt),
  place: text({ label: sessionsLabels.place, max: 200, min: 0 }).default(''),
  online: z.boolean().default(false),
  hostId: Id,
  recorderId: Id.nullable().default(null),
  audience: SessionAudience.nullable().default(null).meta({ description: 'Null: the Party members of the branch.' }),
  agenda: text({ label: sessionsLabels.agenda, max: 5000, min: 0, multiline: true }).default(''),
  materials: z.array(FileRef).max(20).default([]),
};

export const CreateSessionInput = z.object({ branchId: Id, ...sessionFields }).strict();
export type CreateSessionInput = z.infer<typeof CreateSessionInput>;

export const UpdateSessionInput = z.object({ version: z.number().int().min(1), ...sessionFields }).strict();
export type UpdateSessionInput = z.infer<typeof UpdateSessionInput>;

export const CancelSessionInput = z.object({ version: z.number().int().min(1), reason: text({ label: sessionsLabels.reason, max: 500, min: 2 }) }).strict();
export const CloseSessionInput = z.object({ version: z.number().int().min(1) }).strict();
export const ReopenSessionInput = z.object({ reason: text({ label: sessionsLabels.reason, max: 500, min: 2 }) }).strict();

/** A check-in: the token of a scanned QR code, or the six digits typed from the screen with the session's id. */
export const CheckInInput = z.union([
  z.object({ token: z.string().min(1).max(200) }).strict(),
  z.object({ sessionId: Id, code: z.string().min(1).max(20) }).strict(),
]);
export type CheckInInput = z.infer<typeof CheckInInput>;

/** The host's reverse check-in: the member's personal QR token, or their six digits. */
export const CheckInPersonInput = z.union([z.object({ token: z.string().min(1).max(200) }).strict(), z.object({ code: z.string().min(1).max(20) }).strict()]);
export type CheckInPersonInput = z.infer<typeof CheckInPersonInput>;

export const MarkAttendanceInput = z
  .object({ marks: z.array(z.object({ personId: Id, mark: AttendanceMark }).strict()).min(1).max(500) })
  .strict();

export const RequestLeaveInput = z.object({ reason: text({ label: sessionsLabels.reason, max: 500, min: 2, multiline: true }) }).strict();
export const DecideLeaveInput = z.object({ decision: z.enum(['approve', 'refuse']), note: text({ label: sessionsLabels.note, max: 200, min: 0 }).default('') }).strict();
export const SubmitMakeUpInput = z.object({ reflection: text({ label: sessionsLabels.reflection, max: 5000, min: MAKE_UP_MIN_CHARACTERS, multiline: true }) }).strict();

export const SaveMinutesInput = z
  .object({
    /** The version the editor started from (0: none yet). */
    version: z.number().int().min(0),
    text: text({ label: sessionsLabels.minutesText, max: 20000, min: 0, multiline: true }),
    decisions: z.array(text({ label: sessionsLabels.decision, max: 500 })).max(50).default([]),
    files: z.array(FileRef).max(30).default([]),
  })
  .strict();

export const SetCadenceRulesInput = z.object({ rules: CadenceRules.refine((rules) => rules.length > 0, { message: 'rulesNeedOne' }) }).strict();

export const ListSessionsQuery = z.object({
  branchId: Id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  type: SessionType.optional(),
  state: SessionState.optional(),
  /** Only the sessions the caller is expected at (their branch's, and those naming them). */
  mine: z.enum(['true', 'false']).optional(),
});
export type ListSessionsQuery = z.infer<typeof ListSessionsQuery>;

export const FiguresQuery = z.object({ unitId: Id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
export const ArchiveQuery = z.object({ branchId: Id, year: z.coerce.number().int().min(2000).max(2100) });
