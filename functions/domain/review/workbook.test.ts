import { describe, expect, it } from 'vitest';
import { safeSheetNames } from './workbook.js';

describe('worksheet names', () => {
  it('drops what Excel refuses, keeps 31 characters, and never splits a character', () => {
    const [a, b, c, d] = safeSheetNames(['王[芳]:a/b\\c?d*e', "'引号'", 'x'.repeat(40), `${'张'.repeat(30)}😀`]);
    expect(a).toBe('王_芳__a_b_c_d_e');
    expect(b).toBe('引号');
    expect(c).toHaveLength(31);
    expect(d).toBe('张'.repeat(30));
  });

  it('makes namesakes unique ignoring case, and keeps clear of names already taken', () => {
    expect(safeSheetNames(['张伟', '张伟', 'Summary', 'anna', 'ANNA'], ['summary'])).toEqual(['张伟', '张伟 (2)', 'Summary (2)', 'anna', 'ANNA (2)']);
    const long = 'y'.repeat(31);
    const [first, second] = safeSheetNames([long, long]);
    expect(first).toHaveLength(31);
    expect(second).toBe(`${'y'.repeat(27)} (2)`);
  });

  it('never gives an empty or reserved name', () => {
    const names = safeSheetNames(['', '???', 'History', "''"]);
    expect(names.every((n) => n.length > 0 && n.length <= 31 && n.toLowerCase() !== 'history')).toBe(true);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(4);
  });
});
