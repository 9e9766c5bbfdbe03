import { describe, expect, it } from 'vitest';
import { cadenceOf, complianceIn, periodOf, summarize } from './cadence.js';
import { CadenceRule, CadenceRules, DEFAULT_CADENCE_RULES, type CadenceSession } from './schema.js';

let n = 0;
/** A session of `type` starting at `startsAt` (an instant with its offset), an hour and a half long. */
function session(type: CadenceSession['type'], startsAt: string, state: CadenceSession['state'] = 'held'): CadenceSession {
  n += 1;
  const start = new Date(startsAt);
  return {
    sessionId: `01J00000000000000000000S${String(n).padStart(2, '0')}`,
    type,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
    state,
  };
}
const rule = (type: CadenceRule['type'], period: CadenceRule['period'], count = 1) => CadenceRule.parse({ type, period, count });

describe('periods in Shanghai', () => {
  it('turns the month at 00:00 +08:00, not at UTC midnight', () => {
    expect(periodOf('month', new Date('2027-03-31T23:59:59+08:00')).key).toBe('2027-03');
    expect(periodOf('month', new Date('2027-04-01T00:00:00+08:00')).key).toBe('2027-04');
    // 16:00 UTC on 31 March is already 1 April in Shanghai.
    expect(periodOf('month', new Date('2027-03-31T16:00:00Z')).key).toBe('2027-04');
    const march = periodOf('month', new Date('2027-03-15T12:00:00+08:00'));
    expect(march.startsAt.toISOString()).toBe('2027-02-28T16:00:00.000Z');
    expect(march.endsAt.toISOString()).toBe('2027-03-31T16:00:00.000Z');
  });

  it('names quarters and bounds them', () => {
    expect(periodOf('quarter', new Date('2027-01-01T00:00:00+08:00')).key).toBe('2027-Q1');
    expect(periodOf('quarter', new Date('2027-06-30T23:59:00+08:00')).key).toBe('2027-Q2');
    expect(periodOf('quarter', new Date('2027-07-01T00:00:00+08:00')).key).toBe('2027-Q3');
    const q4 = periodOf('quarter', new Date('2027-11-11T10:00:00+08:00'));
    expect(q4.key).toBe('2027-Q4');
    expect(q4.startsAt.toISOString()).toBe('2027-09-30T16:00:00.000Z');
    expect(q4.endsAt.toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });

  it('turns the year at New Year in Shanghai', () => {
    expect(periodOf('year', new Date('2027-12-31T23:59:59.999+08:00')).key).toBe('2027');
    expect(periodOf('year', new Date('2027-12-31T16:00:00Z')).key).toBe('2028');
    const y = periodOf('year', new Date('2028-02-29T12:00:00+08:00'));
    expect([y.startsAt.toISOString(), y.endsAt.toISOString()]).toEqual(['2027-12-31T16:00:00.000Z', '2028-12-31T16:00:00.000Z']);
  });
});

describe('a rule in its current period', () => {
  const now = new Date('2027-03-10T10:00:00+08:00');

  it('is held when enough sessions were held, missing when none', () => {
    const [held] = cadenceOf([rule('committee', 'month')], [session('committee', '2027-03-02T15:00:00+08:00')], now);
    expect(held).toMatchObject({ key: '2027-03', required: 1, held: 1, scheduled: 0, status: 'held', atRisk: false });
    const [missing] = cadenceOf([rule('committee', 'month')], [session('groupMeeting', '2027-03-02T15:00:00+08:00')], now);
    expect(missing).toMatchObject({ held: 0, status: 'missing', atRisk: false });
  });

  it('counts only sessions in the current period', () => {
    const sessions = [session('committee', '2027-02-28T23:59:00+08:00'), session('committee', '2027-04-01T00:00:00+08:00', 'scheduled')];
    expect(cadenceOf([rule('committee', 'month')], sessions, now)[0]).toMatchObject({ held: 0, scheduled: 0, status: 'missing' });
  });

  it('is scheduled when only planned sessions would meet it', () => {
    const [c] = cadenceOf([rule('themeDay', 'month')], [session('themeDay', '2027-03-25T09:00:00+08:00', 'scheduled')], now);
    expect(c).toMatchObject({ held: 0, scheduled: 1, status: 'scheduled', atRisk: false });
  });

  it('never counts a cancelled session', () => {
    const sessions = [session('committee', '2027-03-02T15:00:00+08:00', 'cancelled'), session('committee', '2027-03-20T15:00:00+08:00', 'cancelled')];
    expect(cadenceOf([rule('committee', 'month')], sessions, now)[0]).toMatchObject({ held: 0, scheduled: 0, unclosed: 0, status: 'missing' });
  });

  it('does not count a planned session whose end has passed, and says it is unclosed', () => {
    const [c] = cadenceOf([rule('committee', 'month')], [session('committee', '2027-03-05T15:00:00+08:00', 'scheduled')], now);
    expect(c).toMatchObject({ held: 0, scheduled: 0, unclosed: 1, status: 'missing' });
  });

  it('needs the full count: one of two is not enough, one held and one planned is scheduled', () => {
    const twice = rule('topicStudy', 'month', 2);
    const one = [session('topicStudy', '2027-03-03T09:00:00+08:00')];
    expect(cadenceOf([twice], one, now)[0]).toMatchObject({ required: 2, held: 1, status: 'missing' });
    const planned = [...one, session('topicStudy', '2027-03-28T09:00:00+08:00', 'scheduled')];
    expect(cadenceOf([twice], planned, now)[0]).toMatchObject({ held: 1, scheduled: 1, status: 'scheduled' });
    const both = [...one, session('topicStudy', '2027-03-08T09:00:00+08:00')];
    expect(cadenceOf([twice], both, now)[0]).toMatchObject({ held: 2, status: 'held' });
  });

  it('counts a session at 23:59 Shanghai on the last day of a quarter in that quarter', () => {
    const late = session('branchCongress', '2027-03-31T23:59:00+08:00');
    const inQ1 = cadenceOf([rule('branchCongress', 'quarter')], [late], new Date('2027-04-01T00:30:00+08:00'));
    expect(inQ1[0]).toMatchObject({ key: '2027-Q2', held: 0, status: 'missing' });
    const q1 = complianceIn(rule('branchCongress', 'quarter'), periodOf('quarter', new Date('2027-03-01T00:00:00+08:00')), [late], new Date('2027-04-01T00:30:00+08:00'));
    expect(q1).toMatchObject({ key: '2027-Q1', held: 1, status: 'held' });
  });

  it('starts a new year at New Year in Shanghai', () => {
    const lifeMeeting = session('lifeMeeting', '2027-12-31T20:00:00+08:00');
    const rules = [rule('lifeMeeting', 'year')];
    expect(cadenceOf(rules, [lifeMeeting], new Date('2027-12-31T23:59:59+08:00'))[0]).toMatchObject({ key: '2027', status: 'held' });
    expect(cadenceOf(rules, [lifeMeeting], new Date('2028-01-01T00:00:00+08:00'))[0]).toMatchObject({ key: '2028', status: 'missing', atRisk: false });
  });
});

describe('at risk', () => {
  const rules = [rule('committee', 'month')];
  const endOfMarch = new Date('2027-04-01T00:00:00+08:00').getTime();
  const daysBefore = (days: number) => new Date(endOfMarch - days * 86_400_000);

  it('is at risk within 7 days of the period end, inclusive, and not before', () => {
    expect(cadenceOf(rules, [], daysBefore(7))[0]!.atRisk).toBe(true);
    expect(cadenceOf(rules, [], new Date(daysBefore(7).getTime() - 1))[0]!.atRisk).toBe(false);
    expect(cadenceOf(rules, [], daysBefore(0.001))[0]!.atRisk).toBe(true);
  });

  it('takes the number of days as a parameter', () => {
    expect(cadenceOf(rules, [], daysBefore(10), { atRiskDays: 14 })[0]!.atRisk).toBe(true);
    expect(cadenceOf(rules, [], daysBefore(10), { atRiskDays: 3 })[0]!.atRisk).toBe(false);
  });

  it('holds for a period met only by plans, never for one already held', () => {
    const now = daysBefore(2);
    const planned = [session('committee', '2027-03-31T09:00:00+08:00', 'scheduled')];
    expect(cadenceOf(rules, planned, now)[0]).toMatchObject({ status: 'scheduled', atRisk: true });
    const held = [session('committee', '2027-03-03T09:00:00+08:00')];
    expect(cadenceOf(rules, held, now)[0]).toMatchObject({ status: 'held', atRisk: false });
  });
});

describe('the default rules', () => {
  it('are the national cadence', () => {
    const byType = Object.fromEntries(DEFAULT_CADENCE_RULES.map((r) => [r.type, `${r.period}×${r.count}`]));
    expect(byType).toEqual({
      committee: 'month×1',
      groupMeeting: 'month×1',
      themeDay: 'month×1',
      branchCongress: 'quarter×1',
      partyLecture: 'quarter×1',
      lifeMeeting: 'year×1',
      democraticReview: 'year×1',
    });
    expect(DEFAULT_CADENCE_RULES.find((r) => r.type === 'partyLecture')?.note).toContain('书记');
  });

  it('answer every rule for a branch, and a summary', () => {
    const now = new Date('2027-12-28T10:00:00+08:00');
    const sessions = [
      session('committee', '2027-12-03T15:00:00+08:00'),
      session('groupMeeting', '2027-12-30T15:00:00+08:00', 'scheduled'),
      session('branchCongress', '2027-10-20T15:00:00+08:00'),
      session('partyLecture', '2027-09-20T15:00:00+08:00'),
      session('lifeMeeting', '2027-12-20T15:00:00+08:00'),
    ];
    const all = cadenceOf(DEFAULT_CADENCE_RULES, sessions, now);
    expect(all.map((c) => `${c.type}:${c.key}:${c.status}${c.atRisk ? '!' : ''}`)).toEqual([
      'committee:2027-12:held',
      'groupMeeting:2027-12:scheduled!',
      'themeDay:2027-12:missing!',
      'branchCongress:2027-Q4:held',
      'partyLecture:2027-Q4:missing!',
      'lifeMeeting:2027:held',
      'democraticReview:2027:missing!',
    ]);
    expect(summarize(all)).toEqual({ held: 3, scheduled: 1, missing: 3, atRisk: 4 });
  });

  it('refuse a rule set with two rules for the same type and period, or a count of zero', () => {
    expect(CadenceRules.safeParse([rule('committee', 'month'), rule('committee', 'month', 2)]).success).toBe(false);
    expect(CadenceRules.safeParse([rule('committee', 'month'), rule('committee', 'quarter', 3)]).success).toBe(true);
    expect(CadenceRule.safeParse({ type: 'committee', period: 'month', count: 0 }).success).toBe(false);
    expect(CadenceRule.safeParse({ type: 'meeting', period: 'month', count: 1 }).success).toBe(false);
  });
});
