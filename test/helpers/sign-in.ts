/**
 * Signing in and calling the API as someone, for integration tests that go through the whole Hono app
 * (`app.request`, no network). Cookies are passed explicitly, so several people can act side by side.
 */

/** What these helpers need of the app: Hono's `request`. */
export interface RequestableApp {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/** An API answer, read once: status, headers and the parsed JSON body (or the text, or null when empty). */
export interface ApiResult {
  status: number;
  headers: Headers;
  body: any;
}

const origin = 'http://localhost';

/** The `name=value` part of the session cookie an answer sets, or undefined. */
export function sessionCookieFrom(headers: Headers): string | undefined {
  const cookie = headers.getSetCookie().find((line) => /^(__Host-)?sid=[^;]+/.test(line));
  return cookie?.split(';')[0];
}

/**
 * Calls the API with the given cookie (or none). A body that is FormData goes as multipart/form-data (the runtime
 * sets the boundary); any other body goes as JSON.
 */
export async function requestAs(
  app: RequestableApp,
  cookie: string | null | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult> {
  const init: RequestInit = { method, headers: { ...(cookie ? { cookie } : {}), ...headers } };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await app.request(`${origin}${path}`, init);
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/**
 * Signs in through POST /api/auth/login and returns the session cookie as a request header value (`sid=…`).
 * Every call opens a new session; throws with the API's answer when sign-in fails. Extra headers go with the request
 * (an Accept-Language, a client address).
 */
export async function signIn(app: RequestableApp, login: string, password = 'demo1234', headers: Record<string, string> = {}): Promise<string> {
  const res = await requestAs(app, null, 'POST', '/api/auth/login', { login, password }, headers);
  const cookie = sessionCookieFrom(res.headers);
  if (res.status !== 200 || !cookie) {
    throw new Error(`signing in as ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return cookie;
}

/** Calls `/api<path>` on `app` as the holder of `cookie` (null: nobody signed in); the answer's status and JSON. */
export function apiCaller(app: () => RequestableApp) {
  return async (method: string, path: string, cookie: string | null, body?: unknown) => {
    const res = await requestAs(app(), cookie, method, `/api${path}`, body);
    return { status: res.status, json: res.body };
  };
}
