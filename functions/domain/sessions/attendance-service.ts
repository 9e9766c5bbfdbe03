/**
 * Attendance: the rotating check-in code and the scan that uses it (one write per check-in), a member's personal code
 * for the host to scan, the roster that is the record, leave, and make-up study (补学). The pure rules are in
 * attendance.ts and check-in-code.ts; who may do what with a session is access.ts.
 */
import { AppError } from '../../platform/errors.js';
import { clock } from '../../platform/clock.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { loadTree } from '../org/service.js';
import { notify } from '../notifications/service.js';
import type { OrgTree } from '../org/tree.js';
import type { PublicPerson } from '../people/schema.js';
import { expectedPeople, expects, sessionFor } from './access.js';
import * as rules from './attendance.js';
import { codeFor, personalCodeFor, personalTokenFor, tokenForSession, verifyCode, verifyPersonalCode, verifyPersonalToken, verifyToken, windowBounds, windowOf } from './check-in-code.js';
import { rememberFrame, sessionFrame } from './frames.js';
import { sessionsMessages } from './messages.js';
import { refreshTally } from './rollup.js';
import {
  CheckInInput,
  CheckInPersonInput,
  DecideLeaveInput,
  MarkAttendanceInput,
  RequestLeaveInput,
  SubmitMakeUpInput,
  type AttendanceRecord,
  type LeaveRequest,
  type Session,
} from './schema.js';
import { checkInSecret, putLeave, putRecord, readRecord, readSessionPartition, upsertCheckIn } from './store.js';
import { getSession } from './service.js';
import { leaveView, makeUpView, namesOf } from './view.js';

let secret: Promise<Buffer> | undefined;
/** The check-in key, read (or made) once per process. */
function key(): Promise<Buffer> {
  secret ??= checkInSecret().catch((error: unknown) => {
    secret = undefined;
    throw error;
  });
  return secret;
}

const refusalMessage = {
  cancelled: sessionsMessages.checkInCancelled,
  closed: sessionsMessages.checkInClosed,
  notYet: sessionsMessages.checkInNotYet,
  over: sessionsMessages.checkInOver,
  stale: sessionsMessages.scanAgain,
  invalid: sessionsMessages.codeWrong,
  malformed: sessionsMessages.codeMalformed,
} as const;

/** An instant as people read it in a message: 2026年11月30日 10:15 / 30 Nov 2026, 10:15, in Shanghai. */
const readableTime = (iso: string) =>
  new Date(iso).toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' });

function refused(reason: keyof typeof refusalMessage, session?: Pick<Session, 'startsAt' | 'endsAt'>): AppError {
  const window = session ? rules.checkInWindow(session) : undefined;
  return new AppError('CONFLICT', {
    messageKey: refusalMessage[reason],
    params: window ? { opensAt: readableTime(window.opensAt), closesAt: readableTime(window.closesAt) } : {},
    details: { reason },
  });
}

/** Typed codes are six digits: a person gets 10 wrong tries per session in 10 minutes, then waits. */
const wrongTries = new BoundedMap<string, { count: number; since: number }>(10_000);
function countWrongTry(personId: string, sessionId: string) {
  const k = `${personId}#${sessionId}`;
  const now = Date.now();
  const seen = wrongTries.get(k);
  const next = seen && now - seen.since < 10 * 60_000 ? { count: seen.count + 1, since: seen.since } : { count: 1, since: now };
  wrongTries.set(k, next);
}
function tooManyTries(personId: string, sessionId: string): boolean {
  const seen = wrongTries.get(`${personId}#${sessionId}`);
  return seen !== undefined && Date.now() - seen.since < 10 * 60_000 && seen.count >= 10;
}

function checkInAnswer(session: Session, person: { personId: string; name: string }, record: AttendanceRecord, created: boolean) {
  return {
    sessionId: session.sessionId,
    topic: session.topic,
    startsAt: session.startsAt,
    outcome: created ? ('recorded' as const) : ('already' as const),
    personId: person.personId,
    name: person.name,
    status: rules.statusOf(record),
    checkedInAt: record.checkedInAt,
  };
}

/** Records a check-in of `person` to `session` (one UpdateItem), or answers why not. */
async function recordCheckIn(session: Session, person: { personId: string; name: string }, method: 'scan' | 'reverse', now: Date) {
  const decision = rules.checkIn(session, person.personId, null, method, now);
  if (decision.outcome === 'refused') throw refused(decision.reason, session);
  const { created, record } = await upsertCheckIn(decision.record, session.branchId);
  return checkInAnswer(session, person, record, created);
}

