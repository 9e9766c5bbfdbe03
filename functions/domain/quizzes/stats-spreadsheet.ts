/**
 * A quiz's results as an Excel workbook for a leader's report, built from the same view the page shows (so the file
 * agrees with the page): the summary, the questions' figures with their warnings in words, the units, the attempts
 * finished implausibly fast (for a look, not a penalty), and for an assigned quiz its completion per unit. Percent and rates are numbers, so Excel can sum
 * and chart them.
 */
import { apiMessage, type Lang } from '../../platform/i18n.js';
import { toXlsx, XLSX_TYPE, type XlsxCell } from '../../platform/xlsx.js';
import { localTime } from '../stats/spreadsheet.js';
import type { ItemWarning } from './item-stats.js';
import type { QuizStatsView } from './stats-view.js';
import { quizStatsMessages } from './stats-messages.js';

type Key = keyof typeof quizStatsMessages;

const warningKey: Record<ItemWarning, Key> = {
  fewTakers: 'warnFewTakers',
  negativeDiscrimination: 'warnNegativeDiscrimination',
  poorDiscrimination: 'warnPoorDiscrimination',
  veryEasy: 'warnVeryEasy',
  veryHard: 'warnVeryHard',
};
const kindKey = { single: 'kindSingle', multiple: 'kindMultiple', truefalse: 'kindTruefalse', fill: 'kindFill' } as const satisfies Record<string, Key>;

/** A rate 0–1 as a percent with one decimal, or empty. */
const percentOf = (rate: number | null): XlsxCell => (rate === null ? '' : Math.round(rate * 1000) / 10);

export function statsSpreadsheet(view: QuizStatsView, lang: Lang): { fileName: string; contentType: string; body: Uint8Array } {
  const m = (key: Key, params?: Record<string, string | number>) => apiMessage(lang, quizStatsMessages[key], params);
  const s = view.summary;
  const summary: XlsxCell[][] = [
    [m('colFigure'), m('colValue')],
    [m('rowQuiz'), view.quizTitle],
    [m('rowUnit'), view.unitName],
    [m('rowCounts'), m(view.counts === 'best' ? 'countsBest' : 'countsLast')],
    [m('rowPassPercent'), view.passPercent],
    [m('rowTakers'), s.takers],
    [m('rowAttempts'), s.attempts],
    [m('rowFinished'), s.finishedAttempts],
    [m('rowOpen'), s.openAttempts],
    [m('rowGraded'), s.graded],
    [m('rowPassed'), s.passed],
    [`${m('rowPassRate')} (%)`, percentOf(s.passRate)],
    [m('rowMean'), s.meanPercent ?? ''],
    [m('rowMedian'), s.medianPercent ?? ''],
    [m('rowComputedAt'), localTime(view.computedAt)],
    ...(s.fewTakers ? [[m('rowFewTakers'), m('fewTakersNote', { min: view.minTakers })]] : []),
  ];
  const questions: XlsxCell[][] = [
    [m('colNumber'), m('colStem'), m('colKind'), m('colVersion'), m('colTakers'), m('colCorrect'), m('colFacility'), m('colDiscrimination'), m('colWarnings')],
    ...view.questions.map((q, i) => [
      i + 1,
      q.stem,
      q.kind ? m(kindKey[q.kind]) : '',
      q.version,
      q.takers,
      q.correct,
      q.facility ?? '',
      q.discrimination ?? '',
      q.warnings.map((w) => m(warningKey[w], { min: view.minTakers })).join('；'),
    ]),
  ];
  const units: XlsxCell[][] = [
    [m('colUnit'), m('colTakers'), m('colGraded'), m('colPassed'), `${m('colPassRate')} (%)`],
    ...view.units.map((u) => [`${u.depth > 0 ? '　' : ''}${u.name}`, u.takers, u.graded, u.passed, percentOf(u.passRate)]),
  ];
  const flagged: XlsxCell[][] = [
    [m('colName'), m('colUnit'), m('colSeconds'), m('colQuestions'), m('colPercent'), m('colFinishedAt')],
    ...view.tooFast.map((t) => [t.name, t.unitName, t.seconds, t.questions, t.percent, localTime(t.finishedAt)]),
  ];
  const completion: XlsxCell[][] | null = view.completion
    ? [
        [m('colUnit'), m('colAssigned'), m('colDone'), m('colInProgress'), m('colNotStarted'), m('colOverdue'), m('colShare')],
        ...view.completion.units.map((u) => [
          `${'　'.repeat(Math.min(u.depth, 4))}${u.name}`,
          u.subtree.total,
          u.subtree.done,
          u.subtree.inProgress,
          u.subtree.notStarted,
          u.subtree.overdue,
          u.subtree.total > 0 ? Math.round((u.subtree.done / u.subtree.total) * 1000) / 10 : '',
        ]),
        [],
        [m('rowAsOf'), view.completion.asOf ? localTime(view.completion.asOf) : ''],
      ]
    : null;
  // No characters a file name may not hold on Windows.
  const title = view.quizTitle.replace(/[\\/:*?"<>|]+/g, '_');
  return {
    fileName: `${m('fileName', { quiz: title, date: localTime(view.computedAt).slice(0, 10) })}.xlsx`,
    contentType: XLSX_TYPE,
    body: toXlsx([
      { name: m('sheetSummary'), rows: summary },
      { name: m('sheetQuestions'), rows: questions },
      { name: m('sheetUnits'), rows: units },
      { name: m('sheetFlagged'), rows: flagged },
      ...(completion ? [{ name: m('sheetCompletion'), rows: completion }] : []),
    ]),
  };
}
