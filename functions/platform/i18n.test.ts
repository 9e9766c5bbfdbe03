import { describe, expect, it } from 'vitest';
import { apiMessage, langFromHeaders, readCookie } from './i18n.js';

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
