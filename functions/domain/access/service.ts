/**
 * Signing in and out, sessions, and one's own password. Sessions are random 256-bit tokens; only their SHA-256 is
 * stored, with an absolute end (the TTL attribute) and an idle limit. A person's sessionEpoch ends all their sessions
 * at once (disabled, password changed or reset).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import { clock } from '../../platform/clock.js';
import { config } from '../../platform/config.js';
import { Id } from '../../platform/fields.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { batchGetItems, eachLimited } from '../../platform/store.js';
import { recordAudit } from '../audit/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { accountById, accountByLogin, accountFromItem, accountKey, setPassword } from '../people/directory.js';
import { normaliseLogin, toPublicPerson, type Person } from '../people/schema.js';
import { ChangePasswordInput, DeviceSignIn, Session, SignInInput } from './schema.js';
import { deleteSession, insertDeviceSignIn, insertSession, queryDeviceSignIns, sessionFromItem, sessionKey, touchSession } from './store.js';
import { accountPolicy, addressPolicy, attemptFailed, attemptReturned, clearAttempts, countAttempt } from './throttle.js';
import { accessMessages } from './messages.js';

/** Only every few minutes is a session's last-seen time written back, so reading pages does not mean writing. */
const touchEveryMs = 5 * 60_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A hash of a password nobody has, so a sign-in for an unknown login costs the same time as a real one. */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(randomBytes(16).toString('hex')));

function actorOf(person: Person, sessionId: string): Actor {
  return {
    personId: person.personId,
    name: person.name,
    login: person.login,
    unitId: person.unitId,
    branchId: person.branchId,
    roles: person.roles,
    lang: person.lang,
    mustChangePassword: person.mustChangePassword,
    sessionId,
    profile: toPublicPerson(person),
  };
}

async function openSession(person: Person, context: { address?: string; userAgent?: string }): Promise<{ token: string; session: Session }> {
  // The token names its person, so the session and the person can be read in one batch; only its hash is stored.
  const token = `${person.personId}.${randomBytes(32).toString('base64url')}`;
  const now = clock.now();
  const session = Session.parse({
    sessionId: sessionIdOf(token),
    personId: person.personId,
    epoch: person.sessionEpoch,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + config().sessionMaxHours * 3600,
    ...(context.address ? { address: context.address.slice(0, 64) } : {}),
    ...(context.userAgent ? { userAgent: context.userAgent.slice(0, 200) } : {}),
  });
  await insertSession(session);
  return { token, session };
}

export interface SignInContext {
  address?: string;
  userAgent?: string;
  /** The token of a session the browser already had: it is ended (a new one is issued at every sign-in). */
  previousToken?: string;
  /** The browser's device cookie (random, long-lived): a successful sign-in records its hash, never the value. */
  deviceId?: string;
}

/** How long a sign-in's device record is kept (the flags job reads minutes back; the rest is for a second look). */
const deviceSignInDays = 90;

/** The record of a successful sign-in from a browser: one write beside the session's. */
function recordDeviceSignIn(person: Person, deviceId: string | undefined): Promise<void> {
  if (!deviceId) return Promise.resolve();
  const now = clock.now();
  return insertDeviceSignIn(
    DeviceSignIn.parse({
      deviceHash: createHash('sha256').update(deviceId).digest('hex'),
      personId: person.personId,
      login: person.login,
      at: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + deviceSignInDays * 86_400,
    }),
  );
}

/**
 * For the flags area (no actor): the successful sign-ins from browsers with a device cookie between two instants
 * (ISO, inclusive), oldest first — one query per hour they span, several at a time (a first run spans a week).
 */
export async function deviceSignInsBetween(from: string, to: string, concurrency = 8): Promise<DeviceSignIn[]> {
  const hourMs = 3_600_000;
  const first = Math.floor(Date.parse(from) / hourMs);
  const hours = Array.from({ length: Math.floor(Date.parse(to) / hourMs) - first + 1 }, (_, i) => first + i);
  const byHour: DeviceSignIn[][] = [];
  await eachLimited(hours, concurrency, async (hour) => {
    byHour[hour - first] = await queryDeviceSignIns(new Date(hour * hourMs).toISOString().slice(0, 13), from, to);
  });
  return byHour.flat();
}

/**
 * Checks a login and password. The answer never says whether the login exists. Five failures on one account within
 * 15 minutes lock it for 15 minutes (every attempt then gets 429, right password or not); addresses are limited too.
 * Each attempt is counted before its password is checked, so parallel guesses cannot slip past the limits.
 */
