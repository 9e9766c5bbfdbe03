import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiMessage, type MessageRef } from '../../platform/i18n.js';
import { listZip, readXlsx, readZipEntry, type SheetRow } from '../../platform/sheet-file.js';
import { xlsx, zip } from '../../../test/fixtures/xlsx.js';
import { appErrorOf } from '../../../test/helpers/app-error.js';
import { mapHeader, parseDifficulty, parseKind, stemKey } from './question-columns.js';
import { parseChoiceAnswer, parseFillAnswer, parseTrueFalseAnswer } from './question-answer.js';
import { parsePoints, questionSheetTexts, questionTemplate, readQuestionFile, readQuestionRows, type QuestionFileRow } from './question-file.js';
import { quizzesMessages as m } from './messages.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/questions/${name}`, import.meta.url)));
const header = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '选项G', '选项H', '答案', '解析', '分值', '难度', '分类'];
/** A sheet of the template's columns: each row given as [type, stem, options[], answer, explanation?, points?, difficulty?, tags?]. */
const sheet = (...rows: [string, string, string[], string, string?, string?, string?, string?][]): SheetRow[] => [
  { line: 1, cells: header },
  ...rows.map(([type, stem, options, answer, explanation = '', points = '', difficulty = '', tags = ''], i) => ({
    line: i + 2,
    cells: [type, stem, ...Array.from({ length: 8 }, (_, k) => options[k] ?? ''), answer, explanation, points, difficulty, tags],
  })),
];
const one = (...row: [string, string, string[], string, string?, string?, string?, string?]) => readQuestionRows(sheet(row))[0]!;
const keys = (row: QuestionFileRow) => row.problems.map((problem) => problem.messageKey);
const abcd = ['甲', '乙', '丙', '丁'];

/** What the fixture file (test/fixtures/questions/questions-utf8.csv) holds, whatever program saved it. */
const fixtureQuestions = [
  { kind: 'single', answer: [0], points: 2, difficulty: 'easy', tags: ['服务规范'] },
  { kind: 'multiple', answer: [0, 1, 2, 3], points: 3, difficulty: 'medium', tags: ['党规党纪', '纪律'] },
  { kind: 'truefalse', answer: [0], points: 1, difficulty: 'easy', tags: ['党章'] },
  { kind: 'truefalse', answer: [1], points: 1, difficulty: 'easy', tags: ['服务规范'] },
  { kind: 'fill', answer: ['中央委员会', '中共中央委员会'], points: 2, difficulty: 'hard', tags: ['党章'] },
  { kind: 'multiple', answer: [0, 1, 2], points: 2.5, difficulty: 'hard', tags: ['服务规范', '窗口'] },
  { kind: 'single', answer: [1], points: 1.5, difficulty: 'medium', tags: ['组织生活'] },
  { kind: 'fill', answer: ['人民', '人民群众'], points: 1, difficulty: 'medium', tags: ['党章', '宗旨'] },
  { kind: 'truefalse', answer: [0], points: 1, difficulty: 'medium', tags: ['党章'] },
];

function expectFixture(rows: QuestionFileRow[]) {
  expect(rows.map((row) => row.problems)).toEqual(fixtureQuestions.map(() => []));
  expect(rows.map(({ question }) => ({ kind: question!.kind, answer: question!.answer, points: question!.points, difficulty: question!.difficulty, tags: question!.tags }))).toEqual(fixtureQuestions);
  expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const disciplines = rows[1]!.question!;
  // A comma inside option text is kept; the stem and the options are as written.
  expect(disciplines.options.map((option) => option.text)).toEqual(['政治纪律', '组织纪律', '廉洁纪律', '群众纪律, 工作纪律, 生活纪律']);
  expect(rows[5]!.question!.options[4]).toEqual({ text: '“先收费，后受理”' });
  expect(rows[0]!.question!.stem).toBe('政务服务中“最多跑一次”是指什么？');
  expect(rows[2]!.question!.options).toEqual([]);
}

