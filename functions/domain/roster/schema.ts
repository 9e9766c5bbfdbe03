/**
 * Roster imports: the Import record as the domain reads it, and the rows kept with it. The pure reading and planning
 * of a roster are in roster-file.ts, roster-rows.ts and roster.ts.
 */
import { z } from 'zod';
import type { StoredRosterRow } from './roster.js';
// Names this area's request fields in validation messages (its labels are registered when messages.ts loads).
import './messages.js';

export const importStatuses = ['previewed', 'applying', 'applied'] as const;
export type ImportStatus = (typeof importStatuses)[number];

const Counts = z.object({ rows: z.number(), create: z.number(), update: z.number(), unchanged: z.number(), problems: z.number() });

export const ImportRecord = z.object({
  importId: z.string(),
  status: z.enum(importStatuses),
  fileName: z.string(),
  fileKey: z.string(),
  rowsKey: z.string(),
  hasRoles: z.boolean(),
  hasBranch: z.boolean(),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.number(),
  counts: Counts,
  passwordHash: z.string().optional(),
  leaseId: z.string().optional(),
  leaseUntil: z.number().optional(),
  attempts: z.number(),
  result: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }).optional(),
  appliedAt: z.string().optional(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

/** The rows of an import as kept in the uploads bucket (`imports/<id>/rows.json`). */
export const StoredRows = z.object({
  version: z.literal(1),
  rows: z.array(
    z.object({
      line: z.number().int(),
      name: z.string(),
      login: z.string(),
      unit: z.string(),
      partyStatus: z.string(),
      roles: z.string(),
      branch: z.string(),
      plannedPersonId: z.string(),
      previewAction: z.enum(['create', 'update', 'unchanged', 'problem']).optional(),
    }),
  ),
});

export interface NewImport {
  importId: string;
  fileName: string;
  file: Uint8Array;
  rows: StoredRosterRow[];
  hasRoles: boolean;
  hasBranch: boolean;
  counts: ImportRecord['counts'];
  createdBy: { personId: string; name: string };
  passwordHash?: string;
}
