/**
 * The overview across requirements (统计): per unit, the share of people meeting each requirement this year, from
 * rollup items computed from the areas' records (compute.ts) and kept fresh by the stale marks (decision 042).
 */
import { shanghaiYear } from '../study/progress.js';
import { clock } from '../../platform/clock.js';
import type { PersonRow } from './schema.js';
import { readPeopleItems } from './store.js';

const thisYear = () => shanghaiYear(clock.now().toISOString());

// ─── For the other areas (no actor: callers are trusted system code) ──────────────────────────────────────────────

/**
 * The people rows of units as last computed (the reminders' and the home's source): unitId → rows. Units never
 * computed are absent.
 */
export async function peopleRowsOf(unitIds: readonly string[], year: number = thisYear()): Promise<Map<string, PersonRow[]>> {
  const items = await readPeopleItems(year, unitIds);
  return new Map([...items].map(([unitId, item]) => [unitId, item.rows]));
}
