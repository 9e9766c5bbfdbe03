/**
 * Bad input never answers 500: every operation in /api/openapi.json, starting from its permission-matrix sample
 * (test/helpers/operation-samples.ts), is called with bad path ids, bad query values, malformed and hostile JSON,
 * wrong types and hostile strings in each field, and prototype-polluting keys — as the admin (who reaches every
 * code path), signed out, and (without the field-by-field values) as staff, organizer and leader.
 *
 * Every answer must be below 500, and every refusal must be the API's JSON error with a message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { requestAs, sessionCookieFrom, signIn } from '../helpers/sign-in.js';
import { loadFixtures, samples, type Fixtures, type SampleRequest, sampleContext } from '../helpers/operation-samples.js';
import { hostileFieldValues, hostilePathSegments, hostileQueryValues, hostileRawBodies, pollutingKeys } from '../helpers/hostile-input.js';

const { app } = useLocalPlatform();
let fixtures: Fixtures;
const sessions: Record<string, string> = {};
const ctx = sampleContext(() => ({ app, fixtures, adminCookie: sessions.admin }));

interface Operation {
  operationId: string;
  method: string;
  template: string;
  pathParams: string[];
  queryParams: string[];
  jsonBody: boolean;
  formBody: boolean;
}
let operations: Operation[] = [];

interface Call {
  what: string;
  cookie: string | null;
  method: string;
  path: string;
  contentType?: string | null;
  body?: string | Uint8Array | FormData;
}

/** Makes one call and says what is wrong with its answer, if anything. */
async function judge(call: Call): Promise<string | undefined> {
  const headers: Record<string, string> = { origin: 'http://localhost' };
  if (call.cookie) headers.cookie = call.cookie;
  if (call.contentType) headers['content-type'] = call.contentType;
  let res: Response;
  try {
    res = await app.request(`http://localhost${call.path}`, { method: call.method, headers, body: call.body as BodyInit | undefined });
  } catch (error) {
    return `${call.what}: threw ${String(error)}`;
  }
  const text = await res.text();
  if (res.status >= 500) return `${call.what}: ${res.status} ${text.slice(0, 300)}`;
  if (res.status >= 400) {
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return `${call.what}: ${res.status} is not JSON: ${text.slice(0, 200)}`;
    }
    if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string' || body.error.message === '') {
      return `${call.what}: ${res.status} without the error shape: ${text.slice(0, 200)}`;
    }
  }
  return undefined;
}

/** Runs calls a few at a time; returns every problem found. */
async function run(calls: Call[], parallel = 6): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < calls.length) {
        const problem = await judge(calls[next++]!);
        if (problem) problems.push(problem);
      }
    }),
  );
  return problems;
}

/** The sample request an admin may make for an operation (a valid starting point for every variant). */
/** The administrators, each holding a part of administration (三员分立): an operation is fuzzed as the one who holds it. */
const administrators = ['admin', 'security', 'auditor'] as const;

async function baseRequest(operationId: string): Promise<SampleRequest & { who: (typeof administrators)[number] }> {
  for (const who of administrators) {
    const sample = samples.find((s) => s.operationId === operationId && s.expect[who] === 'allow');
    if (sample) return { ...(await sample.build(ctx)), who };
  }
  throw new Error(`no sample an administrator may make for ${operationId}`);
}

const withQuery = (path: string, name: string, value: string) => {
  const [base, query = ''] = path.split('?');
  const kept = query
    .split('&')
    .filter((part) => part !== '' && part.split('=')[0] !== name)
    .concat(`${name}=${value}`);
  return `${base}?${kept.join('&')}`;
};

