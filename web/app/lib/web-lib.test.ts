import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';
import { safeRedirectPath } from './redirect';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';

describe('formatDate', () => {
  it('writes dates the way each language does, in Shanghai time', () => {
    // 20:00 UTC on 26 Nov is already 27 Nov in Shanghai.
    expect(formatDate('2026-11-26T20:00:00Z', 'zh-CN')).toBe('2026年11月27日');
    expect(formatDate('2026-11-26T20:00:00Z', 'en')).toBe('27 Nov 2026');
    expect(formatDateTime('2026-11-26T20:05:09Z', 'en')).toBe('27 Nov 2026 04:05:09');
  });
});

describe('safeRedirectPath', () => {
  it('keeps paths on this site and refuses everything else', () => {
    expect(safeRedirectPath('/status?x=1')).toBe('/status?x=1');
    for (const bad of ['//evil.example', 'https://evil.example/', '/\\evil.example', '', null, 'status']) {
      expect(safeRedirectPath(bad)).toBe('/');
    }
  });
});

describe('message catalogs', () => {
  it('have the same keys and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const text of [...Object.values(en), ...Object.values(zhCN)]) expect(text.trim()).not.toBe('');
  });
  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(zhCN[key]));
    }
  });
});