describe('reading the files organizers keep', () => {
  it('reads a UTF-8 CSV, with and without BOM', () => {
    const bytes = fixture('questions-utf8.csv');
    expectFixture(readQuestionFile(bytes));
    expectFixture(readQuestionFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])));
  });

  it('reads a GBK CSV as WPS and a Chinese Excel save it (CRLF, no BOM)', () => {
    const bytes = fixture('questions-wps-gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expectFixture(readQuestionFile(bytes));
  });

  it('reads an .xlsx saved by LibreOffice (shared strings, number cells)', () => {
    const bytes = fixture('questions-libreoffice.xlsx');
    expect(readXlsx(bytes, questionSheetTexts)[1]!.cells[9]).toBe('2');
    expectFixture(readQuestionFile(bytes));
  });

  it('reads rich text runs and numbers stored as text (LibreOffice, from a sheet with coloured spans in stems and options)', () => {
    const bytes = fixture('questions-libreoffice-rich.xlsx');
    const entries = listZip(bytes, questionSheetTexts);
    const shared = new TextDecoder().decode(readZipEntry(bytes, entries.get('xl/sharedStrings.xml')!, questionSheetTexts));
    expect(shared).toMatch(/<r><rPr>(?:(?!<\/r>).)*<color rgb="FFC00000"\/>(?:(?!<\/r>).)*<t xml:space="preserve">服务<\/t><\/r>/); // a coloured span is a run of its own
    expect(shared).toContain('<si><t xml:space="preserve">2.5</t></si>'); // points kept as text, not as a number cell
    const rows = readQuestionFile(bytes);
    expectFixture(rows);
    expect(rows[6]!.question!.stem).toBe('“三会一课”中的“一课”指什么？');
  });

  it('reads inline strings and text cells as a WPS-like writer stores them', () => {
    const rows = [header, ['单选', '“一窗受理”的含义是？', '一个窗口受理', '多个窗口受理', '', '', '', '', '', '', 'Ａ', '', '2', '易', '服务规范']];
    expect(readQuestionFile(xlsx(rows, { strings: 'inline' }))[0]!.question).toMatchObject({ kind: 'single', answer: [0], points: 2 });
    // A rich-text shared string and a number kept as text (t="str"), written by hand as a producer may.
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const sst = `<sst xmlns="${ns}"><si><t>题型</t></si><si><t>题干</t></si><si><t>选项A</t></si><si><t>选项B</t></si><si><t>答案</t></si><si><t>分值</t></si><si><t>判断</t></si><si><r><t>预备党员的</t></r><r><rPr><b/></rPr><t>预备期</t></r><r><t>为一年。</t></r></si></sst>`;
    const cells = (r: number, list: string[]) => `<row r="${r}">${list.join('')}</row>`;
    const s = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
    const sheetXml = `<worksheet xmlns="${ns}"><sheetData>${cells(1, [s('A1', 0), s('B1', 1), s('C1', 2), s('D1', 3), s('E1', 4), s('F1', 5)])}${cells(2, [s('A2', 6), s('B2', 7), '<c r="E2" t="inlineStr"><is><r><t>√</t></r></is></c>', '<c r="F2" t="str"><v>２</v></c>'])}</sheetData></worksheet>`;
    const book = zip([
      { name: 'xl/sharedStrings.xml', data: sst },
      { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
    ]);
    expect(readQuestionFile(book)).toEqual([
      { line: 2, stemKey: '预备党员的预备期为一年。', written: { type: '判断', stem: '预备党员的预备期为一年。' }, problems: [], question: { kind: 'truefalse', stem: '预备党员的预备期为一年。', options: [], answer: [0], explanation: '', points: 2, difficulty: 'medium', tags: [] } },
    ]);
  });

  it('refuses a file that is no spreadsheet, an old .xls, one without the columns or without rows, in the reader’s words', () => {
    const image = appErrorOf(() => readQuestionFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])));
    expect([image.status, image.messageKey]).toEqual([415, m.importUnreadable]);
    expect(appErrorOf(() => readQuestionFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).messageKey).toBe(m.importLegacyExcel);
    const columns = appErrorOf(() => readQuestionFile(new TextEncoder().encode('题型,题目内容\n单选,x\n')));
    expect([columns.status, columns.messageKey, columns.params]).toEqual([400, m.importMissingColumns, { columns: '答案' }]);
    expect(appErrorOf(() => readQuestionFile(new TextEncoder().encode('名称,x\n'), 'en')).params).toEqual({ columns: 'type, stem, answer' });
    expect(appErrorOf(() => readQuestionFile(new TextEncoder().encode('题型,题干,答案\n\n,,\n'))).messageKey).toBe(m.importEmpty);
    expect(appErrorOf(() => readQuestionFile(new TextEncoder().encode('题型,题干,答案\n"判断,x\n'))).messageKey).toBe(m.importCsvQuote);
    expect(apiMessage('zh-CN', m.importMissingColumns, { columns: '答案' })).toContain('题库文件缺少这些列：答案');
  });

  it('refuses more rows than one import takes, saying how many', () => {
    const rows = ['题型,题干,答案', ...Array.from({ length: 5001 }, (_, i) => `判断,第${i}题,对`)].join('\n');
    const error = appErrorOf(() => readQuestionFile(new TextEncoder().encode(rows)));
    expect([error.messageKey, error.params]).toEqual([m.importTooManyRows, { max: 5000, count: 5001 }]);
  });
});

