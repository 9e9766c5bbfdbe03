import createClient from 'openapi-fetch';
import type { paths } from '../../web/app/lib/api-types.js';

/** Request headers the API needs from the browser's request (who is asking, in which language, from where). */
const forwarded = ['cookie', 'accept-language', 'user-agent', 'x-request-id'];

/**
 * The pages' API client, made by the front door (web.ts) for each page request and handed to Remix in the load
 * context: typed from the generated API types, the same contract other clients see.
 *
 * A typed client for the API, bound to one incoming request: its fetch calls the API in-process, carrying the
 * user's cookie, and collects the cookies the API sets so the page's response can carry them back.
 */
export function createApiClient(options: { request: Request; fetch: (request: Request) => Promise<Response> }) {
  const setCookies: string[] = [];
  const origin = new URL(options.request.url).origin;
  const call = async (input: Request) => {
    const headers = new Headers(input.headers);
    for (const name of forwarded) {
      const value = options.request.headers.get(name);
      if (value !== null && !headers.has(name)) headers.set(name, value);
    }
    const response = await options.fetch(new Request(input, { headers }));
    setCookies.push(...response.headers.getSetCookie());
    return response;
  };
  // Every loader of a page asks who is signed in (the root for the shell, the page for its own needs): one page
  // request asks the API once. A write (any other method) may change the answer, so it forgets it.
  let me: Promise<Response> | undefined;
  const client = createClient<paths>({
    baseUrl: `${origin}/api`,
    fetch: async (input: Request) => {
      if (input.method !== 'GET') me = undefined;
      else if (new URL(input.url).pathname === '/api/me') {
        const pending = (me ??= call(input));
        pending.catch(() => {
          if (me === pending) me = undefined;
        });
        return (await pending).clone();
      }
      return call(input);
    },
  });
  return { client, setCookies };
}
