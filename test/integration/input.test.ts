/**
 * What a reviewer sent and saw answered 500 (or stored wrong), each answered now with a 4xx a person can act on:
 * an id that is no id in a query, a course title holding half a character, an impossible date, oversized headers.
 * And the messages themselves: they name the field, in the person's language.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs, signIn } from '../helpers/sign-in.js';
import { answerClientErrorsAsJson } from '../../dev/client-errors.js';

const { app } = useLocalPlatform();
let admin: string;
let organizer: string;
const english = { 'accept-language': 'en' };

beforeAll(async () => {
  admin = await signIn(app, 'admin');
  organizer = await signIn(app, 'organizer1');
});

/** The message the API gave for one field. */
const fieldMessage = (body: any, path: string) => (body?.error?.details as Array<{ path: string; message: string }> | undefined)?.find((d) => d.path === path)?.message;

describe('query strings and path ids are checked like bodies', () => {
  it('GET /api/people?unitId=x answers 400 naming the unit, and so does the people page', async () => {
    const res = await requestAs(app, admin, 'GET', '/api/people?unitId=x');
    expect(res.status).toBe(400);
    expect(fieldMessage(res.body, 'unitId')).toMatch(/^单位无效/);
    const page = await app.request('http://localhost/people?unitId=x', { headers: { cookie: admin } });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('单位无效');
  });

  it('a mangled id in a path answers 400 naming what it should have been', async () => {
    for (const path of ['/api/courses/x', '/api/people/%00', '/api/courses/UUUUUUUUUUUUUUUUUUUUUUUUUU/completion']) {
      const res = await requestAs(app, admin, 'GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details[0].message, path).toMatch(/无效/);
    }
  });

  it('an impossible date in the audit filter answers 400', async () => {
    const res = await requestAs(app, await signIn(app, 'auditor'), 'GET', '/api/audit?from=2027-02-30');
    expect(res.status).toBe(400);
    expect(fieldMessage(res.body, 'from')).toContain('开始日期不是有效的日期');
    expect((await requestAs(app, await signIn(app, 'auditor'), 'GET', '/api/audit?from=2028-02-29&to=2028-03-01')).status).toBe(200);
  });
});

describe('free text', () => {
  const newCourse = (title: unknown) => ({ title, category: 'party', credit: 1 });

  it('refuses a lone surrogate, a bidi override and control characters, and stores nothing', async () => {
    const cases: Array<[string, string]> = [
      ['学习\uD800党章', '课程名称里有损坏的字符'],
      ['\u202E章党习学', '课程名称里有改变文字方向的隐藏字符'],
      ['学习\u0000党章', '课程名称里有无法显示的控制字符'],
      ['学习\u2028党章', '课程名称里有无法显示的控制字符'],
    ];
    for (const [title, message] of cases) {
      const res = await requestAs(app, organizer, 'POST', '/api/courses', newCourse(title));
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect(fieldMessage(res.body, 'title')).toContain(message);
    }
    const drafts = await requestAs(app, organizer, 'GET', '/api/courses?status=draft');
    expect(drafts.body.items.map((c: { title: string }) => c.title).filter((t: string) => t.includes('党章'))).toEqual([]);
  });

  it('stores text in NFC, trimmed, and counts characters as people do; its export answers', async () => {
    const res = await requestAs(app, organizer, 'POST', '/api/courses', { ...newCourse('  Cafe\u0301 学习 😀  '), summary: ' 第一行\r\n第二行\t完 ' });
    expect(res.status).toBe(201);
    expect(res.body.title).toBe('Café 学习 😀');
    expect(res.body.summary).toBe('第一行\n第二行\t完');
    // 80 characters, emoji included, is the limit: 80 emoji fit (160 UTF-16 units), 81 do not.
    expect((await requestAs(app, organizer, 'POST', '/api/courses', newCourse('😀'.repeat(80)))).status).toBe(201);
    const tooLong = await requestAs(app, organizer, 'POST', '/api/courses', newCourse('😀'.repeat(81)));
    expect(fieldMessage(tooLong.body, 'title')).toBe('课程名称不能超过 80 个字');
    const exported = await app.request(`http://localhost/api/courses/${res.body.courseId}/completion/export?format=csv`, { headers: { cookie: admin } });
    expect(exported.status).toBe(200);
  });

  it('names the field in the person’s language: 请填写课程名称 / Enter the course title', async () => {
    const zh = await requestAs(app, organizer, 'POST', '/api/courses', newCourse('   '));
    expect(zh.status).toBe(400);
    expect(fieldMessage(zh.body, 'title')).toBe('请填写课程名称');
    const en = await requestAs(app, organizer, 'POST', '/api/courses', newCourse(''), english);
    expect(fieldMessage(en.body, 'title')).toBe('Enter the course title');

    const odd = await requestAs(app, organizer, 'POST', '/api/courses', { title: '党史', category: 'poetry', credit: 0.3 });
    expect(fieldMessage(odd.body, 'category')).toBe('请从列出的选项中选择课程类别');
    expect(fieldMessage(odd.body, 'credit')).toBe('学时须是 0.25 的整数倍');
    const oddEn = await requestAs(app, organizer, 'POST', '/api/courses', { title: '党史', category: 'party', credit: 'one' }, english);
    expect(fieldMessage(oddEn.body, 'credit')).toBe('The credit (学时) must be a number');

    const unit = await requestAs(app, admin, 'POST', '/api/units', { name: '\u3000', kind: 'group', parentId: 'nope' });
    expect(fieldMessage(unit.body, 'name')).toBe('请填写单位名称');
    expect(fieldMessage(unit.body, 'parentId')).toBe('上级单位无效：请从列表中选择，或检查链接是否完整');
  });

  it('never reads like a validator', async () => {
    const res = await requestAs(app, organizer, 'POST', '/api/courses', { title: 5, summary: [], category: null, credit: -1, extra: 1 });
    const messages = (res.body.error.details as Array<{ message: string }>).map((d) => d.message);
    expect(messages.length).toBeGreaterThan(3);
    for (const message of messages) expect(message).not.toMatch(/期望|expected|string|number|>=|Invalid/i);
  });
});

describe('the web forms', () => {
  it('show the API’s message beside the field it is about, and in the summary', async () => {
    const form = new URLSearchParams({ title: '   ', category: 'party', credit: '1', summary: '第一行\u0000' });
    const res = await app.request('http://localhost/learn/manage?index', {
      method: 'POST',
      headers: { cookie: organizer, origin: 'http://localhost', host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    // The action answers with the refusal as data: the page comes back with the form as typed.
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/data-testid="field-error-title"[^>]*>请填写课程名称</);
    expect(html).toMatch(/data-testid="field-error-summary"[^>]*>课程简介里有无法显示的控制字符/);
    expect(html).toMatch(/aria-describedby="course-title-error"/);
    expect(html).not.toContain('课程名称: 请填写课程名称');
  });
});

describe('dates', () => {
  it('"2027-02-30" is refused, never rolled over into March; a leap day is a day', async () => {
    const created = await requestAs(app, organizer, 'POST', '/api/courses', { title: '日期测试', category: 'party', credit: 1 });
    const withLesson = await requestAs(app, organizer, 'POST', `/api/courses/${created.body.courseId}/lessons`, { version: created.body.version, title: '第一课', kind: 'text', body: '正文', minSeconds: 60 });
    expect(withLesson.status).toBe(201);
    const published = await requestAs(app, organizer, 'POST', `/api/courses/${created.body.courseId}/publish`, { version: withLesson.body.version });
    expect(published.status).toBe(200);
    const assign = (dueAt: string, headers = {}) =>
      requestAs(app, organizer, 'POST', `/api/courses/${created.body.courseId}/assignments`, { audience: { kind: 'everyone' }, required: true, dueAt }, headers);

    for (const dueAt of ['2099-02-30', '2099-13-01', '2099-02-29', '2099-02-28T24:00:00+08:00', '2099-2-3', 'tomorrow']) {
      const res = await assign(dueAt);
      expect(res.status, dueAt).toBe(400);
      expect(fieldMessage(res.body, 'dueAt'), dueAt).toMatch(/^截止日期不是有效的日期/);
    }
    expect(fieldMessage((await assign('2099-02-30', english)).body, 'dueAt')).toMatch(/^The due date is not a real date/);
    // organizer1 may not assign to everyone; the point here is that the date passed its check.
    const leapDay = await assign('2096-02-29');
    expect(leapDay.status).not.toBe(400);
  });
});

describe('oversized headers on the local server', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer(getRequestListener(app.fetch));
    answerClientErrorsAsJson(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (headers: Record<string, string>) =>
    new Promise<{ status: number; type: string | undefined; body: any }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/me', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('answer 431 with the API’s JSON error, in the language the request asked for', async () => {
    const zh = await get({ 'x-padding': 'a'.repeat(20_000) });
    expect(zh.status).toBe(431);
    expect(zh.type).toMatch(/application\/json/);
    expect(zh.body.error.code).toBe('HEADERS_TOO_LARGE');
    expect(zh.body.error.message).toContain('请求头太大');
    const en = await get({ 'accept-language': 'en', 'x-padding': 'a'.repeat(20_000) });
    expect(en.body.error.message).toMatch(/^The request headers are too large/);
  });

  it('still answers ordinary requests through the app', async () => {
    const res = await get({});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});