describe('the header, matched loosely', () => {
  it('knows 选项 A / 选项A / 选项（Ａ） / Option A / A, English names, notes and a title row above', () => {
    const map = mapHeader(['题 型', '题干（必填）', '选项 A', '选项（Ｂ）', 'Option C', 'D', '选项5', '正确答案', '答案解析', '分数', '难易程度', '知识点', '备注']);
    expect(map.missing).toEqual([]);
    expect(map.columns).toEqual({ type: 0, stem: 1, answer: 7, explanation: 8, points: 9, difficulty: 10, tags: 11 });
    expect([...map.options]).toEqual([
      [0, 2],
      [1, 3],
      [2, 4],
      [3, 5],
      [4, 6],
    ]);
    expect(mapHeader(['Type', 'Question', 'Answer']).missing).toEqual([]);
    const titled = readQuestionRows([{ line: 1, cells: ['2026 年党章学习题库'] }, { line: 2, cells: ['类型', '题目', '答案'] }, { line: 3, cells: ['判断', '对的', '√'] }]);
    expect(titled[0]).toMatchObject({ line: 3, question: { kind: 'truefalse', answer: [0] } });
  });

  it('knows the types and difficulties in Chinese and English', () => {
    expect(['单选', '单选题', '单项选择题', 'Single choice', '多选题', '不定项选择', 'multiple', '判断题', 'True/False', 'TF', '填空题', 'fill-in-the-blank', '问答'].map(parseKind)).toEqual([
      'single', 'single', 'single', 'single', 'multiple', 'multiple', 'multiple', 'truefalse', 'truefalse', 'truefalse', 'fill', 'fill', undefined,
    ]);
    expect(['易', '简单', 'Easy', '中', '中等', 'medium', '难', '较难', 'HARD', '很难'].map(parseDifficulty)).toEqual(['easy', 'easy', 'easy', 'medium', 'medium', 'medium', 'hard', 'hard', 'hard', undefined]);
  });
});

