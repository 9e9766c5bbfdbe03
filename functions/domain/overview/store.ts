/** Reads and writes of the overview's items (entities.ts); no permission checks. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { aws } from '../../platform/aws.js';
import { batchGetItems, batchWrite } from '../../platform/store.js';
import { config } from '../../platform/config.js';
import { keys, peopleFrom, peopleItem, personFrom, unitFrom, unitItem, type PeopleItem, type UnitItem } from './entities.js';
import type { PersonRow } from './schema.js';

/** The figures of the given units for a year, by unit (one BatchGetItem per 100 units). */
export async function readUnitItems(year: number, unitIds: readonly string[]): Promise<Map<string, UnitItem>> {
  const items = await batchGetItems(unitIds.map((unitId) => keys.unit(year, unitId)));
  return new Map(items.map(unitFrom).map((unit) => [unit.unitId, unit]));
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

/**
 * One person's row from their unit's item (a home's read: one GetItem), decoding and checking that row alone rather
 * than every row of the unit. Null item: the unit was never computed.
 */
export async function readPersonRow(year: number, unitId: string, personId: string): Promise<{ row: PersonRow | null; computedAt: string } | null> {
  const { Item } = await aws().doc.send(new GetCommand({ TableName: config().tableName, Key: keys.people(year, unitId) }));
  return Item ? { row: personFrom(Item, personId), computedAt: String(Item.computedAt) } : null;
}
