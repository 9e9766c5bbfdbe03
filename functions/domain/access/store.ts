/**
 * Persistence for sessions and sign-in throttles: single-item writes, conditions where counting must be exact. No
 * permission checks here (service.ts and throttle.ts decide).
 */
import { writeIfStill } from '../../platform/store.js';
import { accessEntities } from './entities.js';
import { DeviceSignIn, Session, Throttle } from './schema.js';

// ─── Sessions ────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertSession(session: Session): Promise<void> {
  await accessEntities().session.create(session).go();
}

export async function deleteSession(sessionId: string): Promise<void> {
  await accessEntities().session.delete({ sessionId }).go();
}

/** Records that the session was seen (best effort: a failed write only means it is written again later). */
export async function touchSession(sessionId: string, lastSeenAt: string): Promise<void> {
  await accessEntities().session.patch({ sessionId }).set({ lastSeenAt }).go().catch(() => undefined);
}

/** The table key of a session (for a batched read together with its person). */
export function sessionKey(sessionId: string): Record<string, string> {
  return accessEntities().session.get({ sessionId }).params().Key as Record<string, string>;
}

/** A session from a raw item read in such a batch; undefined when the item is no session. */
export function sessionFromItem(item: Record<string, unknown>): Session | undefined {
  const { data } = accessEntities().session.parse({ Item: item });
  return data ? Session.parse(data) : undefined;
}

// ─── Throttles (one item per key, e.g. `account:<login>`) ─────────────────────────────────────────────────────────────

export async function readThrottle(key: string): Promise<Throttle | undefined> {
  const { data } = await accessEntities().throttle.get({ key }).go({ consistent: true });
  return data ? Throttle.parse(data) : undefined;
}

/**
 * Takes one attempt from the current window: only if the window started at or after `cutoff`, fewer than
 * `maxFailures` are counted and no lock holds at `now`. Returns the count and window after it, or undefined when the
 * condition did not hold.
 */
export async function takeFromWindow(
  key: string,
  limits: { cutoff: number; now: number; maxFailures: number; expiresAt: number },
): Promise<{ failures: number; windowStartedAt: number } | undefined> {
  let taken: { failures: number; windowStartedAt: number } | undefined;
  await writeIfStill(async () => {
    const { data } = await accessEntities()
      .throttle.update({ key })
      .add({ failures: 1 })
      .set({ expiresAt: limits.expiresAt })
      .where(
        (attr, op) =>
          `${op.exists(attr.windowStartedAt)} AND ${op.gte(attr.windowStartedAt, limits.cutoff)} AND ${op.lt(attr.failures, limits.maxFailures)} ` +
          `AND (${op.notExists(attr.lockedUntil)} OR ${op.lte(attr.lockedUntil, limits.now)})`,
      )
      .go({ response: 'all_new' });
    taken = { failures: data.failures ?? 1, windowStartedAt: data.windowStartedAt ?? limits.now };
  });
  return taken;
}

/** Starts a new window holding one attempt: only if there is none, or it began before `cutoff` and no lock holds. */
export function startWindow(key: string, at: { cutoff: number; now: number; expiresAt: number }): Promise<boolean> {
  return writeIfStill(() =>
    accessEntities()
      .throttle.put({ key, failures: 1, windowStartedAt: at.now, expiresAt: at.expiresAt })
      .where(
        (attr, op) =>
          `${op.notExists(attr.windowStartedAt)} OR (${op.lt(attr.windowStartedAt, at.cutoff)} AND (${op.notExists(attr.lockedUntil)} OR ${op.lte(attr.lockedUntil, at.now)}))`,
      )
      .go(),
  );
}

export async function lockThrottle(key: string, lockedUntil: number): Promise<void> {
  await accessEntities().throttle.update({ key }).set({ lockedUntil }).go();
}

/** Gives one attempt back, if the window it was counted in still stands. */
export async function giveBackAttempt(key: string, windowStartedAt: number): Promise<void> {
  await writeIfStill(() =>
    accessEntities()
      .throttle.update({ key })
      .add({ failures: -1 })
      .where((attr, op) => `${op.eq(attr.windowStartedAt, windowStartedAt)} AND ${op.gt(attr.failures, 0)}`)
      .go(),
  );
}

export async function deleteThrottle(key: string): Promise<void> {
  await accessEntities().throttle.delete({ key }).go();
}

// ─── Sign-ins by device (one item per successful sign-in from a browser with a device cookie) ───────────────────────

export async function insertDeviceSignIn(record: DeviceSignIn): Promise<void> {
  await accessEntities().signIn.put({ ...record, hour: record.at.slice(0, 13) }).go({ response: 'none' });
}

/** The sign-ins of one hour (`2026-11-30T07`) from `from` up to `to` (ISO, inclusive), paged through. */
export async function queryDeviceSignIns(hour: string, from: string, to: string): Promise<DeviceSignIn[]> {
  const out: DeviceSignIn[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: unknown[]; cursor: string | null } = await accessEntities()
      .signIn.query.byHour({ hour })
      .between({ at: from, personId: '' }, { at: to, personId: '~' })
      .go({ cursor, limit: 500 });
    for (const item of page.data) out.push(DeviceSignIn.parse(item));
    cursor = page.cursor;
  } while (cursor);
  return out;
}
