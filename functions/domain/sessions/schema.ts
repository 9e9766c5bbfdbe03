/**
 * Study sessions (组织生活): the kinds of session a branch holds, the periods its cadence is counted in, the marks of
 * its roster, and the cadence rules as data (a county with other local rules replaces the default set).
 *
 * Codes are stable: they are stored on items and sent by the API; the Chinese names are what people read.
 */
import { z } from 'zod';
import { Id, Timestamp } from '../../platform/fields.js';

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
