/**
 * Study sessions (组织生活): scheduling, reading, cancelling, closing, reopening, the calendar file and the minutes.
 * Attendance (check-in, roster, leave, make-up) is in attendance-service.ts; the cadence and figures in
 * figures-service.ts. Permissions: authz's table, then access.ts for the session at hand.
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { apiMessage } from '../../platform/i18n.js';
import { currentLang } from '../../platform/request-scope.js';
import { recordAudit, diff } from '../audit/service.js';
import { notify } from '../notifications/service.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { useUploadFile } from '../uploads/service.js';
import { accessTo, expectedPeople, expects, reachesBranch, sessionFor } from './access.js';
import { closeRoster } from './attendance.js';
import { calendarFile } from './calendar.js';
import { sessionsMessages } from './messages.js';
import { sessionChanged, tallyOf } from './rollup.js';
import {
  CancelSessionInput,
  CloseSessionInput,
  CreateSessionInput,
  ListSessionsQuery,
  ReopenSessionInput,
  SaveMinutesInput,
  UpdateSessionInput,
  type FileRef,
  type Minutes,
  type Session,
  type SessionFile,
} from './schema.js';
import { branchSessions, insertRecords, insertSession, personRecords, readSessionPartition, replaceSession, writeMinutes, readMinutes } from './store.js';
import { namesOf, sessionView, summaryOf } from './view.js';
import { forgetFrame } from './frames.js';

const DAY_MS = 24 * 3600_000;

// ─── Reading ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** A day in Shanghai as the instant it starts (end: the instant the next day starts). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
const dayEnd = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + DAY_MS).toISOString();

export async function listSessions(actor: Actor | null, query: unknown) {
  authorize(actor, 'listSessions');
  const q = ListSessionsQuery.parse(query);
  const tree = await loadTree();
  const now = clock.now();
  const fromIso = q.from ? dayStart(q.from) : new Date(now.getTime() - 400 * DAY_MS).toISOString();
  const toIso = q.to ? dayEnd(q.to) : new Date(now.getTime() + 400 * DAY_MS).toISOString();
  const branchId = q.branchId ?? actor!.branchId;
  if (!branchId) return { items: [] };
  // A branch's whole list is for those who read its rosters; anyone else sees only the sessions expecting them.
  const whole = q.mine !== 'true' && reachesBranch(actor!, 'getRoster', branchId, tree);
  if (q.branchId && !whole && tree.get(branchId) === undefined) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.sessionNotFound });
  let sessions = await branchSessions(branchId, fromIso, toIso);
  if (!whole) sessions = sessions.filter((session) => expects(session, actor!, tree));
  if (q.type) sessions = sessions.filter((session) => session.type === q.type);
  if (q.state) sessions = sessions.filter((session) => session.state === q.state);
  const [names, mine] = await Promise.all([namesOf(sessions.map((s) => s.hostId)), personRecords(actor!.personId, fromIso, toIso)]);
  const myRecords = new Map(mine.map((record) => [record.sessionId, record]));
  return {
    items: sessions.map((session) => summaryOf(session, tree, names, { record: myRecords.get(session.sessionId), expected: expects(session, actor!, tree) })),
  };
}

export async function getSession(actor: Actor | null, sessionId: string) {
  authorize(actor, 'getSession');
  const tree = await loadTree();
  const { session, access } = await sessionFor(actor!, sessionId, tree);
  const parts = await readSessionPartition(sessionId);
  return sessionView(actor!, parts.session ?? session, access, tree, parts);
}

/** The session as a calendar file: what a member adds to their phone's calendar. */
export async function getSessionCalendar(actor: Actor | null, sessionId: string) {
  authorize(actor, 'getSessionCalendar');
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree);
  const names = await namesOf([session.hostId]);
  return calendarFile(session, { branchName: tree.get(session.branchId)?.name ?? '', hostName: names.get(session.hostId) ?? '' }, currentLang());
}

// ─── Writing ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** The checks every scheduled plan passes: a branch within reach, times in order, people of the branch. */
function checkPlan(actor: Actor, branchId: string, plan: CreateSessionInput | UpdateSessionInput, tree: OrgTree) {
  const branch = tree.get(branchId);
  if (!branch || branch.kind !== 'branch') throw new AppError('VALIDATION', { messageKey: sessionsMessages.notABranch, details: [{ path: 'branchId' }] });
  if (!reachesBranch(actor, 'createSession', branchId, tree)) throw new AppError('FORBIDDEN');
  const start = new Date(plan.startsAt).getTime();
  const end = new Date(plan.endsAt).getTime();
  if (end <= start) {
    throw new AppError('VALIDATION', { messageKey: sessionsMessages.endBeforeStart, params: { start: plan.startsAt, end: plan.endsAt }, details: [{ path: 'endsAt' }] });
  }
  if (end - start > DAY_MS) throw new AppError('VALIDATION', { messageKey: sessionsMessages.tooLong, details: [{ path: 'endsAt' }] });
  if (plan.audience?.kind === 'members') {
    for (const unitId of plan.audience.unitIds) {
      if (!tree.isWithin(unitId, branchId)) {
        throw new AppError('VALIDATION', { messageKey: sessionsMessages.outsideBranch, params: { branch: branch.name }, details: [{ path: 'audience.unitIds' }] });
      }
    }
  }
}

