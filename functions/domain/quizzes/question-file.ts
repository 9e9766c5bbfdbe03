/**
 * Reading a question file (题库导入) in the common Chinese template, and writing that template. Pure: bytes in, one
 * result per row out: the question as it will be stored, or its problems as message references (zh-CN and en).
 *
 * Columns (header within the first five rows, names matched loosely, any order, unknown columns ignored):
 *   题型 type (单选/多选/判断/填空, or single/multiple/true-false/fill) · 题干 stem · 选项A … 选项H options
 *   · 答案 answer (question-answer.ts) · 解析 explanation · 分值 points (default 1) · 难度 difficulty (易/中/难,
 *   default 中) · 分类 categories (separated by 、 , ， ; ；).
 * The file is an .xlsx (Excel, WPS, LibreOffice) or a CSV in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16
 * (platform/sheet-file.ts reads it).
 */
import { AppError } from '../../platform/errors.js';
import { apiMessage, type Lang, type MessageRef } from '../../platform/i18n.js';
import { readSheetFile, type SheetRow, type SheetTexts } from '../../platform/sheet-file.js';
import { toXlsx } from '../../platform/xlsx.js';
import { parseChoiceAnswer, parseFillAnswer, parseTrueFalseAnswer, letterOf, type AnswerProblem } from './question-answer.js';
import { cellText, findHeader, foldWidth, parseDifficulty, parseKind, stemKey, type Difficulty, type QuestionColumn, type QuestionKind } from './question-columns.js';
import { quizzesMessages } from './messages.js';

/** Most question rows one file may hold; a larger file is refused as a whole (import it in parts). */
export const maxQuestionRows = 5000;
export const maxOptions = 8;
export const maxTags = 10;
/** Longest texts, as the bank stores them. */
export const textLimits = { stem: 2000, option: 500, explanation: 5000, accepted: 200, tag: 30 } as const;

/** A question as it will be stored (the bank adds its id, version, owner and times). */
export type ImportedQuestion = {
  stem: string;
  explanation: string;
  points: number;
  difficulty: Difficulty;
  tags: string[];
} & (
  | { kind: 'single' | 'multiple'; options: { text: string }[]; answer: number[] }
  | { kind: 'truefalse'; options: []; answer: [0 | 1] }
  | { kind: 'fill'; options: []; answer: string[] }
);

/** Where a problem is: a named column, or an option column. */
export type QuestionField = QuestionColumn | 'options';
export interface QuestionRowProblem extends AnswerProblem {
  field: QuestionField;
}

export interface QuestionFileRow {
  /** The row's line in the file (Excel row number, or CSV line). */
  line: number;
  /** The stem as compared for duplicates (`stemKey`), so the bank can skip questions it already holds. */
  stemKey: string;
  /** The type and stem as the file wrote them (what a preview shows of a row with problems). */
  written: { type: string; stem: string };
  /** Present when the row has no problem. */
  question?: ImportedQuestion;
  problems: QuestionRowProblem[];
}

export const questionSheetTexts: SheetTexts = {
  unreadable: quizzesMessages.importUnreadable,
  legacyExcel: quizzesMessages.importLegacyExcel,
  encoding: quizzesMessages.importEncoding,
  csvQuote: quizzesMessages.importCsvQuote,
  sheetTooLarge: quizzesMessages.importSheetTooLarge,
  empty: quizzesMessages.importEmpty,
};

/** Reads a question file's bytes into rows. Throws a 4xx AppError for a file that is unreadable, headless or empty. */
export function readQuestionFile(bytes: Uint8Array, lang: Lang = 'zh-CN'): QuestionFileRow[] {
  return readQuestionRows(readSheetFile(bytes, questionSheetTexts).rows, lang);
}