/** Every variant of one operation's sample: path ids, query values, and (as asked) raw bodies and each field. */
function variants(op: Operation, base: SampleRequest, cookie: string | null, who: string, { fields, bodies }: { fields: boolean; bodies: boolean }): Call[] {
  const calls: Call[] = [];
  const label = (what: string) => `${op.operationId} as ${who}: ${what}`;
  const baseBody = base.body instanceof FormData ? base.body : base.body === undefined ? undefined : JSON.stringify(base.body);
  const baseType = base.body instanceof FormData ? undefined : base.body === undefined ? undefined : 'application/json';
  const call = (what: string, path: string, contentType?: string | null, body?: Call['body']): Call => ({ what: label(what), cookie, method: base.method, path, contentType, body });

  // Path ids: the sample's path, one segment replaced at a time.
  const templateParts = `/api${op.template}`.split('/');
  const pathParts = base.path.split('?')[0]!.split('/');
  templateParts.forEach((part, i) => {
    if (!/^\{.+\}$/.test(part)) return;
    for (const segment of bodies ? hostilePathSegments : hostilePathSegments.slice(0, 3)) {
      const parts = [...pathParts];
      parts[i] = segment.value;
      calls.push(call(`${part} = ${segment.name}`, parts.join('/') + (base.path.includes('?') ? `?${base.path.split('?')[1]}` : ''), baseType, baseBody));
    }
  });

  // Query values, one parameter at a time; then unknown and repeated parameters.
  for (const name of bodies ? op.queryParams : []) {
    for (const value of hostileQueryValues) calls.push(call(`?${name} = ${value.name}`, withQuery(base.path, name, value.value), baseType, baseBody));
    calls.push(call(`?${name} twice`, `${withQuery(base.path, name, 'a')}&${name}=b`, baseType, baseBody));
  }
  if (bodies) calls.push(call('unknown and polluting query parameters', `${base.path}${base.path.includes('?') ? '&' : '?'}__proto__=x&constructor[prototype]=y&a[b]=c`, baseType, baseBody));

  // Bodies that are not what the route reads.
  // (A GET carries no body; a route that reads none gets one, to show it ignores it.)
  if (base.method !== 'GET' && (bodies || op.jsonBody || op.formBody)) {
    const raws = bodies && (op.jsonBody || op.formBody) ? hostileRawBodies : hostileRawBodies.slice(0, 1);
    for (const raw of raws) calls.push(call(`body: ${raw.name}`, base.path, raw.value.contentType, raw.value.body));
    if (op.jsonBody) calls.push(call('no body at all', base.path));
  }

  if (fields && op.jsonBody && base.body && !(base.body instanceof FormData)) {
    const valid = base.body as Record<string, unknown>;
    const keys = Object.keys(valid);
    for (const key of keys) {
      for (const value of hostileFieldValues) calls.push(call(`${key} = ${value.name}`, base.path, 'application/json', JSON.stringify({ ...valid, [key]: value.value })));
      const inner = valid[key];
      if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
        for (const innerKey of Object.keys(inner)) {
          for (const value of hostileFieldValues.slice(0, 9)) {
            calls.push(call(`${key}.${innerKey} = ${value.name}`, base.path, 'application/json', JSON.stringify({ ...valid, [key]: { ...inner, [innerKey]: value.value } })));
          }
        }
      }
      if (Array.isArray(inner)) {
        for (const value of hostileFieldValues.slice(0, 9)) calls.push(call(`${key}[0] = ${value.name}`, base.path, 'application/json', JSON.stringify({ ...valid, [key]: [value.value] })));
      }
    }
    for (const key of pollutingKeys) {
      const json = JSON.stringify(valid);
      calls.push(call(`with a ${key.name} key`, base.path, 'application/json', json === '{}' ? `{${key.value}}` : `${json.slice(0, -1)},${key.value}}`));
    }
  }

  if (bodies && op.formBody) {
    const noFile = new FormData();
    noFile.append('other', 'x');
    const fileAsText = new FormData();
    fileAsText.append('file', 'not a file');
    const hostileName = new FormData();
    hostileName.append('file', new Blob(['姓名,登录名\r\n'], { type: 'text/csv' }), '\u202Eroster\u0000.csv');
    const binary = new FormData();
    binary.append('file', new Blob([new Uint8Array([0, 0xff, 0xfe, 0x50, 0x4b, 3, 4, 0])], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'roster.xlsx');
    const empty = new FormData();
    empty.append('file', new Blob([]), 'roster.csv');
    for (const [name, form] of Object.entries({ 'no file field': noFile, 'the file as text': fileAsText, 'a hostile file name': hostileName, 'a broken workbook': binary, 'an empty file': empty })) {
      calls.push(call(`form: ${name}`, base.path, undefined, form));
    }
  }
  return calls;
}

/** Operations that end or replace the caller's session: fuzzed on their own, with sessions made for them. */
const sessionOperations = new Set(['login', 'logout', 'changePassword']);

