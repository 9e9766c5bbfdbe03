import { z } from 'zod';
import { dayOrInstant, plainCharacters } from '../../platform/fields.js';
import { auditLabels } from './messages.js';

/** What happened. Areas add their actions here; the web translates each. */
export const auditActions = [
  'signIn',
  'signInFailed',
  'lockout',
  'signOut',
  'changePassword',
  'createUnit',
  'updateUnit',
  'createPerson',
  'updatePerson',
  'resetPassword',
  'confirmImport',
  'createCourse',
  'updateCourse',
  'publishCourse',
  'assignCourse',
  'createQuestion',
  'updateQuestion',
  'retireQuestion',
  'createQuiz',
  'updateQuiz',
  'publishQuiz',
  'setPracticeSettings',
  'importQuestions',
  'assignQuiz',
  'createSession',
  'updateSession',
  'cancelSession',
  'closeSession',
  'reopenSession',
  'setCadenceRules',
  'createPledge',
  'updatePledge',
  'submitPledges',
  'reviewPledge',
  'markPledgeDone',
  'ratePledges',
  'setReviewWindow',
  'createDisplayLink',
  'revokeDisplayLink',
  'nominateHonour',
  'decideHonour',
  'exportReviewSheet',
  'exportOverview',
  'dismissFlag',
  'remindOverdue',
  'setPersonRoles',
  'exportCourseCompletion',
  'exportQuizStats',
  'exportSessionArchive',
  'exportAudit',
] as const;
export const AuditAction = z.enum(auditActions);
export type AuditAction = z.infer<typeof AuditAction>;

export const targetTypes = ['person', 'unit', 'login', 'import', 'course', 'question', 'quiz', 'settings', 'session', 'pledge', 'displayLink', 'honour', 'flag', 'overview', 'audit'] as const;
export const AuditTarget = z.object({
  type: z.enum(targetTypes),
  id: z.string().min(1).max(80),
  /** A readable name at the time (the person's name, the unit's name, the login tried). */
  label: z.string().max(120),
});
export type AuditTarget = z.infer<typeof AuditTarget>;

/** A summary of what changed: field → value before / after (secrets never appear). */
export const AuditChanges = z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }));

export const AuditEntry = z.object({
  auditId: z.string(),
  at: z.iso.datetime(),
  action: AuditAction,
  /** Who did it; null for an anonymous attempt (a failed sign-in). */
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  target: AuditTarget,
  changes: AuditChanges.optional(),
  /** Free details: the address of a sign-in, counts of an import. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z.object({
  /** The person who acted (an id). */
  actorId: z.ulid().optional(),
  /** What was acted on: a person's or unit's id, a login, an import's id. */
  targetId: z.string().max(80).check(plainCharacters(auditLabels.targetId)).optional(),
  /** Inclusive bounds, as days (YYYY-MM-DD, Shanghai) or instants, that exist on the calendar. */
  from: dayOrInstant(auditLabels.from).optional(),
  to: dayOrInstant(auditLabels.to).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;
