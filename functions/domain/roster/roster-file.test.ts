import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiMessage, type MessageRef } from '../../platform/i18n.js';
import { toXlsx } from '../../platform/xlsx.js';
import { xlsx, zip } from '../../../test/fixtures/xlsx.js';
import { appErrorOf } from '../../../test/helpers/app-error.js';
import { readRosterRows } from './roster-rows.js';
import { decodeText, listZip, parseCsv, parseSharedStrings, parseSheet, readCsvText, readRosterFile, readXlsx, readZipEntry, sniffDelimiter } from './roster-file.js';
import { rosterMessages } from './messages.js';

const enc = (text: string) => new TextEncoder().encode(text);
const zh = (key: MessageRef) => apiMessage('zh-CN', key);

describe('parseCsv (RFC 4180)', () => {
  it('splits fields and records, CRLF or LF or CR', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,5,6\r7,8,9').map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quotes, and counts lines across them', () => {
    const rows = parseCsv('name,note\r\n"Zhang, San","said ""hi""\r\nthen left"\r\n"x",""\r\n');
    expect(rows).toEqual([
      { line: 1, cells: ['name', 'note'] },
      { line: 2, cells: ['Zhang, San', 'said "hi"\r\nthen left'] },
      { line: 4, cells: ['x', ''] },
    ]);
  });

  it('skips blank lines but keeps the file line numbers, and keeps empty fields', () => {
    const rows = parseCsv('h1,h2\n\n\na,\n,b\n');
    expect(rows).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 4, cells: ['a', ''] },
      { line: 5, cells: ['', 'b'] },
    ]);
  });

  it('takes a quote inside an unquoted field as text (as Excel does)', () => {
    expect(parseCsv('a"b,c\n').map((r) => r.cells)).toEqual([['a"b', 'c']]);
    expect(parseCsv('"ab"c,d\n').map((r) => r.cells)).toEqual([['abc', 'd']]);
  });

  it('refuses an opening quote that never closes, naming its line', () => {
    const error = appErrorOf(() => parseCsv('a,b\n1,"open\n2,3\n'));
    expect(error.status).toBe(400);
    expect(error.messageKey).toBe(rosterMessages.importCsvQuote);
    expect(error.params).toEqual({ line: 2 });
  });

  it('sniffs tab and semicolon delimiters from the header line', () => {
    expect(sniffDelimiter('姓名\t登录名\t单位\n')).toBe('\t');
    expect(sniffDelimiter('name;login;unit\nx;y;a,b')).toBe(';');
    expect(sniffDelimiter('name,login;x\n')).toBe(',');
    expect(parseCsv('a\tb\n1\t2').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('follows Excel’s `sep=` hint on the first line', () => {
    expect(readCsvText('sep=;\r\nname;unit\r\na,b;c\r\n')).toEqual([
      { line: 2, cells: ['name', 'unit'] },
      { line: 3, cells: ['a,b', 'c'] },
    ]);
  });

  it('handles a last record without a line break and a lone empty quoted field', () => {
    expect(parseCsv('a,b\n"",x').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['', 'x'],
    ]);
  });
});

describe('decodeText and readRosterFile', () => {
  it('drops a UTF-8 BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('姓名,登录名')]))).toBe('姓名,登录名');
  });

  it('reads GBK (as a Chinese Excel saves CSV) when the bytes are not UTF-8', () => {
    // "姓名,登录名\r\n张三,zs" in GBK.
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb5, 0xc7, 0xc2, 0xbc, 0xc3, 0xfb, 0x0d, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x7a, 0x73]);
    expect(decodeText(gbk)).toBe('姓名,登录名\r\n张三,zs');
    expect(readRosterFile(gbk).rows.map((r) => r.cells)).toEqual([
      ['姓名', '登录名'],
      ['张三', 'zs'],
    ]);
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode text", tab separated)', () => {
    const text = '姓名\t登录名\r\n李四\tls\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(readRosterFile(bytes)).toEqual({
      kind: 'csv',
      rows: [
        { line: 1, cells: ['姓名', '登录名'] },
        { line: 2, cells: ['李四', 'ls'] },
      ],
    });
  });

  it('refuses binary files: an image (415), an old .xls (415, says to save as .xlsx), an empty file (400)', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const image = appErrorOf(() => readRosterFile(png));
    expect([image.status, image.messageKey]).toEqual([415, rosterMessages.importUnreadable]);
    const xls = appErrorOf(() => readRosterFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])));
    expect([xls.status, xls.messageKey]).toEqual([415, rosterMessages.importLegacyExcel]);
    expect(zh(rosterMessages.importLegacyExcel)).toContain('.xlsx');
    expect(appErrorOf(() => readRosterFile(new Uint8Array())).messageKey).toBe(rosterMessages.importEmpty);
  });

  it('refuses a zip that is not a workbook, and a truncated one', () => {
    const notWorkbook = zip([{ name: 'word/document.xml', data: '<w:document/>' }]);
    expect(appErrorOf(() => readRosterFile(notWorkbook)).messageKey).toBe(rosterMessages.importUnreadable);
    const book = xlsx([['姓名'], ['x']]);
    expect(appErrorOf(() => readRosterFile(book.subarray(0, book.length - 30))).messageKey).toBe(rosterMessages.importUnreadable);
  });
});