/** Files as stored: new uploads checked and taken over, kept ones only if the session (or minutes) had them. */
async function filesOf(actor: Actor, refs: readonly FileRef[], had: readonly SessionFile[]): Promise<SessionFile[]> {
  const out: SessionFile[] = [];
  for (const ref of refs) {
    if ('key' in ref) {
      const kept = had.find((file) => file.key === ref.key);
      if (!kept) throw new AppError('VALIDATION', { messageKey: 'validation', details: [{ path: 'materials' }] });
      out.push(kept);
    } else {
      const kind = ref.kind;
      const file = await useUploadFile(actor, ref.uploadId, kind === 'photo' ? 'cover' : 'pdf');
      out.push({ ...file, kind });
    }
  }
  return out;
}

export async function createSession(actor: Actor | null, input: unknown) {
  authorize(actor, 'createSession');
  const plan = CreateSessionInput.parse(input);
  const tree = await loadTree();
  checkPlan(actor!, plan.branchId, plan, tree);
  const now = nowIso();
  const session: Session = {
    sessionId: newId(),
    branchId: plan.branchId,
    type: plan.type,
    topic: plan.topic,
    startsAt: new Date(plan.startsAt).toISOString(),
    endsAt: new Date(plan.endsAt).toISOString(),
    place: plan.place,
    online: plan.online,
    hostId: plan.hostId,
    recorderId: plan.recorderId,
    audience: plan.audience ?? { kind: 'members', unitIds: [plan.branchId] },
    agenda: plan.agenda,
    materials: await filesOf(actor!, plan.materials, []),
    state: 'scheduled',
    cancelReason: null,
    closedAt: null,
    tally: null,
    version: 1,
    createdBy: actor!.personId,
    createdAt: now,
    updatedAt: now,
  };
  await insertSession(session);
  await sessionChanged(session);
  await recordAudit({ action: 'createSession', actor, target: { type: 'session', id: session.sessionId, label: session.topic.slice(0, 120) } });
  return sessionView(actor!, session, accessTo(actor!, session, tree), tree, { records: [], leaves: [] });
}

function mustBeScheduled(session: Session) {
  if (session.state === 'scheduled') return;
  const state = apiMessage(currentLang(), session.state === 'held' ? sessionsMessages.stateHeld : sessionsMessages.stateCancelled);
  throw new AppError('CONFLICT', { messageKey: sessionsMessages.notScheduled, params: { state }, details: { state: session.state } });
}

function mustBeAt(session: Session, version: number) {
  if (session.version === version) return;
  throw new AppError('CONFLICT', {
    messageKey: 'versionConflict',
    params: { expected: version, actual: session.version },
    details: { expectedVersion: version, currentVersion: session.version },
  });
}

/** Writes the next version of a session, then its rollup, and forgets this process's copies of it. */
async function saveSession(before: Session, after: Session): Promise<Session> {
  const next = { ...after, version: before.version + 1, updatedAt: nowIso() };
  await replaceSession(next, before.version);
  forgetFrame(next.sessionId);
  await sessionChanged(next, before);
  return next;
}

export async function updateSession(actor: Actor | null, sessionId: string, input: unknown) {
  authorize(actor, 'updateSession');
  const plan = UpdateSessionInput.parse(input);
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree, 'edit');
  mustBeScheduled(session);
  mustBeAt(session, plan.version);
  checkPlan(actor!, session.branchId, plan, tree);
  const changed: Session = {
    ...session,
    type: plan.type,
    topic: plan.topic,
    startsAt: new Date(plan.startsAt).toISOString(),
    endsAt: new Date(plan.endsAt).toISOString(),
    place: plan.place,
    online: plan.online,
    hostId: plan.hostId,
    recorderId: plan.recorderId,
    audience: plan.audience ?? { kind: 'members', unitIds: [session.branchId] },
    agenda: plan.agenda,
    materials: await filesOf(actor!, plan.materials, session.materials),
  };
  const saved = await saveSession(session, changed);
  await recordAudit({
    action: 'updateSession',
    actor,
    target: { type: 'session', id: sessionId, label: saved.topic.slice(0, 120) },
    changes: diff(session as unknown as Record<string, unknown>, saved as unknown as Record<string, unknown>, ['version', 'updatedAt', 'materials', 'audience']),
  });
  return getSession(actor, sessionId);
}

