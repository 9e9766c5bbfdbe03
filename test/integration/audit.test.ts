/**
 * The audit area owns its texts (functions/domain/audit/messages.ts): its errors and the names of its fields reach
 * the client in the requester's language through the platform's error and validation layers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';

const { call, signIn } = useLocalPlatform();

let admin: string;
beforeAll(async () => {
  admin = await signIn('auditor');
});

const as = (lang: 'zh-CN' | 'en') => `${admin}; lang=${lang}`;

describe('the audit area’s own messages', () => {
  it('refuse a start date after the end date, in Chinese and in English', async () => {
    const zh = await call('GET', '/audit?from=2026-03-01&to=2026-02-01', as('zh-CN'));
    expect(zh.status).toBe(400);
    expect(zh.json.error.code).toBe('VALIDATION');
    expect(zh.json.error.message).toBe('开始日期（2026-03-01）晚于结束日期（2026-02-01），请调换或修改后再查询。');
    expect(zh.json.error.details).toEqual([{ path: 'from', message: zh.json.error.message }]);

    const en = await call('GET', '/audit?from=2026-03-01&to=2026-02-01', as('en'));
    expect([en.status, en.json.error.message]).toEqual([400, 'The start date (2026-03-01) is after the end date (2026-02-01). Swap or correct them and search again.']);
  });

  it('name the audit filter’s fields in validation messages', async () => {
    const zh = await call('GET', '/audit?to=2027-02-30', as('zh-CN'));
    expect(zh.status).toBe(400);
    expect(zh.json.error.details).toContainEqual(expect.objectContaining({ path: 'to', message: expect.stringMatching(/^结束日期不是有效的日期/) }));
    const en = await call('GET', `/audit?targetId=${encodeURIComponent('a\u202Eb')}`, as('en'));
    expect(en.status).toBe(400);
    expect(en.json.error.details).toContainEqual(expect.objectContaining({ path: 'targetId', message: expect.stringMatching(/^The target contains hidden characters/) }));
  });

  it('leave a range in the right order alone', async () => {
    expect((await call('GET', '/audit?from=2026-02-01&to=2026-03-01', admin)).status).toBe(200);
  });
});
