/**
 * Use cases for the organisation tree. Each takes the acting person and checks, through authz, what they may do; no
 * adapter can forget it. `loadTree` is what every other area reads the tree through.
 */
import { AppError } from '../../platform/errors.js';
import { config } from '../../platform/config.js';
import { diff, recordAudit } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { activePeopleInUnit } from '../people/directory.js';
import { CreateUnitInput, UpdateUnitInput, type Unit } from './schema.js';
import * as store from './store.js';
import { OrgTree } from './tree.js';
import { orgMessages } from './messages.js';

/**
 * The organisation tree, read once and kept for a few seconds per process (see docs/decisions/005): every permission
 * check needs it, and it changes a few times a year. A unit written by this process drops the copy at once.
 */
const treeTtlMs = 15_000;
let cachedTree: { tree: OrgTree; at: number; table: string } | undefined;

export async function loadTree(): Promise<OrgTree> {
  const table = config().tableName;
  const now = Date.now();
  if (cachedTree && cachedTree.table === table && now - cachedTree.at < treeTtlMs) return cachedTree.tree;
  const tree = new OrgTree(await store.readAllUnits());
  cachedTree = { tree, at: now, table };
  return tree;
}

/** The tree as stored this moment, not a copy seconds old (for checks that decide what gets written). */
export async function loadFreshTree(): Promise<OrgTree> {
  forgetTree();
  return loadTree();
}

/** Forget the cached tree (after a unit changed here, or in tests that change units behind the service's back). */
export function forgetTree(): void {
  cachedTree = undefined;
}

const unitLabel = (unit: Pick<Unit, 'unitId' | 'name'>) => ({ type: 'unit' as const, id: unit.unitId, label: unit.name });

export async function listUnits(actor: Actor | null) {
  authorize(actor, 'listUnits');
  const tree = await loadTree();
  return tree.ordered().map((unit) => ({ ...unit, depth: tree.path(unit.unitId).length - 1, pathName: tree.pathName(unit.unitId) }));
}

export async function createUnit(actor: Actor | null, input: unknown) {
  authorize(actor, 'createUnit');
  const data = CreateUnitInput.parse(input);
  const tree = await loadTree();
  const parent = tree.get(data.parentId);
  if (!parent) throw new AppError('VALIDATION', { messageKey: orgMessages.unitNotFound, details: [{ path: 'parentId' }] });
  if (parent.retired) throw new AppError('VALIDATION', { messageKey: orgMessages.unitRetired, params: { name: parent.name }, details: [{ path: 'parentId' }] });
  const sortOrder = data.sortOrder ?? (Math.max(-10, ...tree.children(parent.unitId).map((u) => u.sortOrder)) + 10);
  const unit = await store.insertUnit({ name: data.name, kind: data.kind, parentId: parent.unitId, sortOrder: Math.min(sortOrder, 9999) });
  forgetTree();
  await recordAudit({ action: 'createUnit', actor, target: unitLabel(unit), changes: diff({}, unit, ['unitId', 'retired']) });
  return unit;
}

/** Renames, moves, reorders, retires or reinstates a unit. A unit with active people or units under it cannot retire. */
export async function updateUnit(actor: Actor | null, unitId: string, input: unknown) {
  authorize(actor, 'updateUnit');
  const data = UpdateUnitInput.parse(input);
  const tree = await loadTree();
  const unit = tree.get(unitId);
  if (!unit) throw new AppError('NOT_FOUND', { messageKey: orgMessages.unitNotFound });
  const next: Unit = {
    ...unit,
    ...(data.name !== undefined ? { name: data.name } : {}),
    ...(data.kind !== undefined ? { kind: data.kind } : {}),
    ...(data.sortOrder !== undefined ? { sortOrder: data.sortOrder } : {}),
    ...(data.retired !== undefined ? { retired: data.retired } : {}),
  };
  if (data.parentId !== undefined && data.parentId !== unit.parentId) {
    if (unit.parentId === null) throw new AppError('VALIDATION', { messageKey: orgMessages.rootUnit, details: [{ path: 'parentId' }] });
    const parent = tree.get(data.parentId);
    if (!parent) throw new AppError('VALIDATION', { messageKey: orgMessages.unitNotFound, details: [{ path: 'parentId' }] });
    if (tree.isWithin(parent.unitId, unit.unitId)) throw new AppError('VALIDATION', { messageKey: orgMessages.unitCycle, details: [{ path: 'parentId' }] });
    if (parent.retired) throw new AppError('VALIDATION', { messageKey: orgMessages.unitRetired, params: { name: parent.name }, details: [{ path: 'parentId' }] });
    next.parentId = parent.unitId;
  }
  if (next.retired && !unit.retired) {
    if (unit.parentId === null) throw new AppError('VALIDATION', { messageKey: orgMessages.rootUnit, details: [{ path: 'retired' }] });
    const activeChildren = tree.children(unit.unitId).filter((child) => !child.retired).length;
    const people = await activePeopleInUnit(unit.unitId);
    if (activeChildren > 0 || people > 0) {
      throw new AppError('CONFLICT', { messageKey: orgMessages.unitNotEmpty, params: { name: unit.name, people, units: activeChildren } });
    }
  }
  const saved = await store.replaceUnit(next, data.version);
  forgetTree();
  await recordAudit({ action: 'updateUnit', actor, target: unitLabel(saved), changes: diff(unit, saved) });
  return saved;
}