export async function signIn(input: unknown, context: SignInContext = {}) {
  const { login: rawLogin, password } = SignInInput.parse(input);
  const login = normaliseLogin(rawLogin) ?? rawLogin.trim().toLowerCase().slice(0, 100);
  const address = context.address ?? 'unknown';
  const fromAddress = await countAttempt(addressPolicy, address);
  let onAccount;
  try {
    onAccount = await countAttempt(accountPolicy, login);
  } catch (error) {
    // Refused for the account: this address's attempt was never checked.
    await attemptReturned(fromAddress);
    throw error;
  }

  const person = normaliseLogin(rawLogin) ? await accountByLogin(login) : undefined;
  const passwordOk = await verifyPassword(password, person?.passwordHash ?? (await decoy()));
  if (!person || !person.active || !passwordOk) {
    const [locked] = await Promise.all([attemptFailed(onAccount), attemptFailed(fromAddress)]);
    const target = { type: 'login' as const, id: login, label: login };
    await recordAudit({ action: 'signInFailed', actor: null, target, details: { address } });
    if (locked) await recordAudit({ action: 'lockout', actor: null, target, details: { address } });
    throw new AppError('UNAUTHENTICATED', { messageKey: accessMessages.badCredentials });
  }

  await Promise.all([clearAttempts(accountPolicy, login), attemptReturned(fromAddress)]);
  if (context.previousToken) await endSession(context.previousToken);
  const [{ token, session }] = await Promise.all([openSession(person, context), recordDeviceSignIn(person, context.deviceId)]);
  await recordAudit({
    action: 'signIn',
    actor: person,
    target: { type: 'person', id: person.personId, label: person.name },
    details: { address },
  });
  return { token, session, me: toPublicPerson(person) };
}

/**
 * The actor behind a session token, or null when the token is unknown, expired (absolute or idle), or belongs to a
 * person who is disabled or whose sessions were ended since.
 */
export async function authenticate(token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const personId = token.slice(0, token.indexOf('.'));
  if (!Id.safeParse(personId).success) return null;
  const sessionId = sessionIdOf(token);
  const read = await readSessionAndPerson(sessionId, personId);
  if (!read.session) return null;
  const session = read.session;
  const now = clock.now().getTime();
  const idleLimitMs = config().sessionIdleMinutes * 60_000;
  const lastSeen = Date.parse(session.lastSeenAt);
  if (session.expiresAt * 1000 <= now || lastSeen + idleLimitMs <= now) {
    await deleteSession(sessionId);
    return null;
  }
  const person = read.person;
  if (!person || person.personId !== session.personId || !person.active || person.sessionEpoch !== session.epoch) {
    await deleteSession(sessionId);
    return null;
  }
  if (now - lastSeen >= touchEveryMs) {
    await touchSession(sessionId, new Date(now).toISOString());
  }
  return actorOf(person, sessionId);
}

/** The session and its person in one round trip (BatchGetItem), each parsed by its own area. */
async function readSessionAndPerson(sessionId: string, personId: string): Promise<{ session?: Session; person?: Person }> {
  const ofSession = sessionKey(sessionId);
  const items = await batchGetItems([ofSession, accountKey(personId)]);
  const sessionItem = items.find((item) => item.pk === ofSession.pk);
  const personItem = items.find((item) => item.pk !== ofSession.pk);
  const session = sessionItem && sessionFromItem(sessionItem);
  const person = personItem && accountFromItem(personItem);
  return { ...(session ? { session } : {}), ...(person ? { person } : {}) };
}

export async function endSession(token: string): Promise<void> {
  if (token.length > 100) return;
  await deleteSession(sessionIdOf(token));
}

/** Signs the actor out of this browser. */
export async function signOut(actor: Actor | null, token: string | undefined): Promise<void> {
  authorize(actor, 'logout');
  if (token) await endSession(token);
  await recordAudit({ action: 'signOut', actor, target: { type: 'person', id: actor!.personId, label: actor!.name } });
}

/** At least 8 characters with a letter and a digit, not the login. */
export function isAcceptablePassword(password: string, login: string): boolean {
  return (
    password.length >= 8 &&
    password.length <= 200 &&
    /\p{L}/u.test(password) &&
    /\p{N}/u.test(password) &&
    password.trim().toLowerCase() !== login.toLowerCase()
  );
}

/**
 * Changes the actor's own password. Every other session of theirs ends; this browser gets a fresh session.
 */
export async function changePassword(actor: Actor | null, input: unknown, context: SignInContext = {}) {
  authorize(actor, 'changePassword');
  const { currentPassword, newPassword } = ChangePasswordInput.parse(input);
  const person = await accountById(actor!.personId);
  if (!person) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(currentPassword, person.passwordHash))) {
    throw new AppError('VALIDATION', { messageKey: accessMessages.currentPasswordWrong, details: [{ path: 'currentPassword' }] });
  }
  if (newPassword === currentPassword) throw new AppError('VALIDATION', { messageKey: accessMessages.passwordUnchanged, details: [{ path: 'newPassword' }] });
  if (!isAcceptablePassword(newPassword, person.login)) {
    throw new AppError('VALIDATION', { messageKey: accessMessages.passwordTooWeak, details: [{ path: 'newPassword' }] });
  }
  const saved = await setPassword(person, await hashPassword(newPassword), false);
  if (context.previousToken) await endSession(context.previousToken);
  const { token } = await openSession(saved, context);
  await recordAudit({ action: 'changePassword', actor, target: { type: 'person', id: person.personId, label: person.name } });
  return { token, me: toPublicPerson(saved) };
}

