import { describe, expect, it } from 'vitest';
import {
  approveLeave,
  checkIn,
  checkInOpen,
  checkInWindow,
  closeRoster,
  confirmMakeUp,
  flagInactive,
  lastAttendedOrMadeUp,
  makeUpDueAt,
  makeUpOverdue,
  markAttendance,
  monthsBefore,
  prefillMark,
  statusOf,
  submitMakeUp,
  type RosterSession,
} from './attendance.js';
import { AttendanceRecord } from './schema.js';

const MIN = 60_000;
const organizer = '01J00000000000000000000R01';
const p1 = '01J00000000000000000000P01';
const p2 = '01J00000000000000000000P02';
const p3 = '01J00000000000000000000P03';
const session: RosterSession = {
  sessionId: '01J000000000000000000SESS1',
  startsAt: '2027-03-10T06:30:00.000Z', // 14:30 in Shanghai
  endsAt: '2027-03-10T08:00:00.000Z', // 16:00
  state: 'scheduled',
};
const start = Date.parse(session.startsAt);
const end = Date.parse(session.endsAt);
const at = (ms: number) => new Date(ms);

/** A record that must be one the schema accepts. */
function recorded(decision: ReturnType<typeof checkIn>): AttendanceRecord {
  if (decision.outcome !== 'recorded') throw new Error(`expected a new record, got ${decision.outcome}`);
  return AttendanceRecord.parse(decision.record);
}

describe('the check-in window', () => {
  it('runs from 30 minutes before the start to the end, both inclusive', () => {
    expect(checkInWindow(session)).toEqual({ opensAt: '2027-03-10T06:00:00.000Z', closesAt: '2027-03-10T08:00:00.000Z' });
    expect(checkInOpen(session, at(start - 30 * MIN - 1))).toEqual({ open: false, reason: 'notYet' });
    expect(checkInOpen(session, at(start - 30 * MIN))).toEqual({ open: true });
    expect(checkInOpen(session, at(end))).toEqual({ open: true });
    expect(checkInOpen(session, at(end + 1))).toEqual({ open: false, reason: 'over' });
  });

  it('is shut for a cancelled or a closed session', () => {
    expect(checkInOpen({ ...session, state: 'cancelled' }, at(start))).toEqual({ open: false, reason: 'cancelled' });
    expect(checkInOpen({ ...session, state: 'held' }, at(start))).toEqual({ open: false, reason: 'closed' });
  });
});

describe('a check-in', () => {
  it('pre-fills present up to the start plus 5 minutes, late after', () => {
    expect(prefillMark(session, at(start - 20 * MIN))).toBe('present');
    expect(prefillMark(session, at(start + 5 * MIN))).toBe('present');
    expect(prefillMark(session, at(start + 5 * MIN + 1))).toBe('late');
    expect(prefillMark(session, at(start + 5 * MIN + 1), 10 * MIN)).toBe('present');
    expect(prefillMark(session, at(start + 1), 0)).toBe('late');
  });

  it('creates one record with the check-in time and how it was made', () => {
    const record = recorded(checkIn(session, p1, null, 'scan', at(start + 8 * MIN)));
    expect(record).toMatchObject({ personId: p1, sessionStartsAt: session.startsAt, checkedInAt: '2027-03-10T06:38:00.000Z', mark: 'late', markSource: 'scan', markedBy: null, makeUp: null });
    expect(recorded(checkIn(session, p2, null, 'reverse', at(start))).markSource).toBe('reverse');
  });

  it('answers a second check-in with the same record, unchanged, even after the window', () => {
    const first = recorded(checkIn(session, p1, null, 'scan', at(start - 10 * MIN)));
    expect(checkIn(session, p1, first, 'scan', at(start + 20 * MIN))).toEqual({ outcome: 'already', record: first });
    expect(checkIn({ ...session, state: 'held' }, p1, first, 'reverse', at(end + 60 * MIN))).toEqual({ outcome: 'already', record: first });
    const marked = markAttendance(session, p2, null, 'absent', organizer, at(start));
    expect(checkIn(session, p2, marked, 'scan', at(start + MIN))).toEqual({ outcome: 'already', record: marked });
  });

  it('is refused outside the window', () => {
    expect(checkIn(session, p1, null, 'scan', at(start - 31 * MIN))).toEqual({ outcome: 'refused', reason: 'notYet' });
    expect(checkIn(session, p1, null, 'scan', at(end + 1))).toEqual({ outcome: 'refused', reason: 'over' });
    expect(checkIn({ ...session, state: 'cancelled' }, p1, null, 'scan', at(start))).toEqual({ outcome: 'refused', reason: 'cancelled' });
  });
});