/** The rows of a sheet, under its header, as questions or problems. `lang` names columns in the missing-columns error. */
export function readQuestionRows(sheet: readonly SheetRow[], lang: Lang = 'zh-CN'): QuestionFileRow[] {
  const { at, header } = findHeader(sheet, (message) => apiMessage(lang, message));
  const { columns, options } = header;
  const cell = (cells: readonly string[], column: QuestionColumn) => (columns[column] === undefined ? '' : cellText(cells[columns[column]!]));
  const data = sheet.slice(at + 1).filter((row) => row.cells.some((value) => cellText(value) !== ''));
  if (data.length === 0) throw new AppError('VALIDATION', { messageKey: quizzesMessages.importEmpty });
  if (data.length > maxQuestionRows) {
    throw new AppError('VALIDATION', { messageKey: quizzesMessages.importTooManyRows, params: { max: maxQuestionRows, count: data.length } });
  }
  const firstLine = new Map<string, number>();
  return data.map(({ line, cells }) => {
    const optionTexts: string[] = [];
    for (const [index, at] of options) optionTexts[index] = cellText(cells[at]);
    const row = readRow(line, {
      type: cell(cells, 'type'),
      stem: cell(cells, 'stem'),
      options: Array.from(optionTexts, (text) => text ?? ''),
      answer: cell(cells, 'answer'),
      explanation: cell(cells, 'explanation'),
      points: cell(cells, 'points'),
      difficulty: cell(cells, 'difficulty'),
      tags: cell(cells, 'tags'),
    });
    if (row.stemKey !== '') {
      const first = firstLine.get(row.stemKey);
      if (first === undefined) firstLine.set(row.stemKey, line);
      else {
        row.problems.push({ field: 'stem', messageKey: quizzesMessages.importDuplicateStem, params: { line: first } });
        delete row.question;
      }
    }
    return row;
  });
}

interface RawQuestionRow {
  type: string;
  stem: string;
  /** By option index (0 = A), '' where the file leaves an option empty. */
  options: string[];
  answer: string;
  explanation: string;
  points: string;
  difficulty: string;
  tags: string;
}

