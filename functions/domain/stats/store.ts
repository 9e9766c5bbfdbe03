/**
 * Reads and writes of completion rollups. No permission checks here (service.ts decides who may).
 */
import { rollupEntity } from './entities.js';
import { UnitFigures, UnitPeople } from './schema.js';

export type RollupKey = { subject: string; unitId: string; part: 'UNIT' | 'PEOPLE' };

/** Writes rollup items (whole items: recomputing replaces them), 25 a batch. */
export async function putRollups(items: (UnitFigures | UnitPeople)[]): Promise<void> {
  const entity = rollupEntity();
  for (let i = 0; i < items.length; i += 25) await entity.put(items.slice(i, i + 25)).go();
}

/** The rollup items of these keys that exist (one BatchGetItem per 100 keys), by part and unit. */
export async function readRollups(keys: RollupKey[]): Promise<{ figures: Map<string, UnitFigures>; people: Map<string, UnitPeople> }> {
  const { data } = keys.length ? await rollupEntity().get(keys).go() : { data: [] };
  const figures = new Map<string, UnitFigures>();
  const people = new Map<string, UnitPeople>();
  for (const record of data) {
    if (record.part === 'UNIT') figures.set(record.unitId, UnitFigures.parse(record));
    else people.set(record.unitId, UnitPeople.parse(record));
  }
  return { figures, people };
}
