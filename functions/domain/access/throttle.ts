/**
 * Sign-in throttling. An attempt is counted *before* its password is checked, by a conditional write on one item per
 * key, so of any number of parallel guesses at most the allowance is ever checked; the rest answer 429 unchecked.
 * A checked attempt that succeeds gives its count back (an address) or clears the count (an account).
 */
import { AppError } from '../../platform/errors.js';
import { clock } from '../../platform/clock.js';
import type { MessageRef } from '../../platform/i18n.js';
import { deleteThrottle, giveBackAttempt, lockThrottle, readThrottle, startWindow, takeFromWindow } from './store.js';
import { accessMessages } from './messages.js';

export interface ThrottlePolicy {
  /** Which counter: `account` (per login) or `address` (per network address). */
  kind: 'account' | 'address';
  /** Attempts that may fail within the window before the key is locked. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  messageKey: MessageRef;
}

const minute = 60_000;

/** Five failed sign-ins on one account within 15 minutes lock it for 15 minutes. */
export const accountPolicy: ThrottlePolicy = { kind: 'account', maxFailures: 5, windowMs: 15 * minute, lockMs: 15 * minute, messageKey: accessMessages.accountLocked };
/** One address may fail 30 times in 15 minutes (a shared office network signs many people in) before a pause. */
export const addressPolicy: ThrottlePolicy = { kind: 'address', maxFailures: 30, windowMs: 15 * minute, lockMs: 15 * minute, messageKey: accessMessages.addressThrottled };

const keyOf = (policy: ThrottlePolicy, value: string) => `${policy.kind}:${value}`;

/** One counted attempt: which key, its place in the window's count, and the window it was counted in. */
export interface Attempt {
  policy: ThrottlePolicy;
  value: string;
  count: number;
  windowStartedAt: number;
}

function refusal(policy: ThrottlePolicy, remainingMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return new AppError('RATE_LIMITED', {
    messageKey: policy.messageKey,
    params: { minutes: Math.ceil(seconds / 60) },
    headers: { 'retry-after': String(seconds) },
  });
}

/**
 * Counts one attempt on the key, or throws 429 (with Retry-After) when the key is locked or its allowance for the
 * window is taken, by failures or by attempts still being checked.
 */
export async function countAttempt(policy: ThrottlePolicy, value: string, tries = 0): Promise<Attempt> {
  const key = keyOf(policy, value);
  const now = clock.now().getTime();
  const cutoff = now - policy.windowMs;
  const expiresAt = Math.ceil((now + policy.windowMs + policy.lockMs) / 1000);
  // Within the current window, not locked, allowance left: take one.
  const taken = await takeFromWindow(key, { cutoff, now, maxFailures: policy.maxFailures, expiresAt });
  if (taken) return { policy, value, count: taken.failures, windowStartedAt: taken.windowStartedAt };
  // No window yet, or it is over and no lock holds: start a new one with this attempt.
  if (await startWindow(key, { cutoff, now, expiresAt })) return { policy, value, count: 1, windowStartedAt: now };
  // Neither: the key is locked, or its allowance is taken, or another attempt just started a window (try again).
  const item = await readThrottle(key);
  if (item?.lockedUntil && item.lockedUntil > now) throw refusal(policy, item.lockedUntil - now);
  if (item && item.windowStartedAt >= cutoff && item.failures >= policy.maxFailures) {
    // Taken by attempts still being checked: the last of them locks the key if it fails.
    throw refusal(policy, policy.lockMs);
  }
  if (tries >= 3) throw refusal(policy, 1000);
  return countAttempt(policy, value, tries + 1);
}

/** The attempt failed: the one that used the last of the allowance locks the key. Returns true when it did. */
export async function attemptFailed(attempt: Attempt): Promise<boolean> {
  if (attempt.count !== attempt.policy.maxFailures) return false;
  await lockThrottle(keyOf(attempt.policy, attempt.value), clock.now().getTime() + attempt.policy.lockMs);
  return true;
}

/**
 * The attempt was not a failure (it succeeded, or was never checked because the other key refused it): it gives its
 * count back, if its window still stands.
 */
export async function attemptReturned(attempt: Attempt): Promise<void> {
  await giveBackAttempt(keyOf(attempt.policy, attempt.value), attempt.windowStartedAt);
}

/** A successful sign-in clears the account's count. */
export async function clearAttempts(policy: ThrottlePolicy, value: string): Promise<void> {
  await deleteThrottle(keyOf(policy, value));
}
