import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/clock.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { AuditEntry, AuditFilter, type AuditAction, type AuditTarget } from './schema.js';
import { auditMessages } from './messages.js';
import { insertAuditEntry, queryAudit } from './store.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { sheetTime, toXlsx, XLSX_TYPE, type XlsxCell } from '../../platform/xlsx.js';

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
  await insertAuditEntry(entry);
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

/** A filter's range as ISO bounds; a reversed range is the caller's mistake (400). */
function rangeOf(filter: AuditFilter) {
  const from = filter.from ? boundary(filter.from, false) : '0000';
  const to = filter.to ? boundary(filter.to, true) : '9999';
  if (filter.from && filter.to && from > to) {
    const params = { from: filter.from, to: filter.to };
    throw new AppError('VALIDATION', { messageKey: auditMessages.rangeReversed, params, details: [{ path: 'from', message: apiMessage(currentLang(), auditMessages.rangeReversed, params) }] });
  }
  return { ...(filter.actorId ? { actorId: filter.actorId } : {}), ...(filter.targetId ? { targetId: filter.targetId } : {}), from, to };
}

/** The audit log, newest first, filtered by who, what and when; paged with an opaque cursor. The audit administrator only. */
export async function listAudit(actor: Actor | null, filterInput: AuditFilter, page: { cursor?: string | null; limit?: number } = {}) {
  authorize(actor, 'listAudit');
  const range = rangeOf(AuditFilter.parse(filterInput));
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
  return queryAudit(range, { limit, cursor: page.cursor ?? null });
}

/** At most this many entries in one export; a wider range is narrowed by dates (the workbook says it was cut). */
export const EXPORT_LIMIT = 20_000;

/**
 * The entries a filter selects, newest first, as an Excel workbook (the audit administrator only): time (Shanghai),
 * action, who, what, the changes and details as recorded. The export itself is recorded first, so it is part of
 * what the next export shows.
 */
export async function exportAudit(actor: Actor | null, filterInput: AuditFilter) {
  authorize(actor, 'exportAudit');
  const filter = AuditFilter.parse(filterInput);
  const range = rangeOf(filter);
  const lang = currentLang();
  await recordAudit({
    action: 'exportAudit',
    actor: actor!,
    target: { type: 'audit', id: 'audit', label: [filter.from ?? '', filter.to ?? ''].join('–') },
    details: { ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}), ...(filter.actorId ? { actorId: filter.actorId } : {}), ...(filter.targetId ? { targetId: filter.targetId } : {}) },
  });
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await queryAudit(range, { limit: 200, cursor });
    entries.push(...page.items);
    cursor = page.cursor;
  } while (cursor && entries.length < EXPORT_LIMIT);
  const say = (key: keyof typeof auditMessages) => apiMessage(lang, auditMessages[key]);
  const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));
  const rows: XlsxCell[][] = [
    [say('colAt'), say('colAction'), say('colActor'), say('colActorId'), say('colTargetType'), say('colTarget'), say('colTargetId'), say('colChanges'), say('colDetails')],
    ...entries.slice(0, EXPORT_LIMIT).map((e) => [shanghaiTime(e.at), e.action, e.actorName ?? '', e.actorId ?? '', e.target.type, e.target.label, e.target.id, json(e.changes), json(e.details)]),
  ];
  if (cursor) rows.push([apiMessage(lang, auditMessages.exportCut, { max: EXPORT_LIMIT })]);
  const day = shanghaiTime(nowIso()).slice(0, 10);
  return { fileName: `${apiMessage(lang, auditMessages.fileName, { date: day })}.xlsx`, contentType: XLSX_TYPE, body: toXlsx([{ name: say('sheet'), rows }]) };
}

/** An instant as Shanghai wall time, to the second (YYYY-MM-DD HH:MM:SS). */
const shanghaiTime = (iso: string) => sheetTime(iso, true);
