import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A time-sortable random id (ULID): sorts by creation time, unique across processes. */
export function newId(): string {
  return next();
}
