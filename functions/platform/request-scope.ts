import { AsyncLocalStorage } from 'node:async_hooks';
import { defaultLang, type Lang } from './i18n.js';

/**
 * Facts about the request being served, reachable from code that has no request in hand (validation messages,
 * log lines). Set once per request by the HTTP layer; outside a request the defaults apply.
 */
interface RequestScope {
  lang: Lang;
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentLang(): Lang {
  return storage.getStore()?.lang ?? defaultLang;
}

/** The language can change mid-request (the person just chose another). */
export function setCurrentLang(lang: Lang): void {
  const scope = storage.getStore();
  if (scope) scope.lang = lang;
}
