import { describe, expect, it } from 'vitest';
import { openQuarters, previousQuarter, quarterOf, quartersOfYear } from './quarter.js';

describe('quarters in Shanghai', () => {
  it('puts an instant in the quarter of its Shanghai day', () => {
    expect(quarterOf(new Date('2027-03-31T15:59:59Z'))).toBe('2027-Q1');
    expect(quarterOf(new Date('2027-03-31T16:00:00Z'))).toBe('2027-Q2'); // 1 April 00:00 in Shanghai
    expect(quarterOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-Q1');
  });
  it('steps back across a year', () => {
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(previousQuarter('2027-Q3')).toBe('2027-Q2');
  });
  it('opens the current quarter and the one before', () => {
    expect(openQuarters(new Date('2027-01-05T00:00:00Z'))).toEqual(['2027-Q1', '2026-Q4']);
    expect(quartersOfYear(2027)).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
  });
});
