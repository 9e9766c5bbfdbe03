import { describe, expect, it } from 'vitest';
import { deliveryOf } from './delivery.js';
import { uploadRules } from './schema.js';

describe('deliveryOf', () => {
  it('shows every accepted kind inline, with the type the platform decided', () => {
    for (const rule of Object.values(uploadRules)) {
      for (const [type, extension] of Object.entries(rule.types)) {
        const delivery = deliveryOf(`uploads/x/01J00000000000000000000000.${extension}`);
        expect(delivery.contentType).toBe(type);
        expect(delivery.disposition).toMatch(/^inline; /);
      }
    }
  });

  it('never shows HTML, SVG or anything unknown inline, and never with a type a browser would run', () => {
    for (const key of ['uploads/cover/a.svg', 'uploads/pdf/a.html', 'uploads/pdf/a.htm', 'uploads/pdf/a.xhtml', 'uploads/cover/a.SVG', 'uploads/x/noextension', 'uploads/x/a.js', 'uploads/x/a.pdf.html']) {
      const delivery = deliveryOf(key, '课件');
      expect(delivery.contentType, key).toBe('application/octet-stream');
      expect(delivery.disposition, key).toMatch(/^attachment; /);
    }
  });

  it('offers the given name in UTF-8 with the right extension, and an ASCII fallback', () => {
    const { disposition } = deliveryOf('uploads/pdf/01J0ABC.pdf', '第一课 党章学习');
    expect(disposition).toBe(`inline; filename="01J0ABC.pdf"; filename*=UTF-8''${encodeURIComponent('第一课 党章学习.pdf')}`);
    expect(deliveryOf('uploads/pdf/01J0ABC.pdf', '讲义.PDF').disposition).toContain(encodeURIComponent('讲义.PDF'));
    expect(deliveryOf('uploads/pdf/01J0ABC.pdf').disposition).toContain("filename*=UTF-8''01J0ABC.pdf");
  });

  it('keeps hostile names from breaking the header or disguising the file', () => {
    const { disposition } = deliveryOf('uploads/pdf/01J0ABC.pdf', 'a"; filename=evil.html\r\nX-Injected: 1\u202egpj.exe');
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(disposition.split(';').filter((part) => part.trim().startsWith('filename=')).length).toBe(1);
    expect(disposition).not.toContain('\u202e');
    expect(disposition).not.toContain('%E2%80%AE');
    // The value of filename* holds only attr-chars and %-escapes (no quote, apostrophe or parenthesis).
    const value = /filename\*=UTF-8''(.*)$/.exec(disposition)![1]!;
    expect(value).toMatch(/^[A-Za-z0-9%\-._~]+$/);
  });
});
