/**
 * Persistence for units: reads parsed by zod, writes guarded by conditions, failed conditions translated to 409s. No
 * permission checks here: this is the layer under the use cases (service.ts) and under system jobs such as the demo
 * seed.
 */
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/clock.js';
import { Id } from '../../platform/fields.js';
import { guardedWrite, invalidField, parseInput, versionedWrite } from '../../platform/store.js';
import { orgEntities, rootParentKey } from './entities.js';
import { NewUnit, Unit } from './schema.js';
import { sortAsTree } from './tree.js';

const isId = (value: string): boolean => Id.safeParse(value).success;

/** The attributes a Unit is stored with (absent parent for the root). */
export function unitItem(unit: Unit) {
  const { parentId, ...rest } = unit;
  return { ...rest, ...(parentId === null ? {} : { parentId }) };
}

function unitFromRecord(record: object & { parentId?: string | undefined }): Unit {
  return Unit.parse({ ...record, parentId: record.parentId ?? null });
}

export async function readUnit(unitId: string): Promise<Unit | undefined> {
  if (!isId(unitId)) return undefined;
  const { data } = await orgEntities().unit.get({ unitId }).go();
  return data ? unitFromRecord(data) : undefined;
}

/** Writes a new unit under an existing, unretired parent (or a root when parentId is null); only if absent. */
export async function insertUnit(input: NewUnit): Promise<Unit> {
  const data = parseInput(NewUnit, input);
  const unitId = data.unitId ?? newId();
  if (data.parentId !== null) {
    const parent = await readUnit(data.parentId);
    if (!parent) throw invalidField('parentId', 'no such unit');
    if (parent.retired) throw invalidField('parentId', 'the unit is retired');
  }
  const now = nowIso();
  const unit = parseInput(Unit, { ...data, unitId, retired: false, createdAt: now, updatedAt: now, version: 1 });
  await guardedWrite(() => orgEntities().unit.create(unitItem(unit)).go(), { unitId });
  return unit;
}

/** The children of a unit in display order; `null` reads the roots. */
export async function queryChildUnits(parentId: string | null): Promise<Unit[]> {
  if (parentId !== null && !isId(parentId)) return [];
  const { data } = await orgEntities()
    .unit.query.childrenOf({ parentKey: parentId ?? rootParentKey })
    .go({ pages: 'all' });
  return data.map(unitFromRecord);
}

/** Every unit (one query: the tree is a few dozen items), ordered as a tree is drawn. */
export async function readAllUnits(): Promise<Unit[]> {
  const { data } = await orgEntities().unit.query.allUnits({}).go({ pages: 'all' });
  return sortAsTree(data.map(unitFromRecord));
}

/** Replaces a unit if it is still at `expectedVersion`; the stored version becomes expectedVersion + 1. */
export async function replaceUnit(next: Unit, expectedVersion: number): Promise<Unit> {
  const unit = Unit.parse({ ...next, version: expectedVersion + 1, updatedAt: nowIso() });
  await versionedWrite(
    () =>
      orgEntities()
        .unit.put(unitItem(unit))
        .where((attr, op) => op.eq(attr.version, expectedVersion))
        .go(),
    expectedVersion,
    () => readUnit(unit.unitId),
  );
  return unit;
}
