/**
 * The vocabulary of a question file: how text is folded for comparison, which header names which column (matched
 * loosely: spaces, full-width letters and brackets, 选项 A / 选项A / Option A), and the words for a type and a
 * difficulty in Chinese and English. Pure.
 */
import { AppError } from '../../platform/errors.js';
import type { MessageRef } from '../../platform/i18n.js';
import { quizzesMessages } from './messages.js';

/** Full-width ASCII (ＡＢ，１２) to half-width (AB,12) and the ideographic space to a space; nothing else changes. */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A cell as stored: NFC, non-breaking spaces as spaces, trimmed. Commas and full-width punctuation in it are kept. */
export const cellText = (value: string | undefined) => (value ?? '').normalize('NFC').replace(/\u00a0/g, ' ').trim();

/**
 * A stem as compared for duplicates (within a file, and by the bank against what it holds): NFC, full-width folded,
 * runs of white space as one, Latin letters in lower case.
 */
export function stemKey(stem: string): string {
  return foldWidth(stem.normalize('NFC')).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A word (a header, a type, a difficulty) folded for comparison: NFKC, lower case, no spaces, `*`, `_`, `-`, `/`, notes in brackets. */
export function wordKey(word: string): string {
  return word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s*_\-/:：.'’]/g, '');
}

// ─── Columns ───────────────────────────────────────────────────────────────────────────────────────────────────────

export type QuestionColumn = 'type' | 'stem' | 'answer' | 'explanation' | 'points' | 'difficulty' | 'tags';
const requiredColumns: readonly QuestionColumn[] = ['type', 'stem', 'answer'];

export const columnMessage: Record<QuestionColumn, MessageRef> = {
  type: quizzesMessages.columnType,
  stem: quizzesMessages.columnStem,
  answer: quizzesMessages.columnAnswer,
  explanation: quizzesMessages.columnExplanation,
  points: quizzesMessages.columnPoints,
  difficulty: quizzesMessages.columnDifficulty,
  tags: quizzesMessages.columnTags,
};

const headerAliases: Record<QuestionColumn, string[]> = {
  type: ['题型', '题目类型', '试题类型', '类型', '题类', 'type', 'questiontype', 'kind'],
  stem: ['题干', '题目', '试题', '题目内容', '试题内容', '题干内容', '问题', 'stem', 'question', 'questiontext'],
  answer: ['答案', '正确答案', '标准答案', '参考答案', 'answer', 'correctanswer', 'key'],
  explanation: ['解析', '答案解析', '试题解析', '题目解析', '解释', '说明', 'explanation', 'analysis'],
  points: ['分值', '分数', '每题分值', '题目分值', 'points', 'score', 'marks'],
  difficulty: ['难度', '难易程度', '难易度', '难度等级', 'difficulty', 'level'],
  tags: ['分类', '知识点', '类别', '标签', '题目分类', '所属分类', '试题分类', 'category', 'categories', 'tags', 'tag', 'topic'],
};

const aliasIndex = new Map<string, QuestionColumn>(
  (Object.keys(headerAliases) as QuestionColumn[]).flatMap((column) => headerAliases[column].map((alias) => [wordKey(alias), column] as const)),
);

/** 选项A, 选项 Ａ, 选项(A), Option A, A选项, 选项1, or a bare A … H: the option's zero-based index (past H too, to be refused). */
function optionIndex(header: string): number | undefined {
  const key = wordKey(header.replace(/[（(]\s*([A-Za-zＡ-Ｚａ-ｚ0-9０-９]+)\s*[)）]/, '$1'));
  const letter = /^(?:选项|选择项|option)([a-z])$/.exec(key) ?? /^([a-z])(?:选项|option)$/.exec(key) ?? /^([a-h])$/.exec(key);
  if (letter) return letter[1]!.charCodeAt(0) - 97;
  const number = /^(?:选项|选择项|option)([1-9]\d?)$/.exec(key);
  return number ? Number(number[1]) - 1 : undefined;
}

export interface QuestionHeader {
  columns: Partial<Record<QuestionColumn, number>>;
  /** Cell index of each option column, by option index (0 = A); indices past 7 are options a question may not have. */
  options: Map<number, number>;
  missing: QuestionColumn[];
}

export function mapHeader(cells: readonly string[]): QuestionHeader {
  const columns: Partial<Record<QuestionColumn, number>> = {};
  const options = new Map<number, number>();
  cells.forEach((cell, at) => {
    const column = aliasIndex.get(wordKey(cell));
    if (column) {
      if (columns[column] === undefined) columns[column] = at;
      return;
    }
    const option = optionIndex(cell);
    if (option !== undefined && !options.has(option)) options.set(option, at);
  });
  return { columns, options, missing: requiredColumns.filter((column) => columns[column] === undefined) };
}

/** The header: the first of the first five rows that names the required columns (a title row above it is common). */
export function findHeader(rows: readonly { cells: string[] }[], say: (message: MessageRef) => string): { at: number; header: QuestionHeader } {
  let best: QuestionHeader | undefined;
  for (let i = 0; i < Math.min(rows.length, 5); i++) {
    const header = mapHeader(rows[i]!.cells);
    if (header.missing.length === 0) return { at: i, header };
    if (!best || header.missing.length < best.missing.length) best = header;
  }
  const missing = best && best.missing.length < requiredColumns.length ? best.missing : requiredColumns;
  throw new AppError('VALIDATION', {
    messageKey: quizzesMessages.importMissingColumns,
    params: { columns: missing.map((column) => say(columnMessage[column])).join(say(quizzesMessages.importListSeparator)) },
    details: [{ missingColumns: missing }],
  });
}

// ─── Types and difficulties ────────────────────────────────────────────────────────────────────────────────────────

export type QuestionKind = 'single' | 'multiple' | 'truefalse' | 'fill';
export type Difficulty = 'easy' | 'medium' | 'hard';

const kindWords: Record<QuestionKind, string[]> = {
  single: ['单选', '单选题', '单项选择', '单项选择题', '单择题', 'single', 'singlechoice', 'radio'],
  multiple: ['多选', '多选题', '多项选择', '多项选择题', '不定项', '不定项选择', '不定项选择题', 'multiple', 'multiplechoice', 'multi', 'checkbox'],
  truefalse: ['判断', '判断题', '是非题', '对错题', 'truefalse', 'tf', 'judge', 'judgement', 'judgment', 'boolean'],
  fill: ['填空', '填空题', 'fill', 'fillin', 'blank', 'fillintheblank', 'fillintheblanks', 'gapfill'],
};
const difficultyWords: Record<Difficulty, string[]> = {
  easy: ['易', '简单', '容易', '较易', '低', '1', 'easy', 'e'],
  medium: ['中', '中等', '一般', '适中', '2', 'medium', 'normal', 'm'],
  hard: ['难', '困难', '较难', '高', '3', 'hard', 'difficult', 'h'],
};

const wordIndex = <T extends string>(table: Record<T, string[]>) =>
  new Map<string, T>((Object.keys(table) as T[]).flatMap((value) => table[value].map((word) => [wordKey(word), value] as const)));
const kindIndex = wordIndex(kindWords);
const difficultyIndex = wordIndex(difficultyWords);

export const parseKind = (value: string): QuestionKind | undefined => kindIndex.get(wordKey(value));
export const parseDifficulty = (value: string): Difficulty | undefined => difficultyIndex.get(wordKey(value));