export async function cancelSession(actor: Actor | null, sessionId: string, input: unknown) {
  authorize(actor, 'cancelSession');
  const { version, reason } = CancelSessionInput.parse(input);
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree, 'edit');
  mustBeScheduled(session);
  mustBeAt(session, version);
  await saveSession(session, { ...session, state: 'cancelled', cancelReason: reason });
  await recordAudit({ action: 'cancelSession', actor, target: { type: 'session', id: sessionId, label: session.topic.slice(0, 120) }, details: { reason } });
  const expected = (await expectedPeople(session, tree)).map((person) => person.personId);
  await notify(expected, { kind: 'sessionCancelled', params: { topic: session.topic, startsAt: session.startsAt, reason }, link: `/sessions/${sessionId}` });
  return getSession(actor, sessionId);
}

/**
 * Closes a session that has begun: every expected person without a record is marked absent (with a make-up task),
 * and the tally is counted. A check-in racing the closing keeps its record (records are created only where none is).
 */
export async function closeSession(actor: Actor | null, sessionId: string, input: unknown) {
  authorize(actor, 'closeSession');
  const { version } = CloseSessionInput.parse(input);
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree, 'edit');
  mustBeScheduled(session);
  mustBeAt(session, version);
  const now = clock.now();
  if (now < new Date(session.startsAt)) throw new AppError('CONFLICT', { messageKey: sessionsMessages.closeTooEarly, params: { start: session.startsAt }, details: { reason: 'notStarted' } });
  const expected = (await expectedPeople(session, tree)).map((person) => person.personId);
  const { records } = await readSessionPartition(sessionId);
  const absent = closeRoster(session, expected, records, now);
  await insertRecords(absent, session.branchId);
  const after = await readSessionPartition(sessionId);
  const saved = await saveSession(session, { ...session, state: 'held', closedAt: now.toISOString(), tally: tallyOf(expected, after.records) });
  await recordAudit({ action: 'closeSession', actor, target: { type: 'session', id: sessionId, label: saved.topic.slice(0, 120) }, details: { absent: absent.length } });
  return getSession(actor, sessionId);
}

/** Reopens a closed session (administrators, with a reason in the audit log); its records stay as they are. */
export async function reopenSession(actor: Actor | null, sessionId: string, input: unknown) {
  authorize(actor, 'reopenSession');
  const { reason } = ReopenSessionInput.parse(input);
  const tree = await loadTree();
  const { session } = await sessionFor(actor!, sessionId, tree);
  if (session.state !== 'held') throw new AppError('CONFLICT', { messageKey: sessionsMessages.notHeld, details: { state: session.state } });
  await saveSession(session, { ...session, state: 'scheduled', closedAt: null, tally: null });
  await recordAudit({ action: 'reopenSession', actor, target: { type: 'session', id: sessionId, label: session.topic.slice(0, 120) }, details: { reason } });
  return getSession(actor, sessionId);
}

// ─── Minutes ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function saveMinutes(actor: Actor | null, sessionId: string, input: unknown) {
  authorize(actor, 'saveMinutes');
  const plan = SaveMinutesInput.parse(input);
  const tree = await loadTree();
  await sessionFor(actor!, sessionId, tree, 'record');
  const before = await readMinutes(sessionId);
  const minutes: Minutes = {
    text: plan.text,
    decisions: plan.decisions,
    files: await filesOf(actor!, plan.files, before?.files ?? []),
    savedAt: nowIso(),
    savedBy: actor!.personId,
    version: plan.version + 1,
  };
  if (!(await writeMinutes(sessionId, minutes, plan.version))) {
    const now = await readMinutes(sessionId);
    throw new AppError('CONFLICT', { messageKey: sessionsMessages.minutesStale, params: { version: now?.version ?? 0 }, details: { currentVersion: now?.version ?? 0 } });
  }
  return getSession(actor, sessionId);
}

// ─── For the other areas (no actor: callers are trusted system code) ───────────────────────────────────────────────

/** Scheduled sessions of every branch starting within [fromIso, toIso), with the people each expects (the reminders). */
export async function sessionsStartingBetween(fromIso: string, toIso: string) {
  const tree = await loadTree();
  const branches = tree.ordered().filter((unit) => unit.kind === 'branch');
  const found = (await Promise.all(branches.map((branch) => branchSessions(branch.unitId, fromIso, toIso)))).flat().filter((session) => session.state === 'scheduled');
  return Promise.all(
    found.map(async (session) => ({
      sessionId: session.sessionId,
      topic: session.topic,
      startsAt: session.startsAt,
      place: session.place || null,
      personIds: (await expectedPeople(session, tree)).map((person) => person.personId),
    })),
  );
}
