/**
 * How a session reads to one person: the list row and the full page, with their own record, leave and make-up.
 * Keys of files become short-lived download addresses here, for those allowed to see the session only.
 */
import { clock } from '../../platform/clock.js';
import type { Actor } from '../authz/permissions.js';
import { mayPerform } from '../authz/capabilities.js';
import type { OrgTree } from '../org/tree.js';
import { peopleByIds } from '../people/directory.js';
import { downloadUrl } from '../uploads/service.js';
import type { SessionAccess } from './access.js';
import { checkInOpen, checkInWindow, makeUpOverdue, statusOf } from './attendance.js';
import type { AttendanceRecord, LeaveRequest, Minutes, Session, SessionFile } from './schema.js';

export async function namesOf(personIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(personIds.filter((id): id is string => id !== null))];
  const people = ids.length ? await peopleByIds(ids) : [];
  return new Map(people.map((person) => [person.personId, person.name]));
}

export function summaryOf(session: Session, tree: OrgTree, names: Map<string, string>, mine: { record?: AttendanceRecord; leave?: LeaveRequest; expected: boolean }) {
  return {
    sessionId: session.sessionId,
    branchId: session.branchId,
    branchName: tree.get(session.branchId)?.name ?? '—',
    type: session.type,
    topic: session.topic,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    place: session.place,
    online: session.online,
    state: session.state,
    hostName: names.get(session.hostId) ?? '—',
    cancelReason: session.cancelReason,
    tally: session.tally,
    myStatus: mine.record ? statusOf(mine.record) : null,
    myLeave: mine.leave?.state ?? null,
    myMakeUp: mine.record?.makeUp ? { state: mine.record.makeUp.state, dueAt: mine.record.makeUp.dueAt, overdue: makeUpOverdue(mine.record, clock.now()) } : null,
    expectsMe: mine.expected,
  };
}

const fileView = async (file: SessionFile) => ({ ...file, url: await downloadUrl(file.key, file.fileName) });

export const makeUpView = (record: AttendanceRecord | undefined, now: Date) =>
  record?.makeUp
    ? {
        state: record.makeUp.state,
        dueAt: record.makeUp.dueAt,
        overdue: makeUpOverdue(record, now),
        reflection: record.makeUp.reflection ?? null,
        submittedAt: record.makeUp.submittedAt,
        confirmedAt: record.makeUp.confirmedAt,
      }
    : null;

export const leaveView = (leave: LeaveRequest | undefined) =>
  leave ? { state: leave.state, reason: leave.reason, note: leave.note, requestedAt: leave.requestedAt, decidedAt: leave.decidedAt } : null;

export async function sessionView(
  actor: Actor,
  session: Session,
  access: SessionAccess,
  tree: OrgTree,
  parts: { records: readonly AttendanceRecord[]; leaves: readonly LeaveRequest[]; minutes?: Minutes },
) {
  const now = clock.now();
  const record = parts.records.find((r) => r.personId === actor.personId);
  const leave = parts.leaves.find((l) => l.personId === actor.personId);
  const audiencePeople = session.audience.kind === 'people' ? session.audience.personIds : [];
  const names = await namesOf([session.hostId, session.recorderId, parts.minutes?.savedBy ?? null, ...audiencePeople]);
  const window = checkInWindow(session);
  return {
    ...summaryOf(session, tree, names, { record, leave, expected: access.expected }),
    hostId: session.hostId,
    recorderId: session.recorderId,
    recorderName: session.recorderId ? (names.get(session.recorderId) ?? '—') : null,
    audience: {
      kind: session.audience.kind,
      units: session.audience.kind === 'members' ? session.audience.unitIds.map((unitId) => ({ unitId, name: tree.get(unitId)?.name ?? '—' })) : [],
      people: audiencePeople.map((personId) => ({ personId, name: names.get(personId) ?? '—' })),
    },
    agenda: session.agenda,
    materials: await Promise.all(session.materials.map(fileView)),
    minutes: parts.minutes
      ? {
          text: parts.minutes.text,
          decisions: parts.minutes.decisions,
          files: await Promise.all(parts.minutes.files.map(fileView)),
          savedAt: parts.minutes.savedAt,
          savedByName: names.get(parts.minutes.savedBy) ?? '—',
          version: parts.minutes.version,
        }
      : null,
    version: session.version,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    closedAt: session.closedAt,
    checkIn: { opensAt: window.opensAt, closesAt: window.closesAt, open: checkInOpen(session, now).open },
    mine: {
      checkedInAt: record?.checkedInAt ?? null,
      makeUp: makeUpView(record, now),
      leave: leaveView(leave),
      mayRequestLeave:
        access.expected && session.state === 'scheduled' && now < new Date(session.startsAt) && !record?.checkedInAt && (leave === undefined || leave.state === 'pending'),
    },
    may: { edit: access.edit, host: access.host, record: access.record, readRoster: access.readRoster, reopen: session.state === 'held' && mayPerform(actor, 'reopenSession') },
  };
}
