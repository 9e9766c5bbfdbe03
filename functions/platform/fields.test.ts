import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { characterCount, day, dayOrInstant, text, textProblem } from './fields.js';
import { defineFieldLabels } from './i18n.js';
import { runInRequestScope } from './request-scope.js';
import { useRequestLanguageForValidation } from './validation-messages.js';

useRequestLanguageForValidation();
/** Fields of a sample form: the platform names fields by the labels areas declare (a real area's live in its messages.ts). */
const labels = defineFieldLabels('sample', {
  'zh-CN': { sampleTitle: '题目', sampleBody: '说明', sampleDay: '抽查日期', sampleKind: '类别', sampleScore: '分值', sampleUnits: '单位', sampleLink: '网址' },
  en: { sampleTitle: 'heading', sampleBody: 'notes', sampleDay: 'sample date', sampleKind: 'category', sampleScore: 'score', sampleUnits: 'unit', sampleLink: 'web address' },
});
const inLang = <T>(lang: 'zh-CN' | 'en', fn: () => T) => runInRequestScope({ lang, requestId: 'test' }, fn);
const messages = (schema: z.ZodType, value: unknown, lang: 'zh-CN' | 'en' = 'zh-CN') =>
  inLang(lang, () => {
    const result = schema.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  });

describe('text', () => {
  const title = text({ label: labels.sampleTitle, max: 5 });
  const body = text({ label: labels.sampleBody, max: 100, min: 0, multiline: true });

  it('normalises to NFC and trims (ideographic spaces too)', () => {
    expect(title.parse('\u3000 Cafe\u0301 ')).toBe('Café');
    expect(body.parse(' a\r\nb\rc\td ')).toBe('a\nb\nc\td');
  });

  it('refuses lone surrogates, control characters and bidi overrides, naming the field', () => {
    expect(messages(title, 'a\uD800')).toEqual(['题目里有损坏的字符（可能是复制时断开的表情或符号），请删去后再提交']);
    expect(messages(title, '\uDC00a')).toHaveLength(1);
    for (const control of ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u2028', '\t', '\n']) expect(messages(title, `a${control}b`), JSON.stringify(control)).toHaveLength(1);
    for (const bidi of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) expect(messages(title, `a${bidi}b`), JSON.stringify(bidi)).toHaveLength(1);
    expect(messages(body, 'line\nline\ttab')).toEqual([]);
    expect(messages(body, 'a\u0000')).toEqual(['说明里有无法显示的控制字符，请删去后再提交']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(characterCount('😀学')).toBe(2);
    expect(messages(title, '😀😀😀😀😀')).toEqual([]);
    expect(messages(title, '😀😀😀😀😀😀')).toEqual(['题目不能超过 5 个字']);
    expect(messages(title, '😀😀😀😀😀😀', 'en')).toEqual(['The heading can be at most 5 characters long']);
  });

  it('asks for a missing or blank value by name', () => {
    expect(messages(title, undefined)).toEqual(['请填写题目']);
    expect(messages(title, '  ', 'en')).toEqual(['Enter the heading']);
    expect(messages(title, 12)).toEqual(['题目应当是文字']);
    expect(messages(body, '')).toEqual([]);
  });

  it('leaves ordinary Chinese, emoji and punctuation alone', () => {
    expect(textProblem('“五心”服务：热心、耐心、细心、诚心、贴心 😀（第1课）')).toBeUndefined();
  });
});

describe('dates', () => {
  it('accept only days that exist', () => {
    expect(day(labels.sampleDay).safeParse('2028-02-29').success).toBe(true);
    for (const value of ['2027-02-29', '2027-02-30', '2027-04-31', '2027-13-01', '2027-00-10', '27-02-01', '2027-2-1']) {
      expect(messages(day(labels.sampleDay), value), value).toEqual(['抽查日期不是有效的日期，请按“年-月-日”填写，如 2027-02-28']);
    }
  });

  it('or instants with an offset, that exist', () => {
    const due = dayOrInstant(labels.sampleDay);
    for (const value of ['2027-02-28', '2027-02-28T09:30:00+08:00', '2027-02-28T01:30:00.123Z']) expect(due.safeParse(value).success, value).toBe(true);
    for (const value of ['2027-02-30T09:30:00Z', '2027-02-28T25:00:00Z', '2027-02-28T09:30:00', 'next week', '']) {
      expect(messages(due, value, 'en'), value).toEqual(['The sample date is not a real date or time: write it as year-month-day, e.g. 2027-02-28']);
    }
  });
});

describe('every other field', () => {
  const schema = z.object({ sampleKind: z.enum(['a', 'b']), sampleScore: z.number().min(0.25).multipleOf(0.25), sampleUnits: z.array(z.ulid()).min(1), sampleLink: z.url() }).strict();

  it('is named by its key, in the request’s language', () => {
    expect(messages(schema, {})).toEqual(['请选择类别', '请填写分值', '请选择单位', '请填写网址']);
    expect(messages(schema, { sampleKind: 'c', sampleScore: 0.3, sampleUnits: ['x'], sampleLink: 'nope', extra: 1 }, 'en')).toEqual([
      'Choose the category from the options offered',
      'The score must be a multiple of 0.25',
      'The unit is not valid: choose it from the list, or check that the link is complete',
      'The web address must start with http:// or https://',
      'These fields are not known: extra',
    ]);
  });
});
