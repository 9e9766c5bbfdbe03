/**
 * How the overview sits in the single table (README.md beside this file has the chart). One partition per year:
 * per unit, one item of figures (`UNIT#`) and one of its own people's rows (`PEOPLE#`). The store reads and writes
 * them with the document client (decision 041).
 */
import { z } from 'zod';
import { PersonRow, Requirement } from './schema.js';

export const keys = {
  partition: (year: number) => `OVERVIEW#${year}`,
  unit: (year: number, unitId: string) => ({ pk: `OVERVIEW#${year}`, sk: `UNIT#${unitId}` }),
  people: (year: number, unitId: string) => ({ pk: `OVERVIEW#${year}`, sk: `PEOPLE#${unitId}` }),
};

/** People meeting a requirement out of those it applies to. */
export const Share = z.object({ met: z.number().int(), of: z.number().int() });
export type Share = z.infer<typeof Share>;
export const Shares = z.record(Requirement, Share);
export type Shares = z.infer<typeof Shares>;

/** One unit's figures: its own people and its subtree, and the subtree's share at each month's last computation. */
export const UnitItem = z.object({
  unitId: z.string(),
  year: z.number().int(),
  people: z.number().int(),
  direct: Shares,
  subtree: Shares,
  /** `YYYY-MM` → the subtree's shares as last computed in that month. */
  trend: z.record(z.string(), Shares),
  computedAt: z.iso.datetime(),
});
export type UnitItem = z.infer<typeof UnitItem>;

export const PeopleItem = z.object({ unitId: z.string(), year: z.number().int(), rows: z.array(PersonRow), computedAt: z.iso.datetime() });
export type PeopleItem = z.infer<typeof PeopleItem>;

type Item = Record<string, unknown>;
export const unitItem = (unit: UnitItem): Item => ({ ...keys.unit(unit.year, unit.unitId), entity: 'overviewUnit', ...unit });
export const peopleItem = (people: PeopleItem): Item => ({ ...keys.people(people.year, people.unitId), entity: 'overviewPeople', ...people });