beforeAll(async () => {
  for (const login of ['admin', 'security', 'auditor', 'staff1', 'organizer1', 'leader']) sessions[login] = await signIn(app, login);
  fixtures = await loadFixtures(app, sessions.admin!);

  const doc = await requestAs(app, null, 'GET', '/api/openapi.json');
  expect(doc.status).toBe(200);
  operations = [];
  for (const [template, item] of Object.entries(doc.body.paths as Record<string, Record<string, any>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation?.operationId) continue;
      const params = (operation.parameters ?? []) as Array<{ name: string; in: string }>;
      const content = Object.keys(operation.requestBody?.content ?? {});
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        jsonBody: content.some((type) => type.includes('json')),
        formBody: content.some((type) => type.includes('multipart')),
      });
    }
  }
  expect(operations.length).toBeGreaterThan(20);
});

describe('no bad input answers 5xx', () => {
  const operationIds = [...new Set(samples.map((s) => s.operationId))].filter((id) => !sessionOperations.has(id));
  for (const operationId of operationIds) {
    it(`${operationId}: every variant as the administrator who holds it; ids and a body signed out and as staff, an organizer and a leader`, async () => {
      const op = operations.find((o) => o.operationId === operationId);
      if (!op) throw new Error(`${operationId} is not in the OpenAPI document`);
      const base = await baseRequest(operationId);
      const calls = [...variants(op, base, sessions[base.who]!, base.who, { fields: true, bodies: true }), ...variants(op, base, null, 'signed out', { fields: false, bodies: false })];
      for (const who of ['staff1', 'organizer1', 'leader']) calls.push(...variants(op, base, sessions[who]!, who, { fields: false, bodies: false }));
      expect(await run(calls)).toEqual([]);
    });
  }

  it('for signing out and changing a password, each call with a session of its own', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const logout = operations.find((o) => o.operationId === 'logout')!;
    for (const call of variants(logout, await baseRequest('logout'), null, 'staff2', { fields: false, bodies: false })) {
      const problem = await judge({ ...call, cookie: await signIn(app, 'staff2') });
      if (problem) problems.push(problem);
    }

    // A person of our own whose password the calls may change: follow it, so each call signs in with the current one.
    const made = await requestAs(app, sessions.admin, 'POST', '/api/people', { name: '模糊测试', login: `fuzz-${ctx.unique()}`, unitId: fixtures.unit.general, partyStatus: 'none', initialPassword: 'fuzz-pass-1357' });
    expect(made.status).toBe(201);
    const account = { login: made.body.person.login as string, password: 'fuzz-pass-1357' };
    let cookie = await signIn(app, account.login, account.password);
    const op = operations.find((o) => o.operationId === 'changePassword')!;
    const base = { method: 'POST' as const, path: '/api/me/password', body: { currentPassword: '', newPassword: '' } };
    for (const call of variants(op, base, null, 'a person', { fields: true, bodies: true })) {
      // The body's own passwords, where the variant left them alone, are the current one and a fresh good one.
      const fresh = `fuzz-pass-${ctx.unique()}1`;
      const body = typeof call.body === 'string' ? call.body.replace('"currentPassword":""', `"currentPassword":${JSON.stringify(account.password)}`).replace('"newPassword":""', `"newPassword":${JSON.stringify(fresh)}`) : call.body;
      const res = await app.request(`http://localhost${call.path}`, { method: 'POST', headers: { origin: 'http://localhost', cookie, ...(call.contentType ? { 'content-type': call.contentType } : {}) }, body: body as BodyInit });
      const text = await res.text();
      if (res.status >= 500) problems.push(`${call.what}: ${res.status} ${text.slice(0, 300)}`);
      // A change ends the other sessions and hands this one a new cookie.
      if (res.status === 200) {
        account.password = (JSON.parse(body as string) as { newPassword: string }).newPassword;
        cookie = sessionCookieFrom(res.headers) ?? (await signIn(app, account.login, account.password));
      }
    }
    expect(problems).toEqual([]);
  });

  // Last: failed sign-ins count against this process's address, and lock it.
  it('for signing in', async () => {
    const op = operations.find((o) => o.operationId === 'login')!;
    const base = { method: 'POST' as const, path: '/api/auth/login', body: { login: `nobody-${ctx.unique()}`, password: 'wrong-password-1' } };
    expect(await run(variants(op, base, null, 'signed out', { fields: true, bodies: true }), 4)).toEqual([]);
  });
});
