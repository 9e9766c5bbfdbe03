/**
 * The organisation tree: units and the inputs that change them. Storage shapes live in entities.ts; these are the
 * shapes the domain and the API speak. Paths and subtrees are derived from `parentId` (tree.ts), never stored.
 */
import { z } from 'zod';
import { Id, Timestamp, text } from '../../platform/fields.js';
import { orgLabels } from './messages.js';

/** 局 → 支部 / 科室·窗口 → 党小组. */
export const unitKinds = ['bureau', 'branch', 'department', 'group'] as const;
export const UnitKind = z.enum(unitKinds);
export type UnitKind = z.infer<typeof UnitKind>;

/** How deep the tree may grow (bureau → branch → group is three; leave room for a general branch 党总支 level). */
export const maxUnitDepth = 8;

export const UnitName = text({ label: orgLabels.unitName, max: 60 });

const SortOrder = z.number().int().min(0).max(9999);

export const Unit = z.object({
  unitId: Id,
  name: UnitName,
  kind: UnitKind,
  /** The parent unit; null only for the root (the bureau). Paths and subtrees are derived from it (tree.ts). */
  parentId: Id.nullable(),
  /** Position among siblings (ascending). */
  sortOrder: SortOrder,
  /** A retired unit keeps its history but takes no new people or children. */
  retired: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Optimistic-concurrency counter: starts at 1, every edit is conditional on the version it read. */
  version: z.number().int().min(1),
});
export type Unit = z.infer<typeof Unit>;

/** What a caller supplies to create a unit; the store fills in id and bookkeeping. */
export const NewUnit = z.object({
  unitId: Id.optional(),
  name: UnitName,
  kind: UnitKind,
  parentId: Id.nullable(),
  sortOrder: SortOrder.default(0),
});
export type NewUnit = z.input<typeof NewUnit>;

// ─── Inputs of the use cases ───────────────────────────────────────────────────────────────────────────────────────

export const CreateUnitInput = z.object({ name: UnitName, kind: UnitKind, parentId: Id, sortOrder: SortOrder.optional() }).strict();

export const UpdateUnitInput = z
  .object({
    version: z.number().int().min(1),
    name: UnitName.optional(),
    kind: UnitKind.optional(),
    parentId: Id.optional(),
    sortOrder: SortOrder.optional(),
    retired: z.boolean().optional(),
  })
  .strict();