// ─── The host's code and the member's scan ─────────────────────────────────────────────────────────────────────────

export async function getCheckInCode(actor: Actor | null, sessionId: string) {
  authorize(actor, 'getCheckInCode');
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree, 'host');
  // The screen asks every few seconds while the room scans: its fresh read keeps this process's frame warm.
  rememberFrame(session);
  const now = clock.now();
  const window = windowOf(now);
  const secretKey = await key();
  const [expected, { records }] = await Promise.all([expectedPeople(session, tree), readSessionPartition(sessionId)]);
  const open = rules.checkInOpen(session, now);
  const counts = { expected: new Set([...expected.map((p) => p.personId), ...records.map((r) => r.personId)]).size, present: 0, late: 0, leave: 0 };
  for (const record of records) {
    if (record.mark === 'present' || record.mark === 'late' || record.mark === 'leave') counts[record.mark] += 1;
  }
  const latest = records
    .filter((r) => r.checkedInAt !== null)
    .sort((a, b) => b.checkedInAt!.localeCompare(a.checkedInAt!))
    .slice(0, 8);
  const known = new Map(expected.map((p) => [p.personId, p.name]));
  const others = await namesOf(latest.filter((r) => !known.has(r.personId)).map((r) => r.personId));
  const bounds = rules.checkInWindow(session);
  return {
    sessionId,
    topic: session.topic,
    code: codeFor(secretKey, sessionId, window),
    token: tokenForSession(secretKey, sessionId, window),
    windowEndsAt: windowBounds(window).endsAt.toISOString(),
    serverTime: now.toISOString(),
    open: open.open,
    reason: open.open ? null : open.reason,
    opensAt: bounds.opensAt,
    closesAt: bounds.closesAt,
    counts,
    recent: latest.map((r) => ({ name: known.get(r.personId) ?? others.get(r.personId) ?? '—', at: r.checkedInAt! })),
  };
}

/**
 * A member checks in with the token of the QR code they scanned, or the six digits on the screen. After the
 * sign-in's read this is one write: the session comes from this process's frame of it.
 */
export async function checkIn(actor: Actor | null, input: unknown) {
  authorize(actor, 'checkIn');
  const parsed = CheckInInput.parse(input);
  const now = clock.now();
  const secretKey = await key();
  let sessionId: string;
  if ('token' in parsed) {
    const check = verifyToken(secretKey, parsed.token, now);
    if (!check.ok) throw refused(check.reason);
    sessionId = check.id;
  } else {
    sessionId = parsed.sessionId;
    if (tooManyTries(actor!.personId, sessionId)) throw new AppError('RATE_LIMITED', { details: { reason: 'tooManyTries' } });
  }
  const session = await sessionFrame(sessionId);
  if (!session) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.sessionNotFound });
  const tree = await loadTree();
  if (!expects(session, actor!, tree)) throw new AppError('FORBIDDEN', { messageKey: sessionsMessages.notExpected });
  if ('code' in parsed) {
    const check = verifyCode(secretKey, sessionId, parsed.code.trim(), now);
    if (!check.ok) {
      countWrongTry(actor!.personId, sessionId);
      throw refused(check.reason);
    }
  }
  return recordCheckIn(session, actor!, 'scan', now);
}

export async function getPersonalCode(actor: Actor | null) {
  authorize(actor, 'getPersonalCode');
  const now = clock.now();
  const window = windowOf(now);
  const secretKey = await key();
  return {
    name: actor!.name,
    code: personalCodeFor(secretKey, actor!.personId, window),
    token: personalTokenFor(secretKey, actor!.personId, window),
    windowEndsAt: windowBounds(window).endsAt.toISOString(),
    serverTime: now.toISOString(),
  };
}