describe("the organizer's mark", () => {
  it('overrides a check-in and keeps its time', () => {
    const record = recorded(checkIn(session, p1, null, 'scan', at(start + 10 * MIN)));
    const present = AttendanceRecord.parse(markAttendance(session, p1, record, 'present', organizer, at(end)));
    expect(present).toMatchObject({ mark: 'present', markSource: 'organizer', markedBy: organizer, checkedInAt: record.checkedInAt, markedAt: session.endsAt });
  });

  it('creates a make-up task for an absence, due at the end of the 14th day after in Shanghai', () => {
    const absent = markAttendance(session, p1, null, 'absent', organizer, at(end));
    expect(absent.makeUp).toEqual({ dueAt: '2027-03-24T15:59:59.999Z', state: 'pending', submittedAt: null, confirmedAt: null, confirmedBy: null });
    expect(statusOf(absent)).toBe('absent');
  });

  it('drops an unconfirmed make-up when the person is marked present after all, and keeps the task when absent turns to leave', () => {
    const absent = markAttendance(session, p1, null, 'absent', organizer, at(end));
    const leave = markAttendance(session, p1, absent, 'leave', organizer, at(end + MIN));
    expect(leave.makeUp).toEqual(absent.makeUp);
    expect(markAttendance(session, p1, leave, 'present', organizer, at(end + 2 * MIN)).makeUp).toBeNull();
  });
});

describe('the make-up due date', () => {
  it('is the end of the Shanghai day 14 days after the session ends', () => {
    // Ends 23:30 in Shanghai on 31 March (15:30 UTC): due 14 April 23:59:59.999 +08:00.
    expect(makeUpDueAt('2027-03-31T15:30:00.000Z')).toBe('2027-04-14T15:59:59.999Z');
    // Ends 00:30 in Shanghai on 1 April (16:30 UTC on 31 March): that is 1 April, so due 15 April.
    expect(makeUpDueAt('2027-03-31T16:30:00.000Z')).toBe('2027-04-15T15:59:59.999Z');
    expect(makeUpDueAt('2027-12-20T08:00:00.000Z')).toBe('2028-01-03T15:59:59.999Z');
  });
});

describe('leave', () => {
  it('marks leave with a make-up task', () => {
    const decision = approveLeave(session, p1, null, organizer, at(start - 24 * 60 * MIN));
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(AttendanceRecord.parse(decision.record)).toMatchObject({ mark: 'leave', markSource: 'leave', markedBy: organizer, makeUp: { state: 'pending' } });
  });

  it('does not override a check-in', () => {
    const record = recorded(checkIn(session, p1, null, 'scan', at(start)));
    expect(approveLeave(session, p1, record, organizer, at(start + MIN))).toEqual({ ok: false, reason: 'checkedIn' });
  });
});

describe('closing the roster', () => {
  it('marks every expected person without a record absent, once each', () => {
    const checked = recorded(checkIn(session, p1, null, 'scan', at(start)));
    const added = closeRoster({ ...session, state: 'held' }, [p1, p2, p3, p2], [checked], at(end + 5 * MIN));
    expect(added.map((r) => [r.personId, r.mark, r.markSource, r.makeUp?.state])).toEqual([
      [p2, 'absent', 'close', 'pending'],
      [p3, 'absent', 'close', 'pending'],
    ]);
    for (const r of added) AttendanceRecord.parse(r);
  });
});

