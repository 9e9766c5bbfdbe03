/**
 * Quarterly honours (季度评选): 红旗窗口 and 群众满意窗口 for a service window, 党员先锋岗 and 最美服务之星 for a person.
 * An organizer nominates for the current quarter or the one before, with a reason and optional evidence; a leader
 * within reach of the nominee's unit awards or declines, once. The types are data; their codes are stable (stored
 * on items and sent by the API), their names are what people read.
 */
import { z } from 'zod';
import { Id, Timestamp, text } from '../../platform/fields.js';
import { EvidenceFile, EvidenceRef } from '../pledges/schema.js';
import { sessionsLabels } from '../sessions/messages.js';
import { honoursLabels } from './messages.js';

export const HONOUR_TYPES = [
  { code: 'redFlagWindow', zh: '红旗窗口', en: 'Red Flag Window', nominee: 'window' },
  { code: 'satisfiedWindow', zh: '群众满意窗口', en: 'Citizens’ Choice Window', nominee: 'window' },
  { code: 'pioneerPost', zh: '党员先锋岗', en: 'Party Member Pioneer Post', nominee: 'person' },
  { code: 'serviceStar', zh: '最美服务之星', en: 'Service Star', nominee: 'person' },
] as const;
export type HonourTypeCode = (typeof HONOUR_TYPES)[number]['code'];
export const honourTypeCodes = HONOUR_TYPES.map((t) => t.code) as [HonourTypeCode, ...HonourTypeCode[]];
export const HonourType = z.enum(honourTypeCodes);
export const NomineeKind = z.enum(['window', 'person']);
export type NomineeKind = z.infer<typeof NomineeKind>;

export const HONOUR_STATES = ['nominated', 'awarded', 'declined'] as const;
export const HonourState = z.enum(HONOUR_STATES);
export type HonourState = z.infer<typeof HonourState>;

/** A quarter as `2027-Q1`. */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, { error: 'YYYY-Q1 … YYYY-Q4' });

export const Honour = z.object({
  honourId: Id,
  quarter: z.string(),
  honourType: HonourType,
  nomineeKind: NomineeKind,
  /** The window's unit, or the unit the person sat in when nominated: whose leaders decide. */
  unitId: Id,
  personId: Id.nullable(),
  /** The window's name as the organizer wrote it (null for a person). */
  windowName: z.string().nullable(),
  /** The person's name when nominated, or the window's name: what the board prints. */
  nomineeName: z.string(),
  reason: z.string(),
  evidence: z.array(EvidenceFile),
  state: HonourState,
  nominatedBy: Id,
  nominatedByName: z.string(),
  nominatedAt: Timestamp,
  decidedBy: Id.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  decisionNote: z.string().nullable(),
});
export type Honour = z.infer<typeof Honour>;

export const NominateHonourInput = z
  .object({
    quarter: Quarter,
    honourType: HonourType,
    /** A window's unit (window types). */
    unitId: Id.optional(),
    windowName: text({ label: honoursLabels.windowName, max: 60 }).optional(),
    /** The person (person types). */
    personId: Id.optional(),
    reason: text({ label: sessionsLabels.reason, max: 500, multiline: true }),
    evidence: z.array(EvidenceRef).max(6).default([]),
  })
  .strict();
export type NominateHonourInput = z.infer<typeof NominateHonourInput>;

export const DecideHonourInput = z
  .object({
    outcome: z.enum(['award', 'decline']),
    note: text({ label: sessionsLabels.note, max: 300, min: 0, multiline: true }).default(''),
  })
  .strict();

export const ListHonoursQuery = z
  .object({
    quarter: Quarter.optional(),
    /** Within this unit's subtree. */
    unitId: Id.optional(),
    state: HonourState.optional(),
  })
  .strict();
