/**
 * The completion figures as a spreadsheet, for a leader's report: an Excel workbook with two sheets (per unit with
 * subtree figures and rate; every person counted with unit, state and completion time, the unfinished first), or one
 * of them as CSV. Built from the same rollup items as the page, so the file agrees with the page.
 */
import { toCsv, type CsvCell } from '../../platform/csv.js';
import { sheetTime, toXlsx, XLSX_TYPE } from '../../platform/xlsx.js';
import { apiMessage, type Lang } from '../../platform/i18n.js';
import type { OrgTree } from '../org/tree.js';
import { unitRows } from './rollup.js';
import type { CompletionState, UnitFigures, UnitPeople } from './schema.js';
import { statsMessages } from './messages.js';

/** Shanghai wall-clock time, as a spreadsheet shows it: 2026-11-28 09:34. */
export const localTime = (iso: string | null) => sheetTime(iso);

const stateOrder: Record<CompletionState, number> = { overdue: 0, notStarted: 1, inProgress: 2, done: 3 };
const stateLabel: Record<CompletionState, keyof typeof statsMessages> = { done: 'stateDone', inProgress: 'stateInProgress', notStarted: 'stateNotStarted', overdue: 'stateOverdue' };

export interface SpreadsheetSource {
  lang: Lang;
  courseTitle: string;
  tree: OrgTree;
  /** The units shown, with their depth in the tree. */
  depths: Map<string, number>;
  figures: Map<string, UnitFigures>;
  people: Map<string, UnitPeople>;
  /** Today in Shanghai (YYYY-MM-DD), for the file's name. */
  day: string;
}

export function completionSpreadsheet(
  source: SpreadsheetSource,
  query: { format: 'xlsx' | 'csv'; part: 'units' | 'people' },
): { fileName: string; contentType: string; body: Uint8Array | string } {
  const { tree, depths } = source;
  const wanted = [...depths.keys()];
  const m = (key: keyof typeof statsMessages, params?: Record<string, string | number>) => apiMessage(source.lang, statsMessages[key], params);
  const path = (unitId: string) => tree.path(unitId).map((id) => tree.get(id)?.name ?? '').join(' / ');

  const unitsTable = (): CsvCell[][] => [
    [m('csvUnit'), m('csvTotal'), m('csvDone'), m('csvInProgress'), m('csvNotStarted'), m('csvOverdue'), m('csvRate'), m('csvComputedAt')],
    ...unitRows(wanted, depths, tree, source.figures).map((u) => [
      path(u.unitId),
      u.subtree.total,
      u.subtree.done,
      u.subtree.inProgress,
      u.subtree.notStarted,
      u.subtree.overdue,
      u.subtree.total ? `${Math.round((u.subtree.done / u.subtree.total) * 100)}%` : '',
      localTime(u.computedAt),
    ]),
  ];
  const peopleTable = (): CsvCell[][] => {
    const rows: CsvCell[][] = [[m('csvUnit'), m('csvName'), m('csvLogin'), m('csvState'), m('csvCompletedAt')]];
    for (const unitId of wanted) {
      const people = [...(source.people.get(unitId)?.people ?? [])].sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || a.name.localeCompare(b.name, 'zh-CN'));
      for (const person of people) rows.push([path(unitId), person.name, person.login, m(stateLabel[person.state]), localTime(person.completedAt)]);
    }
    return rows;
  };

  // No characters a file name may not hold on Windows (a course may be called "放管服：一次办好/网上办").
  const title = source.courseTitle.replace(/[\\/:*?"<>|]+/g, '_');
  if (query.format === 'xlsx') {
    return {
      fileName: `${m('csvFileBook', { course: title, date: source.day })}.xlsx`,
      contentType: XLSX_TYPE,
      body: toXlsx([
        { name: m('sheetUnits'), rows: unitsTable() },
        { name: m('sheetPeople'), rows: peopleTable() },
      ]),
    };
  }
  const units = query.part !== 'people';
  return {
    fileName: `${m(units ? 'csvFileUnits' : 'csvFilePeople', { course: title, date: source.day })}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: toCsv(units ? unitsTable() : peopleTable()),
  };
}
