/**
 * Persistence of the audit log: entries are written once and read newest first by time, by actor or by target. No
 * permission checks here (service.ts decides who may read).
 */
import { unknownCursor, type Page } from '../../platform/store.js';
import { auditEntity } from './entities.js';
import { AuditEntry } from './schema.js';

export async function insertAuditEntry(entry: AuditEntry): Promise<void> {
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

/**
 * Entries between two instants (`from`, `to`: ISO strings, `to` inclusive), newest first, by one actor and/or one
 * target, a page at a time. A cursor this listing never gave out is the caller's mistake (400).
 */
export async function queryAudit(
  range: { actorId?: string; targetId?: string; from: string; to: string },
  page: { limit: number; cursor: string | null },
): Promise<Page<AuditEntry>> {
  const entity = auditEntity();
  const gte = { at: range.from };
  const lte = { at: `${range.to}~` };
  const query = range.actorId
    ? entity.query.byActor({ actorKey: range.actorId }).between(gte, lte)
    : range.targetId
      ? entity.query.byTarget({ targetId: range.targetId }).between(gte, lte)
      : entity.query.byTime({}).between(gte, lte);
  const narrowed = range.actorId && range.targetId ? query.where((attr, op) => op.eq(attr.targetId, range.targetId!)) : query;
  const { data, cursor } = await narrowed.go({ order: 'desc', limit: page.limit, cursor: page.cursor }).catch((error: unknown) => {
    if (error instanceof Error && /cursor/i.test(error.message)) {
      throw unknownCursor(error);
    }
    throw error;
  });
  return { items: data.map((record) => fromRecord(record as Record<string, unknown>)), cursor: cursor ?? null };
}
