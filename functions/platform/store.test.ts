import { describe, expect, it } from 'vitest';
import { decodeAfterCursor, encodeAfterCursor, eachLimited, pageLimit } from './store.js';
import { AppError } from './errors.js';
import { runInRequestScope } from './request-scope.js';
import { appErrorOf } from '../../test/helpers/app-error.js';

describe('eachLimited', () => {
  it('runs at most `limit` at once and stops taking work after a failure', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await eachLimited([...Array(50).keys()], 8, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      done.push(n);
    });
    expect(peak).toBe(8);
    expect(done).toHaveLength(50);
    const started: number[] = [];
    await expect(
      eachLimited([...Array(100).keys()], 4, async (n) => {
        started.push(n);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (n === 5) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(20);
  });
});

describe('pages', () => {
  it('gives back the sort key a cursor names, and refuses a cursor it never gave out with a 400', () => {
    expect(decodeAfterCursor(encodeAfterCursor('zw0001'), 40)).toBe('zw0001');
    expect(decodeAfterCursor(null, 40)).toBeUndefined();
    for (const bad of ['not-a-cursor', encodeAfterCursor('x'.repeat(41)), Buffer.from('{"after":3}').toString('base64url')]) {
      expect(() => decodeAfterCursor(bad, 40)).toThrow(AppError);
    }
    const refusal = (lang: 'zh-CN' | 'en') => runInRequestScope({ lang, requestId: 'test' }, () => appErrorOf(() => decodeAfterCursor('not-a-cursor', 40)));
    expect([refusal('zh-CN').messageKey, refusal('zh-CN').details]).toEqual(['cursorUnknown', [{ path: 'cursor', message: '翻页标记无效：请从第一页重新查看。' }]]);
    expect(refusal('en').details).toEqual([{ path: 'cursor', message: 'The page marker is not one this listing gave out: start again from the first page.' }]);
  });

  it('keeps a page size within 1..500, 100 by default', () => {
    expect([pageLimit(undefined), pageLimit(0), pageLimit(7.9), pageLimit(10_000)]).toEqual([100, 1, 7, 500]);
  });
});
