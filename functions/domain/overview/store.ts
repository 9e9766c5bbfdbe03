/** Reads and writes of the overview's items (entities.ts); no permission checks. */
import { batchGetItems, batchWrite } from '../../platform/store.js';
import { config } from '../../platform/config.js';
import { keys, peopleFrom, peopleItem, UnitItem, unitItem, type PeopleItem } from './entities.js';

/** The figures of the given units for a year, by unit (one BatchGetItem per 100 units). */
export async function readUnitItems(year: number, unitIds: readonly string[]): Promise<Map<string, UnitItem>> {
  const items = await batchGetItems(unitIds.map((unitId) => keys.unit(year, unitId)));
  return new Map(items.map((item) => UnitItem.parse(item)).map((unit) => [unit.unitId, unit]));
}

/** The people rows of the given units for a year, by unit. */
export async function readPeopleItems(year: number, unitIds: readonly string[]): Promise<Map<string, PeopleItem>> {
  const items = await batchGetItems(unitIds.map((unitId) => keys.people(year, unitId)));
  return new Map(items.map(peopleFrom).map((people) => [people.unitId, people]));
}

/** Writes units' figures and people rows (whole items: a rewrite gives the same result twice). */
export async function writeOverviewItems(units: readonly UnitItem[], people: readonly PeopleItem[]): Promise<void> {
  const puts = [...units.map(unitItem), ...people.map(peopleItem)].map((Item) => ({ PutRequest: { Item } }));
  const batches = [];
  for (let i = 0; i < puts.length; i += 25) batches.push({ RequestItems: { [config().tableName]: puts.slice(i, i + 25) } });
  await batchWrite(batches);
}
