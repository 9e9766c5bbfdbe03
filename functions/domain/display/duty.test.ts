import { describe, expect, it } from 'vitest';
import { onDuty, shanghaiToday } from './duty.js';

describe('the day on duty', () => {
  it('is the Shanghai day and its ISO weekday', () => {
    // Sunday 2027-01-03 15:59 UTC is Sunday 23:59 in Shanghai; a minute later it is Monday.
    expect(shanghaiToday(new Date('2027-01-03T15:59:00Z'))).toEqual({ day: '2027-01-03', weekday: 7, year: 2027 });
    expect(shanghaiToday(new Date('2027-01-03T16:00:00Z'))).toEqual({ day: '2027-01-04', weekday: 1, year: 2027 });
    expect(shanghaiToday(new Date('2026-12-31T16:30:00Z')).year).toBe(2027);
  });
  it('keeps the cards whose duty days hold the weekday', () => {
    const cards = [
      { name: 'a', dutyDays: [1, 2, 3, 4, 5] },
      { name: 'b', dutyDays: [6, 7] },
      { name: 'c', dutyDays: [] },
    ];
    expect(onDuty(cards, 1).map((c) => c.name)).toEqual(['a']);
    expect(onDuty(cards, 7).map((c) => c.name)).toEqual(['b']);
  });
});
