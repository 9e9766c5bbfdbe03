/**
 * The demo year of organisational life (dev/seed-sessions.ts, called by seedDemo): sessions in every branch, the
 * cadence showing gaps (branch 3 misses its Party group meetings), attendance with leave and make-ups, minutes on every
 * held session, and branch 1's session of today with check-in open.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';

const { call, signIn, seeded } = useLocalPlatform();
let leader = '';
let organizer1 = '';
let staff1 = '';

beforeAll(async () => {
  [leader, organizer1, staff1] = await Promise.all([signIn('leader'), signIn('organizer1'), signIn('staff1')]);
});

describe('the demo sessions', () => {
  it('give every branch a cadence, with gaps, and attendance figures with leave and make-ups', async () => {
    expect(seeded()?.sessions).toBeGreaterThan(40);
    const cadence = await call('GET', '/sessions/cadence', leader);
    expect(cadence.status).toBe(200);
    const branches = cadence.json.branches as { name: string; computedAt: string | null; summary: { held: number; missing: number }; attendance: { leave: number; madeUp: number; outstanding: number } }[];
    expect(branches).toHaveLength(3);
    expect(branches.every((b) => b.computedAt !== null)).toBe(true);
    expect(branches.some((b) => b.summary.missing > 0)).toBe(true);
    expect(branches.some((b) => b.summary.held > 0)).toBe(true);
    const first = branches[0]!;
    expect(first.attendance.leave + first.attendance.madeUp).toBeGreaterThan(0);
  });

  it('has branch 1’s session of today open for check-in, with people already in, and minutes on held sessions', async () => {
    const mine = await call('GET', '/sessions?mine=true', staff1);
    const shanghaiDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const today = (mine.json.items as { sessionId: string; startsAt: string; state: string }[]).find((s) => s.state === 'scheduled' && shanghaiDay(s.startsAt) === shanghaiDay(new Date().toISOString()));
    expect(today).toBeDefined();
    const code = await call('GET', `/sessions/${today!.sessionId}/check-in-code`, organizer1);
    expect(code.json.open).toBe(true);
    expect(code.json.counts.present).toBe(3);
    const held = (mine.json.items as { sessionId: string; state: string }[]).filter((s) => s.state === 'held');
    expect(held.length).toBeGreaterThan(10);
    const one = await call('GET', `/sessions/${held[0]!.sessionId}`, staff1);
    expect(one.json.minutes.text).toContain('会议情况');
  });
});
