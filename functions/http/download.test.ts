import { describe, expect, it } from 'vitest';
import { attachment } from './download.js';

describe('attachment', () => {
  it('offers the name in UTF-8 with an ASCII fallback', () => {
    expect(attachment('党史-完成情况.csv')).toBe(`attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent('党史-完成情况.csv')}`);
  });

  it('encodes a name holding half a character (an older record) instead of throwing', () => {
    expect(attachment('党史\uD800.csv')).toBe(`attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent('党史\uFFFD.csv')}`);
  });
});
