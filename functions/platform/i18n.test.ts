import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.js';
import { apiMessage, defineFieldLabels, defineMessages, fieldLabel, fieldMessage, labelOfKey, langFromHeaders, messageId, readCookie } from './i18n.js';
import { validationMessage } from './validation-messages.js';

describe('langFromHeaders', () => {
  it('prefers the remembered choice over the browser language', () => {
    expect(langFromHeaders('a=1; lang=en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(langFromHeaders('lang=zh-CN', 'en-US')).toBe('zh-CN');
  });
  it('falls back to Accept-Language, then to Chinese', () => {
    expect(langFromHeaders(undefined, 'en-GB,en;q=0.8')).toBe('en');
    expect(langFromHeaders(undefined, 'fr-FR')).toBe('zh-CN');
    expect(langFromHeaders('lang=xx', undefined)).toBe('zh-CN');
  });
});

describe('readCookie', () => {
  it('finds a cookie among others and survives bad encodings', () => {
    expect(readCookie('x=1; lang=en; y=2', 'lang')).toBe('en');
    expect(readCookie('lang=%E0%A4%A', 'lang')).toBeUndefined();
    expect(readCookie(null, 'lang')).toBeUndefined();
  });
});

describe('apiMessage', () => {
  it('fills parameters in each language', () => {
    expect(apiMessage('en', 'notFound', { path: '/api/x' })).toBe('There is no API route at /api/x.');
    expect(apiMessage('zh-CN', 'payloadTooLarge', { limit: '1 MB' })).toContain('1 MB');
  });
});

describe('messages an area declares', () => {
  const sample = defineMessages('sample', {
    'zh-CN': { tooMany: '最多 {max} 项。', plain: '好。' },
    en: { tooMany: 'At most {max} items.', plain: 'Fine.' },
  });

  it('are references with a stable id and every language, rendered like the platform’s own', () => {
    expect(sample.tooMany.id).toBe('sample.tooMany');
    expect(apiMessage('zh-CN', sample.tooMany, { max: 3 })).toBe('最多 3 项。');
    expect(apiMessage('en', sample.tooMany, { max: 3 })).toBe('At most 3 items.');
    expect(messageId(sample.plain)).toBe('sample.plain');
    expect(messageId('forbidden')).toBe('forbidden');
  });

  it('travel in an AppError beside the platform’s generic keys', () => {
    const own = new AppError('CONFLICT', { messageKey: sample.plain });
    expect([own.status, own.messageKey, own.message]).toEqual([409, sample.plain, 'CONFLICT: sample.plain']);
    expect(new AppError('FORBIDDEN').messageKey).toBe('forbidden');
  });

  it('must give every key in every language', () => {
    // @ts-expect-error the English catalog lacks a key the Chinese one has
    defineMessages('sample', { 'zh-CN': { one: '一', two: '二' }, en: { one: 'one' } });
  });
});

describe('field labels an area declares', () => {
  const labels = defineFieldLabels('sample', {
    'zh-CN': { sampleWhen: '抽查日期', sampleNote: '抽查说明' },
    en: { sampleWhen: 'sample date', sampleNote: 'sample note' },
  });

  it('name the field in validation messages, in the requester’s language', () => {
    const schema = z.strictObject({ sampleWhen: z.iso.date() });
    const issue = schema.safeParse({ sampleWhen: '2027-02-30' }).error!.issues[0]!;
    const raw = { ...issue, input: '2027-02-30' } as unknown as Parameters<typeof validationMessage>[1];
    expect(validationMessage('zh-CN', raw)).toBe('抽查日期不是有效的日期，请按“年-月-日”填写，如 2027-02-28');
    expect(validationMessage('en', raw)).toBe('The sample date is not a real date: write it as year-month-day, e.g. 2027-02-28');
    expect(labelOfKey('sampleNote')).toBe(labels.sampleNote);
  });

  it('name free text given the reference', () => {
    expect(fieldMessage('en', 'fieldRequired', labels.sampleNote)).toBe('Enter the sample note');
    expect(fieldLabel('zh-CN', labels.sampleWhen)).toBe('抽查日期');
  });

  it('keep one name per field across the API: a different name for a known field is refused at load', () => {
    expect(() => defineFieldLabels('other', { 'zh-CN': { sampleWhen: '日期' }, en: { sampleWhen: 'date' } })).toThrow(/sampleWhen.*one label/);
    expect(() => defineFieldLabels('other', { 'zh-CN': { cursor: '游标' }, en: { cursor: 'cursor' } })).toThrow(/cursor/);
    // The same name again (another area using the same field, or a module loaded twice) is fine.
    expect(() => defineFieldLabels('other', { 'zh-CN': { sampleWhen: '抽查日期' }, en: { sampleWhen: 'sample date' } })).not.toThrow();
  });
});
