import { describe, expect, it } from 'vitest';
import { attachment } from './download.js';

describe('attachment', () => {
  it('offers the name in UTF-8 with an ASCII fallback', () => {
    expect(attachment('党史-完成情况.csv')).toBe(`attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent('党史-完成情况.csv')}`);
  });

  it('cannot be broken or redirected by the name', () => {
    const header = attachment('名单"\r\nSet-Cookie: x=1\u202e.csv', 'export.csv');
    expect(header).not.toMatch(/[\r\n"]\s*Set-Cookie/);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="export.csv"; filename*=UTF-8\'\'')).toBe(true);
  });

  it('encodes a name holding half a character (an older record) instead of throwing', () => {
    expect(attachment('党史\uD800.csv')).toBe(`attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent('党史.csv')}`);
  });
});
