import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { apiGatewayEvent } from '../helpers/lambda-event.js';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode: number; headers?: Record<string, string>; cookies?: string[]; body: string; isBase64Encoded: boolean }>;
let handler: Handler;

const event = apiGatewayEvent;

const context = { functionName: 'http', awsRequestId: 'req-1' } as Context;

useLocalPlatform({ app: false });

beforeAll(async () => {
  ({ handler } = (await import('../../functions/handlers/http.js')) as unknown as { handler: Handler });
});

describe('the http Lambda handler', () => {
  it('answers GET /api/health', async () => {
    const res = await handler(event('GET', '/api/health'), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok' });
    expect(res.headers?.['content-security-policy']).toContain("default-src 'self'");
  });

  it('renders a page', async () => {
    const res = await handler(event('GET', '/login', { cookies: ['lang=en'] }), context);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toMatch(/text\/html/);
    const html = res.isBase64Encoded ? Buffer.from(res.body, 'base64').toString('utf8') : res.body;
    expect(html).toContain('Sign in');
    expect(html).toContain('Employee number or mobile number');
  });

  it('takes a form POST and returns the cookie the API set', async () => {
    const res = await handler(
      event('POST', '/language', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'lang=en&redirectTo=%2Fstatus',
      }),
      context,
    );
    expect(res.statusCode).toBe(302);
    expect(res.headers?.location).toBe('/status');
    expect((res.cookies ?? []).join(';')).toMatch(/lang=en/);
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const res = await handler(event('GET', '/api/nope'), context);
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).error.code).toBe('NOT_FOUND');
  });

  it('hands a spreadsheet back as binary (base64), the way API Gateway passes files', async () => {
    const login = await handler(
      event('POST', '/api/auth/login', {
        headers: { 'content-type': 'application/json', origin: 'https://abc123.execute-api.cn-northwest-1.amazonaws.com.cn' },
        body: JSON.stringify({ login: 'leader', password: 'demo1234' }),
      }),
      context,
    );
    expect(login.statusCode).toBe(200);
    const sid = (login.cookies ?? []).find((cookie) => cookie.startsWith('sid='))!.split(';')[0]!;
    const courses = JSON.parse((await handler(event('GET', '/api/courses', { cookies: [sid] }), context)).body).items as { courseId: string }[];
    const res = await handler(event('GET', `/api/courses/${courses[0]!.courseId}/completion/export`, { cookies: [sid] }), context);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.isBase64Encoded).toBe(true);
    expect(Buffer.from(res.body, 'base64').subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });
});
