import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/clock.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { authorize, type Actor } from '../people/permissions.js';
import { auditEntity } from './entities.js';
import { AuditEntry, AuditFilter, type AuditAction, type AuditTarget } from './schema.js';
import { auditMessages } from './messages.js';

export interface AuditInput {
  action: AuditAction;
  actor: Pick<Actor, 'personId' | 'name'> | null;
  target: AuditTarget;
  changes?: Record<string, { before: unknown; after: unknown }>;
  details?: Record<string, string | number | boolean>;
}

/**
 * Records what an admin or organizer changed, and every sign-in, failed sign-in and lockout. Written after the change
 * itself succeeded (never for a change that was refused).
 */
export async function recordAudit(input: AuditInput): Promise<AuditEntry> {
  const entry = AuditEntry.parse({
    auditId: newId(),
    at: nowIso(),
    action: input.action,
    actorId: input.actor?.personId ?? null,
    actorName: input.actor?.name ?? null,
    target: input.target,
    ...(input.changes && Object.keys(input.changes).length > 0 ? { changes: input.changes } : {}),
    ...(input.details ? { details: input.details } : {}),
  });
  await auditEntity()
    .create({
      auditId: entry.auditId,
      at: entry.at,
      action: entry.action,
      ...(entry.actorId ? { actorId: entry.actorId, actorName: entry.actorName ?? '' } : {}),
      targetType: entry.target.type,
      targetId: entry.target.id,
      targetLabel: entry.target.label,
      ...(entry.changes ? { changes: entry.changes } : {}),
      ...(entry.details ? { details: entry.details } : {}),
    })
    .go();
  return entry;
}

/** Field-by-field differences between two versions of a record, leaving out bookkeeping and secrets. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>, ignore: string[] = []): Record<string, { before: unknown; after: unknown }> {
  const skip = new Set(['updatedAt', 'createdAt', 'version', 'passwordHash', 'sessionEpoch', ...ignore]);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (skip.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { before: before[key] ?? null, after: after[key] ?? null };
  }
  return changes;
}

/** A date (YYYY-MM-DD, taken in Shanghai time) or an instant, as the ISO instant that bounds a range. */
export function boundary(value: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const instant = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`);
    if (!Number.isNaN(instant.getTime())) return instant.toISOString();
  } else {
    const instant = new Date(value);
    if (!Number.isNaN(instant.getTime())) return instant.toISOString();
  }
  throw new AppError('VALIDATION', { details: [{ path: end ? 'to' : 'from', message: value }] });
}

function fromRecord(record: Record<string, unknown>): AuditEntry {
  return AuditEntry.parse({
    auditId: record.auditId,
    at: record.at,
    action: record.action,
    actorId: record.actorId ?? null,
    actorName: record.actorName ?? null,
    target: { type: record.targetType, id: record.targetId, label: record.targetLabel },
    ...(record.changes ? { changes: record.changes } : {}),
    ...(record.details ? { details: record.details } : {}),
  });
}

/** The audit log, newest first, filtered by who, what and when; paged with an opaque cursor. Admins only. */
export async function listAudit(actor: Actor | null, filterInput: AuditFilter, page: { cursor?: string | null; limit?: number } = {}) {
  authorize(actor, 'listAudit');
  const filter = AuditFilter.parse(filterInput);
  const from = filter.from ? boundary(filter.from, false) : '0000';
  const to = filter.to ? boundary(filter.to, true) : '9999';
  if (filter.from && filter.to && from > to) {
    const params = { from: filter.from, to: filter.to };
    throw new AppError('VALIDATION', { messageKey: auditMessages.rangeReversed, params, details: [{ path: 'from', message: apiMessage(currentLang(), auditMessages.rangeReversed, params) }] });
  }
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
  const entity = auditEntity();
  const range = { gte: { at: from }, lte: { at: `${to}~` } };
  const query = filter.actorId
    ? entity.query.byActor({ actorKey: filter.actorId }).between(range.gte, range.lte)
    : filter.targetId
      ? entity.query.byTarget({ targetId: filter.targetId }).between(range.gte, range.lte)
      : entity.query.byTime({}).between(range.gte, range.lte);
  const narrowed = filter.actorId && filter.targetId ? query.where((attr, op) => op.eq(attr.targetId, filter.targetId!)) : query;
  const { data, cursor } = await narrowed.go({ order: 'desc', limit, cursor: page.cursor ?? null }).catch((error: unknown) => {
    // A cursor this listing never gave out (edited, truncated, from another listing) is the caller's mistake.
    if (error instanceof Error && /cursor/i.test(error.message)) {
      throw new AppError('VALIDATION', { details: [{ path: 'cursor', message: 'not a cursor this listing gave out' }], cause: error });
    }
    throw error;
  });
  return { items: data.map((record) => fromRecord(record as Record<string, unknown>)), cursor: cursor ?? null };
}
