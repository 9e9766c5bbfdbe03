import { AsyncLocalStorage } from 'node:async_hooks';
import { defaultLang, type Lang } from './i18n.js';

/**
 * Facts about the request being served, reachable from code that has no request in hand (validation messages,
 * log lines). Set once per request by the HTTP layer; outside a request the defaults apply.
 */
interface RequestScope {
  lang: Lang;
  requestId: string;
  /**
   * Reads shared by the API calls that serve one page (the web's loaders call the API several times in-process for
   * one browser request): an item they all need is read once. Absent outside the web.
   */
  reads?: ReadMemo;
}

export type ReadMemo = Map<string, Promise<unknown>>;

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentLang(): Lang {
  return storage.getStore()?.lang ?? defaultLang;
}

/**
 * Reads an item once for the page being served (see `reads`), or simply reads it when there is no page. A failed read
 * is not kept. Callers must not change what they receive: the other calls of the page share it.
 */
export function sharedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const reads = storage.getStore()?.reads;
  if (!reads) return read();
  const hit = reads.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const pending = read();
  reads.set(key, pending);
  pending.catch(() => reads.delete(key));
  return pending;
}

/** The language can change mid-request (the person just chose another). */
export function setCurrentLang(lang: Lang): void {
  const scope = storage.getStore();
  if (scope) scope.lang = lang;
}