describe('make-up', () => {
  const absent = markAttendance(session, p1, null, 'absent', organizer, at(end));

  it('is submitted, then confirmed, and the row reads madeUp', () => {
    const submitted = submitMakeUp(absent, at(end + 3 * 86_400_000));
    expect(submitted.ok && submitted.record.makeUp).toMatchObject({ state: 'submitted', submittedAt: '2027-03-13T08:00:00.000Z' });
    if (!submitted.ok) return;
    const confirmed = confirmMakeUp(submitted.record, organizer, at(end + 4 * 86_400_000));
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.record.makeUp).toMatchObject({ state: 'confirmed', confirmedBy: organizer, confirmedAt: '2027-03-14T08:00:00.000Z' });
    expect(statusOf(confirmed.record)).toBe('madeUp');
    expect(confirmMakeUp(confirmed.record, p2, at(end + 5 * 86_400_000))).toEqual({ ok: true, record: confirmed.record });
    expect(submitMakeUp(confirmed.record, at(end + 5 * 86_400_000))).toEqual({ ok: false, reason: 'confirmed' });
  });

  it('may be confirmed straight from pending (done on paper)', () => {
    const confirmed = confirmMakeUp(absent, organizer, at(end + 86_400_000));
    expect(confirmed.ok && statusOf(confirmed.record)).toBe('madeUp');
  });

  it('does not exist for someone present', () => {
    const present = markAttendance(session, p2, null, 'present', organizer, at(end));
    expect(submitMakeUp(present, at(end))).toEqual({ ok: false, reason: 'noMakeUp' });
    expect(confirmMakeUp(present, organizer, at(end))).toEqual({ ok: false, reason: 'noMakeUp' });
  });

  it('is overdue after its due time until confirmed', () => {
    const due = Date.parse(absent.makeUp!.dueAt);
    expect(makeUpOverdue(absent, at(due))).toBe(false);
    expect(makeUpOverdue(absent, at(due + 1))).toBe(true);
    const confirmed = confirmMakeUp(absent, organizer, at(due + 2));
    expect(confirmed.ok && makeUpOverdue(confirmed.record, at(due + 3))).toBe(false);
  });

  it('keeps a confirmed make-up when the mark turns to present, but the row reads the mark', () => {
    const confirmed = confirmMakeUp(absent, organizer, at(end + MIN));
    if (!confirmed.ok) throw new Error('not confirmed');
    const present = markAttendance(session, p1, confirmed.record, 'present', organizer, at(end + 2 * MIN));
    expect(present.makeUp?.state).toBe('confirmed');
    expect(statusOf(present)).toBe('present');
  });
});

describe('six months without attending', () => {
  const now = new Date('2027-09-15T10:00:00+08:00');
  const sessionAt = (startsAt: string): RosterSession => ({ ...session, sessionId: `01J000000000000000000S${startsAt.slice(5, 7)}${startsAt.slice(8, 10)}`, startsAt, endsAt: new Date(Date.parse(startsAt) + 90 * MIN).toISOString(), state: 'held' });

  it('counts six calendar months back in Shanghai, clamping the day', () => {
    expect(monthsBefore(now, 6).toISOString()).toBe(new Date('2027-03-15T10:00:00+08:00').toISOString());
    expect(monthsBefore(new Date('2027-08-31T09:00:00+08:00'), 6).toISOString()).toBe(new Date('2027-02-28T09:00:00+08:00').toISOString());
    expect(monthsBefore(new Date('2027-03-01T07:00:00+08:00'), 6).toISOString()).toBe(new Date('2026-09-01T07:00:00+08:00').toISOString());
  });

  it('takes the last attended session, or the last confirmed make-up', () => {
    const attended = markAttendance(sessionAt('2027-02-10T06:30:00.000Z'), p1, null, 'late', organizer, now);
    const absent = markAttendance(sessionAt('2027-04-10T06:30:00.000Z'), p1, null, 'absent', organizer, now);
    const leave = markAttendance(sessionAt('2027-05-10T06:30:00.000Z'), p1, null, 'leave', organizer, now);
    expect(lastAttendedOrMadeUp([attended, absent, leave])).toBe('2027-02-10T06:30:00.000Z');
    const madeUp = confirmMakeUp(absent, organizer, new Date('2027-04-20T09:00:00+08:00'));
    if (!madeUp.ok) throw new Error('not confirmed');
    expect(lastAttendedOrMadeUp([attended, madeUp.record, leave])).toBe('2027-04-20T01:00:00.000Z');
    expect(lastAttendedOrMadeUp([leave])).toBeNull();
  });

  it('flags members with nothing within six months, not those who joined since', () => {
    const old = markAttendance(sessionAt('2027-03-15T01:59:59.000Z'), p1, null, 'present', organizer, now); // 09:59:59 +08:00, just before the threshold
    const recent = markAttendance(sessionAt('2027-03-15T02:00:00.000Z'), p2, null, 'present', organizer, now); // exactly the threshold
    const members = [
      { personId: p1, since: '2020-01-01T00:00:00.000Z' },
      { personId: p2, since: '2020-01-01T00:00:00.000Z' },
      { personId: p3, since: '2027-06-01T00:00:00.000Z' },
      { personId: organizer, since: '2026-01-01T00:00:00.000Z' },
    ];
    expect(flagInactive(members, [old, recent], now)).toEqual([
      { personId: p1, lastAt: '2027-03-15T01:59:59.000Z', since: '2020-01-01T00:00:00.000Z' },
      { personId: organizer, lastAt: null, since: '2026-01-01T00:00:00.000Z' },
    ]);
  });
});
