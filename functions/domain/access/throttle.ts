import { AppError } from '../../platform/errors.js';
import { clock } from '../../platform/clock.js';
import type { ApiMessageKey } from '../../platform/i18n.js';
import { isConditionFailure } from '../people/store.js';
import { accessEntities } from './entities.js';
import { Throttle } from './schema.js';

export interface ThrottlePolicy {
  /** Which counter: `account` (per login) or `address` (per network address). */
  kind: 'account' | 'address';
  /** Failures allowed within the window before the key is locked. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  messageKey: ApiMessageKey;
}

const minute = 60_000;

/** Five failed sign-ins on one account within 15 minutes lock it for 15 minutes. */
export const accountPolicy: ThrottlePolicy = { kind: 'account', maxFailures: 5, windowMs: 15 * minute, lockMs: 15 * minute, messageKey: 'accountLocked' };
/** One address may fail 30 times in 15 minutes (a shared office network signs many people in) before a pause. */
export const addressPolicy: ThrottlePolicy = { kind: 'address', maxFailures: 30, windowMs: 15 * minute, lockMs: 15 * minute, messageKey: 'addressThrottled' };

const keyOf = (policy: ThrottlePolicy, value: string) => `${policy.kind}:${value}`;

async function read(key: string): Promise<Throttle | undefined> {
  const { data } = await accessEntities().throttle.get({ key }).go();
  return data ? Throttle.parse(data) : undefined;
}

/** Throws 429 with Retry-After while the key is locked. */
export async function assertNotLocked(policy: ThrottlePolicy, value: string): Promise<void> {
  const now = clock.now().getTime();
  const item = await read(keyOf(policy, value));
  if (item?.lockedUntil && item.lockedUntil > now) throw lockedError(policy, item.lockedUntil - now);
}

function lockedError(policy: ThrottlePolicy, remainingMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return new AppError('RATE_LIMITED', {
    messageKey: policy.messageKey,
    params: { minutes: Math.ceil(seconds / 60) },
    headers: { 'retry-after': String(seconds) },
  });
}

/**
 * Counts one failure (atomically, in one item) and locks the key when it reaches the limit.
 * Returns true when this failure locked it.
 */
export async function recordFailure(policy: ThrottlePolicy, value: string): Promise<boolean> {
  const key = keyOf(policy, value);
  const { throttle } = accessEntities();
  const now = clock.now().getTime();
  const cutoff = now - policy.windowMs;
  const expiresAt = Math.ceil((now + policy.windowMs + policy.lockMs) / 1000);
  let failures: number;
  try {
    // Within the current window: add one.
    const { data } = await throttle
      .update({ key })
      .add({ failures: 1 })
      .set({ expiresAt })
      .where((attr, op) => `${op.exists(attr.windowStartedAt)} AND ${op.gte(attr.windowStartedAt, cutoff)}`)
      .go({ response: 'all_new' });
    failures = data.failures ?? 1;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // No window yet, or it is over: start a new one (only if nobody else just did).
    try {
      await throttle
        .put({ key, failures: 1, windowStartedAt: now, expiresAt })
        .where((attr, op) => `${op.notExists(attr.windowStartedAt)} OR ${op.lt(attr.windowStartedAt, cutoff)}`)
        .go();
      failures = 1;
    } catch (retryError) {
      if (!isConditionFailure(retryError)) throw retryError;
      return recordFailure(policy, value);
    }
  }
  if (failures === policy.maxFailures) {
    await throttle
      .update({ key })
      .set({ lockedUntil: now + policy.lockMs })
      .go();
    return true;
  }
  return false;
}

/** A successful sign-in clears the account's count (never an address's). */
export async function clearFailures(policy: ThrottlePolicy, value: string): Promise<void> {
  await accessEntities().throttle.delete({ key: keyOf(policy, value) }).go();
}