/** The host scans a member's personal code (or types its six digits): the member must be expected. */
export async function checkInPerson(actor: Actor | null, sessionId: string, input: unknown) {
  authorize(actor, 'checkInPerson');
  const parsed = CheckInPersonInput.parse(input);
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree, 'host');
  const now = clock.now();
  const secretKey = await key();
  const expected = await expectedPeople(session, tree);
  let person: PublicPerson | undefined;
  if ('token' in parsed) {
    const check = verifyPersonalToken(secretKey, parsed.token, now);
    if (!check.ok) throw refused(check.reason);
    person = expected.find((p) => p.personId === check.id);
  } else {
    const code = parsed.code.trim();
    if (!/^\d{6}$/.test(code)) throw refused('malformed');
    const matches = expected.filter((p) => verifyPersonalCode(secretKey, p.personId, code, now).ok);
    if (matches.length > 1) throw new AppError('CONFLICT', { messageKey: sessionsMessages.personalCodeAmbiguous, details: { reason: 'ambiguous' } });
    person = matches[0];
  }
  if (!person) throw new AppError('CONFLICT', { messageKey: sessionsMessages.personalCodeUnknown, details: { reason: 'unknown' } });
  return recordCheckIn(session, person, 'reverse', now);
}

// ─── The roster ────────────────────────────────────────────────────────────────────────────────────────────────────

async function rosterOf(session: Session, tree: OrgTree) {
  const now = clock.now();
  const [expected, parts] = await Promise.all([expectedPeople(session, tree), readSessionPartition(session.sessionId)]);
  const records = new Map(parts.records.map((r) => [r.personId, r]));
  const leaves = new Map(parts.leaves.map((l) => [l.personId, l]));
  const expectedIds = new Set(expected.map((p) => p.personId));
  const strangers = [...records.keys(), ...leaves.keys()].filter((id) => !expectedIds.has(id));
  const strangerNames = await namesOf(strangers);
  const people: { personId: string; name: string; unitId: string | null; expected: boolean }[] = [
    ...expected.map((p) => ({ personId: p.personId, name: p.name, unitId: p.unitId, expected: true })),
    ...[...new Set(strangers)].map((id) => ({ personId: id, name: strangerNames.get(id) ?? '—', unitId: null, expected: false })),
  ];
  const counts = { expected: people.length, present: 0, late: 0, leave: 0, absent: 0, madeUp: 0, unmarked: 0, pendingLeave: 0 };
  const rows = people.map((p) => {
    const record = records.get(p.personId);
    const leave = leaves.get(p.personId);
    const status = record ? rules.statusOf(record) : null;
    if (status) counts[status] += 1;
    else counts.unmarked += 1;
    if (leave?.state === 'pending') counts.pendingLeave += 1;
    return {
      personId: p.personId,
      name: p.name,
      unitName: p.unitId ? (tree.get(p.unitId)?.name ?? '—') : '—',
      expected: p.expected,
      status,
      mark: record?.mark ?? null,
      markSource: record?.markSource ?? null,
      checkedInAt: record?.checkedInAt ?? null,
      leave: leaveView(leave),
      makeUp: makeUpView(record, now),
    };
  });
  const names = await namesOf([session.hostId, session.recorderId]);
  return {
    sessionId: session.sessionId,
    topic: session.topic,
    type: session.type,
    branchName: tree.get(session.branchId)?.name ?? '—',
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    place: session.place,
    state: session.state,
    hostName: names.get(session.hostId) ?? '—',
    recorderName: session.recorderId ? (names.get(session.recorderId) ?? '—') : null,
    version: session.version,
    counts,
    rows,
    asOf: now.toISOString(),
  };
}

export async function getRoster(actor: Actor | null, sessionId: string) {
  authorize(actor, 'getRoster');
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree, 'readRoster');
  return rosterOf(session, tree);
}

/** After a change to a closed session's records: its tally and its branch's rollup. */
async function afterRecordChange(session: Session) {
  if (session.state === 'held') await refreshTally(session);
}

export async function markAttendance(actor: Actor | null, sessionId: string, input: unknown) {
  authorize(actor, 'markAttendance');
  const { marks } = MarkAttendanceInput.parse(input);
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree, 'host');
  if (session.state === 'cancelled') throw refused('cancelled');
  const expected = new Set((await expectedPeople(session, tree)).map((p) => p.personId));
  const { records } = await readSessionPartition(sessionId);
  const existing = new Map(records.map((r) => [r.personId, r]));
  const now = clock.now();
  for (const { personId } of marks) {
    if (!expected.has(personId) && !existing.has(personId)) {
      throw new AppError('VALIDATION', { messageKey: sessionsMessages.personNotOnList, details: [{ path: 'marks', personId }] });
    }
  }
  for (const { personId, mark } of marks) {
    await putRecord(rules.markAttendance(session, personId, existing.get(personId) ?? null, mark, actor!.personId, now), session.branchId);
  }
  await afterRecordChange(session);
  return rosterOf(session, tree);
}

