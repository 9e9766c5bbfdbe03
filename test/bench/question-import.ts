/**
 * Reading a question file at size: 2,000 generated questions (every type, full-width answer letters, commas inside
 * options, a few rows with problems) as an .xlsx with shared strings (as Excel and WPS write it), an .xlsx with inline
 * strings (as the template is written), a UTF-8 CSV and a GBK CSV, each read by `readQuestionFile` (the pure part of
 * the import: bytes to questions or problems). Prints the time per file; the store's writes are not in it.
 *
 * Run with `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/question-import.ts`.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { readQuestionFile } from '../../functions/domain/quizzes/question-file.js';
import { toXlsx } from '../../functions/platform/xlsx.js';
import { xlsx } from '../fixtures/xlsx.js';
import { ms, summarize, table } from './stats.js';

export const QUESTION_ROWS = 2_000;
const RUNS = 10;

const header = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析', '分值', '难度', '分类'];

/** `rows` questions over the four types; every 100th row has a problem (an answer letter not among the options). */
export function questionRows(rows: number): string[][] {
  const out: string[][] = [header];
  for (let i = 0; i < rows; i++) {
    const tags = ['服务规范', '党章', '党规党纪、纪律', '组织生活'][i % 4]!;
    const stem = `第 ${i + 1} 题：关于政务服务窗口“一次性告知”和“限时办结”，下列说法中，哪一项（或哪些项）符合本局的服务标准？`;
    const options = ['首问负责，一次性告知办事所需的全部材料', '限时办结, 超时须向服务对象说明理由', '对材料不全的，当场出具补正告知书', '推诿扯皮，让群众多次往返', '', ''];
    const explanation = '依据《政务服务窗口工作规范》：首问负责、一次性告知、限时办结是窗口的基本制度。';
    switch (i % 4) {
      case 0:
        out.push(['单选', stem, ...options, i % 100 === 0 ? 'Ｆ' : 'Ａ', explanation, '2', '易', tags]);
        break;
      case 1:
        out.push(['多选', stem, ...options, 'A，B、C', explanation, '3', '中', tags]);
        break;
      case 2:
        out.push(['判断', `第 ${i + 1} 题：窗口工作人员可以让材料不全的群众回去自己查清要求后再来。`, '', '', '', '', '', '', '×', explanation, '1', '易', tags]);
        break;
      default:
        out.push(['填空', `第 ${i + 1} 题：政务服务实行首问负责、一次性告知和____制度。`, '', '', '', '', '', '', '限时办结|限时办结制', explanation, '2', '难', tags]);
    }
  }
  return out;
}

const csv = (rows: string[][]) => rows.map((row) => row.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n') + '\r\n';

/** GBK bytes of a text, through iconv (what WPS writes); undefined where iconv is missing. */
function gbk(text: string): Uint8Array | undefined {
  try {
    return new Uint8Array(execFileSync('iconv', ['-f', 'utf-8', '-t', 'gb18030'], { input: text, maxBuffer: 64 * 1024 * 1024 }));
  } catch {
    return undefined;
  }
}

export interface QuestionImportFigure {
  file: string;
  bytes: number;
  questions: number;
  problems: number;
  p50Ms: number;
  maxMs: number;
}

export function benchQuestionImport(rows = QUESTION_ROWS): QuestionImportFigure[] {
  const sheet = questionRows(rows);
  const files: [string, Uint8Array | undefined][] = [
    ['.xlsx, shared strings (Excel, WPS)', xlsx(sheet)],
    ['.xlsx, inline strings (our template)', toXlsx([{ name: '题目', rows: sheet }])],
    ['CSV, UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv(sheet))])],
    ['CSV, GBK (WPS, Chinese Excel)', gbk(csv(sheet))],
  ];
  const figures: QuestionImportFigure[] = [];
  for (const [file, bytes] of files) {
    if (!bytes) continue;
    let read = readQuestionFile(bytes); // warm-up
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      read = readQuestionFile(bytes);
      times.push(performance.now() - started);
    }
    const summary = summarize(times);
    figures.push({ file, bytes: bytes.length, questions: read.filter((row) => row.question).length, problems: read.filter((row) => row.problems.length > 0).length, p50Ms: summary.p50, maxMs: summary.max });
  }
  return figures;
}

export function reportQuestionImport(figures: QuestionImportFigure[]) {
  console.log(
    table(
      ['file', 'KB', 'questions', 'rows with problems', 'read p50', 'read max'],
      figures.map((f) => [f.file, (f.bytes / 1024).toFixed(0), String(f.questions), String(f.problems), ms(f.p50Ms), ms(f.maxMs)]),
      new Set([1, 2, 3, 4, 5]),
    ),
  );
  console.log(`(readQuestionFile: bytes to ${QUESTION_ROWS} rows, each a question as stored or its problems; ${RUNS} runs after a warm-up, one process;`);
  console.log(` ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} while it ran)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`\n== Question file: ${QUESTION_ROWS} questions ==`);
  reportQuestionImport(benchQuestionImport());
}