describe('reading .xlsx', () => {
  const header = ['姓名', '登录名', '所在单位', '政治面貌', '角色'];

  it('reads shared strings, numbers (a mobile number stays whole) and follows the workbook to its sheet', () => {
    const bytes = xlsx(
      [header, ['张三', 13800138000, '县政务服务管理局/机关第一党支部', '正式党员', 'organizer@县政务服务管理局/机关第一党支部'], ['李四 & <i>', 'ls01', '县政务服务管理局', '群众', '']],
      { sheetPath: 'worksheets/roster.xml' },
    );
    const table = readRosterFile(bytes);
    expect(table.kind).toBe('xlsx');
    expect(table.rows).toEqual([
      { line: 1, cells: header },
      { line: 2, cells: ['张三', '13800138000', '县政务服务管理局/机关第一党支部', '正式党员', 'organizer@县政务服务管理局/机关第一党支部'] },
      { line: 3, cells: ['李四 & <i>', 'ls01', '县政务服务管理局', '群众'] },
    ]);
  });

  it('reads inline strings and stored (uncompressed) entries', () => {
    const rows = readRosterFile(xlsx([['姓名', '登录名'], ['王五', 'ww']], { strings: 'inline' })).rows;
    expect(rows.map((r) => r.cells)).toEqual([
      ['姓名', '登录名'],
      ['王五', 'ww'],
    ]);
  });

  it('reads a workbook written by another producer (openpyxl), title row and header note included', () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../../test/fixtures/roster-openpyxl.xlsx', import.meta.url)));
    const table = readRosterFile(bytes);
    const roster = readRosterRows(table.rows, zh);
    expect(roster.hasRoles).toBe(true);
    expect(roster.rows.map((r) => [r.line, r.name, r.login, r.partyStatus])).toEqual([
      [3, '赵一', '13800138001', '中共党员'],
      [4, '钱二', 'xlsx-002', '群众'],
      [5, '孙三 <b>', 'xlsx-003', '预备党员'],
    ]);
  });

  it('leaves phonetic guides out, decodes entities and _xHHHH_ escapes, and places cells by their reference', () => {
    const shared = ['<si><r><t>张</t></r><r><t>三</t></r><rPh sb="0" eb="1"><t>zhang</t></rPh></si>', '<si><t>a&amp;b_x000D_c</t></si>'];
    const sheet = '<sheetData><x:row r="7"><x:c r="C7" t="s"><x:v>0</x:v></x:c><x:c r="A7" t="s"><x:v>1</x:v></x:c><x:c r="B7" t="b"><x:v>1</x:v></x:c><x:c r="D7"><x:v>1.3800138E10</x:v></x:c></x:row></sheetData>';
    const strings = parseSharedStrings(`<sst>${shared.join('')}<si/></sst>`);
    expect(strings).toEqual(['张三', 'a&b\rc', '']);
    const rows = parseSheet(sheet, strings);
    expect(rows).toEqual([{ line: 7, cells: ['a&b\rc', 'TRUE', '张三', '13800138000'] }]);
  });

  it('refuses to inflate a part beyond the limit (a zip bomb) with a 413', () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: '<row>'.padEnd(200_000, ' ') }]);
    const entry = listZip(bomb).get('xl/worksheets/sheet1.xml')!;
    expect(readZipEntry(bomb, entry).length).toBe(200_000);
    const error = appErrorOf(() => readZipEntry(bomb, { ...entry, uncompressedSize: 10 }, 1000));
    expect([error.status, error.messageKey]).toEqual([413, rosterMessages.importSheetTooLarge]);
  });
});

describe('reading what the platform writes', () => {
  it('reads the first sheet of an export made by toXlsx', () => {
    const rows = readXlsx(
      toXlsx([
        { name: '各单位', rows: [['单位', '应学人数', '完成率'], ['县政务服务管理局 / 机关第一党支部', 7, '29%']] },
        { name: 'People', rows: [['Name']] },
      ]),
    ).map((row) => row.cells);
    expect(rows[0]).toEqual(['单位', '应学人数', '完成率']);
    expect(rows[1]).toEqual(['县政务服务管理局 / 机关第一党支部', '7', '29%']);
  });
});
