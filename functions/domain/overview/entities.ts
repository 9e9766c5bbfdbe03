/**
 * How the overview sits in the single table (README.md beside this file has the chart). One partition per year:
 * per unit, one item of figures (`UNIT#`) and one of its own people's rows (`PEOPLE#`). The store reads and writes
 * them with the document client (decision 041).
 */
import { z } from 'zod';
import { PersonRow, Requirement, type OpenTask } from './schema.js';

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

/**
 * A unit's people rows as stored: the open tasks they share are written once (`tasks`), and each row names its own by
 * index and state (`o`: [index, state]), so a unit of 150 people with 50 courses assigned to everyone stays a small
 * fraction of DynamoDB's 400 KB item, where the rows written out in full would not fit.
 */
const stateCodes = ['overdue', 'inProgress', 'notStarted'] as const;
export function peopleItem(people: PeopleItem): Item {
  const tasks: Omit<OpenTask, 'state'>[] = [];
  const index = new Map<string, number>();
  const rows = people.rows.map(({ open, ...row }) => ({
    ...row,
    o: open.map(({ state, ...task }) => {
      let at = index.get(task.assignmentId);
      if (at === undefined) {
        at = tasks.push(task) - 1;
        index.set(task.assignmentId, at);
      }
      return [at, stateCodes.indexOf(state)];
    }),
  }));
  return { ...keys.people(people.year, people.unitId), entity: 'overviewPeople', unitId: people.unitId, year: people.year, computedAt: people.computedAt, tasks, rows };
}

type StoredRow = Record<string, unknown> & { personId?: string; o?: [number, number][] };
const expand = (tasks: Omit<OpenTask, 'state'>[]) => ({ o = [], ...row }: StoredRow) => ({ ...row, open: o.map(([at, state]) => ({ ...tasks[at]!, state: stateCodes[state]! })) });

/** The rows as written out in full again (what every reader gets). */
export function peopleFrom(item: Item): PeopleItem {
  const rows = ((item.rows ?? []) as StoredRow[]).map(expand((item.tasks ?? []) as Omit<OpenTask, 'state'>[]));
  return PeopleItem.parse({ unitId: item.unitId, year: item.year, computedAt: item.computedAt, rows });
}

/** One person's row of the item, written out in full (null when the person is not among its rows). */
export function personFrom(item: Item, personId: string): PersonRow | null {
  const row = ((item.rows ?? []) as StoredRow[]).find((r) => r.personId === personId);
  return row ? PersonRow.parse(expand((item.tasks ?? []) as Omit<OpenTask, 'state'>[])(row)) : null;
}
