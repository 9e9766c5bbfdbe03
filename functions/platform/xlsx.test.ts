import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx } from './xlsx.js';

const sheets = [
  {
    name: '各单位',
    rows: [
      ['单位', '应学人数', '完成率'],
      ['县政务服务管理局 / 机关第一党支部', 7, '29%'],
      ['<b>&"引号"', 0, null],
    ],
  },
  {
    name: 'People: a/b?',
    rows: [
      ['Name', 'Login'],
      ['=HYPERLINK("http://x","y")', 'zw0001'],
    ],
  },
];

describe('toXlsx', () => {
  it('writes a workbook another implementation reads: sheets, text, numbers, a bold frozen header', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(toXlsx(sheets)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['各单位', 'People_ a_b_']);
    const [units, people] = workbook.worksheets;
    expect(units!.getRow(2).values).toEqual([undefined, '县政务服务管理局 / 机关第一党支部', 7, '29%']);
    expect(units!.getCell('A3').value).toBe('<b>&"引号"');
    expect(units!.getCell('B3').value).toBe(0);
    expect(units!.getCell('A1').font?.bold).toBe(true);
    expect(units!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Text that looks like a formula stays text.
    expect(people!.getCell('A2').value).toBe('=HYPERLINK("http://x","y")');
    expect(people!.getCell('A2').formula).toBeUndefined();
  });
});
