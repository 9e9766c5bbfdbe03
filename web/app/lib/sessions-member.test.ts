import { describe, expect, it } from 'vitest';
import { byMonth, checkInReasonOf, groupDigits, monthOf, shanghaiYear, splitByTime, timeRange } from './sessions-member';
import { percent } from './format';
import { sessionIdOfToken } from './sessions-member.server';

describe('the session pages’ helpers', () => {
  it('say a session’s time in Shanghai, with the weekday, and the end’s date only when it is another day', () => {
    // 06:30 UTC is 14:30 in Shanghai; 2026-11-30 is a Monday.
    expect(timeRange('2026-11-30T06:30:00Z', '2026-11-30T08:00:00Z', 'zh-CN')).toBe('2026年11月30日 周一 14:30–16:00');
    expect(timeRange('2026-11-30T06:30:00Z', '2026-11-30T08:00:00Z', 'en')).toBe('30 Nov 2026 Mon 14:30–16:00');
    // 23:00 UTC on the 30th is already 1 December in Shanghai; it ends on the 2nd.
    expect(timeRange('2026-11-30T23:00:00Z', '2026-12-01T17:00:00Z', 'zh-CN')).toBe('2026年12月1日 周二 07:00–2026年12月2日 01:00');
  });

  it('group sessions by their month in Shanghai, not in UTC', () => {
    expect(monthOf('2026-11-30T17:00:00Z', 'zh-CN')).toEqual({ key: '2026-12', label: '2026年12月' });
    const groups = byMonth([{ startsAt: '2026-11-02T01:00:00Z' }, { startsAt: '2026-11-30T16:30:00Z' }, { startsAt: '2026-12-05T01:00:00Z' }], 'en');
    expect(groups.map((g) => [g.key, g.label, g.sessions.length])).toEqual([
      ['2026-11', 'November 2026', 1],
      ['2026-12', 'December 2026', 2],
    ]);
    expect(shanghaiYear(Date.parse('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('put sessions not yet ended first (soonest first) and past ones after (latest first)', () => {
    const now = Date.parse('2026-11-30T06:00:00Z');
    const s = (id: string, start: string, end: string) => ({ id, startsAt: start, endsAt: end });
    const { upcoming, past } = splitByTime(
      [
        s('later', '2026-12-03T06:00:00Z', '2026-12-03T07:00:00Z'),
        s('running', '2026-11-30T05:30:00Z', '2026-11-30T07:00:00Z'),
        s('old', '2026-10-01T06:00:00Z', '2026-10-01T07:00:00Z'),
        s('recent', '2026-11-29T06:00:00Z', '2026-11-29T07:00:00Z'),
      ],
      now,
    );
    expect(upcoming.map((x) => x.id)).toEqual(['running', 'later']);
    expect(past.map((x) => x.id)).toEqual(['recent', 'old']);
  });

  it('read the reason of a refused check-in only when it is a known one', () => {
    expect(checkInReasonOf({ error: { code: 'CONFLICT', message: '…', details: { reason: 'stale' } } })).toBe('stale');
    expect(checkInReasonOf({ error: { details: { reason: 'somethingElse' } } })).toBeNull();
    expect(checkInReasonOf(null)).toBeNull();
    expect(checkInReasonOf('text')).toBeNull();
  });

  it('show six digits in two groups, rates as whole percentages, and find the session a token names', () => {
    expect(groupDigits('012345')).toBe('012 345');
    expect(groupDigits('12')).toBe('12');
    expect(percent(0.875)).toBe('88%');
    expect(percent(null)).toBe('—');
    expect(sessionIdOfToken('01JQ0000000000000000000000.k3x.abcdef')).toBe('01JQ0000000000000000000000');
    expect(sessionIdOfToken('../etc.k3x.abc')).toBeNull();
  });
});
