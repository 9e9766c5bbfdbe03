import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from './content-disposition.js';

describe('contentDisposition', () => {
  it('offers the name in UTF-8 with an ASCII fallback', () => {
    expect(contentDisposition('attachment', '党史-完成情况.csv', 'export.csv')).toBe(
      `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent('党史-完成情况.csv')}`,
    );
  });

  it('escapes what RFC 8187 forbids in the value and quotes in the fallback', () => {
    expect(contentDisposition('inline', "it's (new)*.pdf", 'a"b.pdf')).toBe(`inline; filename="a_b.pdf"; filename*=UTF-8''it%27s%20%28new%29%2A.pdf`);
  });

  it('uses the fallback when nothing of the name survives', () => {
    expect(contentDisposition('attachment', '\u0000\u202e', 'file.bin')).toBe(`attachment; filename="file.bin"; filename*=UTF-8''file.bin`);
  });
});

describe('safeFileName', () => {
  it('drops control and bidi characters, lone surrogates, separators and leading dots', () => {
    expect(safeFileName('..\\..//etc/passwd')).toBe('_..__etc_passwd');
    expect(safeFileName('课件\u202egpj.exe')).toBe('课件gpj.exe');
    expect(safeFileName('a\ud800b\r\n')).toBe('ab');
    expect(safeFileName('  讲义.pdf  ')).toBe('讲义.pdf');
  });
});
