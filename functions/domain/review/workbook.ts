/**
 * The review sheets as a workbook (民主评议表): a summary sheet with one row per member, then one worksheet per
 * member with everything their printed sheet shows. Texts in the reader's language; sheet names safe for Excel.
 */
import { apiMessage, type Lang } from '../../platform/i18n.js';
import { toXlsx, XLSX_TYPE, type XlsxCell } from '../../platform/xlsx.js';
import { localTime } from '../stats/spreadsheet.js';
import { reviewWorkbookMessages as m } from './messages.js';
import type { ReviewSheets } from './schema.js';

const MAX_SHEET_NAME = 31;

/** Cuts a name to at most `max` UTF-16 units (Excel's count) without splitting a character. */
function cut(name: string, max: number): string {
  let out = '';
  for (const char of name) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

/**
 * Worksheet names Excel accepts for these wanted names, in order: none of : \ / ? * [ ], no control characters, no
 * apostrophe at either end, not "History", at most 31 characters, never empty, and unique ignoring case (Excel's
 * rule) — also against `taken` (names already used, such as the summary sheet's). Namesakes get " (2)", " (3)".
 */
export function safeSheetNames(wanted: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(taken.map((name) => name.toLocaleLowerCase()));
  return wanted.map((name, index) => {
    let base = name
      .replace(/[:\\/?*[\]\u0000-\u001F\u007F]/g, '_')
      .replace(/^'+|'+$/g, '')
      .trim();
    if (!base || base.toLocaleLowerCase() === 'history') base = `${base || 'Sheet'} ${index + 1}`;
    let candidate = cut(base, MAX_SHEET_NAME).replace(/'+$/, '');
    for (let n = 2; used.has(candidate.toLocaleLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = cut(base, MAX_SHEET_NAME - suffix.length).replace(/'+$/, '') + suffix;
    }
    used.add(candidate.toLocaleLowerCase());
    return candidate;
  });
}

const list = (items: readonly string[], none: string) => (items.length ? items.join('；') : none);

export function reviewWorkbook(view: ReviewSheets, lang: Lang): { fileName: string; contentType: string; body: Uint8Array } {
  const t = (key: keyof typeof m, params?: Record<string, string | number>) => apiMessage(lang, m[key], params);
  const yesNo = (value: boolean) => t(value ? 'yes' : 'no');
  const summaryName = t('sheetSummary');
  const summary: XlsxCell[][] = [
    [
      t('name'), t('unit'), t('partyStatus'), t('post'), t('pledges'), t('pledgesKept'), t('proposal'), t('decision'),
      t('credit'), t('target'), t('creditMet'), t('courses'), t('quizzesTaken'), t('quizzesPassed'),
      t('expected'), t('attended'), t('leave'), t('absent'), t('madeUp'), t('honours'),
    ],
    ...view.sheets.map((s) => [
      s.name, s.unitName, s.partyStatusName, s.post ?? '', s.pledges.length, s.pledges.filter((p) => p.state === 'approved' || p.state === 'done').length,
      s.rating.proposal?.ratingName ?? '', s.rating.decision?.ratingName ?? '',
      s.study.credit, s.study.target, yesNo(s.study.met), s.study.courses.length, s.quizzes.taken, s.quizzes.passed,
      s.sessions.expected, s.sessions.attended, s.sessions.leave, s.sessions.absent, s.sessions.madeUp,
      list(s.honours.map((h) => `${h.quarter} ${h.typeName}`), ''),
    ]),
    [],
    [t('title', { branch: view.branchName, year: view.year })],
    [t('note')],
    [t('asOf', { time: localTime(view.asOf) })],
  ];
  const names = safeSheetNames(view.sheets.map((s) => s.name), [summaryName]);
  const members = view.sheets.map((s, i) => {
    const none = t('none');
    const rows: XlsxCell[][] = [
      [t('section'), t('value')],
      [t('name'), s.name],
      [t('unit'), s.unitName],
      [t('partyStatus'), s.partyStatusName],
      [t('post'), s.post ?? ''],
      [t('proposal'), s.rating.proposal ? s.rating.proposal.ratingName : ''],
      [t('proposalReason'), s.rating.proposal?.reason ?? ''],
      [t('decision'), s.rating.decision ? s.rating.decision.ratingName : ''],
      [t('decisionReason'), s.rating.decision?.reason ?? ''],
      [t('credit'), s.study.credit],
      [t('target'), s.study.target],
      [t('creditMet'), yesNo(s.study.met)],
      [t('quizzesTaken'), s.quizzes.taken],
      [t('quizzesPassed'), s.quizzes.passed],
      [t('expected'), s.sessions.expected],
      [t('attended'), s.sessions.attended],
      [t('leave'), s.sessions.leave],
      [t('absent'), s.sessions.absent],
      [t('madeUp'), s.sessions.madeUp],
      [],
      [t('pledgeSection')],
      [t('category'), t('content'), t('state'), t('dueDate'), t('progress'), t('assessment')],
      ...(s.pledges.length ? s.pledges.map((p) => [p.categoryName, p.content, p.stateName, p.dueDate, p.progressCount, p.assessment ?? '']) : [[none]]),
      [],
      [t('studySection')],
      [t('courseTitle'), t('courseCredit'), t('completedAt')],
      ...(s.study.courses.length ? s.study.courses.map((c) => [c.title, c.credit, localTime(c.completedAt).slice(0, 10)]) : [[none]]),
      [],
      [t('quizSection')],
      [t('quizTitle'), t('quizResult'), t('completedAt')],
      ...(s.quizzes.items.length ? s.quizzes.items.map((q) => [q.title, t(q.passed ? 'passed' : 'notPassed'), localTime(q.lastFinishedAt).slice(0, 10)]) : [[none]]),
      [],
      [t('honourSection')],
      [t('quarter'), t('honours'), t('reason')],
      ...(s.honours.length ? s.honours.map((h) => [h.quarter, h.typeName, h.reason]) : [[none]]),
      [],
      [t('note')],
      [t('asOf', { time: localTime(view.asOf) })],
    ];
    return { name: names[i]!, rows };
  });
  return {
    fileName: t('fileName', { branch: view.branchName, year: view.year }),
    contentType: XLSX_TYPE,
    body: toXlsx([{ name: summaryName, rows: summary }, ...members]),
  };
}