// ─── Leave ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function requestLeave(actor: Actor | null, sessionId: string, input: unknown) {
  authorize(actor, 'requestLeave');
  const { reason } = RequestLeaveInput.parse(input);
  const tree = await loadTree();
  const { session, access } = await sessionFor(actor!, sessionId, tree);
  // Someone who may see the session but is not on its list has no attendance here to ask leave from.
  if (!access.expected) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.notExpected });
  const now = clock.now();
  if (session.state !== 'scheduled' || now >= new Date(session.startsAt)) throw new AppError('CONFLICT', { messageKey: sessionsMessages.leaveTooLate, details: { reason: 'started' } });
  const { records, leaves } = await readSessionPartition(sessionId);
  if (records.find((r) => r.personId === actor!.personId)?.checkedInAt) throw new AppError('CONFLICT', { messageKey: sessionsMessages.leaveCheckedIn, details: { reason: 'checkedIn' } });
  const before = leaves.find((l) => l.personId === actor!.personId);
  if (before && before.state !== 'pending') throw decided(before);
  await putLeave({
    sessionId,
    personId: actor!.personId,
    branchId: session.branchId,
    reason,
    state: 'pending',
    requestedAt: before?.requestedAt ?? now.toISOString(),
    decidedAt: null,
    decidedBy: null,
    note: null,
  });
  return getSession(actor, sessionId);
}

function decided(leave: LeaveRequest): AppError {
  const state = apiMessage(currentLang(), leave.state === 'approved' ? sessionsMessages.leaveApproved : sessionsMessages.leaveRefused);
  return new AppError('CONFLICT', { messageKey: sessionsMessages.leaveDecided, params: { state }, details: { reason: 'decided', state: leave.state } });
}

export async function decideLeave(actor: Actor | null, sessionId: string, personId: string, input: unknown) {
  authorize(actor, 'decideLeave');
  const { decision, note } = DecideLeaveInput.parse(input);
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree, 'edit');
  const { records, leaves } = await readSessionPartition(sessionId);
  const leave = leaves.find((l) => l.personId === personId);
  if (!leave) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.leaveNotFound });
  if (leave.state !== 'pending') throw decided(leave);
  const now = clock.now();
  if (decision === 'approve') {
    const outcome = rules.approveLeave(session, personId, records.find((r) => r.personId === personId) ?? null, actor!.personId, now);
    if (!outcome.ok) throw new AppError('CONFLICT', { messageKey: sessionsMessages.leaveCheckedIn, details: { reason: 'checkedIn' } });
    await putRecord(outcome.record, session.branchId);
  }
  await putLeave({ ...leave, state: decision === 'approve' ? 'approved' : 'refused', decidedAt: now.toISOString(), decidedBy: actor!.personId, note: note || null });
  await afterRecordChange(session);
  await notify([personId], { kind: 'leaveDecided', variant: decision === 'approve' ? 'approved' : 'refused', params: { topic: session.topic, startsAt: session.startsAt, note: note || '' }, link: `/sessions/${sessionId}` });
  return rosterOf(session, tree);
}

// ─── Make-up ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function submitMakeUp(actor: Actor | null, sessionId: string, input: unknown) {
  authorize(actor, 'submitMakeUp');
  const { reflection } = SubmitMakeUpInput.parse(input);
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree);
  const record = await readRecord(sessionId, actor!.personId);
  if (!record) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.noMakeUp });
  const outcome = rules.submitMakeUp(record, clock.now());
  if (!outcome.ok) {
    throw new AppError('CONFLICT', { messageKey: outcome.reason === 'confirmed' ? sessionsMessages.makeUpConfirmed : sessionsMessages.noMakeUp, details: { reason: outcome.reason } });
  }
  await putRecord({ ...outcome.record, makeUp: { ...outcome.record.makeUp!, reflection } }, session.branchId);
  return getSession(actor, sessionId);
}

export async function confirmMakeUp(actor: Actor | null, sessionId: string, personId: string) {
  authorize(actor, 'confirmMakeUp');
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree, 'edit');
  const record = await readRecord(sessionId, personId);
  if (!record) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.sessionNotFound });
  const outcome = rules.confirmMakeUp(record, actor!.personId, clock.now());
  if (!outcome.ok) throw new AppError('CONFLICT', { messageKey: sessionsMessages.noMakeUp, details: { reason: outcome.reason } });
  if (outcome.record !== record) await putRecord(outcome.record, session.branchId);
  await afterRecordChange(session);
  return rosterOf(session, tree);
}