/** One raw row to a question or its problems (every problem of the row, not only the first). */
export function readRow(line: number, raw: RawQuestionRow): QuestionFileRow {
  const problems: QuestionRowProblem[] = [];
  const problem = (field: QuestionField, messageKey: MessageRef, params?: Record<string, string | number>) =>
    problems.push({ field, messageKey, ...(params ? { params } : {}) });
  const tooLong = (field: QuestionField, messageKey: MessageRef, text: string, max: number, params: Record<string, string> = {}) => {
    if ([...text].length > max) problem(field, messageKey, { ...params, max });
  };

  const kind: QuestionKind | undefined = raw.type === '' ? undefined : parseKind(raw.type);
  if (raw.type === '') problem('type', quizzesMessages.importTypeMissing);
  else if (!kind) problem('type', quizzesMessages.importTypeUnknown, { value: raw.type });

  if (raw.stem === '') problem('stem', quizzesMessages.importStemMissing);
  tooLong('stem', quizzesMessages.importStemTooLong, raw.stem, textLimits.stem);
  tooLong('explanation', quizzesMessages.importExplanationTooLong, raw.explanation, textLimits.explanation);

  // Options: A, B, … in order, no gap, 2 to 8 (choice questions only; true/false may name its two as A 正确, B 错误).
  const last = raw.options.reduce((found, text, index) => (text !== '' ? index : found), -1);
  const present = raw.options.slice(0, last + 1);
  const choice = kind === 'single' || kind === 'multiple';
  if (choice) {
    const gaps = present.flatMap((text, index) => (text === '' ? [letterOf(index)] : []));
    if (gaps.length > 0) problem('options', quizzesMessages.importOptionsGap, { letters: gaps.join(', ') });
    if (present.length > maxOptions) problem('options', quizzesMessages.importTooManyOptions, { count: present.length });
    else if (present.length < 2) problem('options', quizzesMessages.importTooFewOptions, { count: present.filter((text) => text !== '').length });
    present.forEach((text, index) => tooLong('options', quizzesMessages.importOptionTooLong, text, textLimits.option, { letter: letterOf(index) }));
  }

  let answer: number[] | string[] | undefined;
  if (kind === 'fill') {
    const parsed = parseFillAnswer(raw.answer);
    if (!parsed.ok) problems.push({ field: 'answer', ...parsed.problem });
    else {
      answer = parsed.value;
      for (const accepted of parsed.value) tooLong('answer', quizzesMessages.importAcceptedTooLong, accepted, textLimits.accepted);
    }
  } else if (kind) {
    const parsed = kind === 'truefalse' ? parseTrueFalseAnswer(raw.answer, present) : parseChoiceAnswer(raw.answer, Math.min(present.length, maxOptions), kind === 'single');
    if (parsed.ok) answer = parsed.value;
    else problems.push({ field: 'answer', ...parsed.problem });
  }

  const points = parsePoints(raw.points);
  if (points === undefined) problem('points', quizzesMessages.importPointsInvalid, { value: raw.points });
  const difficulty: Difficulty | undefined = raw.difficulty === '' ? 'medium' : parseDifficulty(raw.difficulty);
  if (!difficulty) problem('difficulty', quizzesMessages.importDifficultyUnknown, { value: raw.difficulty });
  const tags = [...new Set(raw.tags.split(/[、,，;；]/).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  if (tags.length > maxTags) problem('tags', quizzesMessages.importTooManyTags, { max: maxTags, count: tags.length });
  for (const tag of tags) tooLong('tags', quizzesMessages.importTagTooLong, tag, textLimits.tag, { value: tag });

  const row: QuestionFileRow = { line, stemKey: stemKey(raw.stem), written: { type: raw.type, stem: raw.stem }, problems };
  if (problems.length === 0 && kind && answer && points !== undefined && difficulty) {
    const common = { stem: raw.stem, explanation: raw.explanation, points, difficulty, tags };
    row.question =
      kind === 'fill'
        ? { ...common, kind, options: [], answer: answer as string[] }
        : kind === 'truefalse'
          ? { ...common, kind, options: [], answer: answer as [0 | 1] }
          : { ...common, kind, options: present.map((text) => ({ text })), answer: answer as number[] };
  }
  return row;
}

/** Points: empty is 1; otherwise a number from 0.5 to 100 in steps of 0.5 (full-width digits and a trailing 分 allowed). */
export function parsePoints(cell: string): number | undefined {
  const text = foldWidth(cell).trim().replace(/\s*分$/, '');
  if (text === '') return 1;
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 0.5 && value <= 100 && Number.isInteger(value * 2) ? value : undefined;
}

// ─── The template ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The downloadable template (.xlsx): the header in the reader's language and one example row of each type. */
export function questionTemplate(lang: Lang): Uint8Array {
  const say = (message: MessageRef, params?: Record<string, string | number>) => apiMessage(lang, message, params);
  const m = quizzesMessages;
  const letters = Array.from({ length: maxOptions }, (_, i) => letterOf(i));
  const header = [say(m.columnType), say(m.columnStem), ...letters.map((letter) => say(m.columnOption, { letter })), say(m.columnAnswer), say(m.columnExplanation), say(m.columnPoints), say(m.columnDifficulty), say(m.columnTags)];
  const row = (type: MessageRef, stem: string, options: string[], answer: string, explanation: string, points: number, difficulty: MessageRef, tags: string) => [
    say(type),
    stem,
    ...letters.map((_, i) => options[i] ?? ''),
    answer,
    explanation,
    points,
    say(difficulty),
    tags,
  ];
  const rows = [
    header,
    row(m.kindSingle, '党的最高理想和最终目标是什么？', ['实现共产主义', '全面建成小康社会', '实现社会主义现代化', '实现中华民族伟大复兴'], 'A', '党章总纲：党的最高理想和最终目标是实现共产主义。', 2, m.difficultyEasy, '党章、党的基本知识'),
    row(m.kindMultiple, '政务服务窗口实行的基本制度有哪些？', ['首问负责制', '一次性告知制', '限时办结制', '先收费，后受理'], 'A,B,C', '首问负责、一次性告知、限时办结是政务服务窗口的基本制度；收费须依法公示。', 3, m.difficultyMedium, '服务规范'),
    row(m.kindTrueFalse, '预备党员的预备期为一年。', [], say(m.answerTrue), '党章第七条：预备党员的预备期为一年。', 1, m.difficultyEasy, '党章'),
    row(m.kindFill, '中国共产党的根本宗旨是全心全意为______服务。', [], '人民|人民群众', '党章总纲：中国共产党的根本宗旨是全心全意为人民服务。', 2, m.difficultyEasy, '党章、党的基本知识'),
  ];
  return toXlsx([{ name: say(m.templateSheet), rows }]);
}
