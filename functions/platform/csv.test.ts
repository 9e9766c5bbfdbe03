import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('starts with a byte-order mark, quotes what needs quoting and ends rows with CRLF', () => {
    const csv = toCsv([
      ['单位', '人数'],
      ['第一党支部, 综合组', 3],
      ['说 "好"', null],
      ['两行\n文字', 0.5],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1)).toBe('单位,人数\r\n"第一党支部, 综合组",3\r\n"说 ""好""",\r\n"两行\n文字",0.5\r\n');
  });

  it('keeps spreadsheet formulas from running', () => {
    const csv = toCsv([['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', 'ok', -3]]);
    expect(csv.slice(1)).toBe(`"'=HYPERLINK(""http://x"",""y"")",'+1,'-2,'@SUM(A1),ok,-3\r\n`);
  });
});
