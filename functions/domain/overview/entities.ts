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
/**
 * A unit's figures as stored: the counts and the trend as one JSON string (`figures`) beside the keys. A leader's
 * overview reads one item per unit; decoding one string each is far cheaper than unmarshalling their hundreds of
 * nested attributes (the trend holds every month's shares).
 */
export const unitItem = ({ unitId, year, computedAt, ...figures }: UnitItem): Item => ({
  ...keys.unit(year, unitId),
  entity: 'overviewUnit',
  unitId,
  year,
  computedAt,
  figures: JSON.stringify(figures),
});

/** A unit's figures from its stored item (an item written before `figures` was one string holds them as attributes). */
export function unitFrom(item: Item): UnitItem {
  const figures = typeof item.figures === 'string' ? (JSON.parse(item.figures) as object) : item;
  return UnitItem.parse({ ...figures, unitId: item.unitId, year: item.year, computedAt: item.computedAt });
}

/**
 * A unit's people rows as stored: the open tasks they share are written once (`tasks`); each row is one JSON string
 * that names its open tasks by index and state (`o`: "index:state,…"), and `ids` lists the rows' people in order. So a
 * unit of 150 people with 50 courses assigned to everyone stays a small fraction of DynamoDB's 400 KB item (the rows
 * written out in full would not fit), and reading one person's row (a home) decodes that row alone: the SDK
 * unmarshals a few strings, not thousands of nested attributes.
 */
const stateCodes = ['overdue', 'inProgress', 'notStarted'] as const;
export function peopleItem(people: PeopleItem): Item {
  const tasks: Omit<OpenTask, 'state'>[] = [];
  const index = new Map<string, number>();
  const rows = people.rows.map(({ open, ...row }) =>
    JSON.stringify({
      ...row,
      o: open
        .map(({ state, ...task }) => {
          let at = index.get(task.assignmentId);
          if (at === undefined) {
            at = tasks.push(task) - 1;
            index.set(task.assignmentId, at);
          }
          return `${at}:${stateCodes.indexOf(state)}`;
        })
        .join(','),
    }),
  );
  return {
    ...keys.people(people.year, people.unitId),
    entity: 'overviewPeople',
    unitId: people.unitId,
    year: people.year,
    computedAt: people.computedAt,
    tasks: JSON.stringify(tasks),
    ids: people.rows.map((r) => r.personId).join(','),
    rows,
  };
}

const expand = (tasks: Omit<OpenTask, 'state'>[]) => (text: string) => {
  const { o, ...row } = JSON.parse(text) as Record<string, unknown> & { o: string };
  const open = o ? o.split(',').map((pair) => pair.split(':').map(Number) as [number, number]) : [];
  return { ...row, open: open.map(([at, state]) => ({ ...tasks[at]!, state: stateCodes[state]! })) };
};
const tasksOf = (item: Item) => JSON.parse(String(item.tasks ?? '[]')) as Omit<OpenTask, 'state'>[];

/** The rows as written out in full again (what every reader gets). */
export function peopleFrom(item: Item): PeopleItem {
  const rows = ((item.rows ?? []) as string[]).map(expand(tasksOf(item)));
  return PeopleItem.parse({ unitId: item.unitId, year: item.year, computedAt: item.computedAt, rows });
}

/** One person's row of the item, written out in full (null when the person is not among its rows). */
export function personFrom(item: Item, personId: string): PersonRow | null {
  const at = String(item.ids ?? '').split(',').indexOf(personId);
  const text = at >= 0 ? (item.rows as string[])[at] : undefined;
  return text ? PersonRow.parse(expand(tasksOf(item))(text)) : null;
}