describe('answers', () => {
  it('reads option letters in every common spelling, full-width folded, as ascending indices', () => {
    for (const cell of ['AB', 'A,B', 'A、B', 'A，B', 'ＡＢ', 'a b', 'B;A', 'Ａ，Ｂ', 'BA']) expect(parseChoiceAnswer(cell, 4, false)).toEqual({ ok: true, value: [0, 1] });
  });

  it('says which letter is not among the options, when a single choice names two, and when there is none', () => {
    expect(parseChoiceAnswer('AE', 4, false)).toEqual({ ok: false, problem: { messageKey: m.importAnswerNotAnOption, params: { letters: 'E', range: 'A–D' } } });
    expect(parseChoiceAnswer('A,C', 4, true)).toEqual({ ok: false, problem: { messageKey: m.importSingleHasSeveral, params: { letters: 'A, C' } } });
    expect(parseChoiceAnswer(' ', 4, true)).toEqual({ ok: false, problem: { messageKey: m.importAnswerMissing } });
    expect(parseChoiceAnswer('A和B', 4, false)).toEqual({ ok: false, problem: { messageKey: m.importAnswerUnreadable, params: { value: 'A和B' } } });
  });

  it('reads true and false as people write them, and a letter when the file names the two options', () => {
    for (const cell of ['对', '正确', '√', 'T', 'true', 'TRUE', '是', 'Ｔ']) expect(parseTrueFalseAnswer(cell, [])).toEqual({ ok: true, value: [0] });
    for (const cell of ['错', '错误', '×', 'F', 'false', 'FALSE', '否', 'X']) expect(parseTrueFalseAnswer(cell, [])).toEqual({ ok: true, value: [1] });
    expect(parseTrueFalseAnswer('B', ['正确', '错误'])).toEqual({ ok: true, value: [1] });
    expect(parseTrueFalseAnswer('B', [])).toEqual({ ok: false, problem: { messageKey: m.importTrueFalseUnreadable, params: { value: 'B' } } });
  });

  it('splits accepted fill-in answers on | and ；, trimmed, repeats dropped', () => {
    expect(parseFillAnswer(' 人民 | 人民群众 ；人民;群众｜人民 ')).toEqual({ ok: true, value: ['人民', '人民群众', '群众'] });
    expect(parseFillAnswer('|；')).toEqual({ ok: false, problem: { messageKey: m.importAnswerMissing } });
  });

  it('reads points (default 1, halves, full-width, 分) and refuses what is no positive number', () => {
    expect(['', '2', '２', '2.5', '3分', '100'].map(parsePoints)).toEqual([1, 2, 2, 2.5, 3, 100]);
    expect(['0', '-1', 'abc', '0.3', '101', '1,5'].map(parsePoints)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('each row: the question as stored, or every problem in words', () => {
  it('gives a choice question its options in order and its answer as indices', () => {
    expect(one('单选', '  题干  ', abcd, 'c', '解析', '2', '难', '党章、纪律，宗旨;党章')).toEqual({
      line: 2,
      stemKey: '题干',
      written: { type: '单选', stem: '题干' },
      problems: [],
      question: { kind: 'single', stem: '题干', options: abcd.map((text) => ({ text })), answer: [2], explanation: '解析', points: 2, difficulty: 'hard', tags: ['党章', '纪律', '宗旨'] },
    });
  });

  it('names the rules a row breaks', () => {
    expect(keys(one('', '题干', abcd, 'A'))).toEqual([m.importTypeMissing]);
    expect(one('问答', '题干', abcd, 'A').problems).toEqual([{ field: 'type', messageKey: m.importTypeUnknown, params: { value: '问答' } }]);
    expect(keys(one('单选', '', abcd, 'A'))).toEqual([m.importStemMissing]);
    expect(keys(one('单选', '题干', abcd, ''))).toEqual([m.importAnswerMissing]);
    expect(one('单选', '题干', abcd, 'E').problems).toEqual([{ field: 'answer', messageKey: m.importAnswerNotAnOption, params: { letters: 'E', range: 'A–D' } }]);
    expect(keys(one('单选', '题干', abcd, 'AB'))).toEqual([m.importSingleHasSeveral]);
    expect(one('单选', '题干', ['甲'], 'A').problems).toEqual([{ field: 'options', messageKey: m.importTooFewOptions, params: { count: 1 } }]);
    expect(one('多选', '题干', ['甲', '', '丙'], 'AC').problems).toEqual([{ field: 'options', messageKey: m.importOptionsGap, params: { letters: 'B' } }]);
    expect(one('单选', '题干', abcd, 'A', '', '0').problems).toEqual([{ field: 'points', messageKey: m.importPointsInvalid, params: { value: '0' } }]);
    expect(keys(one('单选', '题干', abcd, 'A', '', '两分'))).toEqual([m.importPointsInvalid]);
    expect(keys(one('单选', '题干', abcd, 'A', '', '', '特难'))).toEqual([m.importDifficultyUnknown]);
    expect(keys(one('判断', '题干', [], '也许'))).toEqual([m.importTrueFalseUnreadable]);
    expect(keys(one('填空', '题干', [], '|'))).toEqual([m.importAnswerMissing]);
    expect(keys(one('判断', '题'.repeat(2001), [], '对', '析'.repeat(5001)))).toEqual([m.importStemTooLong, m.importExplanationTooLong]);
    expect(one('单选', '题干', ['甲', '乙'.repeat(501)], 'A').problems).toEqual([{ field: 'options', messageKey: m.importOptionTooLong, params: { letter: 'B', max: 500 } }]);
    expect(keys(one('判断', '题干', [], '对', '', '', '', Array.from({ length: 11 }, (_, i) => `t${i}`).join('、')))).toEqual([m.importTooManyTags]);
    // Every problem of a row, not the first only; a row with a problem has no question.
    const bad = one('单选', '', ['甲'], 'AZ', '', '-1', '?');
    expect(keys(bad)).toEqual([m.importStemMissing, m.importTooFewOptions, m.importAnswerNotAnOption, m.importPointsInvalid, m.importDifficultyUnknown]);
    expect(bad.question).toBeUndefined();
  });

  it('refuses more than 8 options (a column past 选项H)', () => {
    const rows = readQuestionRows([
      { line: 1, cells: ['题型', '题干', ...'ABCDEFGHI'.split('').map((l) => `选项${l}`), '答案'] },
      { line: 2, cells: ['多选', '题干', ...'一二三四五六七八九'.split(''), 'AB'] },
    ]);
    expect(rows[0]!.problems).toEqual([{ field: 'options', messageKey: m.importTooManyOptions, params: { count: 9 } }]);
  });

  it('finds a duplicate stem within the file (trimmed, NFC, full-width folded), on every later row', () => {
    const rows = readQuestionRows(sheet(['判断', '党章规定ＡＢ 两条。', [], '对'], ['判断', '别的题', [], '对'], ['判断', ' 党章规定AB  两条。 ', [], '错'], ['判断', '党章规定AB 两条。', [], '错']));
    expect(rows.map((row) => row.problems)).toEqual([[], [], [{ field: 'stem', messageKey: m.importDuplicateStem, params: { line: 2 } }], [{ field: 'stem', messageKey: m.importDuplicateStem, params: { line: 2 } }]]);
    expect(rows.map((row) => Boolean(row.question))).toEqual([true, true, false, false]);
    expect(stemKey('e\u0301 Ａ\u3000b')).toBe(stemKey('\u00e9 a b'));
  });

  it('says each problem in Chinese and English', () => {
    const texts = (key: MessageRef, params: Record<string, string | number>) => [apiMessage('zh-CN', key, params), apiMessage('en', key, params)];
    expect(texts(m.importAnswerNotAnOption, { letters: 'E', range: 'A–D' })).toEqual(['答案中的 E 不在选项之中（本题的选项为 A–D）。', 'The answer names E, which is not among the options (this question has A–D).']);
    expect(texts(m.importDuplicateStem, { line: 2 })).toEqual(['题干与第 2 行重复。', 'The same stem is on line 2.']);
  });
});

describe('the template', () => {
  it('is an .xlsx with the header and one example of each type, which the reader takes without a problem (zh-CN and en)', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const bytes = questionTemplate(lang);
      const rows = readXlsx(bytes, questionSheetTexts);
      expect(rows[0]!.cells[0]).toBe(lang === 'en' ? 'type' : '题型');
      expect(rows[0]!.cells).toContain(lang === 'en' ? 'option H' : '选项H');
      const read = readQuestionFile(bytes, lang);
      expect(read.map((row) => row.problems)).toEqual([[], [], [], []]);
      expect(read.map((row) => row.question!.kind)).toEqual(['single', 'multiple', 'truefalse', 'fill']);
      expect(read[1]!.question!.answer).toEqual([0, 1, 2]);
      expect(read[3]!.question!.answer).toEqual(['人民', '人民群众']);
    }
  });
});
