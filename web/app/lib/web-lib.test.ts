import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';
import { unitsReached } from './me';
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

describe('unitsReached', () => {
  // The tree as listUnits answers it, depth first: bureau → branch1 → group1, bureau → branch2.
  const units = [
    { unitId: 'bureau', parentId: null },
    { unitId: 'branch1', parentId: 'bureau' },
    { unitId: 'group1', parentId: 'branch1' },
    { unitId: 'branch2', parentId: 'bureau' },
  ];
  it('takes the units getMe names for a capability and everything under them', () => {
    expect(unitsReached({ reach: { editCourses: ['branch1'] } }, 'editCourses', units)).toEqual(new Set(['branch1', 'group1']));
    expect(unitsReached({ reach: { editCourses: 'all' } }, 'editCourses', units)).toBeNull();
  });
  it('reaches nothing for a capability the person lacks or holds for their own records only', () => {
    expect(unitsReached({ reach: { study: [] } }, 'editCourses', units)).toEqual(new Set());
    expect(unitsReached({ reach: { study: [] } }, 'study', units)).toEqual(new Set());
  });
});

describe('safeRedirectPath', () => {
  it('keeps plain paths on this site', () => {
    for (const good of ['/', '/status?x=1', '/learn/courses/01J0ABC?tab=lessons#top', '/people?q=%E5%BC%A0%20%E4%B8%89&unit=a%2Fb', '/a/b/../c']) {
      expect(safeRedirectPath(good), good).toBe(good);
    }
  });

  it('sends every known open-redirect spelling home', () => {
    const spellings = [
      '//evil.example', '///evil.example', '////evil.example', 'https://evil.example/', 'http:evil.example',
      'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', '/\\evil.example', '\\/evil.example',
      '/\\/evil.example', '\\\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '\t//evil.example',
      ' /evil', '/ /evil.example', '/%09/evil.example', '/%0a/evil.example', '/%0d%0aSet-Cookie:x=1', '/%2F/evil.example',
      '/%2f%2fevil.example', '/%5Cevil.example', '/%5c%5cevil.example', '/%252F%252Fevil.example', '/%E0%A4%A', '/\u2028/evil',
      '/\u202e/lave.example', '/\u0000/evil', '/\ufeff/evil', '/people?q=\n', '/x#\t', 'evil.example', 'status', '', '?x=1', '#top', '/'.padEnd(2001, 'a'),
    ];
    for (const bad of [...spellings, null, undefined]) expect(safeRedirectPath(bad as string), JSON.stringify(bad)).toBe('/');
    expect(safeRedirectPath('//evil.example', '/me')).toBe('/me');
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
