import { describe, expect, it } from 'vitest';
import { fromShanghaiInput, minutesBlocks, sixDigits, toShanghaiInput } from './session-host';

describe('Shanghai wall-clock fields', () => {
  it('reads a datetime-local value as +08:00 and shows an instant in Shanghai', () => {
    expect(fromShanghaiInput('2027-03-05T14:30')).toBe('2027-03-05T14:30:00+08:00');
    expect(toShanghaiInput('2027-03-05T06:30:00.000Z')).toBe('2027-03-05T14:30');
    // Across midnight UTC: 01:00 in Shanghai is the previous day in UTC.
    expect(toShanghaiInput(new Date(fromShanghaiInput('2027-01-01T01:00')!).toISOString())).toBe('2027-01-01T01:00');
  });

  it('refuses what is not a real date and time', () => {
    expect(fromShanghaiInput('2027-02-31T10:00')).toBeNull();
    expect(fromShanghaiInput('2027-03-05 14:30')).toBeNull();
    expect(fromShanghaiInput('')).toBeNull();
    expect(toShanghaiInput('nonsense')).toBe('');
  });
});

describe('minutes and codes', () => {
  it('turns # lines into headings and blank-line runs into paragraphs', () => {
    expect(minutesBlocks('# 一、学习\n传达文件\n第二行\n\n讨论\n## 二、决定')).toEqual([
      { kind: 'heading', text: '一、学习' },
      { kind: 'paragraph', text: '传达文件\n第二行' },
      { kind: 'paragraph', text: '讨论' },
      { kind: 'heading', text: '二、决定' },
    ]);
  });

  it('keeps six digits typed with spaces, refuses anything else', () => {
    expect(sixDigits(' 012 345 ')).toBe('012345');
    expect(sixDigits('12345')).toBeNull();
    expect(sixDigits('12a456')).toBeNull();
  });
});
